"""What the group produces while running: the checks and events of the collecting commands.

Ideas, harvest, decisions, key questions, proposals, dot votes, the case giver's consent, and
the offers and needs of a Tauschmarkt with their matches.
Each function reads the state, refuses what does not fit with a `CommandError` that says what
to do instead, and returns the events; the `Session` stores them like any other command's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NoReturn

from formatkern import events as ev
from formatkern.errors import CommandError
from formatkern.matching import find_matches, same_person
from formatkern.model import Collect, Repeat, Vote
from formatkern.state import Card, CardKind, Mode, SessionState, VoteState, case_key
from formatkern.voting import BallotError, ballot, count, default_points, settle


def _refuse(message: str, *, de: str | None = None) -> NoReturn:
    """Refuse with the English `message` and, for the desk, the same in German (`de`)."""
    raise CommandError(message, de=de)


def _running(state: SessionState) -> None:
    if state.mode is Mode.FINISHED:
        _refuse("This session has finished.", de="Die Sitzung ist beendet.")


def _text(value: object, what: str, what_de: str) -> str:
    """The text of an item; `what` names it ("An idea"), `what_de` in German ("Eine Idee")."""
    body = str(value).strip() if value is not None else ""
    if not body:
        _refuse(f"{what} needs some text.", de=f"{what_de} braucht etwas Text.")
    return body


def _current(state: SessionState) -> int | None:
    return state.timer.step if state.timer is not None and state.finished_at is None else None


def _table(state: SessionState, table: int | None) -> None:
    """A table (or group) number must name one of the current step's tables."""
    if table is None:
        return
    index = _current(state)
    seating = state.seating.get(index) if index is not None else None
    tables = len(seating.groups) if seating else 0
    if not 1 <= table <= tables:
        where = f"; the tables are 1 to {tables}." if tables else "; all sit together."
        where_de = f"; die Tische sind 1 bis {tables}." if tables else "; alle sitzen zusammen."
        _refuse(
            f"There is no table {table} now{where}",
            de=f"Tisch {table} gibt es gerade nicht{where_de}",
        )


# -- lists ------------------------------------------------------------------------------------


def idea(state: SessionState, text: str, table: int | None, at: float) -> ev.IdeaAdded:
    _running(state)
    body = _text(text, "An idea", "Eine Idee")
    _table(state, table)
    return ev.IdeaAdded(at, _current(state), body, table)


def harvest(state: SessionState, text: str, table: int | None, at: float) -> ev.HarvestAdded:
    _running(state)
    body = _text(text, "A harvest", "Eine Ernte")
    _table(state, table)
    return ev.HarvestAdded(at, _current(state), body, table)


def decision(state: SessionState, text: str, at: float) -> ev.DecisionRecorded:
    _running(state)
    return ev.DecisionRecorded(at, _current(state), _text(text, "A decision", "Eine Entscheidung"))


def details(state: SessionState, title: str | None, place: str | None, at: float) -> ev.DetailsSet:
    """The title of the day and the place; allowed after the end, for the protocol's head."""
    if title is None and place is None:
        _refuse(
            "Give a title, a place or both (an empty text clears one).",
            de="Gib einen Titel, einen Ort oder beides an (ein leerer Text löscht ihn).",
        )
    clean = [None if value is None else str(value).strip() for value in (title, place)]
    return ev.DetailsSet(at, clean[0], clean[1])


# -- cases ------------------------------------------------------------------------------------


def planned_cases(state: SessionState) -> int:
    """How many cases the per-case block runs for (the chosen ones when fewer were chosen)."""
    planned = max(
        (case_key(s) or 0 for s in state.plan.steps if s.phase.repeat is Repeat.PER_CASE),
        default=0,
    )
    return min(planned, len(state.cases)) if state.cases else planned


