"""Exact table plans with no repeated meeting, built without search.

The people are laid out as s columns of g (g tables, s = ceil(n/g) seats per table); person
(column c, row j) sits in round m at table j - m*c, computed in a ring of size g. Two people of
different columns meet in round m exactly when their row difference equals m times their column
difference, so they meet at most once as long as no difference of the chosen round multipliers
times a difference of the column labels is zero. In a field GF(q) that holds for any choice
(the affine plane over GF(q)); in Z_g we pick multipliers that avoid zero divisors.

People of one column never meet, so one extra round can split each column into tables (when g is
a multiple of s), and that round can itself be planned recursively. The people of column 0 sit at
the same table in every multiplier round: they are the table hosts.
"""

from __future__ import annotations

import math

import attrs

from formatkern.grouping._rings import Ring, prime_power, ring_of_size

Plan = list[list[list[int]]]
"""Rounds of tables of people (indexes)."""


@attrs.frozen
class Design:
    """A plan over the points 0..n-1 and how the points are laid out."""

    rounds: Plan
    columns: list[list[int]]
    """Points that never meet each other (one column of the layout each)."""
    hosts: list[int]
    """With hosts: the point that stays at table t in every round, else empty."""


def _multipliers(ring: Ring, columns: int, wanted: int, is_field: bool) -> list[int]:
    """Round multipliers whose differences times column-label differences are never zero."""
    g = ring.size
    if is_field:
        return list(range(min(wanted, g)))
    bad = {e for e in range(1, g) for d in range(1, columns) if ring.mul(d, e) == 0}
    chosen: list[int] = []
    for candidate in range(g):
        if len(chosen) == wanted:
            break
        if all(ring.sub(candidate, m) not in bad for m in chosen):
            chosen.append(candidate)
    return chosen


def construct(n: int, tables: int, rounds: int, *, hosts: bool = False) -> Design | None:
    """A zero-repeat plan for as many of the `rounds` as the construction reaches, or None.

    The plan may have fewer rounds than asked; the caller fills the rest by search.
    """
    g = tables
    if rounds < 1 or g < 1 or n < g:
        return None
    s = math.ceil(n / g)
    columns = [[c * g + j for j in range(g) if c * g + j < n] for c in range(s)]
    if s == 1:
        single = [[[j] for j in range(g)] for _ in range(rounds)]
        return Design(single, columns, list(range(g)) if hosts else [])
    if s > g:
        # Only the rows are known to be free of meetings: one round.
        rows = [[p for p in (c * g + j for c in range(s)) if p < n] for j in range(g)]
        return None if hosts else Design([rows], columns, [])
    ring = ring_of_size(g)
    is_field = prime_power(g) is not None
    multipliers = _multipliers(ring, s, rounds, is_field)
    plan: Plan = []
    for m in multipliers:
        offsets = [ring.mul(m, c) for c in range(s)]
        round_tables = []
        for t in range(g):
            table = [c * g + ring.add(t, offsets[c]) for c in range(s)]
            round_tables.append([p for p in table if p < n])
        plan.append(round_tables)
    missing = rounds - len(plan)
    if missing > 0 and not hosts and g % s == 0:
        plan.extend(_column_rounds(columns, g // s, missing))
    return Design(plan, columns, list(range(g)) if hosts else [])


def _column_rounds(columns: list[list[int]], per_column: int, rounds: int) -> Plan:
    """Rounds in which every column is split into `per_column` tables, planned recursively."""
    designs = []
    for column in columns:
        design = construct(len(column), per_column, rounds)
        if design is None:
            return []
        designs.append(design)
    count = min(len(d.rounds) for d in designs)
    plan: Plan = []
    for r in range(count):
        round_tables: list[list[int]] = []
        for column, design in zip(columns, designs, strict=True):
            round_tables.extend([column[p] for p in table] for table in design.rounds[r])
        plan.append(round_tables)
    return plan
