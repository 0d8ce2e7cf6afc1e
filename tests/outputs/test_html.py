"""The HTML handout: one file that opens offline, prints on A4 and has a proper structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from formatkern.engine import Session
from formatkern.outputs import export
from formatkern.outputs.html import to_html
from formatkern.outputs.protocol import protocol
from formatkern.record import session_record

from .story import TEAM

VOID = frozenset({"meta", "br", "img", "hr", "input", "link"})


class Outline(HTMLParser):
    """What a reader (or a screen reader) finds in the page: tags, headings, sections, links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.sections: list[dict[str, str | None]] = []
        self.style = ""
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append((tag, dict(attrs)))
        if tag not in VOID:  # void elements have no end tag
            self._open.append(tag)
        self._text = []
        if tag == "section":
            self.sections.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        assert self._open and self._open[-1] == tag, f"</{tag}> closes <{self._open[-1:]}>"
        self._open.pop()
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, "".join(self._text).strip()))
        if tag == "style":
            self.style = "".join(self._text)

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append((tag, dict(attrs)))

    def check_closed(self) -> None:
        assert self._open == [], f"unclosed: {self._open}"


@pytest.fixture(scope="module")
def page(session: Session) -> str:
    content = export(session, to="html")
    assert isinstance(content, str)
    return content


@pytest.fixture(scope="module")
def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    parser.check_closed()
    return parser


def test_the_handout_is_a_whole_german_page_with_one_title(outline: Outline) -> None:
    assert outline.tags[:3] == ["html", "head", "meta"]
    html_attrs = outline.attributes[0][1]
    assert html_attrs.get("lang") == "de"
    assert [h for h in outline.headings if h[0] == "h1"] == [
        ("h1", "Kollegiale Beratung – Protokoll")
    ]
    assert {"header", "main", "title", "style"} <= set(outline.tags)


def test_every_case_is_a_section_of_its_own_and_case_two_says_it_is_confidential(
    outline: Outline,
) -> None:
    cases = [s for s in outline.sections if s.get("class") == "case"]
    assert [s.get("id") for s in cases] == ["fall-1", "fall-2", "fall-3"]
    assert ("h3", "Fall 2: Inhalt vertraulich") in outline.headings
    assert ("h2", "Ablauf") in outline.headings and ("h2", "Abstimmungen") in outline.headings


def test_tables_have_header_rows(outline: Outline) -> None:
    assert outline.tags.count("table") >= 2
    assert outline.tags.count("thead") == outline.tags.count("table")
    assert outline.tags.count("th") >= 9


def test_the_handout_loads_nothing_from_outside(page: str, outline: Outline) -> None:
    assert "http" not in page.lower()
    assert "//" not in re.sub(r"<!DOCTYPE html>", "", page)
    assert not {"link", "script", "img", "iframe", "object", "embed"} & set(outline.tags)
    assert "@import" not in outline.style and "url(" not in outline.style
    assert "@font-face" not in outline.style


def test_the_handout_prints_on_a4_without_breaking_tables_or_headings(outline: Outline) -> None:
    style = outline.style
    assert "@page { size: A4;" in style
    assert "@media print" in style
    assert re.search(r"h1, h2, h3, h4 \{ break-after: avoid", style)
    assert "break-inside: avoid" in style


def test_what_people_typed_cannot_become_markup(session: Session) -> None:
    record = session_record(session)
    record["place"] = '<script src="https://example.org/x.js"></script> & Co'
    page = to_html(protocol(record, "de"))
    assert "<script" not in page
    assert "&lt;script" in page and "&amp; Co" in page


def test_the_english_handout_says_so(session: Session) -> None:
    page = export(session, to="html", lang="en")
    assert isinstance(page, str)
    assert '<html lang="en">' in page and "<h1>Kollegiale Beratung – Protocol</h1>" in page
    assert all(name in page for name in TEAM)
