"""The table mixer as a facilitator meets it: whatever the room asks, everybody has a seat,
the wishes hold, and the figures it reports are true."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formatkern.errors import GroupingError
from formatkern.grouping.tables import TableResult, meetings, mix


class StepClock:
    """A clock that moves on by a fixed step whenever it is read: searches become repeatable."""

    def __init__(self, step: float = 0.01) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def recount(rounds: tuple[tuple[tuple[int, ...], ...], ...], met: dict | None = None) -> int:
    """Repeats counted from scratch: every meeting of a pair after its first one."""
    seen: Counter[tuple[int, int]] = Counter(met or {})
    repeats = 0
    for tables in rounds:
        for table in tables:
            for a, b in combinations(sorted(table), 2):
                if seen[(a, b)]:
                    repeats += 1
                seen[(a, b)] += 1
    return repeats


def assert_valid(result: TableResult, n: int, tables: int, rounds: int) -> None:
    assert len(result.rounds) == rounds
    for round_tables in result.rounds:
        assert len(round_tables) == tables
        seated = sorted(p for table in round_tables for p in table)
        assert seated == list(range(n)), "everyone sits exactly once per round"
        sizes = [len(table) for table in round_tables]
        assert max(sizes) - min(sizes) <= 1
    assert result.repeats == recount(result.rounds)
    assert result.lower_bound <= result.repeats


@st.composite
def rooms(draw: st.DrawFn) -> dict:
    n = draw(st.integers(2, 26))
    tables = draw(st.integers(1, max(1, n // 2)))
    rounds = draw(st.integers(1, 5))
    hosts = draw(st.booleans())
    people = st.integers(0, n - 1)
    apart = draw(st.lists(st.tuples(people, people).filter(lambda p: p[0] != p[1]), max_size=3))
    together = draw(st.lists(st.lists(people, min_size=2, max_size=2, unique=True), max_size=2))
    return {
        "n": n,
        "tables": tables,
        "rounds": rounds,
        "hosts": hosts,
        "apart": apart,
        "together": together,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(room=rooms(), seed=st.integers(0, 3))
def test_any_room_gets_a_valid_plan_that_honours_every_wish(room: dict, seed: int) -> None:
    try:
        result = mix(**room, seed=seed, time_limit=0.3, clock=StepClock(0.01))
    except GroupingError:
        return  # an impossible wish is refused with a message; covered by the tests below
    assert_valid(result, room["n"], room["tables"], room["rounds"])
    for round_tables in result.rounds:
        table_of = {p: t for t, table in enumerate(round_tables) for p in table}
        for a, b in room["apart"]:
            assert table_of[a] != table_of[b], "apart pairs never share a table"
        for group in room["together"]:
            assert len({table_of[p] for p in group}) == 1, "together groups share a table"
        for t, host in enumerate(result.hosts):
            assert table_of[host] == t, "a host stays at their table"
    assert len(result.hosts) == (room["tables"] if room["hosts"] else 0)


def test_a_world_cafe_of_twenty_in_three_rounds_lets_nobody_meet_twice() -> None:
    result = mix(20, tables=5, rounds=3, hosts=True, seed=1, time_limit=2)
    assert_valid(result, 20, 5, 3)
    assert result.repeats == 0
    assert result.hosts == (0, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("n", "tables", "rounds", "hosts"),
    [
        (32, 8, 9, False),  # GF(8): eight affine rounds and one round inside the columns
        (35, 7, 5, True),  # GF(7) with the hosts as the column that never moves
        (23, 5, 4, False),  # uneven: two seats of one column stay empty
        (27, 9, 13, False),  # GF(9), then GF(3) inside the columns: a Kirkman system of 27
        (200, 40, 4, False),  # Z_40 with multipliers that avoid zero divisors
        (64, 16, 21, False),  # GF(16) and GF(4): every pair exactly once
    ],
)
def test_the_affine_construction_reaches_zero_repeats_without_search(
    n: int, tables: int, rounds: int, hosts: bool
) -> None:
    result = mix(n, tables=tables, rounds=rounds, hosts=hosts, time_limit=0)
    assert result.method == "affine"
    assert_valid(result, n, tables, rounds)
    assert result.repeats == 0


@pytest.mark.parametrize(
    ("n", "tables", "rounds"),
    [(15, 5, 7), (18, 6, 8), (21, 7, 10), (24, 6, 7)],
)
def test_turning_base_rounds_solve_kirkman_like_rooms(n: int, tables: int, rounds: int) -> None:
    result = mix(n, tables=tables, rounds=rounds, seed=0, time_limit=5)
    assert_valid(result, n, tables, rounds)
    assert result.repeats == 0
    assert result.method == "rotational"


def test_the_hosts_of_a_crowded_cafe_meet_travellers_again_exactly_as_often_as_counting_says() -> (
    None
):
    # 8 hosts each meet 3 travellers in each of 10 rounds but there are only 24 travellers
    result = mix(32, tables=8, rounds=10, hosts=True, time_limit=0.2, clock=StepClock(0.005))
    assert result.lower_bound == 48
    assert_valid(result, 32, 8, 10)


def test_with_hosts_the_mixer_stops_early_once_near_the_bound_and_stuck() -> None:
    # 4 hosts each sit with 18 traveller seats over 6 rounds, but there are 12 travellers
    clock = StepClock(0.01)
    result = mix(16, tables=4, rounds=6, hosts=True, seed=0, time_limit=20, clock=clock)
    assert_valid(result, 16, 4, 6)
    assert result.repeats <= result.lower_bound + 2
    assert result.seconds < 10  # stopped well before the limit of 20 (clock) seconds


def test_a_couple_kept_together_and_two_colleagues_kept_apart() -> None:
    clock = StepClock(0.01)
    result = mix(12, tables=3, rounds=4, apart=[(0, 1)], together=[[2, 3]], clock=clock)
    assert_valid(result, 12, 3, 4)
    for tables in result.rounds:
        assert any({2, 3} <= set(table) for table in tables)
        assert not any({0, 1} <= set(table) for table in tables)
    assert result.lower_bound >= 3  # the couple meets in all four rounds


@pytest.mark.parametrize("seed", range(4))
def test_a_host_kept_with_a_friend_keeps_the_seats_the_friend_needs(seed: int) -> None:
    # tables of 3, 3, 2, 2, 2, 2, 2: the pair 8-9 must not take the first host's table,
    # where host 0 and their friend 1 sit
    result = mix(16, tables=7, rounds=2, hosts=True, together=[[0, 1], [8, 9]], seed=seed)
    assert_valid(result, 16, 7, 2)
    for tables_ in result.rounds:
        assert {0, 1} <= set(tables_[0])
        assert any({8, 9} <= set(table) for table in tables_)


def test_a_late_arrival_keeps_who_already_met_and_remixes_the_rest() -> None:
    first = mix(16, tables=4, rounds=2, seed=3, time_limit=1)
    history = meetings(first.rounds)  # person 16 arrives after round 2
    clock = StepClock(0.01)
    rest = mix(17, tables=4, rounds=2, met=history, seed=3, time_limit=0.5, clock=clock)
    assert_valid_without_recount(rest, 17, 4, 2)
    assert rest.repeats == recount(rest.rounds, met=dict(history))
    forgetful = mix(17, tables=4, rounds=2, seed=3, time_limit=0.5, clock=StepClock(0.01))
    assert rest.repeats < recount(forgetful.rounds, met=dict(history))
    # every table of the new rounds meets every table of the old: the newcomer meets one twice
    assert rest.repeats <= 1


def assert_valid_without_recount(result: TableResult, n: int, tables: int, rounds: int) -> None:
    for round_tables in result.rounds:
        assert sorted(p for table in round_tables for p in table) == list(range(n))
        assert len(round_tables) == tables


def test_the_same_seed_and_clock_give_the_same_plan_and_another_seed_another() -> None:
    one = mix(30, tables=6, rounds=6, seed=5, time_limit=0.5, clock=StepClock())
    two = mix(30, tables=6, rounds=6, seed=5, time_limit=0.5, clock=StepClock())
    other = mix(30, tables=6, rounds=6, seed=6, time_limit=0.5, clock=StepClock())
    assert one.rounds == two.rounds and one.repeats == two.repeats
    assert other.rounds != one.rounds


def test_the_search_stops_as_soon_as_it_reaches_the_lower_bound() -> None:
    clock = StepClock(0.001)
    met = {(0, 1): 1}  # a past meeting: no construction applies, the search has to find it
    result = mix(16, tables=4, rounds=3, met=met, seed=0, time_limit=1000, clock=clock)
    assert result.method == "search"
    assert result.repeats == result.lower_bound == 0
    assert clock.now < 10


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 5, "tables": 6, "rounds": 2}, "5 people cannot fill 6 tables"),
        ({"n": 8, "tables": 2, "rounds": 2, "together": [[0, 1, 2, 3, 4]]}, "largest table"),
        ({"n": 8, "tables": 2, "rounds": 2, "apart": [(0, 1)], "together": [[0, 1]]}, "kept apart"),
        ({"n": 8, "tables": 2, "rounds": 2, "hosts": [0, 1], "together": [[0, 1]]}, "two hosts"),
        (
            {
                "n": 9,
                "tables": 3,
                "rounds": 2,
                "apart": [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)],
            },
            "cannot all be honoured",
        ),
        ({"n": 8, "tables": 2, "rounds": 2, "apart": [(0, 9)]}, "numbered 0..7"),
        (
            {"n": 15, "tables": 7, "rounds": 1, "hosts": True, "together": [[0, 1], [8, 9]]},
            "cannot all be honoured",
        ),
    ],
)
def test_impossible_requests_are_refused_with_a_clear_message(kwargs: dict, message: str) -> None:
    with pytest.raises(GroupingError, match=message):
        mix(**kwargs, time_limit=0.1)


def test_no_rounds_is_an_empty_plan() -> None:
    result = mix(6, tables=2, rounds=0)
    assert result.rounds == () and result.repeats == 0


def test_thirteen_people_at_four_tables_for_five_rounds_sit_four_three_three_three() -> None:
    result = mix(13, tables=4, rounds=5, seed=0, time_limit=0.3, clock=StepClock(0.01))
    assert all(sorted(len(t) for t in tables_) == [3, 3, 3, 4] for tables_ in result.rounds)
