"""The arrangement kinds of the format language and how each splits the people."""

from __future__ import annotations

from collections.abc import Callable

from formatkern.extensions import ArrangementType
from formatkern.hookspecs import hookimpl
from formatkern.model import ArrangementKind, Text
from formatkern.plan import group_sizes

TITLES = {
    ArrangementKind.PLENUM: Text("Plenum", "Plenary"),
    ArrangementKind.ALONE: Text("Einzelarbeit", "Alone"),
    ArrangementKind.PAIRS: Text("Paare", "Pairs"),
    ArrangementKind.GROUPS: Text("Kleingruppen", "Small groups"),
    ArrangementKind.TABLES: Text("Tische", "Tables"),
    ArrangementKind.STATIONS: Text("Stationen", "Stations"),
}


@hookimpl
def register_arrangements(register: Callable[[ArrangementType], None]) -> None:
    for kind in ArrangementKind:
        register(ArrangementType(kind.value, TITLES[kind], group_sizes))
