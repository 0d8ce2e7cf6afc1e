"""Tabu search over swaps of two people in one round (after Dotu & Van Hentenryck 2005).

The state keeps, besides the seating, the meeting count of every pair and two derived tables
that make a swap's effect a handful of lookups:

- ``join[r][t][p]``: how many people at table t in round r that p has met (an apart partner
  counts as a huge number, which keeps apart pairs apart without a separate check); stored
  per table so that a whole table's column changes in one vector step;
- ``leave[r][p]``: how many of p's table mates in round r p meets more than once.

Swapping a (table A) with b (table B) in round r changes the repeats by
``join[r][B][a] + join[r][A][b] - 2*w(a, b) - leave[r][a] - leave[r][b]``, where w(a, b) is 1
when a and b have met. Only people in a conflict (leave > 0) are moved; the best swap of a
non-tabu person is taken, a tabu one only when it beats the best plan so far. When the search
stalls it perturbs the plan with a few random swaps or returns to the best plan. Some rounds
can be kept fixed (their meetings still count), and a search can be told to give up after a
number of steps without a new best plan.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from itertools import compress
from operator import add, sub

from formatkern.grouping._construct import Plan
from formatkern.grouping.bounds import Pair

BIG = 1 << 20
"""Weight of a forbidden seat (an apart partner at the table, a frozen person)."""


class Search:
    """The incremental state of one plan; `run` improves it until the target or the deadline."""

    def __init__(
        self,
        n: int,
        plan: Plan,
        *,
        frozen: Collection[int],
        apart: Collection[Pair],
        met: Mapping[Pair, int],
        rng: random.Random,
        fixed_rounds: Collection[int] = (),
    ) -> None:
        self.n = n
        self.rounds = len(plan)
        self.tables = len(plan[0]) if plan else 0
        self.rng = rng
        self.frozen = frozenset(frozen)
        self.movable = [p for p in range(n) if p not in self.frozen]
        fixed = set(fixed_rounds)
        self.free_rounds = [r for r in range(self.rounds) if r not in fixed]
        """Rounds the search may change; the others stay as given (their meetings count)."""
        self.apart = [[0] * n for _ in range(n)]
        for a, b in apart:
            self.apart[a][b] = self.apart[b][a] = 1
        self.prior = [[0] * n for _ in range(n)]
        for (a, b), times in met.items():
            self.prior[a][b] = self.prior[b][a] = times
        self.offset = sum(max(0, t - 1) for t in met.values())
        self.frozen_penalty = [BIG if p in self.frozen else 0 for p in range(n)]
        self.load(plan)

    # -- state -------------------------------------------------------------------------------

    def load(self, plan: Plan) -> None:
        """Set the seating to `plan` and rebuild every derived table from scratch."""
        n, rounds = self.n, self.rounds
        self.members = [[list(table) for table in tables] for tables in plan]
        self.seat = [[0] * n for _ in range(rounds)]
        for r, tables in enumerate(self.members):
            for t, table in enumerate(tables):
                for p in table:
                    self.seat[r][p] = t
        count = [row[:] for row in self.prior]
        for tables in self.members:
            for table in tables:
                for i, a in enumerate(table):
                    row = count[a]
                    for b in table[i + 1 :]:
                        row[b] += 1
                        count[b][a] += 1
        self.count = count
        self.weight = [
            [(1 if c else 0) + BIG * x for c, x in zip(crow, arow, strict=True)]
            for crow, arow in zip(count, self.apart, strict=True)
        ]
        self.weight2 = [[2 * w for w in row] for row in self.weight]
        self.join = []
        self.leave = []
        for r in range(rounds):
            join_r = [[0] * n for _ in range(self.tables)]
            for t, table in enumerate(self.members[r]):
                sums = join_r[t]
                for x in table:
                    sums[:] = map(add, sums, self.weight[x])
            leave_r = [0] * n
            for table in self.members[r]:
                for p in table:
                    crow = count[p]
                    leave_r[p] = sum(1 for q in table if q != p and crow[q] >= 2)
            self.join.append(join_r)
            self.leave.append(leave_r)
        self.cost = self._total() - self.offset

    def _total(self) -> int:
        n, count = self.n, self.count
        return sum(max(0, count[a][b] - 1) for a in range(n) for b in range(a + 1, n))

    def plan(self) -> Plan:
        return [[list(table) for table in tables] for tables in self.members]

    def _bump(self, a: int, b: int, step: int) -> None:
        """Change the meeting count of a and b by `step` (+1 or -1) and the derived tables."""
        count = self.count
        old = count[a][b]
        new = old + step
        count[a][b] = count[b][a] = new
        if (old == 0) != (new == 0):
            change = 1 if new else -1
            self.weight[a][b] += change
            self.weight[b][a] += change
            self.weight2[a][b] += 2 * change
            self.weight2[b][a] += 2 * change
            for seat, join in zip(self.seat, self.join, strict=True):
                ta, tb = seat[a], seat[b]
                if tb >= 0:
                    join[tb][a] += change
                if ta >= 0:
                    join[ta][b] += change
        if (old >= 2) != (new >= 2):
            change = 1 if new >= 2 else -1
            for seat, leave in zip(self.seat, self.leave, strict=True):
                ta = seat[a]
                if ta >= 0 and ta == seat[b]:
                    leave[a] += change
                    leave[b] += change

    def swap(self, r: int, a: int, b: int) -> None:
        """Exchange the seats of a and b in round r, keeping every derived table exact."""
        seat, join_r, leave_r = self.seat[r], self.join[r], self.leave[r]
        ta, tb = seat[a], seat[b]
        self.cost += self.delta(r, a, b)
        at_a, at_b = self.members[r][ta], self.members[r][tb]
        count = self.count
        at_a.remove(a)
        at_b.remove(b)
        join_r[ta] = list(map(sub, join_r[ta], self.weight[a]))
        join_r[tb] = list(map(sub, join_r[tb], self.weight[b]))
        crow = count[a]
        for x in at_a:
            if crow[x] >= 2:
                leave_r[x] -= 1
        crow = count[b]
        for y in at_b:
            if crow[y] >= 2:
                leave_r[y] -= 1
        leave_r[a] = leave_r[b] = 0
        seat[a] = seat[b] = -1
        for x in at_a:
            self._bump(a, x, -1)
        for y in at_b:
            self._bump(b, y, -1)
        at_a.append(b)
        at_b.append(a)
        seat[a], seat[b] = tb, ta
        join_r[ta] = list(map(add, join_r[ta], self.weight[b]))
        join_r[tb] = list(map(add, join_r[tb], self.weight[a]))
        crow = count[a]
        for y in at_b:
            if y != a and crow[y] >= 2:
                leave_r[y] += 1
                leave_r[a] += 1
        crow = count[b]
        for x in at_a:
            if x != b and crow[x] >= 2:
                leave_r[x] += 1
                leave_r[b] += 1
        for y in at_b:
            if y != a:
                self._bump(a, y, 1)
        for x in at_a:
            if x != b:
                self._bump(b, x, 1)

    def delta(self, r: int, a: int, b: int) -> int:
        """The change in repeats if a and b (at different tables) swap seats in round r."""
        seat, join_r, leave_r = self.seat[r], self.join[r], self.leave[r]
        return (
            join_r[seat[b]][a] + join_r[seat[a]][b] - self.weight2[a][b] - leave_r[a] - leave_r[b]
        )

    # -- search ------------------------------------------------------------------------------

    def conflicts(self) -> list[tuple[int, int]]:
        """(round, person) of every movable person in a free round who sits with someone met
        before."""
        frozen, leave = self.frozen, self.leave
        everyone = range(self.n)
        return [
            (r, a)
            for r in self.free_rounds
            for a in compress(everyone, leave[r])
            if a not in frozen
        ]

    def random_swap(self) -> bool:
        """Swap two random movable people at different tables of a random round if allowed."""
        if len(self.movable) < 2 or self.tables < 2 or not self.free_rounds:
            return False
        r = self.rng.choice(self.free_rounds)
        a, b = self.rng.sample(self.movable, 2)
        if self.seat[r][a] == self.seat[r][b] or self.delta(r, a, b) >= BIG // 2:
            return False
        self.swap(r, a, b)
        return True

    def run(
        self,
        *,
        target: int,
        deadline: float,
        clock: Callable[[], float],
        max_iterations: int | None = None,
        patience: int | None = None,
        good: int | None = None,
    ) -> tuple[Plan, int]:
        """Improve until the repeats reach `target`, the deadline passes, the moves run out or
        (with `patience`) that many steps in a row bring no new best plan; with `good` as well,
        that last rule applies only once the best plan has at most `good` repeats.

        Returns the best plan seen and its repeats.
        """
        best_cost = self.cost
        best_plan = self.plan()
        if best_cost <= target or not self.movable or self.tables < 2 or not self.free_rounds:
            return best_plan, best_cost
        n, rounds, tables = self.n, self.rounds, self.tables
        rng = self.rng
        random_ = rng.random
        tabu_until = [[0] * n for _ in range(rounds)]
        tabu_lists: list[list[int]] = [[] for _ in range(rounds)]
        frozen_penalty = self.frozen_penalty
        stall_limit = self.stall_base + self.stall_per_person * n
        sample_cap = self.sample_cap
        seats, joins, leaves, members, weight2 = (
            self.seat,
            self.join,
            self.leave,
            self.members,
            self.weight2,
        )
        iteration = last_improvement = last_best = kicks = 0
        while max_iterations is None or iteration < max_iterations:
            if iteration % 16 == 0 and clock() >= deadline:
                break
            if (
                patience is not None
                and iteration - last_best > patience
                and (good is None or best_cost <= good)
            ):
                break
            iteration += 1
            positions = self.conflicts()
            if len(positions) > sample_cap:
                positions = rng.sample(positions, sample_cap)
            best_delta = BIG
            ties = 0
            chosen: tuple[int, int, list[int], int] | None = None
            partners: dict[int, list[int]] = {}
            masks: dict[int, list[int]] = {}
            room = best_cost - self.cost  # a change below this is a new best: tabu or not
            for r, a in positions:
                seat = seats[r]
                ta = seat[a]
                leave_r = leaves[r]
                join_r = joins[r]
                mask = masks.get(r)
                if mask is None:
                    live = [p for p in dict.fromkeys(tabu_lists[r]) if tabu_until[r][p] > iteration]
                    tabu_lists[r] = live
                    mask = frozen_penalty[:]
                    for p in live:
                        mask[p] = BIG
                    masks[r] = mask
                key = r * tables + ta
                others = partners.get(key)
                if others is None:
                    others = list(map(add, map(sub, join_r[ta], leave_r), mask))
                    for x in members[r][ta]:
                        others[x] = BIG
                    partners[key] = others
                toward = [column[a] for column in join_r]
                values = list(map(sub, map(add, map(toward.__getitem__, seat), others), weight2[a]))
                left_a = leave_r[a]
                tabu_here = tabu_lists[r]
                if tabu_until[r][a] > iteration:
                    # a tabu person moves only for a new best plan (aspiration)
                    values = values[:]
                    for b in tabu_here:
                        if seat[b] != ta and values[b] >= BIG // 2:
                            values[b] -= BIG
                    low = min(values)
                    if low - left_a >= room:
                        continue
                else:
                    low = min(values)
                    if low - left_a >= room:
                        for b in tabu_here:
                            value = values[b] - BIG
                            if seat[b] != ta and value < low and value - left_a < room:
                                values = values[:]
                                values[b] = low = value
                change = low - left_a
                if change > best_delta:
                    continue
                if change < best_delta:
                    best_delta = change
                    ties = 0
                count = values.count(low)
                ties += count
                if count == ties or random_() * ties < count:
                    chosen = (r, a, values, low)
            if chosen is None or best_delta >= BIG // 2:
                self.random_swap()
                continue
            r, a, values, low = chosen
            hits = [b for b, v in enumerate(values) if v == low]
            b = hits[rng.randrange(len(hits))] if len(hits) > 1 else hits[0]
            self.swap(r, a, b)
            tenure = rng.randint(self.tenure_min, self.tenure_max)
            tabu_until[r][a] = tabu_until[r][b] = iteration + tenure
            tabu_lists[r].extend((a, b))
            if self.cost < best_cost:
                best_cost = self.cost
                best_plan = self.plan()
                last_improvement = last_best = iteration
                kicks = 0
                if best_cost <= target:
                    break
            elif iteration - last_improvement > stall_limit:
                kicks += 1
                self.perturb(best_plan, kicks)
                seats, joins, leaves, members, weight2 = (
                    self.seat,
                    self.join,
                    self.leave,
                    self.members,
                    self.weight2,
                )
                last_improvement = iteration
        return best_plan, best_cost

    # Tuned on the golfer benchmark (bench/groups.py); short tenures worked best there.
    tenure_min = 2
    tenure_max = 6
    """A moved person stays put in that round for a random number of steps in this range."""
    stall_base = 200
    stall_per_person = 20
    """Steps without a new best plan (base + per person) before the plan is shaken."""
    sample_cap = 60
    """At most this many conflicting seats are examined per step (a random sample)."""
    restart_chance = 0.3
    """How often a shake starts from the best plan rather than the current one."""
    kick_base = 4.0
    kick_growth = 0.0
    """Random swaps per shake: up to base + growth * shakes since the last new best."""

    def perturb(self, best_plan: Plan, kicks: int) -> None:
        """Leave a stalled region with a few random swaps, now and then starting from the best
        plan instead of the current one."""
        if self.rng.random() < self.restart_chance:
            self.load(best_plan)
        strength = self.kick_base + self.kick_growth * kicks
        for _ in range(self.rng.randint(1, max(1, int(strength)))):
            self.random_swap()
