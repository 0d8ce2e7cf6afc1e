"""The protocol as one self-contained HTML file, a handout that prints well on A4.

Nothing is loaded from outside: the style sheet is inline, the fonts are the reader's own, there
is no script. So the file opens the same offline, in ten years, and on a locked-down office PC,
and a confidential protocol never makes a request that could tell anyone it was opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any, Final

from formatkern.outputs.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Paragraph,
    Section,
    Table,
)
from formatkern.outputs.protocol import protocol

STYLE: Final = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
:root { color-scheme: light; }
body {
  font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 11pt; line-height: 1.4; color: #111; background: #fff;
  max-width: 50em; margin: 2em auto; padding: 0 1em;
}
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin: 1.1em 0 .3em; }
h4, h5, h6 { font-size: 11pt; margin: .8em 0 .2em; }
.subtitle { margin: 0 0 1em; color: #444; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .5em 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { border: 1px solid #999; padding: .2em .45em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
p.confidential { border-left: 4px solid #555; background: #f3f3f3; padding: .3em .6em; }
p.question, p.note { font-style: italic; }
ul { margin: .3em 0 .8em; padding-left: 1.4em; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, dl.facts, p.confidential, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  section.case, section.seating, section.vote { break-inside: avoid-page; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


def render(record: Mapping[str, Any], lang: str) -> str:
    """The HTML handout of a record (an output's `render`)."""
    return to_html(protocol(record, lang))


def to_html(document: Document) -> str:
    lang = escape(document.lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="formatkern">',
        f"<title>{escape(document.title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(document.title)}</h1>",
    ]
    if document.subtitle:
        parts.append(f'<p class="subtitle">{escape(document.subtitle)}</p>')
    blocks = list(document.blocks)
    if blocks and isinstance(blocks[0], Facts):  # the date, place and people head the page
        parts += _block(blocks.pop(0), 2)
    parts += ["</header>", "<main>"]
    for block in blocks:
        parts += _block(block, 2)
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _block(block: Block, level: int) -> list[str]:
    match block:
        case Section():
            attributes = f' class="{escape(block.kind)}"' if block.kind else ""
            if block.slug:
                attributes += f' id="{escape(block.slug)}"'
            heading = min(level, 6)
            lines = [f"<section{attributes}>", f"<h{heading}>{escape(block.title)}</h{heading}>"]
            for inner in block.blocks:
                lines += _block(inner, level + 1)
            return [*lines, "</section>"]
        case Facts():
            rows = [
                f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in block.rows
            ]
            return ['<dl class="facts">', *rows, "</dl>"]
        case Paragraph():
            kind = f' class="{escape(block.kind)}"' if block.kind else ""
            return [f"<p{kind}>{escape(block.text)}</p>"]
        case Bullets():
            return ["<ul>", *(f"<li>{escape(item)}</li>" for item in block.items), "</ul>"]
        case Table():
            return _table(block)


def _table(table: Table) -> list[str]:
    def cell(tag: str, index: int, text: str) -> str:
        kind = ' class="num"' if index in table.numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{kind}{scope}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, text) for i, text in enumerate(table.headers))
    rows = [
        "<tr>" + "".join(cell("td", i, text) for i, text in enumerate(cells)) + "</tr>"
        for cells in table.rows
    ]
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
