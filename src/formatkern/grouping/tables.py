"""The table mixer: seat people at tables over several rounds so that few pairs meet twice.

This is the social golfer problem with the wishes of a real room added (table hosts who stay,
pairs to keep apart, people to keep together, and meetings that already happened). The mixer
tries, in this order, until the repeats reach the counting lower bound:

1. an exact construction without search: the affine layout over GF(q) or Z_g (`_construct`),
   then turning base rounds (`_rotational`); both reach zero repeats when they apply;
2. a first plan: the best of a greedy plan (`_greedy`), the affine rounds that exist followed by
   greedy rounds, and, with hosts, the travellers mixed alone with the hosts attached after
   (`_hosts`);
3. where the affine layout reaches only part of the rounds: short tabu searches that keep
   most of its rounds fixed and rebuild the others, each from a fresh greedy start;
4. tabu search over swaps of two people in one round (`_tabu`) from the best plan so far until
   the bound, the time limit, or (near the bound) a long run of steps without a better plan.

Everything random comes from one `random.Random(seed)`, and time only from `clock`, so a seed
and the same clock readings give the same plan.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence

import attrs

from formatkern.errors import GroupingError
from formatkern.grouping._construct import Plan, construct
from formatkern.grouping._greedy import greedy_plan
from formatkern.grouping._hosts import attach_hosts
from formatkern.grouping._rotational import rotational
from formatkern.grouping._tabu import Search
from formatkern.grouping.bounds import Pair, count_repeats, lower_bound, meetings, pair
from formatkern.grouping.sizes import split_sizes

__all__ = ["TableResult", "meetings", "mix"]

ROTATIONAL_SHARE = 0.3
"""Part of the time limit the search for turning base rounds may use before tabu search."""
SMALL_ROOM = 64
"""Up to this many people the search is fast enough to rebuild part of an exact start."""
HOSTS_LAST_SHARE = 0.4
"""With hosts: part of the time for mixing the travellers alone and attaching the hosts."""
FIXED_SHARE = 0.9
"""Part of the search time for short searches that keep the first exact rounds fixed."""
LOOSE_ROUNDS = 3
"""How many of the exact rounds such a short search leaves to change, besides the rounds the
construction does not reach."""
RESTART_PATIENCE = 300
"""A short search gives up after this many steps without a new best plan and starts afresh."""
FIXED_TENURE = (3, 10)
"""Tabu tenure of the short searches; on golf-32-8x4-10 it reached 8 repeats about twice as
often as the tenure of the search over all rounds."""
SETTLE_SLACK = 2
SETTLE_STEPS = 1500
"""The search stops before the time limit once its plan is at most `SETTLE_SLACK` repeats
above the lower bound and `SETTLE_STEPS` steps in a row found nothing better: where the bound
cannot be reached (with hosts it often cannot), waiting for the full limit rarely pays. For
the same reason, with hosts, a mix of the travellers that is that close is not tried again."""


@attrs.frozen
class TableResult:
    """A seating plan: per round, per table, the people (indexes, ascending)."""

    rounds: tuple[tuple[tuple[int, ...], ...], ...]
    hosts: tuple[int, ...]
    """With hosts: the host of table t, who sits at table t in every round; else empty."""
    repeats: int
    """Meetings of pairs who had met before (in an earlier round or in `met`)."""
    lower_bound: int
    """No plan for this request can have fewer repeats."""
    seconds: float
    method: str = "search"
    """How the plan was found: "affine", "rotational", "search" or "none" (no rounds)."""


@attrs.frozen
class _Request:
    """A checked request: every index in range, groups merged, contradictions refused."""

    n: int
    tables: int
    rounds: int
    sizes: tuple[int, ...]
    hosts: tuple[int, ...]
    apart: tuple[Pair, ...]
    together: tuple[tuple[int, ...], ...]
    met: Mapping[Pair, int]


def mix(
    n: int,
    *,
    tables: int,
    rounds: int,
    hosts: bool | Sequence[int] = False,
    apart: Sequence[tuple[int, int]] = (),
    together: Sequence[Sequence[int]] = (),
    seed: int | str = 0,
    time_limit: float = 10.0,
    clock: Callable[[], float] = time.perf_counter,
    met: Mapping[tuple[int, int], int] | None = None,
) -> TableResult:
    """Seat people 0..n-1 at `tables` tables for `rounds` rounds with as few repeats as found.

    `hosts`: True picks the first person of each table in order (skipping people who would make
    two hosts share a together group), or give the host of each table. `apart` pairs never
    share a table; each `together` group shares a table in every round. `met` counts meetings
    that already happened: to re-mix the remaining rounds after somebody arrived or left, pass
    `meetings(past_rounds)` (translated to the new indexes) and the same hosts.
    Stops early when the repeats reach the lower bound, else at `time_limit` seconds.
    """
    start = clock()
    deadline = start + max(0.0, time_limit)
    request = _check(n, tables, rounds, hosts, apart, together, met or {})
    bound = lower_bound(
        n,
        request.sizes,
        rounds,
        hosts=request.hosts,
        apart=request.apart,
        together=request.together,
        met=request.met,
    )
    if rounds == 0:
        return TableResult((), request.hosts, 0, 0, clock() - start, "none")
    rng = random.Random(seed)
    plan, method = _exact(request, bound, rng, start, deadline, clock)
    if plan is None:
        plan = _searched(request, bound, rng, deadline, clock)
        method = "search"
    repeats = count_repeats(plan, request.met)
    rounds_out = tuple(tuple(tuple(sorted(table)) for table in tables_) for tables_ in plan)
    return TableResult(rounds_out, request.hosts, repeats, bound, clock() - start, method)


def _check(
    n: int,
    tables: int,
    rounds: int,
    hosts: bool | Sequence[int],
    apart: Sequence[tuple[int, int]],
    together: Sequence[Sequence[int]],
    met: Mapping[tuple[int, int], int],
) -> _Request:
    if n < 1:
        raise GroupingError(f"there must be at least one person, got {n}")
    if tables < 1:
        raise GroupingError(f"there must be at least one table, got {tables}")
    if n < tables:
        raise GroupingError(f"{n} people cannot fill {tables} tables; use at most {n} tables")
    if rounds < 0:
        raise GroupingError(f"the number of rounds cannot be negative, got {rounds}")
    sizes = tuple(split_sizes(n, tables))

    def person(p: int, what: str) -> int:
        if not 0 <= p < n:
            raise GroupingError(f"{what} names person {p}, but people are numbered 0..{n - 1}")
        return p

    groups = _merge([[person(p, "a together group") for p in g] for g in together], n)
    group_of = {p: i for i, g in enumerate(groups) for p in g}
    apart_pairs: set[Pair] = set()
    for a, b in apart:
        person(a, "an apart pair")
        person(b, "an apart pair")
        if a == b:
            raise GroupingError(f"person {a} cannot be kept apart from themselves")
        if a in group_of and group_of.get(a) == group_of.get(b):
            raise GroupingError(
                f"{a} and {b} are to be kept apart, but a together group puts them at one table"
            )
        apart_pairs.add(pair(a, b))
    for g in groups:
        if len(g) > sizes[0]:
            raise GroupingError(
                f"the together group {', '.join(map(str, g))} has {len(g)} people, but the "
                f"largest table has {sizes[0]} seats"
            )
    host_list = _hosts(hosts, n, tables, groups, group_of, person)
    for t, h in enumerate(host_list):
        g = groups[group_of[h]] if h in group_of else []
        if len(g) > sizes[t]:
            raise GroupingError(
                f"host {h} keeps {len(g)} people together, but table {t + 1} has {sizes[t]} seats"
            )
    clean_met: dict[Pair, int] = {}
    for (a, b), times in met.items():
        person(a, "a past meeting")
        person(b, "a past meeting")
        if times > 0 and a != b:
            clean_met[pair(a, b)] = clean_met.get(pair(a, b), 0) + times
    return _Request(
        n,
        tables,
        rounds,
        sizes,
        host_list,
        tuple(sorted(apart_pairs)),
        tuple(tuple(g) for g in groups),
        clean_met,
    )


def _merge(groups: Sequence[Sequence[int]], n: int) -> list[list[int]]:
    """Together groups that share a person are one group."""
    parent = list(range(n))

    def root(p: int) -> int:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    members = set()
    for g in groups:
        for p in g:
            members.add(p)
            parent[root(p)] = root(g[0])
    merged: dict[int, list[int]] = {}
    for p in sorted(members):
        merged.setdefault(root(p), []).append(p)
    return [g for g in merged.values() if len(g) > 1]


def _hosts(
    hosts: bool | Sequence[int],
    n: int,
    tables: int,
    groups: list[list[int]],
    group_of: dict[int, int],
    person: Callable[[int, str], int],
) -> tuple[int, ...]:
    if hosts is False:
        return ()
    if hosts is True:
        chosen: list[int] = []
        used_groups: set[int] = set()
        for p in range(n):
            if len(chosen) == tables:
                break
            if p in group_of:
                if group_of[p] in used_groups:
                    continue
                used_groups.add(group_of[p])
            chosen.append(p)
        if len(chosen) < tables:
            raise GroupingError(
                f"{tables} tables need {tables} hosts who are not kept together, found only "
                f"{len(chosen)}"
            )
        return tuple(chosen)
    given = tuple(person(p, "the host list") for p in hosts)
    if len(given) != tables:
        raise GroupingError(f"{tables} tables need {tables} hosts, got {len(given)}")
    if len(set(given)) != len(given):
        raise GroupingError("a person cannot host two tables")
    hosted = [group_of[h] for h in given if h in group_of]
    if len(set(hosted)) < len(hosted):
        raise GroupingError("two hosts are kept together, but hosts stay at different tables")
    return given


def _exact(
    request: _Request,
    bound: int,
    rng: random.Random,
    start: float,
    deadline: float,
    clock: Callable[[], float],
) -> tuple[Plan | None, str]:
    """A zero-repeat plan from a construction, relabelled to honour hosts and apart pairs."""
    if bound > 0 or request.together or request.met:
        return None, ""
    n, tables, rounds = request.n, request.tables, request.rounds
    design = construct(n, tables, rounds, hosts=bool(request.hosts))
    if (
        design is not None
        and len(design.rounds) >= rounds
        and _sized(design.rounds[:rounds], request.sizes)
    ):
        plan = _relabel(design.rounds[:rounds], request, rng)
        if plan is not None:
            return plan, "affine"
    share = start + ROTATIONAL_SHARE * (deadline - start)
    turned = rotational(
        list(request.sizes),
        rounds,
        hosts=bool(request.hosts),
        rng=rng,
        deadline=min(deadline, share),
        clock=clock,
    )
    if turned is not None and _sized(turned, request.sizes):
        plan = _relabel(turned, request, rng)
        if plan is not None:
            return plan, "rotational"
    return None, ""


def _sized(plan: Plan, sizes: Sequence[int]) -> bool:
    """Every round has the table sizes asked for (sizes differ by at most one): a construction
    that leaves one table nearly empty in some round is not used."""
    wanted = sorted(sizes)
    return all(sorted(len(table) for table in tables_) == wanted for tables_ in plan)


def _relabel(plan: Plan, request: _Request, rng: random.Random) -> Plan | None:
    """Put real people on the points of a design: host t on point t, apart pairs on points
    that never meet, everybody else shuffled by the seed. None when apart pairs do not fit."""
    n = request.n
    never = meetings(plan)
    point_of: dict[int, int] = {host: t for t, host in enumerate(request.hosts)}
    free = [p for p in range(n) if p not in point_of.values()]
    rng.shuffle(free)
    partners: dict[int, list[int]] = {}
    for a, b in request.apart:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    for person in sorted(partners, key=lambda p: (-len(partners[p]), p)):
        if person in point_of:
            continue
        placed = [point_of[q] for q in partners[person] if q in point_of]
        spot = next((x for x in free if all(never[pair(x, y)] == 0 for y in placed)), None)
        if spot is None:
            return None
        point_of[person] = spot
        free.remove(spot)
    for a, b in request.apart:
        if never[pair(point_of[a], point_of[b])] > 0:
            return None
    for person in range(n):
        if person not in point_of:
            point_of[person] = free.pop()
    person_at = {point: person for person, point in point_of.items()}
    return [[[person_at[x] for x in table] for table in tables] for tables in plan]


def _searched(
    request: _Request,
    bound: int,
    rng: random.Random,
    deadline: float,
    clock: Callable[[], float],
) -> Plan:
    """Greedy start (or, with hosts, travellers first and hosts attached), then tabu search
    until the bound or the deadline."""
    start = greedy_plan(
        request.n,
        request.sizes,
        request.rounds,
        hosts=request.hosts,
        apart=request.apart,
        together=request.together,
        met=request.met,
        rng=rng,
    )
    if start is None:
        raise GroupingError(
            "the apart and together wishes cannot all be honoured at these tables; "
            "drop a wish or add a table"
        )
    for other in (_partial_affine(request, rng), _hosts_last(request, bound, rng, deadline, clock)):
        if other is not None and count_repeats(other, request.met) <= count_repeats(
            start, request.met
        ):
            start = other
    if count_repeats(start, request.met) > bound:
        until = clock() + FIXED_SHARE * (deadline - clock())
        restarted = _fixed_restarts(request, bound, rng, until, clock)
        if restarted is not None and restarted[1] < count_repeats(start, request.met):
            start = restarted[0]
    frozen = set(request.hosts) | {p for g in request.together for p in g}
    search = Search(request.n, start, frozen=frozen, apart=request.apart, met=request.met, rng=rng)
    best, _ = search.run(
        target=bound,
        deadline=deadline,
        clock=clock,
        patience=SETTLE_STEPS,
        good=bound + SETTLE_SLACK,
    )
    return best


def _partial_affine(request: _Request, rng: random.Random) -> Plan | None:
    """The rounds the affine layout reaches without repeats, then greedy rounds.

    Kept whole, the affine rounds can lock the search in: after nine rounds of 32 people at
    8 tables the tenth cannot do better than 16 repeats, while a plan without any exists.
    """
    if request.together or request.met:
        return None
    design = construct(request.n, request.tables, request.rounds, hosts=bool(request.hosts))
    if design is None or not 0 < len(design.rounds) < request.rounds:
        return None
    keep = len(design.rounds)
    if request.n <= SMALL_ROOM and keep > 4:
        keep -= 2  # the exact rounds are rigid: leave the search room to rebuild around them
    first = _relabel(design.rounds[:keep], request, rng)
    if first is None:
        return None
    rest = greedy_plan(
        request.n,
        request.sizes,
        request.rounds - len(first),
        hosts=request.hosts,
        apart=request.apart,
        met=meetings(first),
        rng=rng,
    )
    return None if rest is None else first + rest


def _fixed_restarts(
    request: _Request,
    bound: int,
    rng: random.Random,
    until: float,
    clock: Callable[[], float],
) -> tuple[Plan, int] | None:
    """Short searches that keep some exact rounds fixed and rebuild only the others, each from
    a fresh greedy start; the best plan and its repeats, or None when this does not apply.

    The affine rounds are rigid: 32 people at 8 tables have nine of them, but no 10-round plan
    without repeats extends even the first five (an exhaustive exact-cover search, run once
    while tuning, found none), and tabu search over all rounds rarely leaves their
    neighbourhood. Keeping all but the last `LOOSE_ROUNDS` of them fixed and searching only
    the remaining rounds is a much smaller problem: for 32 people at 8 tables for 10 rounds it
    ends at 8 repeats in about one short search in five, where the search over all rounds
    settles at 12 or 16. The short searches stop after `RESTART_PATIENCE` steps without a new
    best plan, so many different starts fit into the time.
    """
    if request.hosts or request.together or request.met:
        return None
    n, rounds = request.n, request.rounds
    design = construct(n, request.tables, rounds)
    if design is None or not _sized(design.rounds, request.sizes):
        return None
    keep = len(design.rounds) - LOOSE_ROUNDS
    if keep < 2 or len(design.rounds) >= rounds:
        return None
    best: tuple[Plan, int] | None = None
    while clock() < until and (best is None or best[1] > bound):
        first = _relabel(design.rounds[:keep], request, rng)
        if first is None:
            break
        rest = greedy_plan(
            n, request.sizes, rounds - keep, apart=request.apart, met=meetings(first), rng=rng
        )
        if rest is None:
            break
        search = Search(
            n,
            first + rest,
            frozen=(),
            apart=request.apart,
            met={},
            rng=rng,
            fixed_rounds=range(keep),
        )
        search.tenure_min, search.tenure_max = FIXED_TENURE
        search.sample_cap = n * rounds  # few rounds are free: look at every conflict
        found = search.run(target=bound, deadline=until, clock=clock, patience=RESTART_PATIENCE)
        if best is None or found[1] < best[1]:
            best = found
    return best


def _hosts_last(
    request: _Request,
    bound: int,
    rng: random.Random,
    deadline: float,
    clock: Callable[[], float],
) -> Plan | None:
    """With hosts: mix the travellers alone, then give each host a group per round; a few
    traveller plans are tried, as some suit the hosts better than others."""
    n, tables, hosts = request.n, request.tables, request.hosts
    if not hosts or request.apart or request.together or request.met or n - tables < tables:
        return None
    until = clock() + HOSTS_LAST_SHARE * (deadline - clock())
    travellers = [p for p in range(n) if p not in set(hosts)]
    best: Plan | None = None
    best_repeats = 0
    while best is None or (best_repeats > bound + SETTLE_SLACK and clock() < until):
        left = max(0.0, until - clock())
        mixed = mix(
            len(travellers),
            tables=tables,
            rounds=request.rounds,
            seed=rng.randrange(1 << 30),
            time_limit=left / 2,
            clock=clock,
        )
        groups = [[[travellers[i] for i in table] for table in tables_] for tables_ in mixed.rounds]
        plan, host_repeats = attach_hosts(
            groups,
            request.sizes,
            hosts,
            target=bound - mixed.repeats,
            rng=rng,
            deadline=clock() + max(0.0, until - clock()) / 2,
            clock=clock,
        )
        if best is None or mixed.repeats + host_repeats < best_repeats:
            best, best_repeats = plan, mixed.repeats + host_repeats
    return best
