"""Planning: the agenda of a format for the people in the room, with clock times."""

from __future__ import annotations

import pytest

from formatkern.errors import PlanError
from formatkern.loader import parse_format
from formatkern.model import Arrangement, ArrangementKind, OddPerson, SizeRange
from formatkern.participants import People
from formatkern.plan import Settings, format_clock, group_sizes, make_plan, parse_clock

CAFE = """\
format = 1
id = "cafe"
title = "Café"
participants = { min = 12, max = 60 }

[[phases]]
id = "welcome"
title = "Willkommen"
duration = "10m"

[[phases]]
id = "tables"
title = "Tischrunden"
duration = { default = "20m", min = "20m", max = "30m" }
arrangement = { kind = "tables", size = { default = 5, min = 4, max = 5 }, hosts = true }
rounds = { count = { default = 3, min = 3, max = 5 }, rotate = "mix", questions = ["A?", "B?"] }

[[phases]]
id = "harvest"
title = "Ernte"
duration = "15m"
"""


def test_a_world_cafe_of_20_has_four_tables_of_five_in_each_of_three_rounds() -> None:
    plan = make_plan(parse_format(CAFE), Settings(People(20), start=parse_clock("09:00")))
    rounds = [s for s in plan.steps if s.phase.id == "tables"]
    assert [s.round for s in rounds] == [1, 2, 3]
    assert all(s.groups == (5, 5, 5, 5) for s in rounds)
    assert [format_clock(plan.start + s.start) for s in plan.steps] == [
        "09:00",
        "09:10",
        "09:30",
        "09:50",
        "10:10",
    ]
    assert format_clock(plan.end) == "10:25"
    assert rounds[1].question is not None and rounds[1].question.de == "B?"


def test_uneven_numbers_give_tables_differing_by_at_most_one() -> None:
    plan = make_plan(parse_format(CAFE), Settings(People(23)))
    sizes = plan.steps[1].groups
    assert sum(sizes) == 23
    assert max(sizes) - min(sizes) <= 1
    assert max(sizes) <= 5


def test_too_few_people_are_refused_naming_the_limits() -> None:
    with pytest.raises(PlanError, match="needs at least 12 and at most 60 participants, got 8"):
        make_plan(parse_format(CAFE), Settings(People(8)))


def test_rounds_can_be_chosen_within_the_range_only() -> None:
    plan = make_plan(parse_format(CAFE), Settings(People(20), rounds={"tables": 5}))
    assert len([s for s in plan.steps if s.phase.id == "tables"]) == 5
    with pytest.raises(PlanError, match="runs 3 to 5 rounds, got 6"):
        make_plan(parse_format(CAFE), Settings(People(20), rounds={"tables": 6}))


def test_a_plan_that_runs_past_the_end_says_by_how_much() -> None:
    settings = Settings(People(20), start=parse_clock("09:00"), end=parse_clock("10:00"))
    plan = make_plan(parse_format(CAFE), settings)
    assert plan.overrun == 25 * 60


@pytest.mark.parametrize(
    ("n", "odd", "expected", "observers"),
    [
        (8, OddPerson.TRIO, (2, 2, 2, 2), 0),
        (7, OddPerson.TRIO, (3, 2, 2), 0),
        (7, OddPerson.OBSERVER, (2, 2, 2), 1),
    ],
)
def test_pairs_with_an_odd_number_make_a_trio_or_an_observer(
    n: int, odd: OddPerson, expected: tuple[int, ...], observers: int
) -> None:
    arrangement = Arrangement(kind=ArrangementKind.PAIRS, odd=odd)
    assert group_sizes(arrangement, n) == (expected, observers)


def test_groups_stay_within_their_size_range() -> None:
    arrangement = Arrangement(kind=ArrangementKind.GROUPS, size=SizeRange(4, 3, 5))
    sizes, _ = group_sizes(arrangement, 93)
    assert sum(sizes) == 93
    assert all(3 <= s <= 5 for s in sizes)


def test_clock_times_are_validated() -> None:
    assert parse_clock("9:05") == 9 * 3600 + 5 * 60
    with pytest.raises(PlanError, match="not a clock time"):
        parse_clock("25:00")


def test_a_world_cafe_of_23_has_one_host_per_table_and_everyone_else_travels() -> None:
    text = (
        CAFE
        + """
[[roles]]
id = "host"
title = "Gastgeber:in"
per_group = true

[[roles]]
id = "traveller"
title = "Reisende"
count = { default = 0, min = 0 }
rest = true
"""
    )
    plan = make_plan(parse_format(text), Settings(People(23)))
    tables = len(plan.steps[1].groups)
    assert plan.roles == {"host": tables, "traveller": 23 - tables}


def test_an_optional_phase_can_be_left_out_and_a_fixed_one_cannot() -> None:
    text = CAFE.replace('id = "harvest"', 'id = "harvest"\noptional = true')
    fmt = parse_format(text)
    plan = make_plan(fmt, Settings(People(20), skip=("harvest",)))
    assert "harvest" not in [s.phase.id for s in plan.steps]
    with pytest.raises(PlanError, match="'welcome' is not optional"):
        make_plan(fmt, Settings(People(20), skip=("welcome",)))
