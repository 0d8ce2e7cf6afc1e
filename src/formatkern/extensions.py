"""The small typed records plugins register: timers, arrangements, outputs, role templates,
and the effects an `on_event` hook asks the front end to perform."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

from formatkern.model import Arrangement, Role, Text, Timer

RoleTemplate = Role
"""A role a format can take over by id (`[[roles]] use = "timekeeper"`)."""


@attrs.frozen
class TimerReading:
    """What a timer shows at one moment of a step."""

    remaining: float
    """Seconds left of the step (negative in overtime)."""
    speaker: int | None = None
    """Per-speaker timers: the index (0-based) of who speaks now, in the group's order."""
    speakers: int | None = None
    speaker_remaining: float | None = None


@attrs.frozen
class TimerType:
    """A kind of timer, selected per phase with `timer = "name"`.

    `read(timer, seconds, elapsed, speakers)` gives the reading for a step of `seconds`
    after `elapsed` seconds (pauses already taken out) with `speakers` people in the group.
    It is pure: the engine passes the times, the timer never reads a clock.
    """

    name: str
    title: Text
    read: Callable[[Timer, float, float, int], TimerReading]
    needs_per_person: bool = False


@attrs.frozen
class ArrangementType:
    """A kind of arrangement and how it splits `n` people: (group sizes, observers)."""

    name: str
    title: Text
    sizes: Callable[[Arrangement, int], tuple[tuple[int, ...], int]]


@attrs.frozen
class OutputType:
    """An export format. `render(record, lang)` returns text or bytes for the file."""

    name: str
    title: Text
    suffix: str
    render: Callable[[Mapping[str, Any], str], str | bytes]
    media_type: str = "text/plain"
    binary: bool = False


@attrs.frozen
class Effect:
    """Something an `on_event` hook asks the front end to do."""

    kind: Literal["bell", "flash", "notice"]
    text: str = ""
