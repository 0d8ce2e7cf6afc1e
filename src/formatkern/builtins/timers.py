"""The two built-in timers: the countdown of a step, and the talking stick.

The per-speaker timer gives each person of the group `per_person` seconds in turn (a
Resonanzrunde, "three minutes each"); after the last speaker it shows the step's own time.
"""

from __future__ import annotations

from collections.abc import Callable

from formatkern.extensions import TimerReading, TimerType
from formatkern.hookspecs import hookimpl
from formatkern.model import Text, Timer


def read_countdown(timer: Timer, seconds: float, elapsed: float, speakers: int) -> TimerReading:
    return TimerReading(remaining=seconds - elapsed)


def read_per_speaker(timer: Timer, seconds: float, elapsed: float, speakers: int) -> TimerReading:
    turn = float(timer.per_person or seconds)
    reading = TimerReading(remaining=seconds - elapsed)
    if speakers < 1 or turn <= 0:
        return reading
    index = int(max(elapsed, 0.0) // turn)
    if index >= speakers:
        return TimerReading(remaining=reading.remaining, speaker=None, speakers=speakers)
    return TimerReading(
        remaining=reading.remaining,
        speaker=index,
        speakers=speakers,
        speaker_remaining=(index + 1) * turn - elapsed,
    )


@hookimpl
def register_timers(register: Callable[[TimerType], None]) -> None:
    register(TimerType("countdown", Text("Countdown", "Countdown"), read_countdown))
    register(
        TimerType(
            "per-speaker",
            Text("Redezeit pro Person", "Time per speaker"),
            read_per_speaker,
            needs_per_person=True,
        )
    )
