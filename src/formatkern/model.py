"""The format language: what a format file says, as frozen attrs values.

These classes are the vocabulary of the whole engine. They hold no behaviour beyond small
derived properties; reading a file is `loader.py`, turning a format into a timed agenda is
`plan.py`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

import attrs

FORMAT_VERSIONS: Final = (1,)
"""Versions of the file format this loader understands (the top-level `format` key)."""

LANGUAGES: Final = ("de", "en")

SEPARATOR: Final = "."
"""In a day (an agenda), between a block's id and the id of a phase, role, rule or module of
its format: `vormittag.fallerzaehler`."""


def base_id(item: str) -> str:
    """The id an item has in its own format (`vormittag.fallerzaehler` -> `fallerzaehler`)."""
    return item.rsplit(SEPARATOR, 1)[-1]


@attrs.frozen
class Text:
    """A bilingual text. A plain string in the file means the same text in every language."""

    de: str | None = None
    en: str | None = None

    def get(self, lang: str = "de") -> str:
        """The text in `lang`, falling back to the other language, then to ''."""
        first = self.en if lang == "en" else self.de
        second = self.de if lang == "en" else self.en
        return first or second or ""

    @classmethod
    def same(cls, text: str) -> Text:
        return cls(de=text, en=text)

    def __bool__(self) -> bool:
        return bool(self.de or self.en)


EMPTY_TEXT: Final = Text()

_DURATION_RE: Final = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(text: str) -> int:
    """Seconds of a duration written as `"90s"`, `"5m"`, `"1h30m"` or `"1h 5m 30s"`.

    Raises ValueError with a short reason for anything else (including `""` and `"0"`
    without a unit, so that a forgotten unit is never read as seconds or minutes by guess).
    """
    match = _DURATION_RE.match(text)
    if not match or not any(match.groups()):
        raise ValueError(f'not a duration: "{text}" (write e.g. "90s", "5m" or "1h30m")')
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: int) -> str:
    """The inverse of `parse_duration`, in the shortest form: 300 -> "5m", 5430 -> "1h30m30s"."""
    if seconds == 0:
        return "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts)


@attrs.frozen
class Duration:
    """A duration in seconds with the range the facilitator may move it in."""

    default: int
    min: int
    max: int

    @classmethod
    def fixed(cls, seconds: int) -> Duration:
        return cls(seconds, seconds, seconds)


@attrs.frozen
class Count:
    """A whole number with a range, e.g. rounds = { default = 3, min = 3, max = 5 }."""

    default: int
    min: int
    max: int | None = None

    @classmethod
    def fixed(cls, value: int) -> Count:
        return cls(value, value, value)


class ArrangementKind(StrEnum):
    """How the room is arranged during a phase."""

    PLENUM = "plenum"
    ALONE = "alone"
    PAIRS = "pairs"
    GROUPS = "groups"
    TABLES = "tables"
    STATIONS = "stations"


class OddPerson(StrEnum):
    """What happens to the person left over when pairs are formed from an odd number."""

    TRIO = "trio"
    OBSERVER = "observer"


@attrs.frozen
class SizeRange:
    """A group size: the preferred size and the range a group may have."""

    default: int
    min: int
    max: int


@attrs.frozen
class Arrangement:
    """Who sits with whom in a phase. In the file either a kind (`"plenum"`) or a table."""

    kind: ArrangementKind = ArrangementKind.PLENUM
    size: SizeRange | None = None
    """Group, table or team size (groups, tables, stations)."""
    count: int | None = None
    """A fixed number of groups, tables or stations instead of a size."""
    hosts: bool = False
    """Tables: one person per table stays for all rounds (World Café table host)."""
    odd: OddPerson = OddPerson.TRIO
    """Pairs: what to do with an odd number of people."""
    swap: bool = False
    """Pairs: the two positions (lead/follow) swap halfway through each round."""
    positions: tuple[str, ...] = ()
    """Pairs: the role ids of the two positions, e.g. ("leader", "follower")."""
    keep: str | None = None
    """Keep the groups of this earlier phase (the same pairs give each other feedback)."""
    join: int = 1
    """With `keep`: put this many of the kept groups together (two pairs make a foursome)."""
    match: bool = False
    """Pairs: people whose offer meets another's need (collected earlier) are paired first."""

    @property
    def is_plenum(self) -> bool:
        return self.kind is ArrangementKind.PLENUM


