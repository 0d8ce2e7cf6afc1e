"""A talking-stick phase shows whose turn it is, next to the countdown."""

from __future__ import annotations

from formatkern.extensions import TimerReading
from formatkern.tui.view import turn_text


def test_the_desk_says_who_speaks_and_for_how_long() -> None:
    reading = TimerReading(remaining=700, speaker=1, speakers=3, speaker_remaining=160)
    assert turn_text(reading, "de") == "Person 2 von 3 spricht · noch 2:40"
    assert turn_text(reading, "en") == "Speaker 2 of 3 · 2:40 left"


def test_after_the_last_speaker_and_for_a_plain_countdown() -> None:
    assert turn_text(TimerReading(remaining=60, speakers=3), "de") == "Alle waren an der Reihe"
    assert turn_text(TimerReading(remaining=60), "de") == ""
    assert turn_text(None, "en") == ""
