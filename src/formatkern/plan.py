"""From a format and the people in the room to a timed agenda of steps.

A step is one phase, or one round of a phase, or one phase of one case. Planned times are
seconds from the session start; clock times are only added when rendering.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import attrs

from formatkern.errors import GroupingError, PlanError
from formatkern.grouping.sizes import count_for_size, split_sizes
from formatkern.model import (
    Arrangement,
    ArrangementKind,
    Day,
    Duration,
    Format,
    OddPerson,
    Part,
    Participants,
    Phase,
    Repeat,
    Role,
    Text,
    When,
)
from formatkern.participants import People

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_clock(text: str) -> int:
    """Seconds after midnight of "HH:MM"; raises PlanError for anything else."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise PlanError(f'"{text}" is not a clock time; write it as HH:MM, e.g. 09:30.')
    return int(match.group(1)) * 3600 + int(match.group(2)) * 60


def format_clock(seconds: int) -> str:
    """ "HH:MM" of seconds after midnight (past midnight it wraps, as a wall clock does)."""
    minutes = (seconds // 60) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@attrs.frozen
class Settings:
    """What the facilitator decides before starting; stored with the session to rebuild its plan."""

    people: People
    start: int = 9 * 3600
    """Planned start, seconds after midnight."""
    end: int | None = None
    """The time the session must end by, if any."""
    cases: int | None = None
    """How many cases a per-case block runs for; None means the format's default."""
    rounds: dict[str, int] = attrs.field(factory=dict)
    """Rounds per phase id, where the facilitator chose other than the default."""
    durations: dict[str, int] = attrs.field(factory=dict)
    """Seconds per phase id (per round for phases in rounds), where changed."""
    skip: tuple[str, ...] = ()
    """Optional phases the facilitator leaves out."""
    lang: str = "de"


@attrs.frozen
class Step:
    index: int
    phase: Phase
    start: int
    """Planned start, seconds from the session start."""
    seconds: int
    round: int | None = None
    rounds: int | None = None
    case: int | None = None
    groups: tuple[int, ...] = ()
    """Group sizes for this step's arrangement, largest first; empty for the plenum."""
    observers: int = 0
    """People left out of the pairs to observe (odd number, pairs with odd = observer)."""
    part: int | None = None
    """The block of a day (an agenda) this step belongs to, as an index into its parts."""

    @property
    def end(self) -> int:
        return self.start + self.seconds

    @property
    def arrangement(self) -> Arrangement:
        return self.phase.arrangement

    @property
    def question(self) -> Text | None:
        if self.phase.rounds is None or self.round is None:
            return None
        return self.phase.rounds.question(self.round)

    @property
    def min_seconds(self) -> int:
        return self.phase.duration.min

    @property
    def max_seconds(self) -> int:
        return self.phase.duration.max


@attrs.frozen
class Plan:
    format: Format
    settings: Settings
    steps: tuple[Step, ...]
    roles: dict[str, int]
    """How many people hold each role (role id -> count) for this number of people."""
    late: tuple[tuple[str, int], ...] = ()
    """Blocks of a day that start later than their fixed clock time: (block id, seconds)."""

    @property
    def seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    @property
    def start(self) -> int:
        return self.settings.start

    @property
    def end(self) -> int:
        return self.settings.start + self.seconds

    @property
    def overrun(self) -> int:
        """Seconds the plan runs past the settings' end time (0 if it fits or has no end)."""
        if self.settings.end is None:
            return 0
        return max(0, self.end - self.settings.end)

    @property
    def cases(self) -> int:
        return max((s.case or 0 for s in self.steps), default=0)

    def part(self, index: int) -> Part | None:
        """The block of a day that step `index` belongs to (None for a single format)."""
        number = self.steps[index].part
        if number is None or not isinstance(self.format, Day):
            return None
        return self.format.parts[number]

    def members(self, index: int, people: Sequence[str]) -> list[str]:
        """Who of `people` takes part in step `index`: everyone, unless its block names its
        own participants."""
        part = self.part(index)
        if part is None or not part.people:
            return list(people)
        return [p for p in people if p in part.people]

    def same_part(self, a: int, b: int) -> bool:
        return self.steps[a].part == self.steps[b].part

    def is_buffer(self, index: int) -> bool:
        """Whether step `index` is the time left before a block at a fixed clock time."""
        step = self.steps[index]
        return step.part is None and isinstance(self.format, Day)


def group_sizes(arrangement: Arrangement, n: int) -> tuple[tuple[int, ...], int]:
    """Group sizes for `n` people in `arrangement`, and how many observe instead.

    Raises GroupingError when the people cannot be arranged as the format asks.
    """
    kind = arrangement.kind
    if kind is ArrangementKind.PLENUM:
        return (n,), 0
    if kind is ArrangementKind.ALONE:
        return (1,) * n, 0
    if kind is ArrangementKind.PAIRS:
        if n < 2:
            raise GroupingError(f"pairs need at least 2 people, got {n}")
        pairs = n // 2
        if n % 2 == 0:
            return (2,) * pairs, 0
        if arrangement.odd is OddPerson.OBSERVER:
            return (2,) * pairs, 1
        return (3,) + (2,) * (pairs - 1), 0
    if arrangement.count is not None:
        return tuple(split_sizes(n, arrangement.count)), 0
    size = arrangement.size
    if size is None:  # the loader refuses this; kept total for embedders building formats in code
        raise GroupingError(f"{kind.value} need a size or a count")
    count = count_for_size(n, size.default, size.min, size.max)
    return tuple(split_sizes(n, count)), 0


_NOT_GROUPED = (ArrangementKind.PLENUM, ArrangementKind.ALONE)


def role_counts(roles: tuple[Role, ...], n: int, groups: int = 0) -> dict[str, int]:
    """How many people hold each role when `n` people take part in at most `groups` groups.

    Fixed roles take their default; roles held once per group take the number of groups; the
    rest role takes everyone left; voluntary roles start empty (people ask for them while
    casting).
    """
    counts: dict[str, int] = {}
    for role in roles:
        if role.rest or role.voluntary:
            counts[role.id] = 0
        elif role.per_group:
            counts[role.id] = groups
        else:
            counts[role.id] = role.count.default
    taken = sum(
        counts[r.id] for r in roles if r.within is None and not r.voluntary and not r.per_group
    )
    seated = max((counts[r.id] for r in roles if r.per_group), default=0)
    missing = [
        f"{r.id} {r.count.min}"
        for r in roles
        if r.within is None and not r.voluntary and not r.rest and not r.per_group
    ]
    for role in roles:
        if role.rest:
            counts[role.id] = n - taken - seated
            if counts[role.id] < role.count.min:
                need = taken + role.count.min
                raise PlanError(
                    f"the roles need at least {need} people ({', '.join(missing)}, "
                    f"{role.id} at least {role.count.min}), but {n} take part."
                )
    if taken > n:
        raise PlanError(f"the roles need {taken} people ({', '.join(missing)}), but {n} take part.")
    return counts


def fixed_start(fmt: Format) -> int | None:
    """The clock time a day begins at when its first block has one (seconds after midnight):
    the start to suggest when the facilitator gives none."""
    if isinstance(fmt, Day) and fmt.parts:
        return fmt.parts[0].at
    return None


def make_plan(fmt: Format, settings: Settings) -> Plan:
    """The agenda of `fmt` for these settings, or a PlanError that says what does not fit."""
    if isinstance(fmt, Day):
        return _day_plan(fmt, settings)
    n = settings.people.count
    _check_count(fmt.id, fmt.participants, n)
    cases = settings.cases if settings.cases is not None else fmt.cases.default
    if not fmt.cases.min <= cases <= fmt.cases.max:
        raise PlanError(f"{fmt.id} runs for {fmt.cases.min} to {fmt.cases.max} cases, got {cases}.")
    _check_settings(fmt, settings)

    steps: list[Step] = []
    clock = 0

    def add(phase: Phase, case: int | None) -> None:
        nonlocal clock
        try:
            groups, observers = group_sizes(phase.arrangement, n)
        except GroupingError as exc:
            raise PlanError(f"{fmt.id}, phase {phase.id}: {exc}.") from None
        seconds = settings.durations.get(phase.id, phase.duration.default)
        for number, total in _rounds(phase, settings, len(groups)):
            steps.append(
                Step(
                    index=len(steps),
                    phase=phase,
                    start=clock,
                    seconds=seconds,
                    round=number,
                    rounds=total,
                    case=case,
                    groups=groups if phase.arrangement.kind is not ArrangementKind.PLENUM else (),
                    observers=observers,
                )
            )
            clock += seconds

    phases = [
        p for p in fmt.phases if (p.when is When.ALWAYS or cases > 1) and p.id not in settings.skip
    ]
    index = 0
    while index < len(phases):
        phase = phases[index]
        if phase.repeat is Repeat.PER_CASE:
            block = [p for p in phases[index:] if p.repeat is Repeat.PER_CASE]
            for case in range(1, cases + 1):
                for member in block:
                    add(member, case if cases > 1 else None)
            index += len(block)
        else:
            add(phase, None)
            index += 1
    grouped = [s for s in steps if s.arrangement.kind not in _NOT_GROUPED]
    groups = max((len(s.groups) for s in grouped), default=0)
    return Plan(fmt, settings, tuple(steps), role_counts(fmt.roles, n, groups))


def _check_count(who: str, limits: Participants, n: int) -> None:
    """A PlanError when `n` people are too few or too many for `who` (a format, a day, a block)."""
    if n < limits.min or (limits.max is not None and n > limits.max):
        upper = f" and at most {limits.max}" if limits.max is not None else ""
        raise PlanError(f"{who} needs at least {limits.min}{upper} participants, got {n}.")


def _check_settings(fmt: Format, settings: Settings) -> None:
    names = (*settings.rounds, *settings.durations, *settings.skip)
    unknown = [p for p in names if p not in _phase_ids(fmt)]
    if unknown:
        raise PlanError(f"{fmt.id} has no phase {', '.join(repr(p) for p in unknown)}.")
    fixed = [p for p in settings.skip if not fmt.phase(p).optional]
    if fixed:
        raise PlanError(
            f"{fmt.id}: the phase {', '.join(repr(p) for p in fixed)} is not optional and "
            "cannot be left out."
        )


def _day_plan(day: Day, settings: Settings) -> Plan:
    """The plan of a whole day: block after block, each with its own people, cases and roles;
    a block at a fixed clock time waits behind a buffer when the blocks before end earlier."""
    n = settings.people.count
    _check_count(day.id, day.participants, n)
    if settings.cases is not None:
        raise PlanError(
            f"{day.id} is an agenda: set the number of cases per block in its file (cases = N)."
        )
    _check_settings(day, settings)
    everyone = settings.people.labels()
    steps: list[Step] = []
    roles: dict[str, int] = {}
    late: list[tuple[str, int]] = []
    clock = 0
    case_offset = 0
    kept: dict[str, int] = {}
    """Phase id -> how many groups it had, for a later phase that keeps them."""
    for number, part in enumerate(day.parts):
        members = n
        if part.people:
            missing = [p for p in part.people if p not in everyone]
            if missing:
                raise PlanError(
                    f"block {part.id}: {', '.join(missing)} "
                    f"{'is' if len(missing) == 1 else 'are'} not among the participants."
                )
            members = len(part.people)
        _check_count(
            f"block {part.id} ({part.format_id or part.kind.value})", part.participants, members
        )
        if part.at is not None:
            target = part.at - settings.start
            if target > clock:
                steps.append(_buffer(part, len(steps), clock, target - clock))
                clock = target
            elif target < clock:
                late.append((part.id, clock - target))
        cases = part.cases.default
        phases = [
            day.phase(p)
            for p in part.phases
            if p not in settings.skip and (day.phase(p).when is When.ALWAYS or cases > 1)
        ]
        block_steps, grouped = _block_steps(
            phases, part, number, members, cases, case_offset, settings, len(steps), clock, kept
        )
        steps += block_steps
        clock += sum(step.seconds for step in block_steps)
        if any(p.repeat is Repeat.PER_CASE for p in phases):
            case_offset += cases
        block_roles = tuple(day.role(r) for r in part.roles)
        try:
            roles.update(role_counts(block_roles, members, grouped))
        except PlanError as exc:
            raise PlanError(f"block {part.id}: {exc}") from None
    return Plan(day, settings, tuple(steps), roles, tuple(late))


def _block_steps(
    phases: list[Phase],
    part: Part,
    number: int,
    members: int,
    cases: int,
    case_offset: int,
    settings: Settings,
    first: int,
    clock: int,
    kept_groups: dict[str, int],
) -> tuple[list[Step], int]:
    """The steps of one block of a day, from step index `first` at `clock`; and the largest
    number of groups it seats its `members` in."""
    steps: list[Step] = []
    grouped = 0

    def add(phase: Phase, case: int | None) -> None:
        nonlocal clock, grouped
        arrangement = phase.arrangement
        if arrangement.keep is not None and arrangement.size is None and arrangement.count is None:
            kept = kept_groups.get(arrangement.keep, 0)  # as many groups as the kept phase had
            arrangement = attrs.evolve(arrangement, count=max(1, kept // arrangement.join))
            phase = attrs.evolve(phase, arrangement=arrangement)
        try:
            groups, observers = group_sizes(arrangement, members)
        except GroupingError as exc:
            raise PlanError(f"block {part.id}, phase {phase.id}: {exc}.") from None
        if phase.arrangement.kind not in _NOT_GROUPED:
            grouped = max(grouped, len(groups))
        seconds = settings.durations.get(phase.id, phase.duration.default)
        for round_number, total in _rounds(phase, settings, len(groups)):
            steps.append(
                Step(
                    index=first + len(steps),
                    phase=phase,
                    start=clock,
                    seconds=seconds,
                    round=round_number,
                    rounds=total,
                    case=case,
                    groups=groups if phase.arrangement.kind is not ArrangementKind.PLENUM else (),
                    observers=observers,
                    part=number,
                )
            )
            clock += seconds
        kept_groups[phase.id] = len(groups)

    index = 0
    while index < len(phases):
        if phases[index].repeat is Repeat.PER_CASE:
            block = [p for p in phases[index:] if p.repeat is Repeat.PER_CASE]
            for case in range(1, cases + 1):
                for member in block:
                    add(member, case_offset + case)
            index += len(block)
        else:
            add(phases[index], None)
            index += 1
    return steps, grouped


def _buffer(part: Part, index: int, start: int, seconds: int) -> Step:
    """The time left before a block with a fixed clock time (lunch at 12:30)."""
    de, en = part.title.de or part.title.en or part.id, part.title.en or part.title.de or part.id
    phase = Phase(
        id=f"{part.id}:buffer",
        title=Text(de=f"Puffer bis {de}", en=f"Buffer before {en}"),
        duration=Duration(seconds, min(seconds, 60), seconds),
    )
    return Step(index=index, phase=phase, start=start, seconds=seconds)


def _phase_ids(fmt: Format) -> set[str]:
    return {p.id for p in fmt.phases}


def _rounds(phase: Phase, settings: Settings, groups: int) -> list[tuple[int | None, int | None]]:
    rounds = phase.rounds
    if rounds is None:
        return [(None, None)]
    if rounds.each_station:
        total = groups
    else:
        total = settings.rounds.get(phase.id, rounds.count.default)
        high = rounds.count.max
        if total < rounds.count.min or (high is not None and total > high):
            upper = f" to {high}" if high is not None else " or more"
            raise PlanError(f"phase {phase.id} runs {rounds.count.min}{upper} rounds, got {total}.")
    return [(number, total) for number in range(1, total + 1)]


def minutes(seconds: int) -> int | float:
    """Whole minutes where the seconds are whole minutes, else minutes to one decimal."""
    return seconds // 60 if seconds % 60 == 0 else round(seconds / 60, 1)


def ceil_minutes(seconds: int) -> int:
    return math.ceil(seconds / 60)
