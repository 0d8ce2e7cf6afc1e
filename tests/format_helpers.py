"""Shared by the tests of the built-in formats: loading one by id, its durations in minutes,
and every text of a format, named by its place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from formatkern.loader import load_format
from formatkern.model import Format, Phase, Text

FORMATS = Path(__file__).resolve().parents[1] / "formats"


def load(format_id: str) -> Format:
    return load_format(FORMATS / f"{format_id}.toml")


def minutes(seconds: int) -> float:
    return seconds / 60


def durations(phase: Phase) -> tuple[float, float, float]:
    """(default, min, max) in minutes."""
    d = phase.duration
    return minutes(d.default), minutes(d.min), minutes(d.max)


def texts(fmt: Format) -> Iterator[tuple[str, Text]]:
    """Every text of a format with a name saying where it is."""
    yield "title", fmt.title
    yield "summary", fmt.summary
    for rule in fmt.rules:
        yield f"rules.{rule.id}", rule.text
    for role in fmt.roles:
        yield f"roles.{role.id}.title", role.title
        yield f"roles.{role.id}.task", role.task
    for module in fmt.modules:
        yield f"modules.{module.id}.title", module.title
        yield f"modules.{module.id}.instructions", module.instructions
    for phase in fmt.phases:
        yield f"phases.{phase.id}.title", phase.title
        yield f"phases.{phase.id}.instructions", phase.instructions
        if phase.rounds is not None:
            for number, question in enumerate(phase.rounds.questions, start=1):
                yield f"phases.{phase.id}.question{number}", question
