"""The state of a running session as a fold of its events.

`apply(state, event)` is the only place where state changes, and it reads nothing but the event
and the plan, so replaying a journal gives exactly the state the live session had. Times are
never counted: what is left of a phase is computed from the clock on demand.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

from formatkern import events as ev
from formatkern.model import ArrangementKind, Repeat, Text
from formatkern.plan import Plan, Step

WARNING_LEVELS = (20, 5)
"""Percent of a phase's time left at which a warning is due, earliest first."""


class Mode(StrEnum):
    """Where a session stands, in the words `formatkern sessions` shows."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@attrs.frozen
class Timer:
    """The countdown of the current step. Its deadline moves with pauses and extensions only."""

    step: int
    started_at: float
    seconds: int
    extended: int = 0
    paused_total: float = 0.0
    paused_since: float | None = None
    warned: frozenset[int] = frozenset()
    time_up: bool = False

    @property
    def length(self) -> int:
        """The phase's time: as planned when it started, plus what was added."""
        return self.seconds + self.extended

    def deadline(self, now: float) -> float:
        """When time is up if nothing else happens; a running pause pushes it on."""
        pause = self.paused_total
        if self.paused_since is not None:
            pause += max(0.0, now - self.paused_since)
        return self.started_at + self.length + pause

    def remaining(self, now: float) -> float:
        """Seconds left; negative in overtime. Frozen while paused."""
        return self.deadline(now) - now

    def elapsed(self, now: float) -> float:
        return self.length - self.remaining(now)

    def due(self, now: float) -> list[int | None]:
        """Timer events due at `now` and not yet given: warning levels, then None for time up."""
        left = self.remaining(now)
        due: list[int | None] = [
            level
            for level in WARNING_LEVELS
            if level not in self.warned and left <= self.length * level / 100
        ]
        if not self.time_up and left <= 0:
            due.append(None)
        return due

    def when_due(self, level: int | None) -> float:
        """The wall time a timer event became due (the timer must not be paused)."""
        left = 0.0 if level is None else self.length * level / 100
        return self.started_at + self.length + self.paused_total - left

    def rearmed(self, now: float) -> Timer:
        """After the time was changed: warnings whose moment lies ahead again may come again."""
        left = self.remaining(now)
        warned = frozenset(lv for lv in self.warned if left <= self.length * lv / 100)
        return attrs.evolve(self, warned=warned, time_up=self.time_up and left <= 0)


@attrs.frozen
class Note:
    at: float
    step: int | None
    text: str
    table: int | None = None


@attrs.frozen
class KeyQuestion:
    at: float
    step: int | None
    case: int | None
    text: str


@attrs.frozen
class Proposal:
    """Something to vote on, and who brought it (the case giver of a proposed case)."""

    at: float
    step: int | None
    text: str
    owner: str | None = None


@attrs.frozen
class Ballot:
    voter: str | None
    points: tuple[int, ...]
    """Points per option, in the order of the vote's options."""


@attrs.frozen
class VoteState:
    """A dot vote: its announced rules, the ballots (or the counted dots), and its end."""

    step: int
    options: tuple[str, ...]
    owners: tuple[str | None, ...]
    points: int
    stacking: bool
    own: bool
    anonymous: bool
    choose: int
    people: int
    cases: bool = False
    ballots: tuple[Ballot, ...] = ()
    counted: tuple[int, ...] | None = None
    """Points per option as counted on the board; replaces the ballots."""
    winners: tuple[int, ...] | None = None
    """Option numbers (from 1) that won, best first; None while the vote is open."""

    @property
    def closed(self) -> bool:
        return self.winners is not None

    @property
    def counts(self) -> tuple[int, ...]:
        """Points per option: as counted on the board, else the sum of the ballots."""
        if self.counted is not None:
            return self.counted
        return tuple(sum(b.points[i] for b in self.ballots) for i in range(len(self.options)))

    def voted(self, name: str) -> bool:
        return any(
            b.voter is not None and b.voter.casefold() == name.casefold() for b in self.ballots
        )


