"""Agenda files: a whole day as a sequence of blocks, made into one `Day` the engine runs.

An agenda file starts with `agenda = 1` and lists `[[blocks]]`: formats by id or path (each with
its own settings), talks, breaks and free blocks, each optionally at a fixed clock time. Reading
one gives a `Day`: a Format whose phases, roles, rules and modules are those of its blocks, every
id prefixed with the block's id (`vormittag.fallerzaehler`), so two blocks of the same method
never mix their roles, and a planned step always knows its block.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from formatkern import checks
from formatkern.errors import FormatError, FormatkernError, PlanError
from formatkern.loader import (
    Invalid,
    format_problems,
    parse_toml,
    problems_from,
    read_text,
    structure,
)
from formatkern.model import (
    EMPTY_TEXT,
    SEPARATOR,
    Arrangement,
    Cases,
    Choice,
    Collect,
    Day,
    Duration,
    Format,
    Module,
    Part,
    Participants,
    PartKind,
    Phase,
    Role,
    Rounds,
    Rule,
    Text,
    When,
)
from formatkern.plan import parse_clock
from formatkern.tomlpos import Path as KeyPath

if TYPE_CHECKING:
    from formatkern.catalog import Catalog

AGENDA_VERSIONS: Final = (1,)
"""Versions of the agenda file format (the top-level `agenda` key)."""

Problem = tuple[KeyPath, str]
Resolve = Callable[[str], tuple[Format, str]]
"""A format reference of a block (an id or a path) -> the format and its file's text."""

_BREAK_TITLE: Final = Text(de="Pause", en="Break")


@attrs.frozen
class FormatBlock:
    """A block that runs a format of the library (or a file) with its own settings."""

    format: str
    id: str | None = None
    title: Text | None = None
    at: str | None = None
    participants: tuple[str, ...] = ()
    cases: int | None = None
    rounds: dict[str, int] = attrs.field(factory=dict)
    durations: dict[str, Duration] = attrs.field(factory=dict)
    questions: dict[str, tuple[Text, ...]] = attrs.field(factory=dict)
    arrangements: dict[str, Arrangement] = attrs.field(factory=dict)
    """Another arrangement for a phase; its `keep` names a phase of the day (`block.phase`,
    or a single-phase block's id), so a Gallery Walk can keep the groups of earlier work."""
    without: tuple[str, ...] = ()
    continues: str | None = None


@attrs.frozen
class TalkBlock:
    """A short talk (Impulsvortrag): a title, a speaker, minutes."""

    kind: str
    id: str
    title: Text
    duration: Duration
    speaker: str | None = None
    instructions: Text = EMPTY_TEXT
    collect: tuple[Collect, ...] = ()
    at: str | None = None


@attrs.frozen
class BreakBlock:
    """A break (Mittagspause, Kaffeepause)."""

    kind: str
    id: str
    duration: Duration
    title: Text = _BREAK_TITLE
    instructions: Text = EMPTY_TEXT
    at: str | None = None


_BLOCK_KEYS: Final = ("kind", "at", "participants")
"""Keys of a free block that are the block's; every other key is one of its phase."""


@attrs.frozen
class AgendaHead:
    agenda: int
    id: str
    title: Text
    summary: Text = EMPTY_TEXT
    sources: tuple[str, ...] = ()
    participants: Participants | None = None
    tags: tuple[str, ...] = ()


def is_agenda(text: str) -> bool:
    """Whether a file's text is an agenda: a TOML document with `agenda` at the top level.
    (A file that is no TOML at all is not; reading it as a format says what is wrong.)"""
    try:
        return "agenda" in tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False


def load_agenda(path: str | Path, name: str | None = None, catalog: Catalog | None = None) -> Day:
    """An agenda from a file; its formats by id from `catalog` (default: the library, the
    plugins and FORMATKERN_FORMATS_PATH), by path next to the file."""
    file = Path(path)
    shown = name or str(path)
    return parse_agenda(read_text(file, shown), shown, catalog_resolver(file.parent, catalog))


def load_any(path: str | Path, name: str | None = None, catalog: Catalog | None = None) -> Format:
    """The format or the agenda (as a Day) in a file."""
    from formatkern.loader import parse_format

    shown = name or str(path)
    text = read_text(Path(path), shown)
    if is_agenda(text):
        return parse_agenda(text, shown, catalog_resolver(Path(path).parent, catalog))
    return parse_format(text, shown)


