"""The few pieces of RFC 5545 an agenda needs: escaped text, folded content lines, times.

Kept apart from the agenda so that the rules of the file format (which calendar programs are
strict about) can be read and tested on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

CRLF: Final = b"\r\n"
LINE_OCTETS: Final = 75
"""RFC 5545 3.1: a content line is at most 75 octets long, not counting the line break."""


def escape_text(value: str) -> str:
    """A TEXT value with backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).

    Other control characters are not allowed in TEXT at all, so they are left out rather than
    letting a calendar program refuse the whole file.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return "".join(c for c in value if c == "\t" or (c >= " " and c != "\x7f"))


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded after at most 75 octets, ending with CRLF.

    A continuation starts with one space, which counts towards its 75 octets. A line is never
    folded inside the bytes of one character, so every piece is valid UTF-8 on its own.
    """
    out = bytearray()
    width = 0
    for char in line:
        octets = char.encode("utf-8")
        if width + len(octets) > LINE_OCTETS:
            out += CRLF + b" "
            width = 1
        out += octets
        width += len(octets)
    out += CRLF
    return bytes(out)


def content_line(name: str, value: str, params: Iterable[tuple[str, str]] = ()) -> bytes:
    """`NAME;PARAM=value:VALUE`, folded. `value` must already be escaped where it is TEXT."""
    head = name + "".join(f";{key}={param}" for key, param in params)
    return fold(f"{head}:{value}")


def date_time(moment: dt.datetime) -> str:
    """A DATE-TIME value: floating (local wall time) when naive, else in UTC with a Z."""
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