@attrs.frozen
class Consent:
    """The case giver's consent that a case's content may leave the session."""

    at: float
    case: int
    by: str


@attrs.frozen
class Details:
    title: str | None = None
    place: str | None = None


class CardKind(StrEnum):
    """The two kinds of card of a Tauschmarkt."""

    OFFER = "offer"
    NEED = "need"


@attrs.frozen
class Card:
    """One offer or need: what `person` can give or needs, numbered from 1 (both kinds
    together, in the order written; a removed card's number is not given again)."""

    number: int
    kind: CardKind
    person: str
    text: str
    at: float
    step: int | None = None


@attrs.frozen
class Market:
    """The offers and needs of a Tauschmarkt, and how the facilitator matched them by hand."""

    cards: tuple[Card, ...] = ()
    last: int = 0
    """The highest card number given so far."""
    links: tuple[tuple[int, int], ...] = ()
    """(offer, need) card numbers matched by hand, in the order linked."""
    unlinked: tuple[tuple[int, int], ...] = ()
    """(offer, need) pairs set aside: no suggestion is made for them."""

    @property
    def offers(self) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.kind is CardKind.OFFER)

    @property
    def needs(self) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.kind is CardKind.NEED)

    def card(self, number: int) -> Card | None:
        return next((c for c in self.cards if c.number == number), None)


@attrs.frozen
class Collecting:
    """What the group produces while running; grows with the outputs (ideas, votes, harvest)."""

    notes: tuple[Note, ...] = ()
    ideas: tuple[Note, ...] = ()
    harvest: tuple[Note, ...] = ()
    decisions: tuple[Note, ...] = ()
    key_questions: tuple[KeyQuestion, ...] = ()
    """In the order set; the latest of a case is its key question."""
    proposals: tuple[Proposal, ...] = ()
    votes: tuple[VoteState, ...] = ()
    consents: tuple[Consent, ...] = ()
    """At most one per case; withdrawing removes it."""
    details: Details = Details()
    market: Market = Market()
    """Offers and needs (events version 3)."""

    def key_question(self, case: int | None) -> KeyQuestion | None:
        found = [k for k in self.key_questions if k.case == case]
        return found[-1] if found else None

    def vote(self, step: int) -> VoteState | None:
        return next((v for v in self.votes if v.step == step), None)

    def consent(self, case: int | None) -> Consent | None:
        return next((c for c in self.consents if c.case == case), None)

    def with_vote(self, vote: VoteState) -> Collecting:
        others = tuple(v for v in self.votes if v.step != vote.step)
        return attrs.evolve(self, votes=(*others, vote))


@attrs.frozen
class Seating:
    """The groups of one step, as recorded in a groups_set event."""

    groups: tuple[tuple[str, ...], ...]
    hosts: tuple[str, ...] = ()
    stations: tuple[int, ...] = ()
    observers: tuple[str, ...] = ()


@attrs.frozen
class ArrangementChoice:
    """An arrangement decided while running, replacing the format's for a step."""

    kind: ArrangementKind
    size: int | None = None
    count: int | None = None
    reason: str | None = None


@attrs.frozen
class Case:
    title: str
    giver: str | None = None