def catalog_resolver(folder: Path, catalog: Catalog | None = None) -> Resolve:
    """Format references of an agenda in `folder`: a path ending in .toml (relative to the
    folder), else a format id of `catalog` (default: the library and the plugins)."""

    def resolve(ref: str) -> tuple[Format, str]:
        from formatkern.catalog import Catalog
        from formatkern.loader import parse_format

        if ref.endswith(".toml"):
            file = folder / ref
            text = read_text(file, ref)
            return parse_format(text, ref), text
        entry = (catalog or Catalog.default()).entry(ref)
        text = read_text(entry.path, ref)
        return parse_format(text, ref), text

    return resolve


def stored_resolver(texts: Mapping[str, str]) -> Resolve:
    """Format references from the texts kept with a session."""

    def resolve(ref: str) -> tuple[Format, str]:
        from formatkern.loader import parse_format

        if ref not in texts:
            raise FormatError([f"{ref}: the session keeps no text of this format"])
        return parse_format(texts[ref], ref), texts[ref]

    return resolve


def parse_agenda(text: str, name: str, resolve: Resolve) -> Day:
    """The agenda in `text`; every problem of the file comes in one FormatError."""
    data = parse_toml(text, name)
    version = data.get("agenda")
    if isinstance(version, bool) or version not in AGENDA_VERSIONS:
        known = ", ".join(str(v) for v in AGENDA_VERSIONS)
        message = (
            "the key `agenda = 1` is missing at the top"
            if version is None
            else f"version {version!r} is unknown; this formatkern reads {known}"
        )
        raise format_problems(name, text, [(("agenda",) if version is not None else (), message)])
    blocks = data.get("blocks")
    head = {k: v for k, v in data.items() if k != "blocks"}
    problems: list[Problem] = []
    try:
        agenda_head: AgendaHead = structure(head, AgendaHead)
    except Exception as exc:
        problems += problems_from(exc, ())
        agenda_head = AgendaHead(1, "agenda", EMPTY_TEXT)
    if not isinstance(blocks, list) or not blocks:
        problems.append((("blocks",), "an agenda needs at least one [[blocks]] table"))
        blocks = []
    if not checks.FORMAT_ID.match(agenda_head.id):
        problems.append(
            (("id",), f'must be lowercase letters, digits and hyphens, got "{agenda_head.id}"')
        )
    compiler = _Compiler(resolve)
    for index, raw in enumerate(blocks):
        problems += compiler.add(index, raw)
    if problems:
        raise format_problems(name, text, problems)
    return compiler.day(agenda_head)


