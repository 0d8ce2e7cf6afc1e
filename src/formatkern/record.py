"""The record outputs are made from: a plain, JSON-able dict with a schema version.

Outputs (built-in and plugins') never see the engine's objects, only this record, so that an
output written today still works when the engine changes, and so that confidential content can
be taken out before any output sees it. A record of a planned session has the agenda only;
a record of a session that ran (`session_record`) adds what happened, with confidential content
taken out: there is no function that gives the raw record, so no output can get one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final, Protocol

from formatkern.collecting import giver, planned_cases
from formatkern.events import EVENTS_VERSION
from formatkern.journal import Journal
from formatkern.matching import find_matches, open_needs
from formatkern.model import Text
from formatkern.outputs.redact import WITHHELD, Disclosure, redact_event, scrub
from formatkern.plan import Plan, Step
from formatkern.state import Card, Mode, Note, SessionState, VoteState, case_key
from formatkern.voting import ranking, ranks

RECORD_SCHEMA: Final = 1


def text_data(text: Text | None) -> dict[str, str]:
    """A bilingual text as {"de": ..., "en": ...} (missing languages fall back to the other)."""
    if text is None or not text:
        return {"de": "", "en": ""}
    return {"de": text.get("de"), "en": text.get("en")}


def _clock(day: dt.date, start: int, offset: int) -> str:
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=start + offset)
    return moment.isoformat(timespec="minutes")


def step_data(plan: Plan, step: Step, day: dt.date) -> dict[str, Any]:
    data = _step_fields(plan, step, day)
    part = plan.part(step.index)
    if part is not None:  # a step of a day's block
        data["block"] = {"id": part.id, "title": text_data(part.title), "kind": part.kind.value}
    return data


def _step_fields(plan: Plan, step: Step, day: dt.date) -> dict[str, Any]:
    return {
        "index": step.index,
        "phase": step.phase.id,
        "title": text_data(step.phase.title),
        "round": step.round,
        "rounds": step.rounds,
        "case": step.case,
        "start": _clock(day, plan.start, step.start),
        "end": _clock(day, plan.start, step.end),
        "seconds": step.seconds,
        "arrangement": step.arrangement.kind.value,
        "groups": list(step.groups),
        "question": text_data(step.question) if step.question else None,
    }


def plan_record(plan: Plan, day: dt.date) -> dict[str, Any]:
    """The record of a planned session on `day`: the format and the timed agenda."""
    fmt = plan.format
    return {
        "schema": RECORD_SCHEMA,
        "kind": "plan",
        "format": {"id": fmt.id, "title": text_data(fmt.title), "sources": list(fmt.sources)},
        "date": day.isoformat(),
        "start": _clock(day, plan.start, 0),
        "end": _clock(day, plan.start, plan.seconds),
        "participants": {"count": plan.settings.people.count},
        "agenda": [step_data(plan, step, day) for step in plan.steps],
    }


# -- the record of a session that ran ---------------------------------------------------------


class HasState(Protocol):
    """A `Session`, as far as the record needs it (kept structural to avoid an import cycle)."""

    @property
    def state(self) -> SessionState: ...

    journal: Journal


def session_record(source: HasState | SessionState) -> dict[str, Any]:
    """The record of a session that ran or runs, with confidential content taken out.

    `source` is a `Session` (its journal gives the format text, the settings and the events,
    enough to rebuild it) or just a `SessionState` (then without them). The record has the keys
    of `plan_record` and more; docs/outputs.md lists them.
    """
    if isinstance(source, SessionState):
        state, journal = source, None
    else:
        state, journal = source.state, source.journal
    disclosure = Disclosure(state)
    record = _SessionRecord(state, disclosure, journal).build()
    return dict(scrub(record, disclosure.secrets))


def _moment(wall: float | None) -> str | None:
    if wall is None:
        return None
    return dt.datetime.fromtimestamp(wall).isoformat(timespec="seconds")


def session_day(state: SessionState, journal: Journal | None = None) -> dt.date:
    """The day of a session: when it started, else when its journal was made, else today."""
    wall = state.started_at
    if wall is None and journal is not None:
        wall = journal.meta.created_wall
    return dt.date.fromtimestamp(wall) if wall is not None else dt.date.today()


class _SessionRecord:
    """Builds one session record; every collected text passes through the disclosure."""

    def __init__(self, state: SessionState, disclosure: Disclosure, journal: Journal | None):
        self.state = state
        self.plan = state.plan
        self.d = disclosure
        self.journal = journal
        self.day = session_day(state, journal)

    def build(self) -> dict[str, Any]:
        state = self.state
        record = plan_record(self.plan, self.day)
        details = state.collecting.details
        record.update(
            kind="session",
            lang=self.plan.settings.lang,
            title=details.title,
            place=details.place,
            status=state.mode.value,
            times={
                "planned_start": _moment(state.planned_start),
                "planned_end": _moment(state.planned_end),
                "started": _moment(state.started_at),
                "finished": _moment(state.finished_at),
            },
            participants=self.participants(),
            agenda=[self.step(step) for step in self.plan.steps],
            role_titles={r.id: text_data(r.title) for r in self.plan.format.roles},
            roles=[
                {"case": key, "holders": {r: list(h) for r, h in held.items()}}
                for key, held in sorted(state.roles.items(), key=lambda kv: kv[0] or 0)
            ],
            cases=self.cases(),
            proposals=self.proposals(),
            items=self.items(),
            votes=[self.vote(vote) for vote in state.collecting.votes],
            choices=self.choices(),
            market=self.market(),
        )
        record["confidentiality"] = {
            "rules": [
                {"id": r.id, "text": text_data(r.text)}
                for r in self.plan.format.rules
                if r.confidential
            ],
            "consents": [
                {"case": c.case, "by": c.by, "at": _moment(c.at)}
                for c in sorted(state.collecting.consents, key=lambda c: c.case)
            ],
            "withheld": sum(
                1
                for entry in (
                    *record["items"],
                    *record["market"]["offers"],
                    *record["market"]["needs"],
                )
                if entry["withheld"]
            ),
            "marker": WITHHELD,
        }
        record["source"] = self.source()
        record["events"] = self.events()
        return record

    # -- people and time ----------------------------------------------------------------------

    def participants(self) -> dict[str, Any]:
        people = self.plan.settings.people
        at_start = list(people.labels())
        everyone = list(dict.fromkeys([*at_start, *self.state.people]))
        joined = [p for p in everyone if p not in at_start]
        left = [p for p in everyone if p not in self.state.people]
        named = bool(people.names) or any(not p.isdigit() for p in joined)
        return {
            "count": len(everyone),
            "named": named,
            "names": everyone if named else [],
            "present": len(self.state.people),
            "joined": joined,
            "left": left,
        }

    def spans(self, index: int) -> list[tuple[float, float | None]]:
        """When a step was held: (start, end) per time it ran; the end is None while it runs."""
        history = self.state.history
        result: list[tuple[float, float | None]] = []
        for position, (step, start) in enumerate(history):
            if step != index:
                continue
            if position + 1 < len(history):
                end: float | None = history[position + 1][1]
            else:
                end = self.state.finished_at
            result.append((start, end))
        return result

    def step(self, step: Step) -> dict[str, Any]:
        state = self.state
        data = step_data(self.plan, step, self.day)
        spans = self.spans(step.index)
        closed = [(a, b) for a, b in spans if b is not None]
        running = any(b is None for _, b in spans)
        choice = state.arrangements.get(step.index)
        seating = state.seating.get(step.index)
        data.update(
            case_number=case_key(step),
            confidential=self.d.step_confidential(step.index),
            status=self.status(step, spans),
            length=state.seconds_of(step.index),
            held=[{"start": _moment(a), "end": _moment(b)} for a, b in spans],
            actual_start=_moment(spans[0][0]) if spans else None,
            actual_end=None if running or not spans else _moment(spans[-1][1]),
            actual_seconds=None if running or not closed else round(sum(b - a for a, b in closed)),
            arranged=None
            if choice is None
            else {
                "kind": choice.kind.value,
                "size": choice.size,
                "count": choice.count,
                "reason": choice.reason,
            },
            seating=None
            if seating is None
            else {
                "groups": [list(g) for g in seating.groups],
                "hosts": list(seating.hosts),
                "stations": list(seating.stations),
                "observers": list(seating.observers),
            },
        )
        return data

    def status(self, step: Step, spans: list[tuple[float, float | None]]) -> str:
        state = self.state
        if state.dropped(step.index):
            return "dropped"
        if any(end is None for _, end in spans) and state.mode is not Mode.FINISHED:
            return "running"
        if spans:
            return "held"
        current = state.timer.step if state.timer is not None else -1
        if state.mode is Mode.FINISHED or step.index < current:
            return "skipped"
        return "ahead"

    # -- what the group produced --------------------------------------------------------------

    def cases(self) -> list[dict[str, Any]]:
        state = self.state
        result = []
        for number in range(1, planned_cases(state) + 1):
            title = state.cases[number - 1].title if number <= len(state.cases) else None
            hidden = self.d.title_withheld(number)
            question = state.collecting.key_question(number)
            asked_hidden = question is not None and self.d.withheld(question.step, number)
            consent = state.collecting.consent(number)
            module = self.module(number)
            steps = [s.index for s in self.plan.steps if case_key(s) == number]
            result.append(
                {
                    "number": number,
                    "title": None if title is None else self.d.text(title, hidden),
                    "withheld": hidden,
                    "giver": giver(state, number),
                    "confidential": self.d.case_confidential(number),
                    "consent": None
                    if consent is None
                    else {"by": consent.by, "at": _moment(consent.at)},
                    "key_question": None
                    if question is None
                    else self.d.text(question.text, asked_hidden),
                    "key_question_withheld": asked_hidden,
                    "module": module,
                    "steps": steps,
                    "held": any(self.spans(i) for i in steps),
                }
            )
        return result

    def module(self, case: int) -> dict[str, Any] | None:
        for choice in self.choices():
            if choice["case"] == case:
                return choice
        return None

    def choices(self) -> list[dict[str, Any]]:
        fmt = self.plan.format
        result = []
        for index, option in sorted(self.state.options.items()):
            step = self.plan.steps[index]
            hidden = self.d.withheld(index)
            try:
                title: dict[str, str] | None = text_data(fmt.module(option).title)
            except KeyError:
                title = {"de": option, "en": option}
            result.append(
                {
                    "step": index,
                    "phase": step.phase.id,
                    "case": case_key(step),
                    "option": None if hidden else option,
                    "title": None if hidden else title,
                    "withheld": hidden,
                }
            )
        return result

    def proposals(self) -> list[dict[str, Any]]:
        result = []
        for number, proposal in enumerate(self.state.collecting.proposals, start=1):
            case = self.d.case_of_text(proposal.text)
            hidden = self.d.withheld(proposal.step, case)
            result.append(
                {
                    "number": number,
                    "step": proposal.step,
                    "text": self.d.text(proposal.text, hidden),
                    "owner": None if hidden else proposal.owner,
                    "withheld": hidden,
                    "case": case,
                    "at": _moment(proposal.at),
                }
            )
        return result

    def items(self) -> list[dict[str, Any]]:
        collecting = self.state.collecting
        kinds: list[tuple[str, Iterable[Note]]] = [
            ("note", collecting.notes),
            ("idea", collecting.ideas),
            ("harvest", collecting.harvest),
            ("decision", collecting.decisions),
        ]
        result = [self.item(kind, note) for kind, group in kinds for note in group]
        for question in collecting.key_questions:
            if collecting.key_question(question.case) is not question:
                continue  # replaced by a later one
            hidden = self.d.withheld(question.step, question.case)
            result.append(
                self.place(question.step)
                | {
                    "kind": "key_question",
                    "case": question.case,
                    "table": None,
                    "at": _moment(question.at),
                    "text": self.d.text(question.text, hidden),
                    "withheld": hidden,
                    "_at": question.at,
                }
            )
        result.sort(key=lambda item: item.pop("_at"))
        return result

    def item(self, kind: str, note: Note) -> dict[str, Any]:
        hidden = self.d.withheld(note.step)
        return self.place(note.step) | {
            "kind": kind,
            "table": note.table,
            "at": _moment(note.at),
            "text": self.d.text(note.text, hidden),
            "withheld": hidden,
            "_at": note.at,
        }

    def market(self) -> dict[str, Any]:
        """The offers and needs of a Tauschmarkt, the matches (best first) and the needs no
        offer met; a card written in a confidential phase keeps its person, not its text."""
        market = self.state.collecting.market
        found = find_matches(market)
        cards = {c.number: self.card(c) for c in market.cards}
        return {
            "offers": [cards[c.number] for c in market.offers],
            "needs": [cards[c.number] for c in market.needs],
            "matches": [
                {
                    "offer": m.offer.number,
                    "need": m.need.number,
                    "offered_by": m.offer.person,
                    "needed_by": m.need.person,
                    "offer_text": cards[m.offer.number]["text"],
                    "need_text": cards[m.need.number]["text"],
                    "score": m.score,
                    "manual": m.manual,
                }
                for m in found
            ],
            "open_needs": [c.number for c in open_needs(market, found)],
        }

    def card(self, card: Card) -> dict[str, Any]:
        hidden = self.d.withheld(card.step)
        return self.place(card.step) | {
            "card": card.number,
            "person": card.person,
            "text": self.d.text(card.text, hidden),
            "withheld": hidden,
            "at": _moment(card.at),
        }

    def place(self, index: int | None) -> dict[str, Any]:
        """Where something was collected: step, phase, round and case."""
        if index is None:
            return {"step": None, "phase": None, "round": None, "case": None}
        step = self.plan.steps[index]
        return {
            "step": index,
            "phase": step.phase.id,
            "round": step.round,
            "case": case_key(step),
        }

    def vote(self, vote: VoteState) -> dict[str, Any]:
        step = self.plan.steps[vote.step]
        counts = vote.counts
        places = ranks(counts)
        winners = list(vote.winners or ())
        options = []
        for number, text in enumerate(vote.options, start=1):
            case = self.d.case_of_text(text)
            hidden = self.d.withheld(vote.step, case)
            points = counts[number - 1]
            options.append(
                {
                    "number": number,
                    "text": self.d.text(text, hidden),
                    "owner": None if hidden else vote.owners[number - 1],
                    "withheld": hidden,
                    "points": points,
                    "rank": places[number - 1],
                    "tied": counts.count(points) > 1,
                    "won": number in winners,
                    "case": case,
                }
            )
        ties = sorted(
            {tuple(n for n in ranking(counts) if counts[n - 1] == p) for p in set(counts)},
            key=lambda group: -counts[group[0] - 1],
        )
        return {
            "step": vote.step,
            "phase": step.phase.id,
            "title": text_data(step.phase.title),
            "round": step.round,
            "case": case_key(step),
            "rules": {
                "points": vote.points,
                "stacking": vote.stacking,
                "own": vote.own,
                "anonymous": vote.anonymous,
                "choose": vote.choose,
            },
            "people": vote.people,
            "chooses_cases": vote.cases,
            "ballots": len(vote.ballots),
            "counted_on_board": vote.counted is not None,
            "closed": vote.closed,
            "options": options,
            "ranking": list(ranking(counts)),
            "ties": [list(group) for group in ties if len(group) > 1],
            "winners": winners,
            "named_ballots": []
            if vote.anonymous
            else [{"voter": b.voter, "points": list(b.points)} for b in vote.ballots],
        }

    # -- enough to rebuild --------------------------------------------------------------------

    def source(self) -> dict[str, Any] | None:
        if self.journal is None:
            return None
        meta = self.journal.meta
        return {
            "format_id": meta.format_id,
            "format_text": meta.format_text,
            "settings": dict(meta.settings),
            "created": meta.created_wall,
            "events_version": meta.events_version or EVENTS_VERSION,
        }

    def events(self) -> list[dict[str, Any]]:
        if self.journal is None:
            return []
        return [
            {"seq": r.seq, "wall": r.wall, "event": redact_event(r.event, self.d)}
            for r in self.journal.read()
            if r.seq <= self.state.seq or self.state.seq == 0
        ]