@attrs.frozen(eq=True, hash=False)
class SessionState:
    """Everything a session has come to, derived from its events alone."""

    plan: Plan = attrs.field(eq=False, repr=False)
    people: tuple[str, ...]
    seq: int = 0
    last_at: float | None = None
    started_at: float | None = None
    planned_start: float | None = None
    planned_end: float | None = None
    finished_at: float | None = None
    timer: Timer | None = None
    history: tuple[tuple[int, float], ...] = ()
    """(step, wall time it started), in the order held; `back` and `jump` may repeat a step."""
    durations: Mapping[int, int] = attrs.field(factory=dict)
    """Seconds per step where `fit_to_end` changed them."""
    arrangements: Mapping[int, ArrangementChoice] = attrs.field(factory=dict)
    seating: Mapping[int, Seating] = attrs.field(factory=dict)
    roles: Mapping[int | None, Mapping[str, tuple[str, ...]]] = attrs.field(factory=dict)
    """Role id -> holders, for the session (key None) and per case number."""
    options: Mapping[int, str] = attrs.field(factory=dict)
    """Choice step -> chosen option (a module id)."""
    cases: tuple[Case, ...] = ()
    auto_advance: bool | None = None
    """The facilitator's switch; None means the format decides per phase."""
    collecting: Collecting = Collecting()

    # -- reading -------------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        if self.finished_at is not None:
            return Mode.FINISHED
        if self.timer is None:
            return Mode.READY
        return Mode.PAUSED if self.timer.paused_since is not None else Mode.RUNNING

    @property
    def paused(self) -> bool:
        return self.mode is Mode.PAUSED

    @property
    def step(self) -> Step | None:
        """The step being held, None before the start and after the end."""
        if self.timer is None or self.finished_at is not None:
            return None
        return self.plan.steps[self.timer.step]

    def remaining(self, now: float) -> float | None:
        """Seconds left of the current step (negative in overtime); None when none runs."""
        if self.timer is None or self.finished_at is not None:
            return None
        return self.timer.remaining(now)

    def seconds_of(self, index: int) -> int:
        """The planned length of a step, after any fitting."""
        return self.durations.get(index, self.plan.steps[index].seconds)

    def dropped(self, index: int) -> bool:
        """A step of a case that was not chosen (fewer cases chosen than planned)."""
        case = self.plan.steps[index].case
        return bool(self.cases) and case is not None and case > len(self.cases)

    def upcoming(self) -> list[int]:
        """The steps still ahead after the current one (all of them before the start)."""
        if self.finished_at is not None:
            return []
        first = 0 if self.timer is None else self.timer.step + 1
        return [i for i in range(first, len(self.plan.steps)) if not self.dropped(i)]

    def instructions(self, index: int) -> Text:
        """What the group is told in a step: the chosen module's instructions, if one applies."""
        step = self.plan.steps[index]
        fmt = self.plan.format
        for choice_step, option in self.options.items():
            if index in choice_targets(self.plan, choice_step):
                try:
                    module = fmt.module(option)
                except KeyError:
                    continue
                if module.instructions:
                    return module.instructions
        return step.phase.instructions

    def arrangement_kind(self, index: int) -> ArrangementKind:
        choice = self.arrangements.get(index)
        return choice.kind if choice else self.plan.steps[index].arrangement.kind

    def auto_advances(self, index: int) -> bool:
        """Whether a step goes on by itself when time is up."""
        if self.auto_advance is not None:
            return self.auto_advance
        phase = self.plan.steps[index].phase
        if phase.auto_advance is not None:
            return phase.auto_advance
        return self.plan.format.auto_advance

    def case_of(self, index: int) -> Case | None:
        number = case_key(self.plan.steps[index])
        if number is None or number > len(self.cases):
            return None
        return self.cases[number - 1]


def case_key(step: Step) -> int | None:
    """The case number of a step of a per-case block (1 when the block runs once), else None."""
    if step.case is not None:
        return step.case
    return 1 if step.phase.repeat is Repeat.PER_CASE else None


def choice_targets(plan: Plan, choice_step: int) -> list[int]:
    """The steps whose instructions an option chosen in `choice_step` sets: the later steps of
    the phase named by `choice.sets`, in the same case."""
    step = plan.steps[choice_step]
    choice = step.phase.choice
    if choice is None or choice.sets is None:
        return []
    return [
        s.index
        for s in plan.steps[choice_step + 1 :]
        if s.phase.id == choice.sets and s.case == step.case
    ]


class Draft:
    """The events of one command, folded as they are made so later ones see earlier ones."""

    def __init__(self, state: SessionState) -> None:
        self.state = state
        self.events: list[ev.Event] = []

    def add(self, event: ev.Event) -> None:
        # Fold the stored form, so the live state is exactly what a replay will compute.
        stored_form = ev.from_json(ev.to_json(event))
        self.events.append(stored_form)
        self.state = apply(self.state, stored_form)