PLENUM: Final = Arrangement()


class Rotation(StrEnum):
    """What changes between rounds."""

    NONE = "none"
    """Same people together every round."""
    MIX = "mix"
    """New groups or tables, meeting as many new people as possible (hosts stay)."""
    PARTNERS = "partners"
    """New partner every round, nobody twice."""
    STATIONS = "stations"
    """Groups stay together and move on to the next station."""


@attrs.frozen
class Rounds:
    """A phase that repeats in rounds; the phase duration then is per round."""

    count: Count
    rotate: Rotation = Rotation.NONE
    questions: tuple[Text, ...] = ()
    """One question per round (the last one repeats if there are more rounds)."""
    each_station: bool = False
    """As many rounds as there are stations (Gallery Walk); `count` then is ignored."""

    def question(self, round_number: int) -> Text | None:
        """The question of round `round_number` (1-based)."""
        if not self.questions:
            return None
        return self.questions[min(round_number, len(self.questions)) - 1]


class Collect(StrEnum):
    """What a phase collects."""

    NOTES = "notes"
    IDEAS = "ideas"
    KEY_QUESTION = "key-question"
    CHOICE = "choice"
    VOTE = "vote"
    HARVEST = "harvest"
    CASES = "cases"
    OFFERS = "offers"
    """What each person can give (a Ressourcen-Tauschmarkt), one card per offer."""
    NEEDS = "needs"
    """What each person needs, one card per need; offers and needs are matched."""


class Repeat(StrEnum):
    """Phases marked `per-case` form a block that runs once per chosen case."""

    ONCE = "once"
    PER_CASE = "per-case"


class When(StrEnum):
    """When a phase is part of the plan at all."""

    ALWAYS = "always"
    SEVERAL_CASES = "several-cases"
    """Only when more than one case is consulted (case collection, vote)."""


class Cast(StrEnum):
    """How often a role is cast."""

    SESSION = "session"
    PER_CASE = "per-case"
    PER_ROUND = "per-round"


@attrs.frozen
class Role:
    id: str
    title: Text
    task: Text = EMPTY_TEXT
    count: Count = attrs.field(factory=lambda: Count(1, 1, 1))
    """How many people hold the role; max None means "as many as there are"."""
    rest: bool = False
    """Everyone not cast to another role holds this one (the Berater)."""
    within: str | None = None
    """This role is held by someone who also holds that role (Sekretär within Berater)."""
    voluntary: bool = False
    """Only people who ask for it hold this role, and nobody asks them why (observer)."""
    per_group: bool = False
    """One per group, table or pair (a World Café table host, the leader of a pair)."""
    cast: Cast = Cast.SESSION
    brings_case: bool = False
    """Held by the person who brought the case (the Fallerzähler, the Fallgeber): cast from the
    case givers named with the cases, and named as the case's giver in the protocol."""


@attrs.frozen
class Rule:
    id: str
    text: Text
    confidential: bool = False
    """Content collected under this rule stays out of every output without consent."""


@attrs.frozen
class Module:
    """An option of a choice phase whose instructions then apply to a later phase."""

    id: str
    title: Text
    instructions: Text = EMPTY_TEXT


@attrs.frozen
class Choice:
    """A phase that chooses one option, e.g. the module in Methodenwahl."""

    options: tuple[str, ...] = ()
    """Module ids; empty means all modules of the format."""
    sets: str | None = None
    """The id of the later phase whose instructions the chosen module's instructions become."""


