"""Gallery Walk: every team visits every poster once and never shares it with another team."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formatkern.errors import GroupingError
from formatkern.grouping.stations import occupants, rotation


@given(groups=st.integers(1, 12), extra=st.integers(0, 5))
def test_each_group_sees_each_station_once_and_stations_are_never_shared(
    groups: int, extra: int
) -> None:
    stations = groups + extra
    plan = rotation(groups, stations)
    assert len(plan) == stations
    for g in range(groups):
        assert sorted(one[g] for one in plan) == list(range(stations))
    for one in plan:
        assert len(set(one)) == groups


def test_five_teams_move_clockwise_to_the_next_poster() -> None:
    plan = rotation(5, 5)
    assert plan[0] == [0, 1, 2, 3, 4]
    assert plan[1] == [1, 2, 3, 4, 0]


def test_with_six_posters_and_four_teams_two_posters_rest_each_round() -> None:
    seen = occupants(rotation(4, 6), 6)
    assert all(row.count(None) == 2 for row in seen)
    assert seen[0] == [0, 1, 2, 3, None, None]


def test_more_teams_than_posters_asks_for_more_posters() -> None:
    with pytest.raises(GroupingError, match="add 2 station"):
        rotation(6, 4)
    with pytest.raises(GroupingError):
        rotation(0, 3)
