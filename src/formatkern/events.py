"""What happens in a session, one class per kind of event, and their JSON form.

Events are the only truth of a running session: the journal stores them, the state is a fold of
them, and observers (screen, plugins, outputs) hang off them. Each carries `at`, the wall time
the engine's clock gave (for timer events: the moment they were due). Their JSON form is a dict
with a `type`; the whole set is versioned by `EVENTS_VERSION`, kept in the journal's metadata.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

import attrs
import cattrs
from cattrs.preconf.json import make_converter

EVENTS_VERSION: Final = 3
"""Version of the event vocabulary below; a journal written with a newer one is not resumed.

2 added what the group produces (ideas, harvest, decisions, key questions, proposals, votes)
and consent; 3 added the offers and needs of a Tauschmarkt and their matches. Journals of
older versions read as before.
"""


@attrs.frozen
class Event:
    """Base of all events. `type` names the event in JSON and in the headless protocol."""

    type: ClassVar[str] = "event"
    at: float


@attrs.frozen
class SessionStarted(Event):
    """The session began; the planned times are fixed here so the schedule compares to them."""

    type: ClassVar[str] = "session_started"
    planned_start: float
    """Wall time the agenda starts at (Settings.start on the day of the session)."""
    planned_end: float
    """Wall time the session must end by: Settings.end if given, else the agenda's end."""


@attrs.frozen
class StepStarted(Event):
    """A phase (or one round of it, or one phase of one case) began with this many seconds."""

    type: ClassVar[str] = "step_started"
    step: int
    seconds: int


@attrs.frozen
class Paused(Event):
    type: ClassVar[str] = "paused"


@attrs.frozen
class Resumed(Event):
    type: ClassVar[str] = "resumed"


@attrs.frozen
class Extended(Event):
    """The current phase got more time (or less, when `seconds` is negative)."""

    type: ClassVar[str] = "extended"
    step: int
    seconds: int


@attrs.frozen
class TimerWarning(Event):
    """Only `level` percent of the phase's time is left (20: orange, 5: red)."""

    type: ClassVar[str] = "timer_warning"
    step: int
    level: int


@attrs.frozen
class TimeUp(Event):
    """The phase's time is over; overtime is counted from here. The phase goes on."""

    type: ClassVar[str] = "time_up"
    step: int


@attrs.frozen
class ArrangementSet(Event):
    """The room is arranged otherwise than the format planned, for these steps."""

    type: ClassVar[str] = "arrangement_set"
    steps: tuple[int, ...]
    kind: str
    size: int | None = None
    count: int | None = None
    reason: str | None = None
    """Why, when the engine decided it (e.g. too few people left for tables)."""


@attrs.frozen
class GroupsSet(Event):
    """Who sits with whom in one step; recorded so that a replay never recomputes it."""

    type: ClassVar[str] = "groups_set"
    step: int
    groups: tuple[tuple[str, ...], ...]
    hosts: tuple[str, ...] = ()
    """One per group where the tables have hosts (World Café), in the order of `groups`."""
    stations: tuple[int, ...] = ()
    """The station (1-based) each group stands at, for a walk from station to station."""
    observers: tuple[str, ...] = ()
    """People who watch this step instead of taking part (odd one out in pairs)."""


@attrs.frozen
class ParticipantAdded(Event):
    type: ClassVar[str] = "participant_added"
    name: str


@attrs.frozen
class ParticipantRemoved(Event):
    type: ClassVar[str] = "participant_removed"
    name: str


@attrs.frozen
class OptionChosen(Event):
    """A choice phase picked an option; a module's instructions then apply to a later phase."""

    type: ClassVar[str] = "option_chosen"
    step: int
    option: str


@attrs.frozen
class CasesChosen(Event):
    """Which cases the per-case block runs for, in order, and who brought each (if known)."""

    type: ClassVar[str] = "cases_chosen"
    cases: tuple[str, ...]
    givers: tuple[str | None, ...] = ()


@attrs.frozen
class RolesCast(Event):
    """Who holds which role for the whole session (`case` None) or for one case."""

    type: ClassVar[str] = "roles_cast"
    case: int | None
    roles: dict[str, tuple[str, ...]]


@attrs.frozen
class NoteAdded(Event):
    type: ClassVar[str] = "note_added"
    step: int | None
    text: str
    table: int | None = None


@attrs.frozen
class AutoAdvanceSet(Event):
    """The facilitator let phases go on by themselves when time is up (or stopped that)."""

    type: ClassVar[str] = "auto_advance_set"
    enabled: bool


@attrs.frozen
class Fitted(Event):
    """The remaining phases were shortened to end at the planned time."""

    type: ClassVar[str] = "fitted"
    steps: tuple[int, ...]
    seconds: tuple[int, ...]


@attrs.frozen
class Finished(Event):
    type: ClassVar[str] = "finished"


# -- what the group produces (events version 2) ----------------------------------------------


@attrs.frozen
class IdeaAdded(Event):
    """An idea for the list: the Sekretär's list in a Beratung, a proposal at a table."""

    type: ClassVar[str] = "idea_added"
    step: int | None
    text: str
    table: int | None = None


@attrs.frozen
class HarvestAdded(Event):
    """What a round or a table harvested (the host's summary, the plenary harvest)."""

    type: ClassVar[str] = "harvest_added"
    step: int | None
    text: str
    table: int | None = None


@attrs.frozen
class DecisionRecorded(Event):
    """Something the group decided, in its own words, for the protocol."""

    type: ClassVar[str] = "decision_recorded"
    step: int | None
    text: str


@attrs.frozen
class KeyQuestionSet(Event):
    """The key question of a case (`case` None: of the session); a later one replaces it."""

    type: ClassVar[str] = "key_question_set"
    step: int | None
    case: int | None
    text: str