def which_case(state: SessionState, case: int | None, what: str, what_de: str) -> int:
    """The case a command is about: the one given, the current one, or the only one.

    `what` names the matter ("the consent"), `what_de` in German ("die Zustimmung")."""
    cases = planned_cases(state)
    if cases == 0:
        _refuse(
            f"This format consults no cases; there is no case for {what}.",
            de=f"Dieses Format berät keine Fälle; es gibt keinen Fall für {what_de}.",
        )
    if case is None:
        index = _current(state)
        case = case_key(state.plan.steps[index]) if index is not None else None
    if case is None:
        if cases == 1:
            return 1
        _refuse(
            f"Say which case (1 to {cases}) {what} is for.",
            de=f"Sag, für welchen Fall (1 bis {cases}) {what_de} ist.",
        )
    if isinstance(case, bool) or not isinstance(case, int) or not 1 <= case <= cases:
        _refuse(
            f"There is no case {case!r}; the cases are 1 to {cases}.",
            de=f"Einen Fall {case!r} gibt es nicht; die Fälle sind 1 bis {cases}.",
        )
    return case


def giver(state: SessionState, case: int) -> str | None:
    """Who brought a case: as chosen with the cases, else who holds the case giver's role."""
    if case <= len(state.cases) and state.cases[case - 1].giver:
        return state.cases[case - 1].giver
    held = state.roles.get(case, {})
    for role in state.plan.format.roles:
        if role.brings_case and held.get(role.id):
            return held[role.id][0]
    return None


def key_question(state: SessionState, text: str, case: int | None, at: float) -> ev.KeyQuestionSet:
    _running(state)
    body = _text(text, "A key question", "Eine Schlüsselfrage")
    number = (
        which_case(state, case, "the key question", "die Schlüsselfrage")
        if planned_cases(state)
        else None
    )
    return ev.KeyQuestionSet(at, _current(state), number, body)


def propose(state: SessionState, text: str, owner: str | None, at: float) -> ev.ProposalAdded:
    """A proposal (a case in the case collection) with who brought it."""
    _running(state)
    body = _text(text, "A proposal", "Ein Vorschlag")
    if any(p.text.casefold() == body.casefold() for p in state.collecting.proposals):
        _refuse(f"{body!r} has been proposed already.", de=f"„{body}“ wurde schon vorgeschlagen.")
    who = None
    if owner is not None and str(owner).strip():
        who = _person(state, str(owner))
    return ev.ProposalAdded(at, _current(state), body, who)


def consent(state: SessionState, case: int | None, by: str | None, at: float) -> ev.ConsentGiven:
    """The case giver allows the case into the protocol; allowed after the end too."""
    number = which_case(state, case, "the consent", "die Zustimmung")
    brought = giver(state, number)
    if by is None or not str(by).strip():
        if brought is None:
            _refuse(
                f"Nobody is known to have brought case {number}; say who gives the consent (by).",
                de=f"Wer Fall {number} eingebracht hat, ist nicht bekannt; sag, wer zustimmt (by).",
            )
        return ev.ConsentGiven(at, number, brought)
    name = str(by).strip()
    if brought is not None and brought.casefold() != name.casefold():
        _refuse(
            f"Only the case giver of case {number}, {brought}, can allow its content into the "
            "protocol.",
            de=f"Nur wer Fall {number} eingebracht hat, {brought}, kann seinen Inhalt fürs "
            "Protokoll freigeben.",
        )
    return ev.ConsentGiven(at, number, brought or name)


def withdraw_consent(state: SessionState, case: int | None, at: float) -> ev.ConsentWithdrawn:
    number = which_case(state, case, "withdrawing the consent", "das Zurückziehen der Zustimmung")
    if state.collecting.consent(number) is None:
        _refuse(
            f"Case {number} has no consent to withdraw; its content stays out already.",
            de=f"Für Fall {number} gibt es keine Zustimmung zum Zurückziehen; sein Inhalt bleibt "
            "ohnehin draußen.",
        )
    return ev.ConsentWithdrawn(at, number)


def _person(state: SessionState, name: str) -> str:
    found = next((p for p in state.people if p.casefold() == name.strip().casefold()), None)
    if found is None:
        _refuse(f"{name!r} is not taking part.", de=f"„{name}“ nimmt nicht teil.")
    return found


