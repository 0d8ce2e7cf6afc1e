"""What the screens show, computed from a session's state and the clock, without Textual.

Every figure on the control desk comes from here: the engine's state and projection go in,
plain strings and small records come out. Keeping this apart from the widgets lets tests check
the words a facilitator reads without starting an app, and keeps the widgets thin.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from formatkern.extensions import TimerReading
from formatkern.i18n import pick
from formatkern.matching import Match, find_matches
from formatkern.model import ArrangementKind, Collect, Day, Format, PartKind, Role
from formatkern.plan import Step
from formatkern.projection import Projection, fit, project
from formatkern.state import SessionState, case_key
from formatkern.tui.strings import ui


def hhmm(wall: float) -> str:
    """A wall time as the room's clock shows it."""
    return datetime.fromtimestamp(wall).strftime("%H:%M")


def whole_minutes(seconds: float) -> int:
    """Minutes as a facilitator rounds them: to the nearest whole minute."""
    return math.floor(abs(seconds) / 60 + 0.5)


def schedule_text(projection: Projection, lang: str) -> str:
    """ "3 Min. hinter Plan · voraussichtliches Ende 15:33" from the engine's projection."""
    minutes = whole_minutes(projection.behind)
    if minutes == 0:
        where = ui("run.on_time", lang)
    elif projection.behind > 0:
        where = ui("run.behind", lang, minutes=minutes)
    else:
        where = ui("run.ahead", lang, minutes=minutes)
    return f"{where} · {ui('run.projected_end', lang, end=hhmm(projection.end))}"


def left_text(remaining: float, lang: str) -> str:
    """ "noch 12 Min." or "3 Min. drüber": the countdown in words, for the room and for tests."""
    if remaining >= 0:
        return ui("run.left", lang, minutes=max(1, whole_minutes(remaining)))
    return ui("run.over_by", lang, minutes=math.floor(-remaining / 60) or 1)


def turn_text(reading: TimerReading | None, lang: str) -> str:
    """ "Person 2 von 3 · noch 2:40" for a per-speaker timer; '' for a plain countdown."""
    if reading is None or reading.speakers is None:
        return ""
    if reading.speaker is None or reading.speaker_remaining is None:
        return ui("run.turns_done", lang)
    left = max(0, math.ceil(reading.speaker_remaining))
    return ui(
        "run.turn",
        lang,
        speaker=reading.speaker + 1,
        speakers=reading.speakers,
        left=f"{left // 60}:{left % 60:02d}",
    )


@attrs.frozen
class Group:
    """One group, table, pair or station of the current step, as the room sees it."""

    label: str
    names: tuple[str, ...]
    host: str | None = None


def holders(state: SessionState, step: Step | None) -> dict[str, tuple[str, ...]]:
    """Who holds which role now: the session's roles, then the current case's over them."""
    result: dict[str, tuple[str, ...]] = {}
    keys: list[int | None] = [None]
    if step is not None:
        keys.append(case_key(step))
    for key in keys:
        for role, names in state.roles.get(key, {}).items():
            result[role] = tuple(names)
    return result


_LABELS = {
    ArrangementKind.TABLES: "run.table",
    ArrangementKind.PAIRS: "run.pair",
    ArrangementKind.STATIONS: "run.station",
}


def groups_of(state: SessionState, index: int, lang: str) -> list[Group]:
    """The groups of step `index` with their labels ("Tisch 1", "Paar 3", "Station 2")."""
    seating = state.seating.get(index)
    if seating is None:
        return []
    label_key = _LABELS.get(state.arrangement_kind(index), "run.group")
    groups: list[Group] = []
    for number, names in enumerate(seating.groups, start=1):
        label_number = seating.stations[number - 1] if seating.stations else number
        host = seating.hosts[number - 1] if number <= len(seating.hosts) else None
        groups.append(Group(ui(label_key, lang, n=label_number), tuple(names), host))
    return groups


def observers_of(state: SessionState, index: int) -> tuple[str, ...]:
    seating = state.seating.get(index)
    return seating.observers if seating is not None else ()


@attrs.frozen
class Speaking:
    """Who speaks in this phase and who listens; empty `speakers` means everyone may."""

    speakers: tuple[str, ...]
    listeners: tuple[str, ...]
    titles: tuple[str, ...]
    """The titles of the speaking roles, for when nobody holds them yet."""


