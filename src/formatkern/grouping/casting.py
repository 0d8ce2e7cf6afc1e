"""Casting: who holds which role in a block (a case, a round, the session).

The facilitator's manual choices are kept as they are and everything else is filled around
them. Among the people who may take a role, those who asked for it come first, then those who
held it least often in earlier blocks, then those who held any special role least often; a
seeded coin decides the rest. So in Kollegiale Beratung nobody tells a second case while a
colleague with a case has not had a turn, and Moderator and Sekretär rotate.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from formatkern.errors import GroupingError
from formatkern.grouping.sizes import split_sizes
from formatkern.model import Cast, Role


class _Casting:
    """The working state of one call of `cast`."""

    def __init__(
        self,
        roles: Sequence[Role],
        people: Sequence[str],
        manual: Mapping[str, Sequence[str]],
        opt_out: Mapping[str, Collection[str]],
        requests: Mapping[str, Collection[str]],
        history: Sequence[Mapping[str, Sequence[str]]],
        seed: int | str,
        complete: bool = True,
    ) -> None:
        self.complete = complete
        self.roles = {role.id: role for role in roles}
        self.people = list(people)
        self.manual = manual
        self.opt_out = opt_out
        self.requests = requests
        rng = random.Random(seed)
        self.coin = {person: rng.random() for person in self.people}
        self.held: dict[str, Counter[str]] = {role.id: Counter() for role in roles}
        self.burden: Counter[str] = Counter()
        for block in history:
            for role_id, holders in block.items():
                role = self.roles.get(role_id)
                if role is None:
                    continue
                self.held[role_id].update(holders)
                if not role.rest:
                    self.burden.update(holders)
        self.cast: dict[str, list[str]] = {role.id: [] for role in roles}
        self.taken: dict[str, str] = {}
        """person -> the role (not a `within` role) they hold."""

    def wanted(self, role: Role, person: str) -> bool:
        return person in self.requests.get(role.id, ())

    def wants_other(self, role: Role, person: str) -> bool:
        return any(
            person in names for role_id, names in self.requests.items() if role_id != role.id
        )

    def order(self, role: Role, pool: Collection[str]) -> list[str]:
        """The pool in the order the role is offered: asked for it, asked for nothing else,
        held it least, held special roles least, then the seeded coin."""
        return sorted(
            pool,
            key=lambda p: (
                not self.wanted(role, p),
                self.wants_other(role, p),
                self.held[role.id][p],
                self.burden[p],
                self.coin[p],
            ),
        )

    def give(self, role: Role, person: str) -> None:
        self.cast[role.id].append(person)
        if role.within is None:
            self.taken[person] = role.id


def _check_inputs(
    roles: Sequence[Role],
    people: Sequence[str],
    manual: Mapping[str, Sequence[str]],
    opt_out: Mapping[str, Collection[str]],
    requests: Mapping[str, Collection[str]],
    case_givers: Collection[str],
) -> None:
    seen: set[str] = set()
    for person in people:
        if person in seen:
            raise GroupingError(f'"{person}" is listed twice among the participants')
        seen.add(person)
    ids = [role.id for role in roles]
    for role_id in set(ids):
        if ids.count(role_id) > 1:
            raise GroupingError(f'the role "{role_id}" is defined twice')
    for role in roles:
        if role.within is not None:
            parent = next((r for r in roles if r.id == role.within), None)
            if parent is None or parent.within is not None:
                raise GroupingError(
                    f'the role "{role.id}" is held within "{role.within}", which is not a '
                    "role of its own in this format"
                )
    for what, mapping in (("chosen", manual), ("opted out of", opt_out), ("asked for", requests)):
        for role_id, names in mapping.items():
            if role_id not in ids:
                known = ", ".join(ids)
                raise GroupingError(f'"{role_id}" is {what} but is not a role here ({known})')
            for name in names:
                if name not in seen:
                    raise GroupingError(f'"{name}" {what} the role "{role_id}" but is not here')
    for name in case_givers:
        if name not in seen:
            raise GroupingError(f'"{name}" brought a case but is not among the participants')


def cast(
    roles: Sequence[Role],
    people: Sequence[str],
    *,
    manual: Mapping[str, Sequence[str]] | None = None,
    opt_out: Mapping[str, Collection[str]] | None = None,
    requests: Mapping[str, Collection[str]] | None = None,
    history: Sequence[Mapping[str, Sequence[str]]] = (),
    case_givers: Collection[str] = (),
    seed: int | str = 0,
    complete: bool = True,
) -> dict[str, list[str]]:
    """Role id -> the people holding it, for every role (in the order of `people`).

    `manual` are the facilitator's choices and are kept; `opt_out` people never get that role
    from the casting; `requests` come first, and a voluntary role goes only to those who asked;
    `history` lists earlier blocks' casts, for fairness; `case_givers` are the people with a
    case, from whom the role that `brings_case` is filled. A role cast for the whole session
    keeps the holders of the latest block in `history`. A role held once per group (the World
    Café host) stays empty unless chosen: it is given when the groups are made.

    With `complete` (planning), too few people for the roles raise GroupingError naming what
    is missing. Without it (a meeting in progress, where someone left early), the roles are
    filled as far as the people allow; contradicting choices still raise.
    """
    manual = manual or {}
    opt_out = opt_out or {}
    requests = requests or {}
    _check_inputs(roles, people, manual, opt_out, requests, case_givers)
    case_role = next((role.id for role in roles if role.brings_case), None)
    if case_givers and case_role is None:
        raise GroupingError(
            "people brought cases but no role of this format brings the case (brings_case = true)"
        )
    state = _Casting(roles, people, manual, opt_out, requests, history, seed, complete)
    if complete:
        _check_enough(roles, len(people))
    _keep_manual(state, roles)
    _keep_session(state, roles, history)
    primary = [r for r in roles if not r.rest and r.within is None and not r.per_group]
    primary.sort(key=lambda r: (r.id != case_role, not r.voluntary))
    rest = [r for r in roles if r.rest and r.within is None]
    for role in primary:
        _fill(state, role, _pool(state, role, case_role, case_givers), role.count.min, rest)
    for role in primary:
        target = role.count.max if role.voluntary else role.count.default
        limit = target if target is not None else len(people)
        _fill(state, role, _pool(state, role, case_role, case_givers), limit, rest)
    _fill_rest(state, rest)
    for role in roles:
        if role.within is not None:
            _fill_within(state, role)
    order = {person: i for i, person in enumerate(people)}
    return {role_id: sorted(names, key=order.__getitem__) for role_id, names in state.cast.items()}


def _check_enough(roles: Sequence[Role], n: int) -> None:
    """Fail early, with the whole arithmetic, when the minimum counts need more people."""
    needs = [(r.id, r.count.min) for r in roles if r.within is None and r.count.min > 0]
    total = sum(count for _, count in needs)
    if total > n:
        parts = ", ".join(f"{role_id} {count}" for role_id, count in needs)
        raise GroupingError(
            f"too few people for the roles: {parts} need {total} people at least, but only "
            f"{n} are here ({total - n} missing)"
        )


def _keep_manual(state: _Casting, roles: Sequence[Role]) -> None:
    for role in sorted(roles, key=lambda r: r.within is not None):
        names = list(state.manual.get(role.id, ()))
        if not role.per_group and role.count.max is not None and len(names) > role.count.max:
            raise GroupingError(
                f"{len(names)} people were chosen as {role.id}, but the role takes at most "
                f"{role.count.max}"
            )
        for person in names:
            parent = state.roles[role.within] if role.within is not None else None
            if parent is not None and parent.rest and person not in state.taken:
                state.give(parent, person)
            if role.within is not None:
                if person not in state.cast[role.within]:
                    raise GroupingError(
                        f"{person} was chosen as {role.id}, which is held by one of the "
                        f"{role.within}, but {person} is {state.taken.get(person, 'not cast')}"
                    )
            elif person in state.taken and state.taken[person] != role.id:
                raise GroupingError(
                    f"{person} was chosen both as {state.taken[person]} and as {role.id}"
                )
            if person not in state.cast[role.id]:
                state.give(role, person)


def _keep_session(
    state: _Casting, roles: Sequence[Role], history: Sequence[Mapping[str, Sequence[str]]]
) -> None:
    """Roles cast once per session keep their holders from the latest block."""
    if not history:
        return
    latest = history[-1]
    for role in roles:
        if role.cast is not Cast.SESSION or role.rest or role.within or state.cast[role.id]:
            continue
        for person in latest.get(role.id, ()):
            if (
                person in state.coin
                and person not in state.taken
                and person not in state.opt_out.get(role.id, ())
            ):
                state.give(role, person)


def _pool(
    state: _Casting, role: Role, case_role: str | None, case_givers: Collection[str]
) -> list[str]:
    """Who may still get this role."""
    out = [
        p for p in state.people if p not in state.taken and p not in state.opt_out.get(role.id, ())
    ]
    if role.voluntary:
        out = [p for p in out if state.wanted(role, p)]
    if role.id == case_role and case_givers:
        out = [p for p in out if p in case_givers]
    return out


def _fill(state: _Casting, role: Role, pool: list[str], upto: int, rest: Sequence[Role]) -> None:
    """Give the role to people from the pool until it has `upto` holders.

    Beyond a role's minimum, people are only taken while the rest roles keep their minimum.
    """
    have = len(state.cast[role.id])
    if have >= upto:
        return
    if have + len(pool) < min(upto, role.count.min):
        _missing(state, role, pool)
    reserve = sum(r.count.min for r in rest)
    for person in state.order(role, pool)[: upto - have]:
        free = len(state.people) - len(state.taken)
        if len(state.cast[role.id]) >= role.count.min and free - 1 < reserve:
            break
        state.give(role, person)


def _missing(state: _Casting, role: Role, pool: list[str]) -> None:
    if not state.complete:
        return  # a meeting goes on with the roles filled as far as people allow
    need = role.count.min - len(state.cast[role.id])
    if role.voluntary:
        reason = "only people who ask for it take it and not enough asked"
    elif state.opt_out.get(role.id):
        reason = f"{', '.join(sorted(state.opt_out[role.id]))} opted out of it"
    else:
        reason = "everybody else already holds another role"
    raise GroupingError(
        f"{role.id} needs {need} more {'person' if need == 1 else 'people'}, but only "
        f"{len(pool)} can take it: {reason}"
    )


def _fill_rest(state: _Casting, rest: Sequence[Role]) -> None:
    """Everyone not cast otherwise shares the rest roles, evenly, each the one held least."""
    left = [p for p in state.people if p not in state.taken]
    if not rest:
        return
    for person in left:
        if state.complete and all(person in state.opt_out.get(r.id, ()) for r in rest):
            raise GroupingError(
                f"{person} opted out of {', '.join(r.id for r in rest)} and there is no other "
                "role left for them"
            )
    total = len(left) + sum(len(state.cast[r.id]) for r in rest)
    sizes = split_sizes(total, len(rest)) if total >= len(rest) else [1] * len(rest)
    room = {r.id: max(0, size - len(state.cast[r.id])) for r, size in zip(rest, sizes, strict=True)}
    for person in sorted(left, key=lambda p: state.coin[p]):
        options = [
            r for r in rest if room.get(r.id, 0) > 0 and person not in state.opt_out.get(r.id, ())
        ] or [r for r in rest if person not in state.opt_out.get(r.id, ())]
        if not options:  # opted out of every role left (only when not `complete`)
            continue
        choice = min(options, key=lambda r: (state.held[r.id][person], -room.get(r.id, 0)))
        room[choice.id] = room.get(choice.id, 0) - 1
        state.give(choice, person)
    for role in rest:
        if state.complete and len(state.cast[role.id]) < role.count.min:
            others = ", ".join(
                f"{r} {len(names)}" for r, names in state.cast.items() if names and r != role.id
            )
            raise GroupingError(
                f"{role.id} needs at least {role.count.min} people, but only "
                f"{len(state.cast[role.id])} are left after {others or 'the other roles'}"
            )


def _fill_within(state: _Casting, role: Role) -> None:
    """A role held on top of another one (the Sekretär is one of the Berater)."""
    assert role.within is not None
    holders = state.cast[role.within]
    pool = [
        p
        for p in holders
        if p not in state.cast[role.id] and p not in state.opt_out.get(role.id, ())
    ]
    if role.voluntary:
        pool = [p for p in pool if state.wanted(role, p)]
    have = len(state.cast[role.id])
    target = role.count.max if role.voluntary else role.count.default
    upto = target if target is not None else len(holders)
    if have + len(pool) < role.count.min:
        _missing(state, role, pool)
    for person in state.order(role, pool)[: max(0, upto - have)]:
        state.give(role, person)