class _Compiler:
    """Turns the blocks one by one into parts, phases and roles of a Day."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.texts: dict[str, str] = {}
        self.parts: list[Part] = []
        self.phases: list[Phase] = []
        self.roles: list[Role] = []
        self.rules: list[Rule] = []
        self.modules: list[Module] = []
        self.sources: list[str] = []
        self.prefixes: dict[str, str] = {}
        """Block id -> the prefix of its roles, rules and modules (a continuing block shares
        the prefix of the block it continues)."""

    def add(self, index: int, raw: Any) -> list[Problem]:
        at: KeyPath = ("blocks", index)
        if not isinstance(raw, dict):
            return [(at, "must be a table")]
        if "format" in raw:
            return self._format_block(at, raw)
        kind = raw.get("kind")
        if kind not in ("talk", "break", "free"):
            return [
                (
                    (*at, "kind") if "kind" in raw else at,
                    'a block names a `format = "..."`, or is of kind "talk", "break" or "free"'
                    + (f", got {kind!r}" if kind is not None else ""),
                )
            ]
        try:
            if kind == "talk":
                talk: TalkBlock = structure(raw, TalkBlock)
                phase = Phase(
                    id=talk.id,
                    title=talk.title,
                    duration=talk.duration,
                    instructions=talk.instructions,
                    collect=talk.collect,
                )
                part = self._single(PartKind.TALK, phase, talk.at, speaker=talk.speaker)
            elif kind == "break":
                pause: BreakBlock = structure(raw, BreakBlock)
                phase = Phase(
                    id=pause.id,
                    title=pause.title,
                    duration=pause.duration,
                    instructions=pause.instructions,
                )
                part = self._single(PartKind.BREAK, phase, pause.at)
            else:
                phase = structure({k: v for k, v in raw.items() if k not in _BLOCK_KEYS}, Phase)
                people = _names(raw.get("participants", []))
                clock = raw.get("at")
                if clock is not None and not isinstance(clock, str):
                    raise Invalid(f'must be a clock time like "12:30", got {clock!r}', ("at",))
                part = self._single(PartKind.FREE, phase, clock, people=people)
        except Exception as exc:
            return problems_from(exc, at)
        return self._place(at, part, [phase])

    def _single(
        self,
        kind: PartKind,
        phase: Phase,
        clock: str | None,
        *,
        speaker: str | None = None,
        people: tuple[str, ...] = (),
    ) -> Part:
        return Part(
            id=phase.id,
            title=phase.title,
            kind=kind,
            phases=(phase.id,),
            at=_clock(clock),
            speaker=speaker,
            people=people,
        )

    def _format_block(self, at: KeyPath, raw: dict[str, Any]) -> list[Problem]:
        try:
            block: FormatBlock = structure(raw, FormatBlock)
        except Exception as exc:
            return problems_from(exc, at)
        try:
            fmt, text = self.resolve(block.format)
        except FormatError as exc:
            return [((*at, "format"), f"cannot be used: {'; '.join(exc.problems)}")]
        except FormatkernError as exc:  # an unknown id: the catalog's own message
            return [((*at, "format"), str(exc).strip().rstrip("."))]
        self.texts[block.format] = text
        block_id = block.id or fmt.id
        problems = list(self._check_settings(at, block, fmt))
        prefix = block_id
        if block.continues is not None:
            earlier = next((p for p in self.parts if p.id == block.continues), None)
            if earlier is None or earlier.format_id != fmt.id:
                problems.append(
                    (
                        (*at, "continues"),
                        f"{block.continues!r} is no earlier block of {fmt.id}",
                    )
                )
            else:
                prefix = self.prefixes[earlier.id]
        try:
            clock = _clock(block.at)
        except Invalid as exc:
            problems.append(((*at, "at"), exc.message))
            clock = None
        if problems:
            return problems
        cases = block.cases if block.cases is not None else fmt.cases.default
        phases = [
            _phase(fmt, phase, block_id, prefix, block)
            for phase in fmt.phases
            if phase.id not in block.without
            and not (block.continues is not None and phase.when is When.SEVERAL_CASES)
        ]
        roles = [_role(role, prefix) for role in fmt.roles]
        part = Part(
            id=block_id,
            title=block.title or fmt.title,
            kind=PartKind.FORMAT,
            phases=tuple(p.id for p in phases),
            roles=tuple(r.id for r in roles),
            format_id=fmt.id,
            participants=fmt.participants,
            cases=Cases(cases, fmt.cases.min, fmt.cases.max),
            people=block.participants,
            at=clock,
            continues=block.continues,
        )
        placed = self._place(at, part, phases)
        if placed:
            return placed
        if block.continues is None:
            self.rules += [attrs.evolve(r, id=_join(prefix, r.id)) for r in fmt.rules]
            self.modules += [attrs.evolve(m, id=_join(prefix, m.id)) for m in fmt.modules]
            self.roles += roles
            self.sources += [s for s in fmt.sources if s not in self.sources]
        self.prefixes[block_id] = prefix
        return []

    def _check_settings(self, at: KeyPath, block: FormatBlock, fmt: Format) -> Iterable[Problem]:
        ids = [p.id for p in fmt.phases]
        for key in ("rounds", "durations", "questions", "arrangements", "without"):
            given: Iterable[str] = getattr(block, key)
            for phase_id in given:
                if phase_id not in ids:
                    close = difflib.get_close_matches(phase_id, ids, n=1)
                    hint = f'; did you mean "{close[0]}"?' if close else f" ({', '.join(ids)})"
                    where = (*at, key) if key == "without" else (*at, key, phase_id)
                    yield (where, f'{fmt.id} has no phase "{phase_id}"{hint}')
        earlier = [p.id for p in self.phases]
        for phase_id, arrangement in block.arrangements.items():
            if arrangement.keep is not None and arrangement.keep not in earlier:
                yield (
                    (*at, "arrangements", phase_id, "keep"),
                    f"{arrangement.keep!r} is no phase of an earlier block",
                )
        for phase_id in block.without:
            if phase_id in ids and not fmt.phase(phase_id).optional:
                yield ((*at, "without"), f"{fmt.id}'s phase {phase_id!r} is not optional")
        for phase_id, count in block.rounds.items():
            if phase_id not in ids:
                continue
            rounds = fmt.phase(phase_id).rounds
            if rounds is None:
                yield ((*at, "rounds", phase_id), f"{fmt.id}'s phase {phase_id!r} has no rounds")
            elif count < rounds.count.min or (
                rounds.count.max is not None and count > rounds.count.max
            ):
                high = rounds.count.max if rounds.count.max is not None else "more"
                yield (
                    (*at, "rounds", phase_id),
                    f"{phase_id} runs {rounds.count.min} to {high} rounds, got {count}",
                )
        for phase_id, duration in block.durations.items():
            if phase_id not in ids:
                continue
            planned = fmt.phase(phase_id).duration
            if not planned.min <= duration.default <= planned.max:
                yield (
                    (*at, "durations", phase_id),
                    f"{phase_id} takes {_span(planned.min)} to {_span(planned.max)}, got "
                    f"{_span(duration.default)}",
                )
        if block.cases is not None and not fmt.cases.min <= block.cases <= fmt.cases.max:
            yield (
                (*at, "cases"),
                f"{fmt.id} runs for {fmt.cases.min} to {fmt.cases.max} cases, got {block.cases}",
            )

    def _place(self, at: KeyPath, part: Part, phases: list[Phase]) -> list[Problem]:
        """Add a block's part and phases to the day, unless its id is bad or taken."""
        problems: list[Problem] = []
        if not checks.ITEM_ID.match(part.id):
            problems.append(
                ((*at, "id"), f'must be lowercase letters, digits, "-" and "_", got "{part.id}"')
            )
        if any(p.id == part.id for p in self.parts):
            problems.append(
                (
                    (*at, "id"),
                    f'"{part.id}" is the id of an earlier block; give each block its own id',
                )
            )
        names = [n for n in part.people if not n.strip()]
        if names:
            problems.append(((*at, "participants"), "a name is empty"))
        if problems:
            return problems
        self.parts.append(part)
        self.phases += phases
        return []

    def day(self, head: AgendaHead) -> Day:
        least = max(
            (p.participants.min for p in self.parts if not p.people),
            default=1,
        )
        return Day(
            format=1,
            id=head.id,
            title=head.title,
            summary=head.summary,
            participants=head.participants or Participants(least),
            phases=tuple(self.phases),
            sources=tuple(dict.fromkeys((*head.sources, *self.sources))),
            roles=tuple(self.roles),
            rules=tuple(self.rules),
            modules=tuple(self.modules),
            tags=head.tags,
            parts=tuple(self.parts),
            texts=tuple(self.texts.items()),
        )


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid('must be a list of names, e.g. ["Anna", "Ben"]', ("participants",))
    return tuple(value)


