"""Helpers of the engine tests: the seed formats and the people in the room."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from formatkern.engine import Session
from formatkern.events import Entry

FORMATS = Path(__file__).resolve().parents[2] / "formats"

TEAM = ("Anna", "Ben", "Cem", "Dora", "Emil", "Fatma")
"""Six colleagues: enough for a Kollegiale Beratung with a Sekretär."""

MakeSession = Callable[..., Session]


def format_text(format_id: str) -> str:
    return (FORMATS / f"{format_id}.toml").read_text(encoding="utf-8")


def types(entries: Sequence[Entry]) -> list[str]:
    return [entry.event.type for entry in entries]