def speaking_of(state: SessionState, step: Step, lang: str) -> Speaking:
    fmt = state.plan.format
    if not step.phase.speaking:
        return Speaking((), (), ())
    held = holders(state, step)
    speakers: list[str] = []
    titles: list[str] = []
    for role_id in step.phase.speaking:
        titles.append(_role_title(fmt, role_id, lang))
        speakers.extend(p for p in held.get(role_id, ()) if p not in speakers)
    present = state.plan.members(step.index, state.people)
    listeners = tuple(p for p in present if p not in speakers)
    return Speaking(tuple(speakers), listeners if speakers else (), tuple(titles))


def _role_title(fmt: Format, role_id: str, lang: str) -> str:
    try:
        return pick(fmt.role(role_id).title, lang)
    except KeyError:
        return role_id


def roles_now(state: SessionState, step: Step | None) -> tuple[Role, ...]:
    """The roles of the format being run: in a day, those of the current block only."""
    fmt = state.plan.format
    part = state.plan.part(step.index) if step is not None else None
    if part is None:
        return () if isinstance(fmt, Day) else fmt.roles
    return tuple(fmt.role(r) for r in part.roles)


def block_line(state: SessionState, step: Step, lang: str) -> str:
    """In a day, the title of the block a step of several belongs to ("Galerierundgang")."""
    part = state.plan.part(step.index)
    if part is None or part.kind is not PartKind.FORMAT:
        return ""
    return pick(part.title, lang)


def roles_lines(state: SessionState, step: Step | None, lang: str) -> list[tuple[str, str]]:
    """(role title, names) of the roles held now; hosts come from the tables they keep."""
    held = holders(state, step)
    lines: list[tuple[str, str]] = []
    seating = state.seating.get(step.index) if step is not None else None
    for role in roles_now(state, step):
        names = held.get(role.id, ())
        if role.per_group and not names and seating is not None:
            names = tuple(h for h in seating.hosts)
        if role.rest and len(names) > 8:
            text = f"{len(names)} {ui('cast.rest', lang)}"
        else:
            text = ", ".join(names) if names else "–"
        lines.append((pick(role.title, lang), text))
    return lines


@attrs.frozen
class AgendaRow:
    index: int
    planned: str
    actual: str
    """When it started (held steps), or when it is projected to start (steps ahead)."""
    minutes: int
    title: str
    state: str
    """ "done", "current", "ahead", "skipped" (jumped over) or "dropped"."""


def agenda_rows(state: SessionState, now: float, lang: str) -> list[AgendaRow]:
    """Every step with its planned start and its actual or projected start."""
    plan = state.plan
    projection = project(state, now)
    start = state.planned_start
    if start is None:
        start = projection.agenda_end - plan.seconds
    started = dict(state.history)
    ahead = {item.index: item for item in projection.steps}
    current = state.timer.step if state.timer is not None and state.finished_at is None else None
    rows: list[AgendaRow] = []
    for step in plan.steps:
        if state.dropped(step.index):
            kind = "dropped"
        elif step.index == current:
            kind = "current"
        elif step.index in started and step.index not in ahead:
            kind = "done"
        elif current is not None and step.index < current:
            kind = "skipped"
        else:
            kind = "ahead"
        actual = ""
        if kind == "current" or kind == "done":
            actual = hhmm(started[step.index])
        elif step.index in ahead:
            actual = hhmm(ahead[step.index].start)
        rows.append(
            AgendaRow(
                step.index,
                hhmm(start + step.start),
                actual,
                round(state.seconds_of(step.index) / 60),
                agenda_title(step, lang),
                kind,
            )
        )
    return rows


def agenda_title(step: Step, lang: str) -> str:
    """A step's title as short as the agenda column needs: "Café-Runden 2/3", "Fall 2: …"."""
    title = pick(step.phase.title, lang)
    if step.case is not None:
        title = f"{step.case}: {title}"
    if step.round is not None:
        title += f" {step.round}/{step.rounds}"
    return title


def case_line(state: SessionState, step: Step, lang: str) -> str:
    """ "Fall 2: Übergabe im Team" where a case is being consulted and its title is known."""
    case = state.case_of(step.index)
    number = case_key(step)
    if case is None or number is None:
        return ""
    return ui("run.case", lang, n=number, title=case.title)


def question_of(step: Step, lang: str) -> str:
    return pick(step.question, lang)


def is_confidential(state: SessionState, step: Step) -> bool:
    return state.plan.format.is_confidential(step.phase)


def latest_times(state: SessionState) -> Mapping[int, float]:
    """When each step last started (a step gone back to starts again)."""
    return dict(state.history)


# -- offers and needs (a Tauschmarkt) ----------------------------------------------------------