# -- dot voting -------------------------------------------------------------------------------


def open_vote(
    state: SessionState, options: Sequence[str] | None, points: int | None, at: float
) -> ev.VoteOpened:
    """Announce the rules and the options of the current step's vote."""
    _running(state)
    index = _current(state)
    if index is None:
        _refuse(
            "The session has not started yet; a vote opens in its step.",
            de="Die Sitzung hat noch nicht begonnen; eine Abstimmung beginnt in ihrem Schritt.",
        )
    step = state.plan.steps[index]
    if step.phase.vote is None and Collect.VOTE not in step.phase.collect:
        _refuse(
            f"{step.phase.title.get('en')} is no vote; open the vote in its step.",
            de=f"{step.phase.title.get('de')} ist keine Abstimmung; eröffne die Abstimmung in "
            "ihrem Schritt.",
        )
    held = state.collecting.vote(index)
    if held is not None:
        _refuse(
            f"The vote of this step is {'closed' if held.closed else 'open'} already.",
            de="Die Abstimmung dieses Schritts ist schon "
            f"{'geschlossen' if held.closed else 'eröffnet'}.",
        )
    texts, owners = _options(state, index, options)
    if len(texts) < 2:
        _refuse(
            "A vote needs at least two options: collect proposals first (propose), or give the "
            "options.",
            de="Eine Abstimmung braucht mindestens zwei Optionen: Sammle erst Vorschläge, oder "
            "gib die Optionen an.",
        )
    rules = step.phase.vote or Vote()
    people = len(state.people)
    if points is not None and (isinstance(points, bool) or points < 1):
        _refuse(
            f"Points per person must be a whole number above 0, not {points!r}.",
            de=f"Die Punkte pro Person müssen eine ganze Zahl über 0 sein, nicht {points!r}.",
        )
    each = points or rules.points or default_points(len(texts), people)
    cases = _chooses_cases(state, index)
    choose = planned_cases(state) if cases else rules.choose
    return ev.VoteOpened(
        at,
        index,
        tuple(texts),
        tuple(owners),
        each,
        rules.stacking,
        rules.own,
        rules.anonymous,
        min(choose, len(texts)),
        people,
        cases,
    )


def _options(
    state: SessionState, index: int, given: Sequence[str] | None
) -> tuple[list[str], list[str | None]]:
    """The options: as given, else the proposals, else the ideas since the last vote."""
    if given is not None:
        texts = [str(t).strip() for t in given]
        if not all(texts):
            _refuse("Every option needs some text.", de="Jede Option braucht etwas Text.")
        if len({t.casefold() for t in texts}) != len(texts):
            _refuse(
                "Every option must differ from the others.",
                de="Jede Option muss sich von den anderen unterscheiden.",
            )
        return texts, [None] * len(texts)
    proposals = state.collecting.proposals
    if proposals:
        return [p.text for p in proposals], [p.owner for p in proposals]
    since = max((v.step for v in state.collecting.votes if v.step < index), default=-1)
    ideas = [
        i.text for i in state.collecting.ideas if i.step is not None and since < i.step < index
    ]
    unique = list(dict.fromkeys(ideas))
    return unique, [None] * len(unique)


def _chooses_cases(state: SessionState, index: int) -> bool:
    """A vote before the per-case block of a session with several cases chooses the cases."""
    block = [s.index for s in state.plan.steps if s.phase.repeat is Repeat.PER_CASE]
    return bool(block) and planned_cases(state) > 1 and index < block[0]


