"""Who sits with whom, decided by the engine when a step starts.

This is glue between the running session and `formatkern.grouping`: it turns people's names
into the indexes the grouping algorithms work on and back, and adjusts the groups of a running
round when someone arrives late or leaves early. Whatever it decides is recorded in an event
(groups_set), so a replay never calls it and a better algorithm never changes an
old session.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

import attrs

from formatkern.errors import GroupingError
from formatkern.grouping import pairs, tables
from formatkern.grouping.bounds import Pair, pair
from formatkern.grouping.stations import rotation as station_rotation
from formatkern.model import Arrangement, ArrangementKind, OddPerson, Rotation
from formatkern.plan import Step, group_sizes
from formatkern.state import ArrangementChoice, Seating

SEATED_KINDS = frozenset(
    {
        ArrangementKind.PAIRS,
        ArrangementKind.GROUPS,
        ArrangementKind.TABLES,
        ArrangementKind.STATIONS,
    }
)
"""Arrangements in which people are assigned to groups (plenum and work alone need no seating)."""


def effective(arrangement: Arrangement, choice: ArrangementChoice | None, n: int) -> Arrangement:
    """The format's arrangement with the facilitator's decision applied, for `n` people."""
    if choice is None:
        return arrangement
    count = choice.count
    if count is None and choice.size is not None:
        count = max(1, round(n / choice.size))
    if count is None:
        count = arrangement.count
    return attrs.evolve(arrangement, kind=choice.kind, count=count)


def sizes_for(arrangement: Arrangement, n: int) -> tuple[tuple[int, ...], int]:
    """Group sizes and number of observers for `n` people; GroupingError when impossible."""
    return group_sizes(arrangement, n)


def seat_run(
    steps: Sequence[Step],
    arrangement: Arrangement,
    people: Sequence[str],
    *,
    held: Sequence[Seating] = (),
    teams: Sequence[Sequence[str]] | None = None,
    seed: str,
    time_limit: float = 2.0,
    matches: Mapping[tuple[str, str], float] | None = None,
) -> list[Seating]:
    """Seatings for the rounds `steps` of one phase, building on the rounds already `held`.

    `teams` are groups held just before (stations: the teams of the walk); a phase that does
    not rotate keeps them when the same people are there (pair feedback with the last partner).
    `time_limit` bounds the table mixer's search. `matches` weighs two people (names in sorted
    order) whose offers and needs meet: pairs that `match` pair them first.
    Raises GroupingError when the people cannot be arranged this way.
    """
    kind = arrangement.kind
    rng = random.Random(seed)
    names = list(people)
    rotate = _rotation(steps)
    matched = _present_matches(matches, names) if kind is ArrangementKind.PAIRS else {}
    if matched:
        return _matched_pairs(steps, arrangement, names, held, rng, matched)
    if (
        teams is not None
        and kind is not ArrangementKind.STATIONS
        and rotate is Rotation.NONE
        and sorted(p for t in teams for p in t) == sorted(names)
    ):
        return [Seating(tuple(tuple(t) for t in teams))] * len(steps)
    if kind is ArrangementKind.PAIRS:
        return _pairs(steps, arrangement, names, held, rng)
    sizes, _ = sizes_for(arrangement, len(names))
    if kind is ArrangementKind.STATIONS:
        return _stations(steps, sizes, names, teams, rotate, rng)
    hosts = arrangement.hosts and kind is ArrangementKind.TABLES
    if rotate is Rotation.MIX and len(steps) + len(held) > 1:
        return _mix_tables(
            len(steps), sizes, names, held, hosts=hosts, seed=rng.randrange(2**31), limit=time_limit
        )
    first = _mix_once(1, sizes, names, held[-1:] if held else (), hosts=hosts, rng=rng, keep=True)[
        0
    ]
    return [first] * len(steps)


def _rotation(steps: Sequence[Step]) -> Rotation:
    rounds = steps[0].phase.rounds if steps else None
    return rounds.rotate if rounds is not None else Rotation.NONE


# -- tables and groups ------------------------------------------------------------------------


def mix_clock() -> Callable[[], float]:
    """The clock that bounds the table mixer's search: real time, so a facilitator never
    waits longer than the limit. Tests that need the same tables on every machine replace it
    with a clock that advances a fixed step per reading."""
    return time.perf_counter


def _mix_tables(
    rounds: int,
    sizes: Sequence[int],
    names: list[str],
    held: Sequence[Seating],
    *,
    hosts: bool,
    seed: int,
    limit: float,
) -> list[Seating]:
    """The remaining rounds from the table mixer, counting the meetings of the rounds already
    held (people who left are forgotten, newcomers have met nobody), hosts kept at their
    tables."""
    index = {name: number for number, name in enumerate(names)}
    met: Counter[tuple[int, int]] = Counter()
    for seating in held:
        for group in seating.groups:
            present = sorted(index[p] for p in group if p in index)
            met.update(combinations(present, 2))
    host_ids: bool | list[int] = hosts
    if hosts and held and held[-1].hosts:
        kept = [index[h] for h in held[-1].hosts if h in index]
        host_ids = kept if len(kept) == len(sizes) else True
    result = tables.mix(
        len(names),
        tables=len(sizes),
        rounds=rounds,
        hosts=host_ids,
        seed=seed,
        time_limit=limit,
        met=dict(met),
        clock=mix_clock(),
    )
    host_names = tuple(names[h] for h in result.hosts)
    return [
        Seating(tuple(tuple(names[p] for p in table) for table in tables_), host_names)
        for tables_ in result.rounds
    ]


def _mix_once(
    rounds: int,
    sizes: Sequence[int],
    names: list[str],
    held: Sequence[Seating],
    *,
    hosts: bool,
    rng: random.Random,
    keep: bool = False,
) -> list[Seating]:
    """Tables for `rounds` rounds, each meeting as many new people as possible.

    Used for one round of a phase that does not rotate: a greedy seating of the least flexible
    person first at the table where they know the fewest. With `keep`, the groups of the last
    held round are kept as far as the people allow. (Rotating phases use `tables.mix`.)
    """
    index = {name: i for i, name in enumerate(names)}
    met: Counter[tuple[int, int]] = Counter()
    for seating in held:
        for group in seating.groups:
            ids = sorted(index[p] for p in group if p in index)
            met.update(combinations(ids, 2))
    host_ids: list[int] = []
    if hosts:
        host_ids = _keep_hosts(held, index, len(sizes), rng, len(names))
    if keep and held:
        kept = _kept_groups(held[-1], index, sizes)
        return [
            Seating(
                tuple(tuple(names[i] for i in g) for g in kept),
                _host_names(host_ids, kept, names),
            )
        ]
    result: list[Seating] = []
    for _ in range(rounds):
        tables: list[list[int]] = [[h] for h in host_ids] + [[] for _ in sizes[len(host_ids) :]]
        rest = [i for i in range(len(names)) if i not in host_ids]
        rng.shuffle(rest)
        rest.sort(key=lambda p: -sum(1 for (a, b) in met if p in (a, b)))
        for person in rest:
            open_tables = [t for t in range(len(tables)) if len(tables[t]) < sizes[t]]
            best = min(
                open_tables,
                key=lambda t: (
                    sum(met[(min(person, o), max(person, o))] for o in tables[t]),
                    len(tables[t]) - sizes[t],
                ),
            )
            tables[best].append(person)
        for table in tables:
            met.update(combinations(sorted(table), 2))
        groups = tuple(tuple(names[i] for i in table) for table in tables)
        result.append(Seating(groups, _host_names(host_ids, tables, names)))
    return result


def _keep_hosts(
    held: Sequence[Seating], index: Mapping[str, int], tables: int, rng: random.Random, n: int
) -> list[int]:
    """The hosts of the held rounds who are still here, topped up with new ones."""
    previous = [index[h] for h in (held[-1].hosts if held else ()) if h in index]
    hosts = previous[:tables]
    others = [i for i in range(n) if i not in hosts]
    rng.shuffle(others)
    return hosts + others[: tables - len(hosts)]


def _kept_groups(last: Seating, index: Mapping[str, int], sizes: Sequence[int]) -> list[list[int]]:
    """The groups of the last round with newcomers and leavers settled, sized to `sizes`."""
    groups = [[index[p] for p in g if p in index] for g in last.groups]
    groups = [g for g in groups if g]
    seated = {p for g in groups for p in g}
    newcomers = [i for i in range(len(index)) if i not in seated]
    while len(groups) < len(sizes):
        groups.append([])
    while len(groups) > len(sizes):
        newcomers.extend(groups.pop())
    for person in newcomers:
        min(groups, key=len).append(person)
    return groups


def _host_names(
    host_ids: Sequence[int], tables: Sequence[Sequence[int]], names: Sequence[str]
) -> tuple[str, ...]:
    if not host_ids:
        return ()
    hosts = set(host_ids)
    return tuple(next((names[p] for p in t if p in hosts), names[t[0]]) for t in tables if t)


# -- stations ---------------------------------------------------------------------------------


def _stations(
    steps: Sequence[Step],
    sizes: Sequence[int],
    names: list[str],
    teams: Sequence[Sequence[str]] | None,
    rotate: Rotation,
    rng: random.Random,
) -> list[Seating]:
    """Teams that stay together and walk from station to station (Gallery Walk)."""
    if teams is not None and sorted(p for t in teams for p in t) == sorted(names):
        groups = tuple(tuple(t) for t in teams)
    else:
        shuffled = names[:]
        rng.shuffle(shuffled)
        groups = _cut(shuffled, sizes)
    walk = station_rotation(len(groups), len(groups))  # one station per team
    result = []
    for step in steps:
        turn = (step.round or 1) - 1 if rotate is Rotation.STATIONS else 0
        numbers = tuple(station + 1 for station in walk[turn % len(walk)])
        result.append(Seating(groups, stations=numbers))
    return result


def _cut(names: Sequence[str], sizes: Sequence[int]) -> tuple[tuple[str, ...], ...]:
    groups = []
    start = 0
    for size in sizes:
        groups.append(tuple(names[start : start + size]))
        start += size
    return tuple(groups)


# -- pairs ------------------------------------------------------------------------------------


def _pairs(
    steps: Sequence[Step],
    arrangement: Arrangement,
    names: list[str],
    held: Sequence[Seating],
    rng: random.Random,
) -> list[Seating]:
    """Pairs from the circle method (`grouping.pairs`), a new partner each round where the
    phase rotates partners, counting the partners and observers of the rounds already held.

    Past the rounds of new partners that the number of people allows, the plan starts over.
    """
    index = {name: number for number, name in enumerate(names)}
    met: Counter[tuple[int, int]] = Counter()
    observed: Counter[int] = Counter()
    for seating in held:
        for group in seating.groups:
            met.update(combinations(sorted(index[p] for p in group if p in index), 2))
        observed.update(index[p] for p in seating.observers if p in index)
    rounds = len(steps) if _rotation(steps) is Rotation.PARTNERS else 1
    planned = pairs.pair_rounds(
        len(names),
        min(rounds, pairs.max_pair_rounds(len(names))),
        odd=arrangement.odd,
        swap=arrangement.swap,
        seed=rng.randrange(2**31),
        met=dict(met),
        observed=dict(observed),
    )
    result = [
        Seating(
            tuple(tuple(names[p] for p in group) for group in one.groups),
            observers=(names[one.observer],) if one.observer is not None else (),
        )
        for one in planned
    ]
    if not result:
        raise GroupingError(f"{len(names)} people cannot be paired")
    return [result[i % len(result)] for i in range(len(steps))]


def _present_matches(
    matches: Mapping[tuple[str, str], float] | None, names: Sequence[str]
) -> dict[tuple[str, str], float]:
    present = set(names)
    return {
        (a, b): weight
        for (a, b), weight in (matches or {}).items()
        if a in present and b in present and a != b and weight > 0
    }


def _matched_pairs(
    steps: Sequence[Step],
    arrangement: Arrangement,
    names: list[str],
    held: Sequence[Seating],
    rng: random.Random,
    matches: Mapping[tuple[str, str], float],
) -> list[Seating]:
    """Pairs of people whose offers and needs meet first, the others as `_pairs` would.

    Round by round: a greedy maximum matching over the matched people, the strongest match
    first (equal ones in the seed's order), each person in one pair, no partner twice; then the
    rest paired by the circle method counting who has met. So the best matches meet in the
    first round, and later rounds pair the next-best ones, then the rest. Where keeping every
    match would bring partners together again, the weakest matches of the round give way.
    """
    index = {name: number for number, name in enumerate(names)}
    met: Counter[tuple[int, int]] = Counter()
    observed: Counter[int] = Counter()
    for seating in held:
        for group in seating.groups:
            met.update(combinations(sorted(index[p] for p in group if p in index), 2))
        observed.update(index[p] for p in seating.observers if p in index)
    if len(names) < 2:
        raise GroupingError(f"{len(names)} people cannot be paired")
    candidates = [(weight, pair(index[a], index[b])) for (a, b), weight in sorted(matches.items())]
    rng.shuffle(candidates)
    candidates.sort(key=lambda c: -c[0])
    rounds = len(steps) if _rotation(steps) is Rotation.PARTNERS else 1
    planned: list[pairs.PairRound] = []
    for _ in range(min(rounds, pairs.max_pair_rounds(len(names)))):
        one = _matched_round(len(names), candidates, met, observed, arrangement, rng)
        planned.append(one)
        met.update(pairs.partner_meetings([one]))
        if one.observer is not None:
            observed[one.observer] += 1
    result = [
        Seating(
            tuple(tuple(names[p] for p in group) for group in one.groups),
            observers=(names[one.observer],) if one.observer is not None else (),
        )
        for one in planned
    ]
    return [result[i % len(result)] for i in range(len(steps))]


def _matched_round(
    n: int,
    candidates: Sequence[tuple[float, Pair]],
    met: Mapping[tuple[int, int], int],
    observed: Mapping[int, int],
    arrangement: Arrangement,
    rng: random.Random,
) -> pairs.PairRound:
    """One round: the matched pairs that have not met yet, greedily, then the rest."""
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    for _, (a, b) in candidates:
        if a in taken or b in taken or met.get((a, b), 0) > 0:
            continue
        chosen.append((a, b))
        taken.update((a, b))
    best: tuple[int, pairs.PairRound] | None = None
    for release in range(len(chosen) + 1):
        kept = chosen[: len(chosen) - release]
        one = _with_rest(n, kept, met, observed, arrangement, rng)
        repeats = pairs.partner_repeats([one], met)
        if repeats == 0:
            return one
        if best is None or repeats < best[0]:
            best = (repeats, one)
    assert best is not None
    return best[1]


def _with_rest(
    n: int,
    kept: Sequence[tuple[int, int]],
    met: Mapping[tuple[int, int], int],
    observed: Mapping[int, int],
    arrangement: Arrangement,
    rng: random.Random,
) -> pairs.PairRound:
    """The matched pairs `kept`, and everyone else paired by the circle method; an odd one
    out observes or joins the pair where they know the fewest (the weakest match of equals)."""
    taken = {p for two in kept for p in two}
    rest = [p for p in range(n) if p not in taken]
    found: list[tuple[int, int]] = list(kept)
    trio: tuple[int, int, int] | None = None
    observer: int | None = None
    if len(rest) >= 2:
        local = {p: i for i, p in enumerate(rest)}
        (one,) = pairs.pair_rounds(
            len(rest),
            1,
            odd=arrangement.odd,
            seed=rng.randrange(2**31),
            met={
                (local[a], local[b]): times
                for (a, b), times in met.items()
                if a in local and b in local
            },
            observed={local[p]: times for p, times in observed.items() if p in local},
        )
        found += [(rest[a], rest[b]) for a, b in one.pairs]
        if one.trio is not None:
            trio = (rest[one.trio[0]], rest[one.trio[1]], rest[one.trio[2]])
        if one.observer is not None:
            observer = rest[one.observer]
    elif len(rest) == 1:
        alone = rest[0]
        if arrangement.odd is OddPerson.OBSERVER or not found:
            observer = alone
        else:
            known = [met.get(pair(alone, a), 0) + met.get(pair(alone, b), 0) for a, b in found]
            fewest = min(known)
            joins = max(i for i, k in enumerate(known) if k == fewest)
            a, b = found.pop(joins)
            trio = (a, b, alone)
    return pairs.PairRound(tuple(found), trio=trio, observer=observer, swap=arrangement.swap)


def with_newcomer(seating: Seating, name: str) -> Seating:
    """The current round with a late arrival at the smallest group (last of equals)."""
    groups = [list(g) for g in seating.groups]
    if not groups:
        return attrs.evolve(seating, groups=((name,),))
    smallest = min(range(len(groups)), key=lambda i: (len(groups[i]), -i))
    groups[smallest].append(name)
    return attrs.evolve(seating, groups=tuple(tuple(g) for g in groups))


def without(seating: Seating, name: str) -> Seating:
    """The current round after someone left: a group left alone joins the smallest other."""
    groups = [[p for p in g if p != name] for g in seating.groups]
    stations = list(seating.stations)
    hosts = list(seating.hosts)
    keep = [i for i, g in enumerate(groups) if g]
    groups = [groups[i] for i in keep]
    stations = [stations[i] for i in keep] if stations else []
    if hosts:
        hosts = [hosts[i] if hosts[i] != name else groups[k][0] for k, i in enumerate(keep)]
    if len(groups) > 1:
        for i, group in enumerate(groups):
            if len(group) == 1 and len(seating.groups[keep[i]]) > 1:
                others = [j for j in range(len(groups)) if j != i and groups[j]]
                target = min(others, key=lambda j: len(groups[j]))
                groups[target].extend(group)
                group.clear()
        keep2 = [i for i, g in enumerate(groups) if g]
        groups = [groups[i] for i in keep2]
        stations = [stations[i] for i in keep2] if stations else []
        hosts = [hosts[i] for i in keep2] if hosts else []
    observers = tuple(p for p in seating.observers if p != name)
    return Seating(tuple(tuple(g) for g in groups), tuple(hosts), tuple(stations), observers)