def is_market(state: SessionState, index: int) -> bool:
    """A step that collects offers or needs, or pairs people by their matches."""
    step = state.plan.steps[index]
    if {Collect.OFFERS, Collect.NEEDS} & set(step.phase.collect):
        return True
    return step.arrangement.match and state.arrangement_kind(index) is ArrangementKind.PAIRS


_LINK = re.compile(r"^#?(\d+)\s*(=|!=)\s*#?(\d+)$")
_REMOVE = re.compile(r"^[xX]\s*#(\d+)$")
_CARD = re.compile(r"^(\S.*?)\s+([+\-–])\s+(\S.*)$")


def market_command(text: str) -> tuple[str, dict[str, Any]] | None:
    """The session command a line of the note field means in a market step, or None for a
    note: "Anna + Fahrradreparatur" (an offer), "Ben - Hilfe beim Umzug" (a need),
    "#1 = #2" (link offer 1 with need 2), "#1 != #2" (unlink), "x #3" (remove card 3)."""
    line = text.strip()
    found = _LINK.match(line)
    if found:
        name = "link" if found.group(2) == "=" else "unlink"
        return name, {"offer": int(found.group(1)), "need": int(found.group(3))}
    found = _REMOVE.match(line)
    if found:
        return "remove_card", {"card": int(found.group(1))}
    found = _CARD.match(line)
    if found:
        name = "offer" if found.group(2) == "+" else "need"
        return name, {"person": found.group(1).strip(), "text": found.group(3).strip()}
    return None


def match_line(match: Match, lang: str, *, numbers: bool = False) -> str:
    """ "Anna bietet Fahrradreparatur ↔ Ben braucht Hilfe am Fahrrad" (with the card numbers
    and "von Hand" for the desk)."""
    line = ui(
        "run.match",
        lang,
        giver=match.offer.person,
        offer=match.offer.text,
        taker=match.need.person,
        need=match.need.text,
    )
    if numbers:
        line = f"#{match.offer.number} = #{match.need.number}  {line}"
        if match.manual:
            line += f" ({ui('run.by_hand', lang)})"
    return line


@attrs.frozen
class MarketView:
    """What the desk shows of the market: the matches, then every card."""

    matches: tuple[str, ...]
    cards: tuple[str, ...]


def market_of(state: SessionState, lang: str) -> MarketView:
    market = state.collecting.market
    matches = tuple(match_line(m, lang, numbers=True) for m in find_matches(market))
    cards = tuple(
        ui(f"run.{card.kind.value}_card", lang, n=card.number, person=card.person, text=card.text)
        for card in market.cards
    )
    return MarketView(matches, cards)


def pair_matches(state: SessionState, index: int) -> list[Match]:
    """The matches of the pairs of step `index`: for each pair (or trio) that is matched, its
    strongest match; cards written in a confidential phase are left out."""
    seating = state.seating.get(index)
    if seating is None or not is_market(state, index):
        return []
    fmt = state.plan.format

    def public(step: int | None) -> bool:
        return step is None or not fmt.is_confidential(state.plan.steps[step].phase)

    found = [
        m
        for m in find_matches(state.collecting.market)
        if public(m.offer.step) and public(m.need.step)
    ]
    shown: list[Match] = []
    for group in seating.groups:
        best = next((m for m in found if set(m.people) <= set(group)), None)
        if best is not None:
            shown.append(best)
    return shown


# -- the running session: its mode, people coming and going, jumps ------------------------------


def auto_advancing(state: SessionState) -> bool:
    """Whether the step now running goes on by itself when its time is up (the top line's
    "automatisch weiter"); before the start, whether the first step would."""
    step = state.step
    if step is not None:
        return state.auto_advances(step.index)
    return bool(state.plan.steps) and state.auto_advances(0)


def find_person(state: SessionState, name: str) -> str | None:
    """Who of those present `name` means, as the engine matches names (case does not count)."""
    wanted = name.strip().casefold()
    return next((p for p in state.people if p.casefold() == wanted), None)


def people_matching(state: SessionState, typed: str) -> list[str]:
    """The people present whose name fits what was typed: names starting with it first."""
    wanted = typed.strip().casefold()
    if not wanted:
        return list(state.people)
    starting = [p for p in state.people if p.casefold().startswith(wanted)]
    within = [p for p in state.people if wanted in p.casefold() and p not in starting]
    return starting + within


def arrival_problem(state: SessionState, name: str, lang: str) -> str | None:
    """Why `name` cannot join, where the desk sees it coming (someone of that name is here)."""
    label = name.strip()
    if label and find_person(state, label) is not None:
        return ui("refuse.here", lang, name=label)
    return None


