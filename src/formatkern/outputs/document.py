"""The protocol as a small tree of blocks, so that Markdown and HTML say exactly the same.

`protocol.py` decides what the protocol says; `markdown.py` and `html.py` only decide how it
looks. Texts in blocks are plain (unescaped); each renderer escapes for its own syntax.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Facts:
    """Label and value pairs: the head of the protocol, the facts of a case."""

    rows: tuple[tuple[str, str], ...]


@attrs.frozen
class Paragraph:
    text: str
    kind: str = ""
    """"confidential" for what was left out, "note" for a hint; renderers may style them."""


@attrs.frozen
class Bullets:
    items: tuple[str, ...]


@attrs.frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    """Columns aligned to the right (minutes, points)."""


@attrs.frozen
class Section:
    title: str
    blocks: tuple[Block, ...]
    slug: str = ""
    """An id for links and print rules, e.g. "fall-2"."""
    kind: str = ""
    """What the section holds (agenda, case, groups, votes, ...), for styling."""


Block = Facts | Paragraph | Bullets | Table | Section


@attrs.frozen
class Document:
    title: str
    lang: str
    blocks: tuple[Block, ...]
    subtitle: str = ""


def section(title: str, blocks: list[Block], slug: str = "", kind: str = "") -> list[Block]:
    """A section as a one-element list, or nothing when it would be empty."""
    return [Section(title, tuple(blocks), slug, kind or slug)] if blocks else []