def _vote(state: SessionState, step: int | None, *, open_only: bool = True) -> VoteState:
    """The vote a command means: of `step`, else the current step's, else the latest open one."""
    votes = state.collecting.votes
    if step is not None:
        found = state.collecting.vote(step)
        if found is None:
            _refuse(
                f"Step {step} has no vote; open it there with open_vote.",
                de=f"Schritt {step} hat keine Abstimmung; eröffne sie dort.",
            )
    else:
        current = _current(state)
        here = state.collecting.vote(current) if current is not None else None
        found = here
        if found is None or (open_only and found.closed):
            found = next((v for v in reversed(votes) if not v.closed), None) or here
        if found is None:
            _refuse(
                "No vote is open. Open it with open_vote in its step: the rules are announced "
                "before anyone votes.",
                de="Es ist keine Abstimmung eröffnet. Eröffne sie in ihrem Schritt: Die Regeln "
                "werden angesagt, bevor jemand abstimmt.",
            )
    if open_only and found.closed:
        _refuse(
            "This vote is closed; its result stands.",
            de="Diese Abstimmung ist geschlossen; ihr Ergebnis steht.",
        )
    return found


def vote(
    state: SessionState,
    points: Mapping[object, object],
    voter: str | None,
    step: int | None,
    at: float,
) -> ev.BallotCast:
    _running(state)
    held = _vote(state, step)
    who = _person(state, voter) if voter is not None and str(voter).strip() else None
    try:
        given = ballot(held, points, who)
    except BallotError as exc:
        _refuse(str(exc), de=exc.de)
    return ev.BallotCast(at, held.step, who, given)


def tally(
    state: SessionState, counts: Sequence[object], step: int | None, at: float
) -> ev.VoteCounted:
    _running(state)
    held = _vote(state, step)
    try:
        result = count(held, counts, len(state.people))
    except BallotError as exc:
        _refuse(str(exc), de=exc.de)
    return ev.VoteCounted(at, held.step, result)


def close_vote(
    state: SessionState, winners: Sequence[object] | None, step: int | None, at: float
) -> list[ev.Event]:
    """End the vote; a vote that chooses cases names them (in the order of the result)."""
    _running(state)
    held = _vote(state, step)
    try:
        won = settle(held, winners)
    except BallotError as exc:
        _refuse(str(exc), de=exc.de)
    events: list[ev.Event] = [ev.VoteClosed(at, held.step, won)]
    if held.cases:
        titles = tuple(held.options[n - 1] for n in won)
        givers = tuple(
            owner if owner is not None and owner in state.people else None
            for owner in (held.owners[n - 1] for n in won)
        )
        events.append(ev.CasesChosen(at, titles, givers))
    return events


# -- offers and needs -------------------------------------------------------------------------

_WHAT = {CardKind.OFFER: "An offer", CardKind.NEED: "A need"}
_COLLECT = {CardKind.OFFER: Collect.OFFERS, CardKind.NEED: Collect.NEEDS}
_VERB = {CardKind.OFFER: "offers", CardKind.NEED: "needs"}
_NOUN = {CardKind.OFFER: "an offer", CardKind.NEED: "a need"}
# the same in German, for the desk's refusals
_WHAT_DE = {CardKind.OFFER: "Ein Angebot", CardKind.NEED: "Ein Bedarf"}
_NAME_DE = {CardKind.OFFER: "Angebot", CardKind.NEED: "Bedarf"}
_PLURAL_DE = {CardKind.OFFER: "Angebote", CardKind.NEED: "Bedarfe"}


def card(
    state: SessionState, kind: CardKind, person: str | None, text: str, at: float
) -> ev.OfferAdded | ev.NeedAdded:
    """What `person` can give (an offer) or needs (a need), on a card of its own."""
    _running(state)
    collect = _COLLECT[kind]
    if not any(collect in step.phase.collect for step in state.plan.steps):
        _refuse(
            f"This method collects no {collect.value}; a phase would need "
            f'collect = ["{collect.value}"].',
            de=f"Diese Methode sammelt keine {_PLURAL_DE[kind]}; dafür bräuchte eine Phase "
            f'collect = ["{collect.value}"].',
        )
    if person is None or not str(person).strip():
        _refuse(
            f"{_WHAT[kind]} needs the name of the person it belongs to.",
            de=f"{_WHAT_DE[kind]} braucht den Namen der Person, um die es geht.",
        )
    who = _person(state, str(person))
    body = _text(text, _WHAT[kind], _WHAT_DE[kind])
    market = state.collecting.market
    if any(
        c.kind is kind and c.person == who and c.text.casefold() == body.casefold()
        for c in market.cards
    ):
        _refuse(
            f"{who} {_VERB[kind]} {body!r} already.",
            de=f"{who} hat „{body}“ schon als {_NAME_DE[kind]}.",
        )
    event = ev.OfferAdded if kind is CardKind.OFFER else ev.NeedAdded
    return event(at, _current(state), market.last + 1, who, body)


