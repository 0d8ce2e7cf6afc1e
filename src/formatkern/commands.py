"""Commands as data: the dicts the headless runner reads and embedders may send.

One vocabulary for both ways in: a command's name and fields are those of the `Session` method
it calls, e.g. {"command": "extend", "seconds": 60} is `session.extend(seconds=60)`. Bad input
is a CommandError with a message that names the field, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from formatkern.errors import CommandError
from formatkern.events import Entry
from formatkern.i18n import pick
from formatkern.matching import find_matches
from formatkern.projection import project
from formatkern.state import Card, case_key

if TYPE_CHECKING:
    from formatkern.engine import Session

Check = Callable[[Any], bool]


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str(value: Any) -> bool:
    return isinstance(value, str)


def _bool(value: Any) -> bool:
    return isinstance(value, bool)


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _names_or_null(value: Any) -> bool:
    return isinstance(value, list) and all(v is None or isinstance(v, str) for v in value)


def _roles(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and _names(v) for k, v in value.items()
    )


def _numbers(value: Any) -> bool:
    return isinstance(value, list) and all(_int(v) for v in value)


def _options(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) or _int(v) for v in value)


def _points(value: Any) -> bool:
    return isinstance(value, dict) and all(
        (isinstance(k, str) or _int(k)) and _int(v) for k, v in value.items()
    )


_TYPE_NAMES: Final[dict[Check, str]] = {
    _int: "a whole number",
    _str: "a text",
    _bool: "true or false",
    _names: "a list of texts",
    _names_or_null: "a list of texts or nulls",
    _roles: 'an object of role -> list of names, e.g. {"moderator": ["Anna"]}',
    _numbers: "a list of whole numbers",
    _options: "a list of option numbers or texts",
    _points: 'an object of option -> points, e.g. {"1": 2, "3": 1}',
}

Field = tuple[Check, bool]
"""How to check a field, and whether it is required."""

SPEC: Final[dict[str, dict[str, Field]]] = {
    "start": {},
    "next": {},
    "back": {},
    "jump": {
        "step": (_int, False),
        "phase": (_str, False),
        "round": (_int, False),
        "case": (_int, False),
    },
    "pause": {},
    "resume": {},
    "extend": {"seconds": (_int, True)},
    "shorten": {"seconds": (_int, True)},
    "set_arrangement": {
        "kind": (_str, True),
        "phase": (_str, False),
        "step": (_int, False),
        "size": (_int, False),
        "count": (_int, False),
    },
    "regroup": {},
    "add_participant": {"name": (_str, False)},
    "remove_participant": {"name": (_str, True)},
    "cast": {"roles": (_roles, True), "case": (_int, False)},
    "choose": {"option": (_str, True), "step": (_int, False)},
    "choose_cases": {"cases": (_names, True), "givers": (_names_or_null, False)},
    "note": {"text": (_str, True), "table": (_int, False)},
    "idea": {"text": (_str, True), "table": (_int, False)},
    "harvest": {"text": (_str, True), "table": (_int, False)},
    "decision": {"text": (_str, True)},
    "key_question": {"text": (_str, True), "case": (_int, False)},
    "propose": {"text": (_str, True), "owner": (_str, False)},
    "open_vote": {"options": (_names, False), "points": (_int, False)},
    "vote": {"points": (_points, True), "voter": (_str, False), "step": (_int, False)},
    "tally": {"counts": (_numbers, True), "step": (_int, False)},
    "close_vote": {"winners": (_options, False), "step": (_int, False)},
    "consent": {"case": (_int, False), "by": (_str, False)},
    "withdraw_consent": {"case": (_int, False)},
    "set_details": {"title": (_str, False), "place": (_str, False)},
    "offer": {"person": (_str, True), "text": (_str, True)},
    "need": {"person": (_str, True), "text": (_str, True)},
    "remove_card": {"card": (_int, True)},
    "link": {"offer": (_int, True), "need": (_int, True)},
    "unlink": {"offer": (_int, True), "need": (_int, True)},
    "auto_advance": {"enabled": (_bool, True)},
    "fit_to_end": {},
    "finish": {},
    "tick": {},
}
"""Every command with its fields; the method of the same name runs it."""

ALIASES: Final = {
    "arrangement": "set_arrangement",
    "add": "add_participant",
    "remove": "remove_participant",
    "cases": "choose_cases",
    "fit": "fit_to_end",
    "auto": "auto_advance",
    "case": "propose",
    "proposal": "propose",
    "question": "key_question",
    "details": "set_details",
    "match": "link",
    "unmatch": "unlink",
}
"""Short names for typing commands by hand."""


def parse(command: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The method name and its keyword arguments, or a CommandError saying what is wrong."""
    if not isinstance(command, Mapping):
        raise CommandError('A command is a JSON object such as {"command": "next"}.')
    name = command.get("command")
    if not isinstance(name, str):
        raise CommandError('A command needs a "command" field naming it, e.g. "next".')
    name = ALIASES.get(name, name)
    spec = SPEC.get(name)
    if spec is None:
        known = ", ".join(sorted(SPEC))
        raise CommandError(f'"{name}" is no command; commands: {known}.')
    arguments = {k: v for k, v in command.items() if k != "command"}
    extra = sorted(set(arguments) - set(spec))
    if extra:
        allowed = ", ".join(spec) or "none"
        raise CommandError(f'"{name}" takes no field {", ".join(extra)}; its fields: {allowed}.')
    for field, (check, required) in spec.items():
        if field not in arguments or arguments[field] is None:
            if required:
                raise CommandError(f'"{name}" needs the field "{field}" ({_TYPE_NAMES[check]}).')
            arguments.pop(field, None)
            continue
        if not check(arguments[field]):
            raise CommandError(
                f'"{name}": "{field}" must be {_TYPE_NAMES[check]}, not {arguments[field]!r}.'
            )
    return name, arguments


