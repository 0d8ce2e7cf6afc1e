"""The built-in outputs: the protocol as Markdown and HTML, the record as JSON, the seating
and roles as CSV. Registered through the same hook as plugins' outputs, so a plugin cannot
take over their names and `formatkern export --to` lists them all alike."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from formatkern.extensions import OutputType
from formatkern.hookspecs import hookimpl
from formatkern.model import Text


def _lazy(module: str) -> Callable[[Mapping[str, Any], str], str | bytes]:
    """The render function of `formatkern.outputs.<module>`, imported on first use, so that
    loading the plugins (every command does) does not load the protocol machinery."""

    def render(record: Mapping[str, Any], lang: str) -> str | bytes:
        rendered: str | bytes = importlib.import_module(f"formatkern.outputs.{module}").render(
            record, lang
        )
        return rendered

    return render


BUILTIN_OUTPUTS = (
    OutputType(
        "md",
        Text("Protokoll (Markdown)", "Protocol (Markdown)"),
        ".md",
        _lazy("markdown"),
        media_type="text/markdown; charset=utf-8",
    ),
    OutputType(
        "html",
        Text("Handout (HTML, druckbar auf A4)", "Handout (HTML, prints on A4)"),
        ".html",
        _lazy("html"),
        media_type="text/html; charset=utf-8",
    ),
    OutputType(
        "json",
        Text("Datensatz (JSON)", "Record (JSON)"),
        ".json",
        _lazy("json_record"),
        media_type="application/json",
    ),
    OutputType(
        "csv",
        Text("Gruppen und Rollen (CSV)", "Groups and roles (CSV)"),
        ".csv",
        _lazy("csv"),
        media_type="text/csv; charset=utf-8",
    ),
)


@hookimpl
def register_outputs(register: Callable[[OutputType], None]) -> None:
    for output in BUILTIN_OUTPUTS:
        register(output)