def initial(plan: Plan) -> SessionState:
    """The state before the start: everyone of the settings in the room."""
    return SessionState(plan=plan, people=plan.settings.people.labels())


# -- the fold ---------------------------------------------------------------------------------


def apply(state: SessionState, event: ev.Event, seq: int | None = None) -> SessionState:
    """The state after one event. Pure; the only place where a session's state changes."""
    new = _apply(state, event)
    return attrs.evolve(new, last_at=event.at, seq=state.seq if seq is None else seq)


def _apply(state: SessionState, event: ev.Event) -> SessionState:
    at = event.at
    timer = state.timer
    match event:
        case ev.SessionStarted():
            return attrs.evolve(
                state,
                started_at=at,
                planned_start=event.planned_start,
                planned_end=event.planned_end,
            )
        case ev.StepStarted():
            return attrs.evolve(
                state,
                timer=Timer(step=event.step, started_at=at, seconds=event.seconds),
                history=(*state.history, (event.step, at)),
            )
        case ev.Paused() if timer is not None:
            return attrs.evolve(state, timer=attrs.evolve(timer, paused_since=at))
        case ev.Resumed() if timer is not None and timer.paused_since is not None:
            total = timer.paused_total + max(0.0, at - timer.paused_since)
            return attrs.evolve(
                state, timer=attrs.evolve(timer, paused_total=total, paused_since=None)
            )
        case ev.Extended() if timer is not None:
            longer = attrs.evolve(timer, extended=timer.extended + event.seconds)
            return attrs.evolve(state, timer=longer.rearmed(at))
        case ev.TimerWarning() if timer is not None:
            passed = {lv for lv in WARNING_LEVELS if lv >= event.level}
            return attrs.evolve(state, timer=attrs.evolve(timer, warned=timer.warned | passed))
        case ev.TimeUp() if timer is not None:
            return attrs.evolve(
                state,
                timer=attrs.evolve(timer, warned=frozenset(WARNING_LEVELS), time_up=True),
            )
        case ev.ArrangementSet():
            choice = ArrangementChoice(
                ArrangementKind(event.kind), event.size, event.count, event.reason
            )
            arrangements = dict(state.arrangements)
            seating = dict(state.seating)
            for index in event.steps:
                arrangements[index] = choice
                seating.pop(index, None)
            return attrs.evolve(state, arrangements=arrangements, seating=seating)
        case ev.GroupsSet():
            seating = dict(state.seating)
            seating[event.step] = Seating(
                event.groups, event.hosts, event.stations, event.observers
            )
            return attrs.evolve(state, seating=seating)
        case ev.ParticipantAdded():
            return attrs.evolve(state, people=(*state.people, event.name))
        case ev.ParticipantRemoved():
            return attrs.evolve(state, people=tuple(p for p in state.people if p != event.name))
        case ev.OptionChosen():
            return attrs.evolve(state, options={**state.options, event.step: event.option})
        case ev.CasesChosen():
            givers = event.givers or (None,) * len(event.cases)
            cases = tuple(Case(t, g) for t, g in zip(event.cases, givers, strict=True))
            return attrs.evolve(state, cases=cases)
        case ev.RolesCast():
            return attrs.evolve(state, roles={**state.roles, event.case: dict(event.roles)})
        case ev.NoteAdded():
            note = Note(at, event.step, event.text, event.table)
            collecting = attrs.evolve(state.collecting, notes=(*state.collecting.notes, note))
            return attrs.evolve(state, collecting=collecting)
        case ev.AutoAdvanceSet():
            return attrs.evolve(state, auto_advance=event.enabled)
        case ev.Fitted():
            durations = dict(state.durations)
            durations.update(zip(event.steps, event.seconds, strict=True))
            return attrs.evolve(state, durations=durations)
        case ev.Finished():
            if timer is not None and timer.paused_since is not None:
                timer = attrs.evolve(
                    timer,
                    paused_total=timer.paused_total + max(0.0, at - timer.paused_since),
                    paused_since=None,
                )
            return attrs.evolve(state, finished_at=at, timer=timer)
    collected = _collect(state.collecting, event)
    return state if collected is None else attrs.evolve(state, collecting=collected)