def _card(state: SessionState, number: object, kind: CardKind | None = None) -> Card:
    """The card with this number (of this kind), or a refusal that lists the cards there are."""
    market = state.collecting.market
    found = None
    if isinstance(number, int) and not isinstance(number, bool):
        found = market.card(number)
    if found is None:
        cards = [c for c in market.cards if kind is None or c.kind is kind]
        numbers = ", ".join(str(c.number) for c in cards)
        what = "card" if kind is None else kind.value
        there = (
            f"the {what}s are {numbers}."
            if numbers
            else f"no {'offer or need' if kind is None else what} has been written yet."
        )
        what_de = "Karte" if kind is None else _NAME_DE[kind]
        none_de = "kein Angebot und kein Bedarf" if kind is None else f"kein {what_de}"
        there_de = (
            f"die {'Karten' if kind is None else _PLURAL_DE[kind]} sind {numbers}."
            if numbers
            else f"es wurde noch {none_de} geschrieben."
        )
        _refuse(
            f"There is no {what} {number!r}; {there}",
            de=f"{what_de} {number!r} gibt es nicht; {there_de}",
        )
    if kind is not None and found.kind is not kind:
        _refuse(
            f"Card {found.number} is {found.person}'s {found.kind.value} {found.text!r}, "
            f"not {_NOUN[kind]}.",
            de=f"Karte {found.number} ist ein {_NAME_DE[found.kind]} von {found.person} "
            f"(„{found.text}“), kein {_NAME_DE[kind]}.",
        )
    return found


def remove_card(state: SessionState, number: int, at: float) -> ev.CardRemoved:
    """Take an offer or need back; its links go with it."""
    _running(state)
    return ev.CardRemoved(at, _card(state, number).number)


def link(state: SessionState, offer: int, need: int, at: float) -> ev.MatchLinked:
    """The facilitator matches an offer with a need by hand; it counts whatever the words."""
    _running(state)
    given, wanted = _card(state, offer, CardKind.OFFER), _card(state, need, CardKind.NEED)
    if same_person(given.person, wanted.person):
        _refuse(
            f"Offer {given.number} and need {wanted.number} are both {given.person}'s; nobody "
            "is matched with themself.",
            de=f"Angebot {given.number} und Bedarf {wanted.number} sind beide von "
            f"{given.person}; niemand wird mit sich selbst verbunden.",
        )
    if (given.number, wanted.number) in state.collecting.market.links:
        _refuse(
            f"{given.person}'s offer {given.number} and {wanted.person}'s need {wanted.number} "
            "are linked already.",
            de=f"Angebot {given.number} von {given.person} und Bedarf {wanted.number} von "
            f"{wanted.person} sind schon verbunden.",
        )
    return ev.MatchLinked(at, given.number, wanted.number)


def unlink(state: SessionState, offer: int, need: int, at: float) -> ev.MatchUnlinked:
    """An offer and a need do not go together: undo a link, or set a suggestion aside."""
    _running(state)
    given, wanted = _card(state, offer, CardKind.OFFER), _card(state, need, CardKind.NEED)
    matched = any(
        m.offer.number == given.number and m.need.number == wanted.number
        for m in find_matches(state.collecting.market)
    )
    if not matched:
        _refuse(
            f"{given.person}'s offer {given.number} and {wanted.person}'s need {wanted.number} "
            "are not matched.",
            de=f"Angebot {given.number} von {given.person} und Bedarf {wanted.number} von "
            f"{wanted.person} sind kein Treffer.",
        )
    return ev.MatchUnlinked(at, given.number, wanted.number)
