"""The tabu search under the mixer: rounds it must keep, when it gives up, and the short
searches that keep the exact rounds fixed for 32 people at 8 tables over 10 rounds."""

from __future__ import annotations

import random

from formatkern.grouping import tables
from formatkern.grouping._tabu import Search
from formatkern.grouping.bounds import count_repeats, meetings


class CountingClock:
    """A clock that steps on at every reading and counts the readings."""

    def __init__(self, step: float = 0.01) -> None:
        self.readings = 0
        self.step = step

    def __call__(self) -> float:
        self.readings += 1
        return self.readings * self.step


def crowded_plan(seed: int) -> list[list[list[int]]]:
    """16 people at 4 tables for 6 rounds, seated at random: counting says at least 16
    repeats, a random plan has many more."""
    rng = random.Random(seed)
    plan = []
    for _ in range(6):
        people = list(range(16))
        rng.shuffle(people)
        plan.append([people[i : i + 4] for i in range(0, 16, 4)])
    return plan


def test_fixed_rounds_stay_as_they_are_and_still_count() -> None:
    plan = crowded_plan(1)
    search = Search(
        16, plan, frozen=(), apart=(), met={}, rng=random.Random(1), fixed_rounds=[0, 5]
    )
    best, repeats = search.run(target=0, deadline=5.0, clock=CountingClock())
    assert best[0] == plan[0] and best[5] == plan[5]
    assert best[1:5] != plan[1:5]  # the free rounds did move
    assert repeats == count_repeats(best)
    assert repeats < count_repeats(plan)


def test_patience_ends_a_search_that_cannot_reach_its_target() -> None:
    clock = CountingClock()
    search = Search(16, crowded_plan(2), frozen=(), apart=(), met={}, rng=random.Random(2))
    _, repeats = search.run(
        target=0, deadline=1e9, clock=clock, patience=100, max_iterations=20_000
    )
    assert repeats >= 16  # counting: 16 people, 15 others, 18 table mates
    assert clock.readings < 400  # far from the deadline: patience ended it


def test_patience_waits_until_the_plan_is_good_enough() -> None:
    limit = 3200
    clock = CountingClock()
    search = Search(16, crowded_plan(3), frozen=(), apart=(), met={}, rng=random.Random(3))
    search.run(target=0, deadline=1e9, clock=clock, patience=50, good=-1, max_iterations=limit)
    assert clock.readings == limit // 16  # never good enough: ran every allowed step
    eager = CountingClock()
    search = Search(16, crowded_plan(3), frozen=(), apart=(), met={}, rng=random.Random(3))
    search.run(target=0, deadline=1e9, clock=eager, patience=50, max_iterations=limit)
    assert eager.readings < limit // 16


def test_thirty_two_people_for_ten_rounds_get_at_most_ten_repeats() -> None:
    # nine affine rounds exist, but with all nine the tenth has 16 repeats; six kept fixed
    # and four searched give 8 (the web tool's median is 33)
    request = tables._check(32, 8, 10, False, (), (), {})
    found = tables._fixed_restarts(request, 0, random.Random(1), 6.0, CountingClock())
    assert found is not None
    plan, repeats = found
    assert repeats == count_repeats(plan) <= 10
    assert count_repeats(plan[:6]) == 0
    assert sum(meetings(plan).values()) == 10 * 8 * 6