@attrs.frozen
class Vote:
    """Dot voting (Mehrpunktabfrage); the rules are announced before voting."""

    points: int | None = None
    """Points per person; None means ceil(a(a-1)/(2n)) for a options and n people."""
    stacking: bool = True
    own: bool = False
    """May people vote for their own proposal."""
    anonymous: bool = True
    choose: int = 1
    """How many options win (e.g. cases to consult)."""


@attrs.frozen
class Timer:
    """Which timer runs a phase: the countdown, or a per-speaker timer."""

    kind: str = "countdown"
    per_person: int | None = None
    """Seconds per person for a per-speaker timer."""


COUNTDOWN: Final = Timer()


@attrs.frozen
class Phase:
    id: str
    title: Text
    duration: Duration
    instructions: Text = EMPTY_TEXT
    arrangement: Arrangement = PLENUM
    speaking: tuple[str, ...] = ()
    """Role ids of who speaks; everybody else listens. Empty means everyone may speak."""
    collect: tuple[Collect, ...] = ()
    confidential: bool = False
    rules: tuple[str, ...] = ()
    rounds: Rounds | None = None
    repeat: Repeat = Repeat.ONCE
    when: When = When.ALWAYS
    choice: Choice | None = None
    vote: Vote | None = None
    timer: Timer = COUNTDOWN
    auto_advance: bool | None = None
    """Go on by itself when time is up; None means the format's default."""
    optional: bool = False
    """The facilitator may leave it out (the buzz after a talk); it is in the plan unless left
    out."""


@attrs.frozen
class Participants:
    min: int
    max: int | None = None


@attrs.frozen
class Cases:
    """How many cases a per-case block may run for."""

    default: int = 1
    min: int = 1
    max: int = 1


@attrs.frozen
class Format:
    format: int
    id: str
    title: Text
    participants: Participants
    phases: tuple[Phase, ...]
    summary: Text = EMPTY_TEXT
    sources: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    rules: tuple[Rule, ...] = ()
    modules: tuple[Module, ...] = ()
    cases: Cases = Cases()
    auto_advance: bool = False
    tags: tuple[str, ...] = ()

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    @property
    def confidential_rules(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.rules if rule.confidential)

    def is_confidential(self, phase: Phase) -> bool:
        return phase.confidential or any(r in self.confidential_rules for r in phase.rules)


class PartKind(StrEnum):
    """What a block of an agenda is."""

    FORMAT = "format"
    TALK = "talk"
    BREAK = "break"
    FREE = "free"


@attrs.frozen
class Part:
    """One block of a day: a format run with its own settings, a talk, a break or a free block.

    The ids in `phases` and `roles` are those of the day (`block.phase`), see `Day`.
    """

    id: str
    title: Text
    kind: PartKind
    phases: tuple[str, ...]
    roles: tuple[str, ...] = ()
    format_id: str | None = None
    participants: Participants = Participants(1)
    cases: Cases = Cases()
    people: tuple[str, ...] = ()
    """The names of the people who take part in this block; empty means everyone."""
    at: int | None = None
    """The fixed clock time this block starts at (seconds after midnight), if any."""
    speaker: str | None = None
    continues: str | None = None
    """The earlier block of the same format whose cases this one goes on with."""


@attrs.frozen
class Day(Format):
    """An agenda made into one format: the phases, roles, rules and modules of every block,
    each id prefixed with its block's id (`vormittag.fallerzaehler`), and the blocks as parts.

    Agenda files are read by `agenda.py`; format files can never produce a Day.
    """

    parts: tuple[Part, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    """Each format the blocks use, as (reference in the agenda, the format file's text): kept
    with a session so it resumes and renders from its own journal."""

    def part(self, part_id: str) -> Part:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def part_of_phase(self, phase_id: str) -> Part | None:
        for part in self.parts:
            if phase_id in part.phases:
                return part
        return None