def _join(prefix: str, item: str) -> str:
    return f"{prefix}{SEPARATOR}{item}"


def _phase(fmt: Format, phase: Phase, block_id: str, prefix: str, block: FormatBlock) -> Phase:
    """A phase of `fmt` as a phase of the day: ids prefixed, the block's settings applied."""
    arrangement: Arrangement = attrs.evolve(
        phase.arrangement,
        positions=tuple(_join(prefix, r) for r in phase.arrangement.positions),
        keep=_join(block_id, phase.arrangement.keep) if phase.arrangement.keep else None,
    )
    duration = phase.duration
    if phase.id in block.durations:
        duration = attrs.evolve(duration, default=block.durations[phase.id].default)
    rounds: Rounds | None = phase.rounds
    if rounds is not None:
        if phase.id in block.rounds:
            rounds = attrs.evolve(
                rounds, count=attrs.evolve(rounds.count, default=block.rounds[phase.id])
            )
        if phase.id in block.questions:
            rounds = attrs.evolve(rounds, questions=block.questions[phase.id])
    choice: Choice | None = phase.choice
    if choice is not None:
        options = choice.options or tuple(m.id for m in fmt.modules)
        choice = attrs.evolve(
            choice,
            options=tuple(_join(prefix, o) for o in options),
            sets=_join(block_id, choice.sets) if choice.sets else None,
        )
    if phase.id in block.arrangements:
        arrangement = block.arrangements[phase.id]
    return attrs.evolve(
        phase,
        id=_join(block_id, phase.id),
        arrangement=arrangement,
        duration=duration,
        rounds=rounds,
        choice=choice,
        speaking=tuple(_join(prefix, r) for r in phase.speaking),
        rules=tuple(_join(prefix, r) for r in phase.rules),
        auto_advance=phase.auto_advance if phase.auto_advance is not None else fmt.auto_advance,
    )


def _role(role: Role, prefix: str) -> Role:
    return attrs.evolve(
        role,
        id=_join(prefix, role.id),
        within=_join(prefix, role.within) if role.within else None,
    )


def _clock(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_clock(text)
    except PlanError as exc:
        raise Invalid(str(exc).rstrip("."), ("at",)) from None


def _span(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"
