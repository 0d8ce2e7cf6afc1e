"""Hosts first seat the travellers, then choose which host welcomes which group.

With table hosts the travellers' own meetings do not depend on the hosts at all, so a plan can
be built in two steps: seat the travellers (n - T people at T tables of one seat less) with as
few repeats as possible, then decide round by round which host gets which group of travellers,
so that each host meets as many different travellers as possible. The second step is a small
search over one permutation per round: swap the groups of two hosts whose tables have the same
size when that lowers the hosts' repeats, with random kicks when it stalls.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from formatkern.grouping._construct import Plan


def attach_hosts(
    groups: Plan,
    sizes: Sequence[int],
    hosts: Sequence[int],
    *,
    target: int,
    rng: random.Random,
    deadline: float,
    clock: Callable[[], float],
) -> tuple[Plan, int]:
    """Tables with host t at table t and a traveller group each; and the hosts' repeats.

    `groups` are the travellers' rounds (each table one seat smaller than sizes[t]);
    `target` is the hosts' lower bound, where the search stops.
    """
    rounds = len(groups)
    tables = len(hosts)
    # which traveller group each host table receives: per round a permutation by size class
    assign: list[list[int]] = []
    for tables_ in groups:
        choice = [-1] * tables
        for size in set(sizes):
            seats = [t for t in range(tables) if sizes[t] == size]
            fitting = [i for i, group in enumerate(tables_) if len(group) == size - 1]
            rng.shuffle(fitting)
            for t, i in zip(seats, fitting, strict=True):
                choice[t] = i
        assign.append(choice)
    met = [[0] * (1 + max(x for tables_ in groups for g in tables_ for x in g)) for _ in hosts]

    def gain(t: int, group: Sequence[int], step: int) -> int:
        """The change in host t's repeats when a group joins (1) or leaves (-1)."""
        row = met[t]
        if step > 0:
            return sum(1 for x in group if row[x] >= 1)
        return -sum(1 for x in group if row[x] >= 2)

    def move(t: int, group: Sequence[int], step: int) -> None:
        row = met[t]
        for x in group:
            row[x] += step

    for r in range(rounds):
        for t in range(tables):
            move(t, groups[r][assign[r][t]], 1)
    cost = sum(max(0, c - 1) for row in met for c in row)
    best_cost, best = cost, [row[:] for row in assign]
    swaps = [(t, u) for t in range(tables) for u in range(t + 1, tables) if sizes[t] == sizes[u]]
    tabu: dict[tuple[int, int, int], int] = {}
    step = stalled = 0
    while best_cost > target and swaps and clock() < deadline:
        step += 1
        best_change, options = None, []
        for r in range(rounds):
            row = assign[r]
            for t, u in swaps:
                gt, gu = groups[r][row[t]], groups[r][row[u]]
                change = gain(t, gt, -1) + gain(u, gu, -1)
                change += gain(t, gu, 1) + gain(u, gt, 1)
                # a traveller in both groups cannot be: groups of one round are disjoint
                if tabu.get((r, t, u), 0) > step and cost + change >= best_cost:
                    continue
                if best_change is None or change < best_change:
                    best_change, options = change, [(r, t, u)]
                elif change == best_change:
                    options.append((r, t, u))
        if not options:
            break
        r, t, u = rng.choice(options)
        row = assign[r]
        move(t, groups[r][row[t]], -1)
        move(u, groups[r][row[u]], -1)
        row[t], row[u] = row[u], row[t]
        move(t, groups[r][row[t]], 1)
        move(u, groups[r][row[u]], 1)
        cost += best_change or 0
        tabu[(r, t, u)] = step + rng.randint(3, 3 + rounds)
        if cost < best_cost:
            best_cost, best, stalled = cost, [row_[:] for row_ in assign], 0
        else:
            stalled += 1
            if stalled > 50 * rounds:
                stalled = 0
                for _ in range(rng.randint(1, 3)):
                    r = rng.randrange(rounds)
                    t, u = rng.choice(swaps)
                    row = assign[r]
                    move(t, groups[r][row[t]], -1)
                    move(u, groups[r][row[u]], -1)
                    row[t], row[u] = row[u], row[t]
                    move(t, groups[r][row[t]], 1)
                    move(u, groups[r][row[u]], 1)
                cost = sum(max(0, c - 1) for row_ in met for c in row_)
    plan = [[[hosts[t], *groups[r][best[r][t]]] for t in range(tables)] for r in range(rounds)]
    return plan, best_cost
