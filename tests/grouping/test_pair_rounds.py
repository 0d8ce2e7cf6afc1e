"""Team-Tango: new partners every round, the odd one out observes or joins a trio, and
everybody leads about as often as they follow."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formatkern.errors import GroupingError
from formatkern.grouping.pairs import (
    PairRound,
    max_pair_rounds,
    pair_rounds,
    partner_meetings,
    partner_repeats,
)
from formatkern.model import OddPerson


def everyone_once(one: PairRound, n: int) -> bool:
    present = list(one.people) + ([one.observer] if one.observer is not None else [])
    return sorted(present) == list(range(n))


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(2, 30),
    fraction=st.floats(0, 1),
    odd=st.sampled_from(list(OddPerson)),
    seed=st.integers(0, 50),
)
def test_every_round_seats_everyone_once_and_no_pair_meets_twice(
    n: int, fraction: float, odd: OddPerson, seed: int
) -> None:
    rounds = round(fraction * max_pair_rounds(n))
    plan = pair_rounds(n, rounds, odd=odd, seed=seed)
    assert len(plan) == rounds
    assert all(everyone_once(one, n) for one in plan)
    if n % 2 == 0 or odd is OddPerson.OBSERVER:
        assert partner_repeats(plan) == 0
    if n % 2 == 0:
        assert all(one.trio is None and one.observer is None for one in plan)


def test_an_even_group_meets_every_partner_exactly_once_in_the_full_circle() -> None:
    plan = pair_rounds(10, 9, seed=4)
    met = partner_meetings(plan)
    assert len(met) == 10 * 9 // 2
    assert set(met.values()) == {1}


def test_with_seven_dancers_one_observes_per_round_and_each_observes_once_in_seven() -> None:
    plan = pair_rounds(7, 7, odd=OddPerson.OBSERVER, seed=2)
    observers = [one.observer for one in plan]
    assert sorted(observers) == list(range(7))  # type: ignore[type-var]
    assert partner_repeats(plan) == 0


def test_with_nine_in_three_rounds_the_trio_brings_nobody_together_twice() -> None:
    plan = pair_rounds(9, 3, odd=OddPerson.TRIO, seed=0)
    assert all(one.trio is not None and len(one.pairs) == 3 for one in plan)
    assert partner_repeats(plan) == 0


def test_leading_is_shared_fairly_over_the_rounds() -> None:
    plan = pair_rounds(12, 11, seed=7)
    led = Counter(lead for one in plan for lead, _ in one.pairs)
    assert max(led.values()) - min(led.values()) <= 1
    assert sum(led.values()) == 6 * 11


def test_a_format_that_swaps_positions_marks_every_round() -> None:
    plan = pair_rounds(6, 3, swap=True)
    assert all(one.swap for one in plan)
    assert not any(one.swap for one in pair_rounds(6, 3))


def test_the_same_seed_gives_the_same_partners_and_another_seed_others() -> None:
    assert pair_rounds(14, 5, seed=3) == pair_rounds(14, 5, seed=3)
    assert pair_rounds(14, 5, seed=3) != pair_rounds(14, 5, seed=4)


def test_more_rounds_than_new_partners_is_refused_with_the_maximum() -> None:
    with pytest.raises(GroupingError, match="6 people have 5 rounds"):
        pair_rounds(6, 6)
    with pytest.raises(GroupingError, match="at least 2"):
        pair_rounds(1, 1)


def test_a_latecomer_joins_after_three_rounds_and_no_old_partners_dance_again() -> None:
    past = pair_rounds(10, 3, seed=1)
    met = partner_meetings(past)
    rest = pair_rounds(11, 4, odd=OddPerson.OBSERVER, met=met, seed=1)
    assert all(everyone_once(one, 11) for one in rest)
    assert partner_repeats(rest, met) == 0
    assert partner_repeats(pair_rounds(11, 4, odd=OddPerson.OBSERVER, seed=1), met) > 0


def test_who_observed_before_is_spared_when_the_rest_is_planned() -> None:
    observed = dict.fromkeys(range(4), 1)  # four people already observed once
    plan = pair_rounds(9, 4, odd=OddPerson.OBSERVER, observed=observed, seed=0)
    assert not {one.observer for one in plan} & set(observed)