@attrs.frozen
class ProposalAdded(Event):
    """A proposal to vote on, e.g. a case named in the case collection, with who brought it."""

    type: ClassVar[str] = "proposal_added"
    step: int | None
    text: str
    owner: str | None = None


@attrs.frozen
class VoteOpened(Event):
    """The rules of a dot vote, announced before anyone votes, and what is voted on.

    `owners` names who brought each option (for the rule on one's own proposal); `cases` says
    that the winners become the cases of the per-case block.
    """

    type: ClassVar[str] = "vote_opened"
    step: int
    options: tuple[str, ...]
    owners: tuple[str | None, ...]
    points: int
    """Points per person."""
    stacking: bool
    own: bool
    anonymous: bool
    choose: int
    """How many options win."""
    people: int
    """How many people were in the room when the vote opened (the points were reckoned on it)."""
    cases: bool = False


@attrs.frozen
class BallotCast(Event):
    """One person's points, per option in the order of the vote's options.

    `voter` is kept in the journal to check the rules (one ballot each, not on one's own
    proposal); outputs leave it out when the vote is anonymous.
    """

    type: ClassVar[str] = "ballot_cast"
    step: int
    voter: str | None
    points: tuple[int, ...]


@attrs.frozen
class VoteCounted(Event):
    """The points as counted on the board (paper dots), per option; replaces single ballots."""

    type: ClassVar[str] = "vote_counted"
    step: int
    counts: tuple[int, ...]


@attrs.frozen
class VoteClosed(Event):
    """The vote is over; `winners` are option numbers (from 1), best first."""

    type: ClassVar[str] = "vote_closed"
    step: int
    winners: tuple[int, ...]


@attrs.frozen
class ConsentGiven(Event):
    """The case giver allows the content of their case into the protocol and every export."""

    type: ClassVar[str] = "consent_given"
    case: int
    by: str


@attrs.frozen
class ConsentWithdrawn(Event):
    """The consent for a case is taken back; its content stays out of exports again."""

    type: ClassVar[str] = "consent_withdrawn"
    case: int


@attrs.frozen
class DetailsSet(Event):
    """What the protocol's head says besides the format: a title of the day, the place."""

    type: ClassVar[str] = "details_set"
    title: str | None = None
    place: str | None = None


# -- offers and needs (events version 3) -----------------------------------------------------


@attrs.frozen
class OfferAdded(Event):
    """What a person can give, one card; `card` numbers offers and needs together, from 1."""

    type: ClassVar[str] = "offer_added"
    step: int | None
    card: int
    person: str
    text: str


@attrs.frozen
class NeedAdded(Event):
    """What a person needs, one card; numbered with the offers."""

    type: ClassVar[str] = "need_added"
    step: int | None
    card: int
    person: str
    text: str


@attrs.frozen
class CardRemoved(Event):
    """An offer or need taken back (or written by mistake), with its links."""

    type: ClassVar[str] = "card_removed"
    card: int


@attrs.frozen
class MatchLinked(Event):
    """The facilitator matched an offer with a need by hand; it counts whatever the words."""

    type: ClassVar[str] = "match_linked"
    offer: int
    need: int


@attrs.frozen
class MatchUnlinked(Event):
    """An offer and a need do not go together: a link is undone, a suggestion set aside."""

    type: ClassVar[str] = "match_unlinked"
    offer: int
    need: int


EVENT_CLASSES: Final[tuple[type[Event], ...]] = (
    SessionStarted,
    StepStarted,
    Paused,
    Resumed,
    Extended,
    TimerWarning,
    TimeUp,
    ArrangementSet,
    GroupsSet,
    ParticipantAdded,
    ParticipantRemoved,
    OptionChosen,
    CasesChosen,
    RolesCast,
    NoteAdded,
    AutoAdvanceSet,
    Fitted,
    Finished,
    IdeaAdded,
    HarvestAdded,
    DecisionRecorded,
    KeyQuestionSet,
    ProposalAdded,
    VoteOpened,
    BallotCast,
    VoteCounted,
    VoteClosed,
    ConsentGiven,
    ConsentWithdrawn,
    DetailsSet,
    OfferAdded,
    NeedAdded,
    CardRemoved,
    MatchLinked,
    MatchUnlinked,
)

BY_TYPE: Final[dict[str, type[Event]]] = {cls.type: cls for cls in EVENT_CLASSES}

_converter: Final = make_converter(forbid_extra_keys=True)


class EventDecodeError(ValueError):
    """A stored event does not match the vocabulary of this version."""


def to_json(event: Event) -> dict[str, Any]:
    """The event as a JSON-able dict with its `type` first."""
    body: dict[str, Any] = _converter.unstructure(event)
    return {"type": event.type, **body}


def from_json(data: Mapping[str, Any]) -> Event:
    """The event of a stored dict; EventDecodeError names what does not fit."""
    kind = data.get("type")
    cls = BY_TYPE.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise EventDecodeError(f"unknown event type {kind!r}")
    body = {key: value for key, value in data.items() if key != "type"}
    try:
        event: Event = _converter.structure(body, cls)
    except cattrs.BaseValidationError as exc:
        detail = "; ".join(cattrs.transform_error(exc))
        raise EventDecodeError(f"event {kind!r} does not fit: {detail}") from None
    return event


@attrs.frozen
class Entry:
    """An event as it was stored: with the journal's sequence number."""

    seq: int
    event: Event

    def to_json(self) -> dict[str, Any]:
        """The headless protocol's line for this event: type, seq, then the fields."""
        data = to_json(self.event)
        return {"type": data.pop("type"), "seq": self.seq, **data}
