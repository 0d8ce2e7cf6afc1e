"""The small pure parts: the countdown's digits and colours, names, votes, keymaps."""

from __future__ import annotations

import pytest

from formatkern.errors import FormatkernError
from formatkern.tui.keys import normalise_keymap
from formatkern.tui.screens.dialogs import parse_vote, points_per_person
from formatkern.tui.screens.start import next_five_minutes, people_from_text
from formatkern.tui.widgets.countdown import (
    block_lines,
    block_width,
    clock_text,
    fit_scale,
    level_of,
)


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(1200, "20:00"), (59.2, "01:00"), (0.4, "00:01"), (0, "00:00"), (-0.5, "+00:00"),
     (-61, "+01:01"), (3725, "1:02:05")],
)  # fmt: skip
def test_the_countdown_reaches_zero_exactly_when_time_is_up_and_then_counts_on(
    remaining: float, shown: str
) -> None:
    assert clock_text(remaining) == shown


def test_the_colour_turns_at_twenty_and_at_five_percent_left() -> None:
    assert level_of(241, 1200) == "normal"
    assert level_of(240, 1200) == "warning"
    assert level_of(60, 1200) == "alarm"
    assert level_of(-1, 1200) == "overtime"


def test_the_digits_grow_with_the_room_they_get() -> None:
    assert fit_scale("20:00", 80, 24) > fit_scale("20:00", 44, 5) == 1
    assert fit_scale("20:00", 10, 5) == 0, "too narrow: the plain text is shown instead"
    lines = block_lines("1:0", 2)
    assert len(lines) == 10
    assert {len(line) for line in lines} == {block_width("1:0", 2)}


def test_pasted_names_are_read_one_per_line_or_by_commas() -> None:
    assert people_from_text("Anna\n\n- Ben\n  Cem ").names == ("Anna", "Ben", "Cem")
    assert people_from_text("Anna, Ben, Cem").count == 3
    assert people_from_text(" 24 ").count == 24
    with pytest.raises(ValueError, match="anna"):
        people_from_text("Anna\nanna")


def test_the_start_time_offered_is_the_next_five_minutes() -> None:
    from formatkern.clock import FakeClock

    assert next_five_minutes(FakeClock.local(2026, 3, 2, 13, 51).now()) == 13 * 3600 + 55 * 60
    assert next_five_minutes(FakeClock.local(2026, 3, 2, 14, 0).now()) == 14 * 3600


def test_a_dot_vote_is_read_as_title_giver_and_points() -> None:
    rows = parse_vote("Übergabe – Gül = 5\nElternabend\n\nHausbesuch - Paul=4")
    assert rows == [("Übergabe", "Gül", 5), ("Elternabend", None, 0), ("Hausbesuch", "Paul", 4)]
    with pytest.raises(ValueError, match="viele"):
        parse_vote("Fall = viele")


def test_points_per_person_follow_the_rule_of_dot_voting() -> None:
    assert points_per_person(6, 5) == 3  # ceil(6*5 / 10)
    assert points_per_person(1, 5) == 1


def test_a_keymap_names_only_keys_the_desk_has() -> None:
    assert normalise_keymap({"next": "right"}) == {"formatkern.next": "right"}
    with pytest.raises(FormatkernError, match="no key"):
        normalise_keymap({"jump": "j"})
