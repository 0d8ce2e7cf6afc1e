"""Zero-repeat plans made of turning base rounds (1-rotational designs and their relatives).

The people are f fixed points plus k copies of Z_m. A base round turns: in shift i every
non-fixed person (x, c) is replaced by (x + i mod m, c), while fixed points keep their table
(with hosts, the fixed points are the hosts). Either one base round turns through all the
rounds (m >= rounds), or b base rounds each turn through all m shifts (rounds = b * m).

A pair of a base round travels along an orbit of pairs and occupies an arc of it: as many
consecutive positions as its base round turns. Two pairs meet twice exactly when their arcs on
the same orbit overlap, so a plan has no repeat when all arcs are disjoint. Finding the base
rounds is a small constraint search (a few rounds instead of all), done by backtracking on the
most constrained person with restarts, under a time limit.

This is the classical route to Kirkman triple systems and related resolvable designs; the
search for the base rounds is ours.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

import attrs

from formatkern.grouping._construct import Plan

COVER_ROWS = 40_000
"""Above this many candidate tables the exact cover is too slow to set up; backtrack instead."""


@attrs.frozen
class Shape:
    """f fixed points, k copies of Z_m, b base rounds each turned through `turns` shifts."""

    fixed: int
    copies: int
    m: int
    blocks: int
    turns: int

    @property
    def n(self) -> int:
        return self.fixed + self.copies * self.m


class _Orbits:
    """The orbit and position of every pair of people, and the arcs a base-round pair takes."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        n = shape.n
        keys: dict[tuple[int, ...], int] = {}
        self.periods: list[int] = []
        self.orbit = [[-1] * n for _ in range(n)]
        self.phase = [[0] * n for _ in range(n)]
        for u in range(n):
            for v in range(u + 1, n):
                key, period, phase = self._classify(u, v)
                if key is None or period < shape.turns:
                    continue  # the pair would meet itself again: never allowed
                index = keys.get(key)
                if index is None:
                    index = keys[key] = len(self.periods)
                    self.periods.append(period)
                self.orbit[u][v] = self.orbit[v][u] = index
                self.phase[u][v] = self.phase[v][u] = phase
        self.arcs: dict[int, list[int]] = {}
        for period in set(self.periods):
            full = (1 << period) - 1
            arc = (1 << shape.turns) - 1
            self.arcs[period] = [((arc << p) | (arc >> (period - p))) & full for p in range(period)]

    def _classify(self, u: int, v: int) -> tuple[tuple[int, ...] | None, int, int]:
        f, m = self.shape.fixed, self.shape.m
        if v < f:
            return None, 0, 0  # two fixed points would meet in every round
        cv, xv = divmod(v - f, m)
        if u < f:
            return (0, u, cv), m, xv
        cu, xu = divmod(u - f, m)
        if cu != cv:
            return (1, cu, cv, (xv - xu) % m), m, xu
        d = (xv - xu) % m
        start = xu
        if 2 * d > m:
            d, start = m - d, xv
        if 2 * d == m:
            return (2, cu, d), m // 2, start % (m // 2)
        return (2, cu, d), m, start

    def capacity(self) -> int:
        """How many pairs all base rounds together can hold without a repeat."""
        turns = self.shape.turns
        return sum(period // turns for period in self.periods)

    def develop(self, bases: Sequence[Sequence[Sequence[int]]]) -> Plan:
        f, m, turns = self.shape.fixed, self.shape.m, self.shape.turns

        def shift(p: int, i: int) -> int:
            if p < f:
                return p
            c, x = divmod(p - f, m)
            return f + c * m + (x + i) % m

        return [
            [[shift(p, i) for p in table] for table in base] for base in bases for i in range(turns)
        ]


def shapes(n: int, tables: int, rounds: int, hosts: bool) -> list[Shape]:
    """Layouts worth trying: one base round turning through all rounds, or several that each
    turn through a full cycle."""
    out = []
    for blocks in range(1, rounds // 2 + 1):
        if rounds % blocks:
            continue
        smallest = rounds if blocks == 1 else rounds // blocks
        largest = n if blocks == 1 else smallest
        for m in range(max(smallest, 2), largest + 1):
            for copies in range(1, n // m + 1):
                fixed = n - copies * m
                if (hosts and fixed != tables) or fixed > tables:
                    continue
                out.append(Shape(fixed, copies, m, blocks, rounds // blocks))
    return out


def rotational(
    sizes: Sequence[int],
    rounds: int,
    *,
    hosts: bool,
    rng: random.Random,
    deadline: float,
    clock: Callable[[], float],
    max_people: int = 64,
) -> Plan | None:
    """A zero-repeat plan, table t of size sizes[t] (with hosts: point t hosts table t), or None.

    Tries the layouts in turn with growing search budgets until the deadline.
    """
    n, tables = sum(sizes), len(sizes)
    if n > max_people or rounds < 2 or tables < 2:
        return None
    needed = sum(s * (s - 1) // 2 for s in sizes)
    candidates = []
    for shape in shapes(n, tables, rounds, hosts):
        orbits = _Orbits(shape)
        if orbits.capacity() >= needed * shape.blocks:
            candidates.append(orbits)
    budget = 400
    while candidates and clock() < deadline:
        for orbits in list(candidates):
            try:
                if (
                    orbits.shape.blocks > 1
                    and len(set(sizes)) == 1
                    and math.comb(n, sizes[0]) * orbits.shape.blocks <= COVER_ROWS
                ):
                    bases = _cover(orbits, sizes[0], len(sizes), rng, budget, deadline, clock)
                else:
                    bases = _attempt(orbits, sizes, rng, budget, deadline, clock)
            except _OutOfBudget:
                continue
            if bases is None:
                candidates.remove(orbits)  # searched through: this layout has no solution
            else:
                return orbits.develop(bases)
        budget *= 2
    return None


class _OutOfBudget(Exception):
    pass


def _attempt(
    orbits: _Orbits,
    sizes: Sequence[int],
    rng: random.Random,
    budget: int,
    deadline: float,
    clock: Callable[[], float],
) -> list[list[list[int]]] | None:
    """One backtracking run: base rounds, None when there are none, or _OutOfBudget."""
    shape = orbits.shape
    f = shape.fixed
    orbit, phase, periods, arcs = orbits.orbit, orbits.phase, orbits.periods, orbits.arcs
    used = [0] * len(periods)
    """used[o]: the positions of orbit o that some base-round pair already occupies."""
    bases: list[list[list[int]]] = [[[] for _ in sizes] for _ in range(shape.blocks)]
    for base in bases:
        for t in range(f):
            base[t].append(t)
    unplaced = [(j, p) for j in range(shape.blocks) for p in range(f, shape.n)]
    rank = {item: rng.random() for item in unplaced}
    nodes = 0

    def claims(p: int, table: list[int]) -> dict[int, int] | None:
        """The arcs p would occupy at this table, or None when one is taken or overlaps."""
        row_o, row_p = orbit[p], phase[p]
        added: dict[int, int] = {}
        for q in table:
            o = row_o[q]
            if o < 0:
                return None
            arc = arcs[periods[o]][row_p[q]]
            if (used[o] | added.get(o, 0)) & arc:
                return None
            added[o] = added.get(o, 0) | arc
        return added

    def options(j: int, p: int) -> list[tuple[int, dict[int, int]]]:
        sizes_seen: set[int] = set()
        out = []
        for t, table in enumerate(bases[j]):
            if len(table) >= sizes[t]:
                continue
            if not table:
                if sizes[t] in sizes_seen:
                    continue  # empty tables of one size are interchangeable
                sizes_seen.add(sizes[t])
            claim = claims(p, table)
            if claim is not None:
                out.append((t, claim))
        return out

    def solve() -> bool:
        nonlocal nodes
        if not unplaced:
            return True
        nodes += 1
        if nodes > budget or (nodes % 128 == 0 and clock() >= deadline):
            raise _OutOfBudget
        best: tuple[int, int] | None = None
        best_options: list[tuple[int, dict[int, int]]] = []
        for item in unplaced:
            found = options(*item)
            if best is None or (len(found), rank[item]) < (len(best_options), rank[best]):
                best, best_options = item, found
                if not found:
                    return False
        assert best is not None
        j, p = best
        unplaced.remove(best)
        rng.shuffle(best_options)
        for t, claim in best_options:
            for o, arc in claim.items():
                used[o] |= arc
            bases[j][t].append(p)
            if solve():
                return True
            bases[j][t].pop()
            for o, arc in claim.items():
                used[o] &= ~arc
        unplaced.append(best)
        return False

    return bases if solve() else None


def _cover(
    orbits: _Orbits,
    size: int,
    tables: int,
    rng: random.Random,
    budget: int,
    deadline: float,
    clock: Callable[[], float],
) -> list[list[list[int]]] | None:
    """Base rounds that turn through full cycles, as an exact cover (Knuth's Algorithm X).

    Each candidate table of a base round covers its people (exactly once per base round) and
    the orbits of its pairs (at most once overall; exactly once when the orbits are all needed).
    """
    shape = orbits.shape
    n, orbit = shape.n, orbits.orbit
    tight = orbits.capacity() == shape.blocks * tables * size * (size - 1) // 2
    point_columns = shape.blocks * n
    rows: list[list[int]] = []
    for table in _tables(n, size, orbit):
        pairs = [orbit[a][b] for i, a in enumerate(table) for b in table[i + 1 :]]
        for j in range(shape.blocks):
            rows.append([j * n + p for p in table] + [point_columns + o for o in pairs])
    columns: dict[int, set[int]] = {}
    for r, row in enumerate(rows):
        for c in row:
            columns.setdefault(c, set()).add(r)
    primary = set(range(point_columns))
    if tight:
        primary |= {point_columns + o for o in range(len(orbits.periods))}
    if any(c not in columns for c in primary):
        return None
    chosen: list[int] = []
    nodes = 0

    def take(r: int) -> list[set[int]]:
        removed = []
        for c in rows[r]:
            for other in columns[c]:
                for d in rows[other]:
                    if d != c:
                        columns[d].discard(other)
            removed.append(columns.pop(c))
        return removed

    def give_back(r: int, removed: list[set[int]]) -> None:
        for c in reversed(rows[r]):
            columns[c] = removed.pop()
            for other in columns[c]:
                for d in rows[other]:
                    if d != c:
                        columns[d].add(other)

    def solve() -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > budget or (nodes % 128 == 0 and clock() >= deadline):
            raise _OutOfBudget
        open_columns = [c for c in primary if c in columns]
        if not open_columns:
            return True
        column = min(open_columns, key=lambda c: len(columns[c]))
        options = sorted(columns[column])
        rng.shuffle(options)
        for r in options:
            removed = take(r)
            chosen.append(r)
            if solve():
                return True
            chosen.pop()
            give_back(r, removed)
        return False

    if not solve():
        return None
    bases: list[list[list[int]]] = [[] for _ in range(shape.blocks)]
    for r in chosen:
        people = [c for c in rows[r] if c < point_columns]
        bases[people[0] // n].append([c % n for c in people])
    return [_fixed_first(base, shape.fixed) for base in bases]


def _tables(n: int, size: int, orbit: list[list[int]]) -> list[list[int]]:
    """All tables of `size` people whose pairs lie on distinct allowed orbits."""
    out: list[list[int]] = []

    def grow(table: list[int], seen: set[int], start: int) -> None:
        if len(table) == size:
            out.append(table[:])
            return
        for p in range(start, n):
            new = [orbit[q][p] for q in table]
            if any(o < 0 or o in seen for o in new) or len(set(new)) < len(new):
                continue
            table.append(p)
            grow(table, seen | set(new), p + 1)
            table.pop()

    grow([], set(), 0)
    return out


def _fixed_first(base: list[list[int]], fixed: int) -> list[list[int]]:
    """Order the tables so that fixed point t sits at table t (it hosts that table)."""
    by_fixed = {min(table): table for table in base if min(table) < fixed}
    rest = [table for table in base if min(table) >= fixed]
    return [by_fixed[t] for t in range(fixed)] + rest
