"""Shared by the tests of the built-in formats: every text of a format, named by its place."""

from __future__ import annotations

from collections.abc import Iterator

from formatkern.model import Format, Text


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
