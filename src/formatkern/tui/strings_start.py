"""The start screen's own words, in German and English, beside the desk's in `strings`.

`ui` looks here first and then in `strings.UI`, so the start screen asks one function for all
its phrases, and its new fields do not grow the desk's shared table.
"""

from __future__ import annotations

from typing import Final

from formatkern.tui.strings import UI

START_UI: Final[dict[str, tuple[str, str]]] = {
    # -- while the catalog and the sessions are read, just after the first frame -------------
    "start.loading_formats": ("Weitere Methoden werden geladen …", "Loading more methods …"),
    "start.loading": ("Methoden werden geladen …", "Loading the methods …"),
    "start.loading_sessions": ("Wird gesucht …", "Looking …"),
    "start.day": ("ganzer Tag", "whole day"),
    # -- how many cases, how many rounds -------------------------------------------------------
    "start.cases": ("Fälle", "Cases"),
    "start.rounds": ("Runden", "Rounds"),
    "start.range": ("{label} ({low}–{high})", "{label} ({low}–{high})"),
    "start.range_open": ("{label} ({low}+)", "{label} ({low}+)"),
    "start.bad_count": (
        "{label}: bitte eine ganze Zahl von {low} bis {high} eintragen.",
        "{label}: please enter a whole number from {low} to {high}.",
    ),
    "start.bad_count_open": (
        "{label}: bitte eine ganze Zahl ab {low} eintragen.",
        "{label}: please enter a whole number of at least {low}.",
    ),
}


def ui(key: str, lang: str, **values: object) -> str:
    """The start screen's phrase `key` in `lang` (German unless English is asked for): its own
    from `START_UI`, the others from the desk's `strings.UI`."""
    de, en = START_UI[key] if key in START_UI else UI[key]
    text = en if lang == "en" else de
    return text.format(**values) if values else text
