"""The protocol as Markdown: readable as plain text, and fine in any Markdown viewer or wiki."""

from __future__ import annotations

import re
from collections.abc import Mapping
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

_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """People's words as literal text: no accidental emphasis, links, HTML or table cells."""
    return _SPECIAL.sub(r"\\\1", text)


def _inline(text: str) -> str:
    """One line: line breaks in a note become spaces (a table cell or a list item)."""
    return escape(" ".join(text.split()))


def render(record: Mapping[str, Any], lang: str) -> str:
    """The Markdown protocol of a record (an output's `render`)."""
    return to_markdown(protocol(record, lang))


def to_markdown(document: Document) -> str:
    lines = [f"# {_inline(document.title)}", ""]
    if document.subtitle:
        lines += [f"*{_inline(document.subtitle)}*", ""]
    for block in document.blocks:
        lines += _block(block, 2)
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: Block, level: int) -> list[str]:
    match block:
        case Section():
            lines = [f"{'#' * min(level, 6)} {_inline(block.title)}", ""]
            for inner in block.blocks:
                lines += _block(inner, level + 1)
            return lines
        case Facts():
            return [f"- **{_inline(label)}:** {_inline(value)}" for label, value in block.rows] + [
                ""
            ]
        case Paragraph():
            text = _inline(block.text)
            if block.kind == "confidential":
                return [f"> {text}", ""]
            if block.kind in ("question", "note"):
                return [f"*{text}*", ""]
            return [text, ""]
        case Bullets():
            return [f"- {_inline(item)}" for item in block.items] + [""]
        case Table():
            return _table(block)


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_inline(c) for c in cells) + " |"

    rule = ["---:" if index in table.numeric else "---" for index in range(len(table.headers))]
    lines = [row(table.headers), "| " + " | ".join(rule) + " |"]
    lines += [row(cells) for cells in table.rows]
    return [*lines, ""]
