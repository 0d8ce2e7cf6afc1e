"""Who sits with whom and who holds which role, decided while a command runs.

When a step starts, a case begins, or someone arrives late or leaves early, the engine asks the
`Arranger` to decide groups and roles; the decisions become events (groups_set, roles_cast,
arrangement_set) in the command's draft, so a replay reads them and never decides again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from formatkern import events as ev
from formatkern.errors import CommandError, GroupingError
from formatkern.grouping import casting
from formatkern.matching import find_matches, pair_weights
from formatkern.model import ArrangementKind, Cast, Day, Format, Role
from formatkern.plan import Plan
from formatkern.seating import (
    SEATED_KINDS,
    effective,
    seat_run,
    with_newcomer,
    without,
)
from formatkern.state import Draft, Seating, SessionState, case_key


class Arranger:
    """The engine's decisions about the room, for one plan and seed."""

    def __init__(self, plan: Plan, seed: int, mix_seconds: float = 2.0) -> None:
        self.plan = plan
        self.seed = seed
        self.mix_seconds = mix_seconds
        """How long the table mixer may search for a phase's rounds."""

    def begin(self, draft: Draft, index: int, at: float) -> None:
        """Start step `index`: its countdown, its roles (new case), its groups."""
        if draft.state.paused:
            draft.add(ev.Resumed(at))
        draft.add(ev.StepStarted(at, index, self.length(draft.state, index, at)))
        key = case_key(self.plan.steps[index])
        if key is not None and key not in draft.state.roles:
            self.cast(draft, key, at)
        self.seat(draft, index, at)

    def length(self, state: SessionState, index: int, at: float) -> int:
        """Seconds step `index` runs when it starts at `at`: as planned (or as changed), but the
        buffer before a block at a fixed clock time only runs until that time."""
        seconds = state.seconds_of(index)
        step = self.plan.steps[index]
        unchanged = seconds == step.seconds  # the facilitator did not set its length
        if self.plan.is_buffer(index) and unchanged and state.planned_start is not None:
            seconds = max(0, math.floor(state.planned_start + step.end - at))
        return seconds

    def cast(
        self,
        draft: Draft,
        key: int | None,
        at: float,
        manual: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Record who holds the session's roles (key None) or one case's roles."""
        kinds = _CAST_KINDS[key is None]
        state = draft.state
        history = [held for k, held in state.roles.items() if k is not None and k != key]
        case = state.cases[key - 1] if key is not None and key <= len(state.cases) else None
        givers = [case.giver] if case is not None and case.giver else []
        seed = f"{self.seed}:cast:{key}:{len(state.history)}"
        result: dict[str, tuple[str, ...]] = {}
        for first, roles in self.castings(key, kinds):
            people = state.people if first is None else self.plan.members(first, state.people)
            chosen = {r.id for r in roles}
            brings_case = any(r.brings_case for r in roles)
            try:
                cast = casting.cast(
                    roles,
                    people,
                    manual={
                        r: [p for p in h if p in people]
                        for r, h in (manual or {}).items()
                        if r in chosen
                    },
                    history=history,
                    case_givers=[g for g in givers if g in people] if brings_case else (),
                    seed=seed if first is None else f"{seed}:{first}",
                    complete=False,
                )
            except GroupingError as exc:
                raise CommandError(
                    f"These roles do not go together: {exc}.",
                    de=f"Diese Rollen passen nicht zusammen: {exc}.",
                ) from None
            result.update({role: tuple(names) for role, names in cast.items()})
        if not result:
            return
        if key in state.roles and dict(state.roles[key]) == result:
            return
        draft.add(ev.RolesCast(at, key, result))

    def castings(
        self, key: int | None, kinds: tuple[Cast, ...]
    ) -> list[tuple[int | None, list[Role]]]:
        """The roles one cast fills, by block: for a single format all of them at once (None);
        for a day, each block's roles among that block's people (the first step of the block
        stands for it), and a case's roles only in the block that consults the case."""
        fmt = self.plan.format
        if not isinstance(fmt, Day):
            roles = [r for r in fmt.roles if r.cast in kinds]
            return [(None, roles)] if roles else []
        found: list[tuple[int | None, list[Role]]] = []
        seen: set[str] = set()
        for part in fmt.parts:
            steps = [s for s in self.plan.steps if s.part is not None and fmt.parts[s.part] is part]
            if key is not None:
                steps = [s for s in steps if s.case == key]
            roles = [fmt.role(r) for r in part.roles if r not in seen and fmt.role(r).cast in kinds]
            if steps and roles:
                seen.update(r.id for r in roles)
                found.append((steps[0].index, roles))
        return found

    def seat(self, draft: Draft, index: int, at: float) -> None:
        """Decide the groups of step `index` and the later rounds of its phase, unless known."""
        state = draft.state
        if state.arrangement_kind(index) not in SEATED_KINDS or index in state.seating:
            return
        run = run_of(self.plan, index)
        todo = [i for i in run if i >= index]
        self.seat_rounds(draft, index, todo, at)

    def seat_rounds(
        self, draft: Draft, index: int, todo: list[int], at: float, salt: str = ""
    ) -> None:
        state = draft.state
        run = run_of(self.plan, index)
        held = [state.seating[i] for i in run if i < todo[0] and i in state.seating]
        step = self.plan.steps[index]
        members = self.plan.members(index, state.people)
        arrangement = effective(step.arrangement, state.arrangements.get(index), len(members))
        teams = None
        if arrangement.kind is ArrangementKind.STATIONS and arrangement.keep is None:
            earlier = [
                i
                for i in sorted(state.seating)
                if i not in run
                and state.arrangement_kind(i) is ArrangementKind.STATIONS
                and self.plan.same_part(i, index)
            ]
            teams = state.seating[earlier[-1]].groups if earlier else None
        elif arrangement.keep is not None:
            kept = self.kept_teams(state, index, arrangement.keep, arrangement.join)
            teams = tuple(kept) if kept is not None else None
        elif (
            run[0] > 0
            and state.arrangement_kind(run[0] - 1) is arrangement.kind
            and self.plan.same_part(run[0] - 1, run[0])
        ):
            before = state.seating.get(run[0] - 1)
            teams = before.groups if before is not None else None
        watching = self.watching(state, index)
        seated = [p for p in members if p not in watching]
        matches = None
        if arrangement.match and arrangement.kind is ArrangementKind.PAIRS:
            matches = pair_weights(find_matches(state.collecting.market), seated)
        try:
            seatings = seat_run(
                [self.plan.steps[i] for i in todo],
                arrangement,
                seated,
                held=held,
                teams=teams,
                seed=f"{self.seed}:seat:{index}:{len(state.history)}:{len(state.people)}{salt}",
                time_limit=self.mix_seconds,
                matches=matches,
            )
        except GroupingError as exc:
            draft.add(
                ev.ArrangementSet(
                    at,
                    tuple(todo),
                    ArrangementKind.PLENUM.value,
                    reason=f"{len(state.people)} people cannot be arranged as planned: {exc}",
                )
            )
            return
        if watching:
            seatings = [
                attrs.evolve(s, observers=tuple(dict.fromkeys((*s.observers, *watching))))
                for s in seatings
            ]
        for i, seating in zip(todo, seatings, strict=True):
            draft.add(_groups_event(at, i, seating))
        if seatings and seatings[0].hosts:
            self.cast_hosts(draft, index, seatings[0].hosts, at)

    def rematch(self, draft: Draft, at: float) -> None:
        """After an offer, need or link changed: the rounds ahead of running pairs that
        `match` are paired anew (the round that runs stays as it is)."""
        state = draft.state
        if state.timer is None or state.finished_at is not None:
            return
        current = state.timer.step
        step = self.plan.steps[current]
        if current not in state.seating:
            return
        n = len(state.people)
        arrangement = effective(step.arrangement, state.arrangements.get(current), n)
        if not arrangement.match or arrangement.kind is not ArrangementKind.PAIRS:
            return
        later = [i for i in run_of(self.plan, current) if i > current]
        if not later:
            return
        trial = Draft(state)
        self.seat_rounds(trial, current, later, at)
        for event in trial.events:
            if isinstance(event, ev.GroupsSet) and state.seating.get(event.step) == Seating(
                event.groups, event.hosts, event.stations, event.observers
            ):
                continue
            draft.add(event)

    def watching(self, state: SessionState, index: int) -> tuple[str, ...]:
        """People who hold a voluntary role (the observer of a Team-Tango, who prefers not to
        take part physically): they watch instead of being seated in groups or pairs."""
        voluntary = {r.id for r in self.roles_of(index) if r.voluntary}
        if not voluntary:
            return ()
        keys = dict.fromkeys((None, case_key(self.plan.steps[index])))
        holders = [
            person
            for key in keys
            for role, people in state.roles.get(key, {}).items()
            if role in voluntary
            for person in people
            if person in state.people
        ]
        return tuple(dict.fromkeys(holders))

    def roles_of(self, index: int) -> tuple[Role, ...]:
        """The roles of the format that step `index` runs (of its block, in a day)."""
        fmt = self.plan.format
        part = self.plan.part(index)
        if part is None or not isinstance(fmt, Day):
            return fmt.roles
        return tuple(fmt.role(r) for r in part.roles)

    def kept_teams(
        self, state: SessionState, index: int, phase_id: str, join: int
    ) -> list[tuple[str, ...]] | None:
        """The groups of the last round of the earlier phase `phase_id`, `join` of them put
        together (1-2-4-All: two pairs make a foursome); None if that phase was not seated."""
        earlier = [
            i
            for i in sorted(state.seating)
            if i < index and self.plan.steps[i].phase.id == phase_id
        ]
        if not earlier:
            return None
        groups = list(state.seating[earlier[-1]].groups)
        joined = [
            tuple(person for group in groups[start : start + join] for person in group)
            for start in range(0, len(groups), join)
        ]
        if len(joined) > 1 and len(groups) % join:  # a lone leftover pair joins the last group
            joined[-2:] = [joined[-2] + joined[-1]]
        return joined

    def cast_hosts(self, draft: Draft, index: int, hosts: Sequence[str], at: float) -> None:
        """Table hosts hold the role that is held once per group (World Café: the host)."""
        step = self.plan.steps[index]
        for role in self.roles_of(index):
            if not role.per_group or role.cast is Cast.PER_ROUND:
                continue
            if role.id in step.arrangement.positions:
                continue
            key = None if role.cast is Cast.SESSION else case_key(step)
            holders = draft.state.roles.get(key, {})
            if tuple(holders.get(role.id, ())) == tuple(hosts):
                continue
            kept = {
                r: h for r, h in _without_rest(self.plan.format, holders).items() if r != role.id
            }
            kept = {r: tuple(p for p in h if p not in hosts) for r, h in kept.items()}
            self.cast(draft, key, at, manual={**kept, role.id: tuple(hosts)})

    def people_changed(
        self, draft: Draft, at: float, *, joined: str | None = None, left: str | None = None
    ) -> None:
        """Settle groups and roles after a late arrival or an early leave."""
        state = draft.state
        assert state.timer is not None
        current = state.timer.step
        seating = state.seating.get(current)
        if seating is not None:
            changed = with_newcomer(seating, joined) if joined else without(seating, left or "")
            if changed != seating:
                draft.add(_groups_event(at, current, changed))
            later = [i for i in run_of(self.plan, current) if i > current]
            if later and state.arrangement_kind(current) in SEATED_KINDS:
                self.seat_rounds(draft, current, later, at)
        for key in dict.fromkeys((None, case_key(self.plan.steps[current]))):
            holders = draft.state.roles.get(key)
            if holders is None:
                continue
            if joined:
                if any(r.rest for r in self.plan.format.roles if r.id in holders):
                    self.cast(draft, key, at, manual=_without_rest(self.plan.format, holders))
            elif left is not None and any(left in h for h in holders.values()):
                kept = {r: h for r, h in holders.items() if left not in h}
                self.cast(draft, key, at, manual=_without_rest(self.plan.format, kept))


_CAST_KINDS = {True: (Cast.SESSION, Cast.PER_ROUND), False: (Cast.PER_CASE,)}
"""Which roles a cast holds: the session's (with the roles that change from round to round,
recast between rounds by the facilitator) or one case's."""


def run_of(plan: Plan, index: int) -> list[int]:
    """The steps of one phase held in a row: its rounds, within one case."""
    step = plan.steps[index]
    run = [index]
    for direction in (-1, 1):
        i = index + direction
        while 0 <= i < len(plan.steps):
            other = plan.steps[i]
            if other.phase.id != step.phase.id or other.case != step.case:
                break
            run.append(i)
            i += direction
    return sorted(run)


def _groups_event(at: float, index: int, seating: Seating) -> ev.GroupsSet:
    return ev.GroupsSet(
        at, index, seating.groups, seating.hosts, seating.stations, seating.observers
    )


def _without_rest(fmt: Format, holders: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Holders of every role but the rest role, which casting fills with everyone else."""
    rest = {r.id for r in fmt.roles if r.rest}
    return {r: tuple(h) for r, h in holders.items() if r not in rest}