def dispatch(session: Session, command: Mapping[str, Any]) -> list[Entry]:
    """Run a command dict on a session."""
    name, arguments = parse(command)
    method: Callable[..., list[Entry]] = getattr(session, name)
    return method(**arguments)


def snapshot(session: Session) -> dict[str, Any]:
    """Where the session stands now: the `state` line of the headless protocol."""
    state = session.state
    now = session.clock.now()
    projection = project(state, now)
    lang = session.plan.settings.lang
    step = state.step
    timer = state.timer if step is not None else None
    remaining = state.remaining(now)
    seating = state.seating.get(step.index) if step is not None else None
    case = state.case_of(step.index) if step is not None else None
    roles: dict[str, list[str]] = {}
    for key in (None, case_key(step) if step is not None else None):
        roles.update({r: list(h) for r, h in state.roles.get(key, {}).items()})
    return {
        "type": "state",
        "seq": state.seq,
        "state": state.mode.value,
        "step": step.index if step else None,
        "phase": step.phase.id if step else None,
        "title": pick(step.phase.title, lang) if step else None,
        "round": step.round if step else None,
        "rounds": step.rounds if step else None,
        "case": step.case if step else None,
        "case_title": case.title if case else None,
        "remaining": None if remaining is None else round(remaining, 1),
        "length": timer.length if timer else None,
        "overtime": remaining is not None and remaining < 0,
        "paused": state.paused,
        "finished": state.finished_at is not None,
        "auto_advance": state.auto_advances(step.index) if step else None,
        "projected_end": _hhmm(projection.end),
        "agenda_end": _hhmm(projection.agenda_end),
        "must_end": _hhmm(projection.must_end),
        "behind": round(projection.behind),
        "people": len(state.people),
        "groups": [list(g) for g in seating.groups] if seating else [],
        "hosts": list(seating.hosts) if seating else [],
        "stations": list(seating.stations) if seating else [],
        "roles": roles,
        "instructions": pick(state.instructions(step.index), lang) if step else None,
        "vote": _vote(session, step.index) if step else None,
        "turn": _turn(session),
        **_market(session),
    }


def _market(session: Session) -> dict[str, Any]:
    """The offers and needs with their card numbers, and the matches, the best first."""
    market = session.state.collecting.market
    return {
        "offers": [_card(c) for c in market.offers],
        "needs": [_card(c) for c in market.needs],
        "matches": [
            {
                "offer": m.offer.number,
                "need": m.need.number,
                "offered_by": m.offer.person,
                "needed_by": m.need.person,
                "score": m.score,
                "manual": m.manual,
            }
            for m in find_matches(market)
        ],
    }


def _card(card: Card) -> dict[str, Any]:
    return {"card": card.number, "person": card.person, "text": card.text}


def _turn(session: Session) -> dict[str, Any] | None:
    """Per-speaker timers: whose turn it is (0-based, in each group's order) and how long."""
    reading = session.turn()
    if reading is None or reading.speakers is None:
        return None
    left = reading.speaker_remaining
    return {
        "speaker": reading.speaker,
        "speakers": reading.speakers,
        "remaining": None if left is None else round(left, 1),
    }


def _vote(session: Session, index: int) -> dict[str, Any] | None:
    """The vote of a step as the room should see it: the rules and options, how many have
    voted, and the points only once it is closed (so nobody follows the others)."""
    vote = session.state.collecting.vote(index)
    if vote is None:
        return None
    return {
        "options": list(vote.options),
        "points": vote.points,
        "stacking": vote.stacking,
        "own": vote.own,
        "anonymous": vote.anonymous,
        "choose": vote.choose,
        "ballots": len(vote.ballots),
        "closed": vote.closed,
        "counts": list(vote.counts) if vote.closed else None,
        "winners": list(vote.winners) if vote.winners is not None else None,
    }


def agenda(session: Session) -> dict[str, Any]:
    """The projected schedule: the `agenda` line of the headless protocol."""
    state = session.state
    projection = project(state, session.clock.now())
    lang = session.plan.settings.lang
    rows = []
    for item in projection.steps:
        step = session.plan.steps[item.index]
        rows.append(
            {
                "step": item.index,
                "phase": step.phase.id,
                "title": pick(step.phase.title, lang),
                "round": step.round,
                "case": step.case,
                "start": _hhmm(item.start),
                "end": _hhmm(item.end),
                "planned_start": _hhmm(item.planned_start),
                "minutes": round((item.end - item.start) / 60, 1),
            }
        )
    return {
        "type": "agenda",
        "seq": state.seq,
        "steps": rows,
        "projected_end": _hhmm(projection.end),
        "agenda_end": _hhmm(projection.agenda_end),
        "must_end": _hhmm(projection.must_end),
        "behind": round(projection.behind),
    }


def _hhmm(wall: float) -> str:
    return datetime.fromtimestamp(wall).strftime("%H:%M")