def leave_problem(state: SessionState, name: str, lang: str) -> str | None:
    """Why `name` cannot leave: nobody of that name is here, or they are the last one."""
    found = find_person(state, name)
    if found is None:
        return ui("refuse.not_here", lang, name=name.strip())
    if len(state.people) == 1:
        return ui("refuse.last", lang, name=found)
    return None


def _group_with(state: SessionState, name: str, lang: str) -> Group | None:
    step = state.step
    if step is None:
        return None
    return next((g for g in groups_of(state, step.index, lang) if name in g.names), None)


def arrival_news(before: SessionState, after: SessionState, lang: str) -> str:
    """ "Zoe sitzt an Tisch 3." (and who took a role), from the states around an arrival."""
    new = [p for p in after.people if p not in before.people]
    if not new:
        return ""
    name = new[0]
    group = _group_with(after, name, lang)
    if group is not None and after.step is not None:
        kind = after.arrangement_kind(after.step.index)
        where = {ArrangementKind.TABLES: "table", ArrangementKind.STATIONS: "station"}
        text = ui(f"people.joined_{where.get(kind, 'group')}", lang, name=name, group=group.label)
    else:
        text = ui("people.joined", lang, name=name, n=len(after.people))
    return _with_roles(text, before, after, lang)


def leave_news(before: SessionState, after: SessionState, lang: str) -> str:
    """ "Ben ist gegangen; Tisch 2 hat jetzt 3 Personen." (and who took over a role of his)."""
    gone = [p for p in before.people if p not in after.people]
    if not gone:
        return ""
    name = gone[0]
    text = ui("people.left", lang, name=name, n=len(after.people))
    old = _group_with(before, name, lang)
    step = after.step
    if old is not None and step is not None:
        stayed = set(old.names) - {name}
        groups = groups_of(after, step.index, lang)
        now = max(groups, key=lambda g: len(stayed & set(g.names)), default=None)
        if now is not None and stayed & set(now.names):
            key = "people.left_group_one" if len(now.names) == 1 else "people.left_group"
            text = ui(key, lang, name=name, group=now.label, n=len(now.names))
    return _with_roles(text, before, after, lang)


def _with_roles(text: str, before: SessionState, after: SessionState, lang: str) -> str:
    """The news with who holds a role now that did not before (the roles a group sees held,
    not "everyone else")."""
    step = after.step
    was, now = holders(before, step), holders(after, step)
    parts = [text]
    for role in roles_now(after, step):
        new = [p for p in now.get(role.id, ()) if p not in was.get(role.id, ())]
        if new and not role.rest:
            title = pick(role.title, lang)
            parts.append(ui("people.new_role", lang, role=title, names=", ".join(new)))
    return " ".join(parts)


def jump_problem(state: SessionState, index: int, lang: str) -> str | None:
    """Why the session cannot jump to step `index`: it belongs to a case not chosen."""
    if state.dropped(index):
        return ui("refuse.dropped", lang, title=agenda_title(state.plan.steps[index], lang))
    return None


def back_problem(state: SessionState, lang: str) -> str | None:
    """Why the session cannot go back: the current step is the first one held."""
    step = state.step
    if step is None or any(not state.dropped(i) for i in range(step.index)):
        return None
    return ui("refuse.first", lang, title=agenda_title(step, lang))


def shorten_problem(state: SessionState, now: float, seconds: int, lang: str) -> str | None:
    """Why the current step cannot lose `seconds`: its time is up, or less than that is left."""
    left = state.remaining(now)
    if left is None:
        return None
    if left <= 0:
        return ui("refuse.time_up", lang)
    if seconds > math.ceil(left):
        whole = math.ceil(left)
        clock = ui("run.mmss", lang, time=f"{whole // 60}:{whole % 60:02d}")
        return ui("refuse.too_short", lang, left=clock)
    return None


def fit_problem(state: SessionState, now: float, lang: str) -> str | None:
    """Why the agenda cannot be fitted to the end: it fits already, or not even at the
    phases' minimum lengths."""
    if state.timer is None or state.finished_at is not None:
        return None
    result = fit(state, now)
    projection = project(state, now)
    must = hhmm(projection.must_end)
    if result.fits_already:
        return ui("refuse.fits", lang, end=hhmm(projection.end), must=must)
    if result.short_by > 0:
        return ui("refuse.cannot_fit", lang, must=must, minutes=math.ceil(result.short_by / 60))
    return None