def _collect(c: Collecting, event: ev.Event) -> Collecting | None:
    """The fold of what the group produces; None for events that are not about it."""
    at = event.at
    match event:
        case ev.IdeaAdded():
            return attrs.evolve(c, ideas=(*c.ideas, Note(at, event.step, event.text, event.table)))
        case ev.HarvestAdded():
            item = Note(at, event.step, event.text, event.table)
            return attrs.evolve(c, harvest=(*c.harvest, item))
        case ev.DecisionRecorded():
            return attrs.evolve(c, decisions=(*c.decisions, Note(at, event.step, event.text)))
        case ev.KeyQuestionSet():
            question = KeyQuestion(at, event.step, event.case, event.text)
            return attrs.evolve(c, key_questions=(*c.key_questions, question))
        case ev.ProposalAdded():
            proposal = Proposal(at, event.step, event.text, event.owner)
            return attrs.evolve(c, proposals=(*c.proposals, proposal))
        case ev.VoteOpened():
            vote = VoteState(
                event.step,
                event.options,
                event.owners,
                event.points,
                event.stacking,
                event.own,
                event.anonymous,
                event.choose,
                event.people,
                event.cases,
            )
            return c.with_vote(vote)
        case ev.BallotCast() | ev.VoteCounted() | ev.VoteClosed():
            held = c.vote(event.step)
            return None if held is None else c.with_vote(_voted(held, event))
        case ev.ConsentGiven():
            kept = tuple(x for x in c.consents if x.case != event.case)
            return attrs.evolve(c, consents=(*kept, Consent(at, event.case, event.by)))
        case ev.ConsentWithdrawn():
            return attrs.evolve(c, consents=tuple(x for x in c.consents if x.case != event.case))
        case ev.DetailsSet():
            details = c.details
            if event.title is not None:
                details = attrs.evolve(details, title=event.title or None)
            if event.place is not None:
                details = attrs.evolve(details, place=event.place or None)
            return attrs.evolve(c, details=details)
        case ev.OfferAdded() | ev.NeedAdded() | ev.CardRemoved():
            return attrs.evolve(c, market=_carded(c.market, event))
        case ev.MatchLinked() | ev.MatchUnlinked():
            return attrs.evolve(c, market=_linked(c.market, event))
    return None


def _carded(market: Market, event: ev.Event) -> Market:
    match event:
        case ev.OfferAdded() | ev.NeedAdded():
            kind = CardKind.OFFER if isinstance(event, ev.OfferAdded) else CardKind.NEED
            card = Card(event.card, kind, event.person, event.text, event.at, event.step)
            return attrs.evolve(
                market, cards=(*market.cards, card), last=max(market.last, event.card)
            )
        case ev.CardRemoved():
            number = event.card
            return attrs.evolve(
                market,
                cards=tuple(c for c in market.cards if c.number != number),
                links=tuple(link for link in market.links if number not in link),
                unlinked=tuple(link for link in market.unlinked if number not in link),
            )
    return market


def _linked(market: Market, event: ev.MatchLinked | ev.MatchUnlinked) -> Market:
    pair = (event.offer, event.need)
    links = tuple(link for link in market.links if link != pair)
    unlinked = tuple(link for link in market.unlinked if link != pair)
    if isinstance(event, ev.MatchLinked):
        return attrs.evolve(market, links=(*links, pair), unlinked=unlinked)
    return attrs.evolve(market, links=links, unlinked=(*unlinked, pair))


def _voted(vote: VoteState, event: ev.Event) -> VoteState:
    match event:
        case ev.BallotCast():
            return attrs.evolve(vote, ballots=(*vote.ballots, Ballot(event.voter, event.points)))
        case ev.VoteCounted():
            return attrs.evolve(vote, counted=event.counts)
        case ev.VoteClosed():
            return attrs.evolve(vote, winners=event.winners)
    return vote
