"""Counting meetings and repeats, and the lower bound on repeats that no plan can beat.

A repeat is a meeting of two people who have met before: a pair seated together k times counts
k - 1. The bound comes from counting seats: who sits with more neighbours over the rounds than
there are people left to meet must meet somebody again.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import combinations

Pair = tuple[int, int]


def pair(a: int, b: int) -> Pair:
    """The pair of two people in a canonical order (smaller index first)."""
    return (a, b) if a < b else (b, a)


def meetings(rounds: Iterable[Iterable[Iterable[int]]]) -> Counter[Pair]:
    """How often each pair sat at one table; the history a re-mix builds on."""
    met: Counter[Pair] = Counter()
    for tables in rounds:
        for table in tables:
            met.update(combinations(sorted(table), 2))
    return met


def count_repeats(
    rounds: Iterable[Iterable[Iterable[int]]], met: Mapping[Pair, int] | None = None
) -> int:
    """Meetings in `rounds` of pairs who had met before (earlier in `rounds` or in `met`)."""
    prior = met or {}
    repeats = 0
    for key, times in meetings(rounds).items():
        repeats += times if prior.get(key, 0) > 0 else times - 1
    return repeats


def lower_bound(
    n: int,
    sizes: Sequence[int],
    rounds: int,
    *,
    hosts: Collection[int] = (),
    apart: Collection[Pair] = (),
    together: Sequence[Collection[int]] = (),
    met: Mapping[Pair, int] | None = None,
) -> int:
    """A number of repeats that every plan of these rounds reaches at least.

    `sizes` are the table sizes of one round. Hosts never meet each other; apart pairs never meet;
    people in one together group meet in every round.
    """
    prior = met or {}
    host_set = set(hosts)
    blocked: dict[int, set[int]] = {p: set() for p in range(n)}
    for a, b in apart:
        blocked[a].add(b)
        blocked[b].add(a)
    for key, times in prior.items():
        if times > 0:
            blocked[key[0]].add(key[1])
            blocked[key[1]].add(key[0])

    def fresh(p: int) -> int:
        """People p may still meet for the first time."""
        others = host_set if p in host_set else set()
        return n - 1 - len(blocked[p] | others - {p})

    smallest, largest = min(sizes), max(sizes)
    seats_min, seats_max = rounds * (smallest - 1), rounds * (largest - 1)
    total_seats = rounds * sum(s * (s - 1) for s in sizes)

    host_excess = sum(max(0, seats_min - fresh(h)) for h in host_set)
    travellers = [p for p in range(n) if p not in host_set]
    traveller_seats = total_seats - len(host_set) * seats_max
    forced = sum(max(0, seats_min - fresh(p)) for p in travellers)
    room = sum(max(0, min(fresh(p), seats_max) - seats_min) for p in travellers)
    extra = traveller_seats - len(travellers) * seats_min
    traveller_excess = forced + max(0, extra - room)
    counting = host_excess + max(0, math.ceil((traveller_excess - host_excess) / 2))

    kept = sum(
        rounds - (0 if prior.get(pair(a, b), 0) > 0 else 1)
        for group in together
        for a, b in combinations(sorted(group), 2)
    )
    return max(counting, kept)
