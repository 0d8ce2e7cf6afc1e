"""The built-in outputs: the protocol as Markdown and HTML, the record as JSON, the seating
and roles as CSV. Registered through the same hook as plugins' outputs, so a plugin cannot
take over their names and `formatkern export --to` lists them all alike."""

from __future__ import annotations

from collections.abc import Callable

from formatkern.extensions import OutputType
from formatkern.hookspecs import hookimpl
from formatkern.model import Text
from formatkern.outputs import csv, html, json_record, markdown

BUILTIN_OUTPUTS = (
    OutputType(
        "md",
        Text("Protokoll (Markdown)", "Protocol (Markdown)"),
        ".md",
        markdown.render,
        media_type="text/markdown; charset=utf-8",
    ),
    OutputType(
        "html",
        Text("Handout (HTML, druckbar auf A4)", "Handout (HTML, prints on A4)"),
        ".html",
        html.render,
        media_type="text/html; charset=utf-8",
    ),
    OutputType(
        "json",
        Text("Datensatz (JSON)", "Record (JSON)"),
        ".json",
        json_record.render,
        media_type="application/json",
    ),
    OutputType(
        "csv",
        Text("Gruppen und Rollen (CSV)", "Groups and roles (CSV)"),
        ".csv",
        csv.render,
        media_type="text/csv; charset=utf-8",
    ),
)


@hookimpl
def register_outputs(register: Callable[[OutputType], None]) -> None:
    for output in BUILTIN_OUTPUTS:
        register(output)
