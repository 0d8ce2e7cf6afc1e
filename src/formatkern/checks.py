"""Consistency of a format beyond types: ids, references, ranges, and what fits together.

Each check returns problems as (key path, message); the loader adds file and line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from formatkern.model import (
    ArrangementKind,
    Collect,
    Format,
    Phase,
    Repeat,
    Rotation,
    When,
)

KeyPath = tuple[str | int, ...]
Problem = tuple[KeyPath, str]

FORMAT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

BUILTIN_TIMERS = ("countdown", "per-speaker")
"""Timer kinds the loader knows without plugins."""

_GROUPED = (ArrangementKind.GROUPS, ArrangementKind.TABLES, ArrangementKind.STATIONS)


def check_format(fmt: Format, timers: Iterable[str] = BUILTIN_TIMERS) -> list[Problem]:
    """Every consistency problem of `fmt`, in file order as far as possible."""
    known_timers = tuple(timers)
    problems: list[Problem] = []
    problems += _check_ids(fmt)
    problems += _check_participants(fmt)
    problems += _check_roles(fmt)
    for index, phase in enumerate(fmt.phases):
        problems += _check_phase(fmt, index, phase, known_timers)
    problems += _check_cases(fmt)
    return problems


def _duplicates(ids: Iterable[str]) -> set[str]:
    return {item for item, n in Counter(ids).items() if n > 1}


def _check_ids(fmt: Format) -> Iterator[Problem]:
    if not FORMAT_ID.match(fmt.id):
        yield (("id",), f'must be lowercase letters, digits and hyphens, got "{fmt.id}"')
    if not fmt.phases:
        yield (("phases",), "a format needs at least one phase")
    groups: list[tuple[str, list[str]]] = [
        ("roles", [r.id for r in fmt.roles]),
        ("phases", [p.id for p in fmt.phases]),
        ("modules", [m.id for m in fmt.modules]),
        ("rules", [r.id for r in fmt.rules]),
    ]
    for key, ids in groups:
        twice = _duplicates(ids)
        reported: set[str] = set()
        for index, item in enumerate(ids):
            if not ITEM_ID.match(item):
                yield (
                    (key, index, "id"),
                    f'must be lowercase letters, digits, "-" and "_", got "{item}"',
                )
            if item in twice and item in reported:
                yield ((key, index, "id"), f'"{item}" is used twice in {key}')
            reported.add(item)


def _check_participants(fmt: Format) -> Iterator[Problem]:
    people = fmt.participants
    if people.min < 1:
        yield (("participants", "min"), f"must be at least 1, got {people.min}")
    if people.max is not None and people.max < people.min:
        yield (
            ("participants", "max"),
            f"must not be below participants.min ({people.min}), got {people.max}",
        )


def _check_roles(fmt: Format) -> Iterator[Problem]:
    role_ids = {r.id for r in fmt.roles}
    for index, role in enumerate(fmt.roles):
        if role.within is not None:
            if role.within not in role_ids:
                yield (
                    ("roles", index, "within"),
                    f'names the role "{role.within}", which is not defined',
                )
            elif role.within == role.id:
                yield (("roles", index, "within"), "a role cannot be held within itself")
        if role.rest and role.voluntary:
            yield (("roles", index, "rest"), "a role cannot be both the rest and voluntary")
        if role.per_group and (role.rest or role.voluntary or role.within):
            yield (
                ("roles", index, "per_group"),
                "a role held once per group cannot also be the rest, voluntary or within another",
            )
    rest_roles = [r for r in fmt.roles if r.rest]
    if len(rest_roles) > 1:
        yield (
            ("roles",),
            f"only one role can be the rest, got {', '.join(r.id for r in rest_roles)}",
        )
    givers = [(index, r) for index, r in enumerate(fmt.roles) if r.brings_case]
    if len(givers) > 1:
        yield (
            ("roles", givers[1][0], "brings_case"),
            f"only one role can bring the case, got {', '.join(r.id for _, r in givers)}",
        )
    for index, role in givers:
        if role.rest or role.voluntary or role.within or role.per_group:
            yield (
                ("roles", index, "brings_case"),
                "the role that brings the case cannot also be the rest, voluntary, within "
                "another or held once per group",
            )
    counted = [r for r in fmt.roles if r.within is None and not r.voluntary and not r.per_group]
    needed = sum(r.count.min for r in counted)
    if fmt.roles and needed > fmt.participants.min:
        detail = ", ".join(f"{r.id} {r.count.min}" for r in counted)
        yield (
            ("participants", "min"),
            f"the roles need at least {needed} people ({detail}), "
            f"but participants.min is {fmt.participants.min}",
        )


def _check_phase(
    fmt: Format, index: int, phase: Phase, timers: tuple[str, ...]
) -> Iterator[Problem]:
    at: KeyPath = ("phases", index)
    role_ids = {r.id for r in fmt.roles}
    rule_ids = {r.id for r in fmt.rules}
    for position, role in enumerate(phase.speaking):
        if role not in role_ids:
            yield ((*at, "speaking", position), f'names the role "{role}", which is not defined')
    for position, rule in enumerate(phase.rules):
        if rule not in rule_ids:
            yield ((*at, "rules", position), f'names the rule "{rule}", which is not defined')
    yield from _check_arrangement(fmt, at, phase, role_ids)
    yield from _check_rounds(at, phase)
    yield from _check_choice(fmt, index, at, phase)
    if phase.vote is not None and Collect.VOTE not in phase.collect:
        yield ((*at, "vote"), 'vote settings need collect = "vote" in the same phase')
    if phase.vote is not None:
        if phase.vote.points is not None and phase.vote.points < 1:
            yield ((*at, "vote", "points"), f"must be at least 1, got {phase.vote.points}")
        if phase.vote.choose < 1:
            yield ((*at, "vote", "choose"), f"must be at least 1, got {phase.vote.choose}")
    if phase.timer.kind not in timers:
        yield (
            (*at, "timer"),
            f'unknown timer "{phase.timer.kind}"; known: {", ".join(timers)}',
        )
    elif phase.timer.kind == "per-speaker" and not phase.timer.per_person:
        yield ((*at, "timer"), 'a per-speaker timer needs per_person, e.g. per_person = "3m"')
    if len(set(phase.collect)) != len(phase.collect):
        yield ((*at, "collect"), "names the same thing twice")


def _check_arrangement(
    fmt: Format, at: KeyPath, phase: Phase, role_ids: set[str]
) -> Iterator[Problem]:
    arr = phase.arrangement
    where = (*at, "arrangement")
    if arr.keep is not None:
        earlier = [p.id for p in fmt.phases[: at[1] if isinstance(at[1], int) else 0]]
        if arr.keep not in earlier:
            yield ((*where, "keep"), f'must name an earlier phase, but "{arr.keep}" is not one')
        if arr.kind in (ArrangementKind.PLENUM, ArrangementKind.ALONE):
            yield ((*where, "keep"), f'"{arr.kind.value}" has no groups to keep')
    if arr.join < 1:
        yield ((*where, "join"), f"must be at least 1, got {arr.join}")
    elif arr.join > 1 and arr.keep is None:
        yield ((*where, "join"), "join puts kept groups together; it needs keep")
    if arr.size is not None and arr.kind not in _GROUPED:
        yield (
            (*where, "size"),
            f'only groups, tables and stations have a size, not "{arr.kind.value}"',
        )
    if arr.count is not None:
        if arr.kind not in _GROUPED:
            yield (
                (*where, "count"),
                f'only groups, tables and stations have a count, not "{arr.kind.value}"',
            )
        elif arr.count < 1:
            yield ((*where, "count"), f"must be at least 1, got {arr.count}")
        if arr.size is not None:
            yield ((*where, "count"), "give either a size or a count, not both")
    if arr.hosts and arr.kind is not ArrangementKind.TABLES:
        yield ((*where, "hosts"), "only tables have hosts")
    if arr.positions:
        if arr.kind is not ArrangementKind.PAIRS:
            yield ((*where, "positions"), "only pairs have positions")
        if len(arr.positions) != 2:
            yield ((*where, "positions"), f"a pair has two positions, got {len(arr.positions)}")
        for position, role in enumerate(arr.positions):
            if role not in role_ids:
                yield (
                    (*where, "positions", position),
                    f'names the role "{role}", which is not defined',
                )
    if arr.swap and arr.kind is not ArrangementKind.PAIRS:
        yield ((*where, "swap"), "only pairs swap positions")
    if arr.match:
        yield from _check_match(fmt, at, phase)
    if arr.kind in _GROUPED and arr.size is None and arr.count is None:
        yield (where, f'"{arr.kind.value}" needs a size or a count, e.g. size = 5')
    if arr.size is not None and arr.size.min > fmt.participants.min:
        yield (
            (*where, "size"),
            f"groups of at least {arr.size.min} need more people than "
            f"participants.min ({fmt.participants.min})",
        )


def _check_match(fmt: Format, at: KeyPath, phase: Phase) -> Iterator[Problem]:
    """`match` pairs people by the offers and needs of earlier phases."""
    where = (*at, "arrangement", "match")
    if phase.arrangement.kind is not ArrangementKind.PAIRS:
        yield (
            where,
            f'only pairs are matched by offers and needs, not "{phase.arrangement.kind.value}"',
        )
    if phase.arrangement.keep is not None:
        yield (where, "give either keep or match: kept groups are not matched anew")
    index = at[1] if isinstance(at[1], int) else 0
    earlier = {kind for p in fmt.phases[:index] for kind in p.collect}
    missing = [k.value for k in (Collect.OFFERS, Collect.NEEDS) if k not in earlier]
    if missing:
        yield (
            where,
            "needs an earlier phase that collects offers and needs "
            f'(collect = ["offers", "needs"]); none collects {" or ".join(missing)}',
        )


_ROTATION_NEEDS = {
    Rotation.MIX: (ArrangementKind.TABLES, ArrangementKind.GROUPS),
    Rotation.PARTNERS: (ArrangementKind.PAIRS,),
    Rotation.STATIONS: (ArrangementKind.STATIONS,),
}


def _check_rounds(at: KeyPath, phase: Phase) -> Iterator[Problem]:
    rounds = phase.rounds
    if rounds is None:
        if phase.arrangement.kind is ArrangementKind.STATIONS:
            yield (
                (*at, "rounds"),
                "stations need rounds, e.g. "
                'rounds = { count = 1, rotate = "stations", each_station = true }',
            )
        return
    where = (*at, "rounds")
    if rounds.count.min < 1:
        yield ((*where, "count"), f"must be at least 1, got {rounds.count.min}")
    needs = _ROTATION_NEEDS.get(rounds.rotate)
    if needs and phase.arrangement.kind not in needs:
        kinds = " or ".join(k.value for k in needs)
        yield (
            (*where, "rotate"),
            f'"{rounds.rotate.value}" needs the arrangement {kinds}, '
            f'not "{phase.arrangement.kind.value}"',
        )
    if rounds.each_station and phase.arrangement.kind is not ArrangementKind.STATIONS:
        yield ((*where, "each_station"), "only a stations arrangement has stations")


def _check_choice(fmt: Format, index: int, at: KeyPath, phase: Phase) -> Iterator[Problem]:
    choice = phase.choice
    if choice is None:
        return
    where = (*at, "choice")
    if Collect.CHOICE not in phase.collect:
        yield (where, 'choice settings need collect = "choice" in the same phase')
    module_ids = {m.id for m in fmt.modules}
    if not fmt.modules:
        yield (where, "a choice needs [[modules]] to choose from")
    for position, option in enumerate(choice.options):
        if option not in module_ids:
            yield (
                (*where, "options", position),
                f'names the module "{option}", which is not defined',
            )
    if choice.sets is not None:
        later = [p.id for p in fmt.phases[index + 1 :]]
        if choice.sets not in later:
            yield (
                (*where, "sets"),
                f'must name a later phase, but "{choice.sets}" is not one',
            )


def _check_cases(fmt: Format) -> Iterator[Problem]:
    per_case = [i for i, p in enumerate(fmt.phases) if p.repeat is Repeat.PER_CASE]
    if per_case and per_case != list(range(per_case[0], per_case[-1] + 1)):
        gap = next(i for i in range(per_case[0], per_case[-1] + 1) if i not in per_case)
        yield (
            ("phases", gap, "repeat"),
            "the phases repeated per case must follow each other; this phase interrupts them",
        )
    cases = fmt.cases
    if not cases.min <= cases.default <= cases.max:
        yield (
            ("cases",),
            f"must have min <= default <= max, got {cases.min}, {cases.default}, {cases.max}",
        )
    if cases.min < 1:
        yield (("cases", "min"), f"must be at least 1, got {cases.min}")
    if cases.max > 1 and not per_case:
        yield (("cases", "max"), 'several cases need phases with repeat = "per-case"')
    for index, phase in enumerate(fmt.phases):
        if phase.when is When.SEVERAL_CASES and cases.max <= 1:
            yield (("phases", index, "when"), '"several-cases" needs cases.max above 1')
