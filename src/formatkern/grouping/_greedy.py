"""A greedy first plan, round by round, in the spirit of Triska & Musliu (2012).

Each table is filled one person at a time, most constrained first: a table takes, among the
people who have met nobody at it yet, the one with the least freedom (the fewest people left
whom they may still meet), who would be the hardest to seat later. Only when nobody fits does a
repeat happen, and then the smallest, keeping as much freedom as possible.
Hosts, together groups and people with apart wishes are seated first because they are the
least flexible. Sets of people are Python ints used as bit sets.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from formatkern.grouping._construct import Plan
from formatkern.grouping.bounds import Pair


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def greedy_plan(
    n: int,
    sizes: Sequence[int],
    rounds: int,
    *,
    hosts: Sequence[int] = (),
    apart: Sequence[Pair] = (),
    together: Sequence[Sequence[int]] = (),
    met: Mapping[Pair, int] | None = None,
    rng: random.Random,
    attempts: int = 50,
) -> Plan | None:
    """A plan honouring hosts, apart and together, or None when apart could not be honoured."""
    everyone = (1 << n) - 1
    fresh = [everyone & ~(1 << p) for p in range(n)]
    """fresh[p]: the people p may still meet without a repeat."""
    banned = [0] * n
    for a, b in apart:
        banned[a] |= 1 << b
        banned[b] |= 1 << a
    for (a, b), times in (met or {}).items():
        if times > 0:
            fresh[a] &= ~(1 << b)
            fresh[b] &= ~(1 << a)
    for p in range(n):
        fresh[p] &= ~banned[p]
    plan: Plan = []
    for _ in range(rounds):
        for _ in range(attempts):
            tables = _one_round(n, sizes, hosts, together, banned, fresh, rng)
            if tables is not None:
                break
        else:
            return None
        for table in tables:
            mask = sum(1 << p for p in table)
            for p in table:
                fresh[p] &= ~mask
        plan.append(tables)
    return plan


def _one_round(
    n: int,
    sizes: Sequence[int],
    hosts: Sequence[int],
    together: Sequence[Sequence[int]],
    banned: list[int],
    fresh: list[int],
    rng: random.Random,
) -> list[list[int]] | None:
    """One round's tables, or None when this attempt could not keep apart pairs apart."""
    count = len(sizes)
    tables: list[list[int]] = [[] for _ in range(count)]
    table_mask = [0] * count
    free = list(sizes)
    rank = list(range(n))
    rng.shuffle(rank)
    left = (1 << n) - 1

    def seat(p: int, t: int) -> None:
        nonlocal left
        tables[t].append(p)
        table_mask[t] |= 1 << p
        free[t] -= 1
        left &= ~(1 << p)

    def repeats_at(p: int, t: int) -> int:
        return (table_mask[t] & ~fresh[p] & ~(1 << p)).bit_count()

    for t, host in enumerate(hosts):
        seat(host, t)
    # groups with a host in them first: their table is fixed, and a group seated before them
    # could take the seats their members need
    groups = sorted(
        together,
        key=lambda g: (all(left >> p & 1 for p in g), -len(g), rank[g[0]]),
    )
    for group in groups:
        placed = [p for p in group if not left >> p & 1]
        if placed:
            t = next(t for t in range(count) if table_mask[t] >> placed[0] & 1)
            for p in group:
                if left >> p & 1:
                    seat(p, t)
            continue
        options = [
            t
            for t in range(count)
            if free[t] >= len(group) and not any(table_mask[t] & banned[p] for p in group)
        ]
        if not options:
            return None
        best = min(options, key=lambda t: (sum(repeats_at(p, t) for p in group), -free[t], t))
        for p in group:
            seat(p, best)
    constrained = [p for p in range(n) if banned[p] and left >> p & 1]
    constrained.sort(key=lambda p: (-banned[p].bit_count(), rank[p]))
    for p in constrained:
        options = [t for t in range(count) if free[t] > 0 and not table_mask[t] & banned[p]]
        if not options:
            return None
        best = min(options, key=lambda t: (repeats_at(p, t), -free[t], rng.random()))
        seat(p, best)
    order = sorted(range(count), key=lambda t: (free[t] == sizes[t], rng.random()))
    for t in order:
        while free[t] > 0:
            seat(_pick(tables[t], table_mask[t], left, fresh, rank), t)
    return tables


def _pick(table: list[int], mask: int, left: int, fresh: list[int], rank: list[int]) -> int:
    """The next person for a table: among those who bring no repeat, the least free one (the
    hardest to seat later); if nobody fits, the fewest repeats."""
    if not table:
        return min(_bits(left), key=lambda p: ((fresh[p] & left).bit_count(), rank[p]))
    fits = left
    for p in table:
        fits &= fresh[p]
    if fits:
        return min(_bits(fits), key=lambda p: ((fresh[p] & left).bit_count(), rank[p]))
    return min(
        _bits(left),
        key=lambda p: ((mask & ~fresh[p]).bit_count(), -(fresh[p] & left).bit_count(), rank[p]),
    )
