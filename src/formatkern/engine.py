"""The running session: commands in, events out; its state is a fold of the events.

A `Session` is made from a plan, a clock and a journal. Every command is checked against the
state and either raises a `CommandError` or yields events, which are written to the journal in
one transaction before the state changes and before any subscriber hears of them. The engine
never sleeps and never reads the time except through its clock; `tick()` gives the timer events
that have come due, so it may be called as often or as rarely as the caller likes.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final, NoReturn

import attrs

from formatkern import collecting
from formatkern import events as ev
from formatkern.arranging import Arranger, run_of
from formatkern.clock import Clock, SystemClock
from formatkern.errors import CommandError as CommandError  # re-exported: its home before
from formatkern.errors import GroupingError
from formatkern.events import Entry
from formatkern.extensions import TimerReading
from formatkern.i18n import MESSAGES, pick
from formatkern.journal import Journal, MemoryJournal, SqliteJournal
from formatkern.model import ArrangementKind, Cast, Format, Repeat, Text
from formatkern.plan import Plan, Step
from formatkern.projection import Projection, fit, planned_times, project
from formatkern.seating import effective, sizes_for
from formatkern.session_files import SessionError, create_journal, session_meta, stored
from formatkern.state import (
    ArrangementChoice,
    CardKind,
    Draft,
    Mode,
    SessionState,
    apply,
    case_key,
    initial,
)

log = logging.getLogger("formatkern")

Subscriber = Callable[[Entry], None]
"""Called with every stored event, after the journal has it."""
ErrorHandler = Callable[[BaseException, Subscriber], None]

MAX_EXTENSION: Final = 6 * 3600


class Session:
    """One run of a format. Commands are methods; `send` takes the same as JSON-able dicts."""

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        journal: Journal,
        *,
        seed: int = 0,
        mix_seconds: float = 2.0,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Continue the session in `journal` (a new one holds no events yet)."""
        self.plan = plan
        self.clock = clock
        self.journal = journal
        self.seed = seed
        self.mix_seconds = mix_seconds
        self._arranger = Arranger(plan, seed, mix_seconds)
        self.on_error: ErrorHandler = on_error or _log_subscriber_error
        self._subscribers: list[Subscriber] = []
        state = initial(plan)
        for record in journal.read():
            try:
                event = ev.from_json(record.event)
            except ev.EventDecodeError as exc:
                raise SessionError(
                    f"event {record.seq} of this session cannot be read ({exc}); the journal "
                    "was written by another version of formatkern."
                ) from None
            state = apply(state, event, seq=record.seq)
        self._state = state

    # -- making and opening ------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        plan: Plan,
        *,
        clock: Clock | None = None,
        journal: Journal | None = None,
        path: Path | None = None,
        format_text: str = "",
        seed: int = 0,
        mix_seconds: float = 2.0,
        on_error: ErrorHandler | None = None,
    ) -> Session:
        """A new session: in `journal`, in a new SQLite file at `path`, or in memory.

        `format_text` is the format file's text; keep it so the session can be resumed from its
        journal alone.
        """
        clock = clock or SystemClock()
        if journal is None:
            if path is not None:
                journal = create_journal(plan, format_text, clock, path=path, seed=seed)
            else:
                journal = MemoryJournal(session_meta(plan, format_text, clock.now(), seed))
        return cls(plan, clock, journal, seed=seed, mix_seconds=mix_seconds, on_error=on_error)

    @classmethod
    def replay(
        cls,
        journal: Journal,
        clock: Clock | None = None,
        *,
        fmt: Format | None = None,
        on_error: ErrorHandler | None = None,
    ) -> Session:
        """The session a journal holds, rebuilt from its stored format, settings and events."""
        kept = stored(journal.meta, fmt)
        return cls(kept.plan, clock or SystemClock(), journal, seed=kept.seed, on_error=on_error)

    @classmethod
    def open(
        cls, path: str | Path, clock: Clock | None = None, *, fmt: Format | None = None
    ) -> Session:
        """Resume the session in a journal file, taking its writer lock."""
        journal = SqliteJournal.open(path)
        try:
            return cls.replay(journal, clock, fmt=fmt)
        except BaseException:
            journal.close()
            raise

    def close(self) -> None:
        """Close the journal; the session stays resumable unless it finished."""
        self.journal.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def format(self) -> Format:
        return self.plan.format

    def remaining(self) -> float | None:
        """Seconds left of the current step by the clock now (negative in overtime)."""
        return self._state.remaining(self.clock.now())

    def projection(self) -> Projection:
        return project(self._state, self.clock.now())

    def instructions(self, step: int | None = None) -> Text:
        """What the group is told in a step (default: the current one)."""
        index = step if step is not None else self._current("instructions").index
        return self._state.instructions(index)

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Hear of every event after it is stored; returns a function that unsubscribes.

        A subscriber that raises never ends the session: the error goes to `on_error`.
        """
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    # -- commands: moving through the agenda ---------------------------------------------------

    def start(self) -> list[Entry]:
        """Begin the session with its first step."""
        state = self._state
        if state.mode is Mode.FINISHED:
            raise CommandError(
                "This session has finished; it cannot be started again.",
                de="Die Sitzung ist beendet; sie lässt sich nicht noch einmal starten.",
            )
        if state.mode is not Mode.READY:
            raise CommandError(
                "This session has already started.", de="Die Sitzung hat schon begonnen."
            )
        at = self._now()
        draft = Draft(state)
        start, must_end = planned_times(state, at)
        draft.add(ev.SessionStarted(at, start, must_end))
        self._arranger.cast(draft, None, at)
        ahead = draft.state.upcoming()
        if not ahead:
            draft.add(ev.Finished(at))
        else:
            self._arranger.begin(draft, ahead[0], at)
        return self._commit(draft)

    def next(self) -> list[Entry]:
        """Go on to the next step; after the last one, the session finishes."""
        self._current("next")
        draft = Draft(self._state)
        at = self._now()
        ahead = draft.state.upcoming()
        if ahead:
            self._arranger.begin(draft, ahead[0], at)
        else:
            draft.add(ev.Finished(at))
        return self._commit(draft)

    def back(self) -> list[Entry]:
        """Go back to the step before, which starts again with its full time."""
        current = self._current("back")
        earlier = [i for i in range(current.index) if not self._state.dropped(i)]
        if not earlier:
            title, titel = self._title(current.index), self._title(current.index, "de")
            raise CommandError(
                f"{title} is the first step; there is nothing before it.",
                de=f"{titel} ist der erste Schritt; davor gibt es nichts.",
            )
        draft = Draft(self._state)
        self._arranger.begin(draft, earlier[-1], self._now())
        return self._commit(draft)

    def jump(
        self,
        step: int | None = None,
        *,
        phase: str | None = None,
        round: int | None = None,
        case: int | None = None,
    ) -> list[Entry]:
        """Start a step out of order: by its number, or by phase (and round, case)."""
        self._current("jump")
        index = self._resolve(step, phase, round, case)
        draft = Draft(self._state)
        self._arranger.begin(draft, index, self._now())
        return self._commit(draft)

    def finish(self) -> list[Entry]:
        """End the session now, wherever it stands."""
        self._current("finish")
        draft = Draft(self._state)
        draft.add(ev.Finished(self._now()))
        return self._commit(draft)

    # -- commands: time -----------------------------------------------------------------------

    def pause(self) -> list[Entry]:
        """Stop the countdown (a break, a question that needs time); `resume` goes on."""
        self._current("pause")
        if self._state.paused:
            raise CommandError(
                "The session is already paused.", de="Die Sitzung ist schon pausiert."
            )
        return self._single(ev.Paused(self._now()))

    def resume(self) -> list[Entry]:
        self._current("resume")
        if not self._state.paused:
            raise CommandError(
                "The session is not paused; there is nothing to resume.",
                de="Die Sitzung ist nicht pausiert; da gibt es nichts fortzusetzen.",
            )
        return self._single(ev.Resumed(self._now()))

    def extend(self, seconds: int) -> list[Entry]:
        """Give the current step more time, also in overtime."""
        current = self._current("extend")
        _positive(seconds, "extend", "Verlängern")
        return self._single(ev.Extended(self._now(), current.index, seconds))

    def shorten(self, seconds: int) -> list[Entry]:
        """Take time from the current step, at most what is left of it."""
        current = self._current("shorten")
        _positive(seconds, "shorten", "Kürzen")
        at = self._now()
        left = self._state.remaining(at) or 0.0
        title, titel = self._title(current.index), self._title(current.index, "de")
        if left <= 0:
            raise CommandError(
                f"The time of {title} is already up; go on with next.",
                de=f"Die Zeit von {titel} ist schon um; mach mit dem nächsten Schritt weiter.",
            )
        if seconds > math.ceil(left):
            raise CommandError(
                f"Only {_mmss(left)} are left of {title}; shorten it by "
                "at most that, or go on with next.",
                de=f"Von {titel} ist nur noch {_mmss(left, 'Min.')} übrig; kürze höchstens um "
                "so viel, oder mach mit dem nächsten Schritt weiter.",
            )
        return self._single(ev.Extended(at, current.index, -seconds))

    def tick(self) -> list[Entry]:
        """The timer events that have come due, once each; call it as often as you like.

        Warnings at 20 % and 5 % left and time up; when a step goes on by itself (auto-advance),
        the next one starts at the moment the time was up, so a late tick loses nothing.
        """
        if self._state.mode is not Mode.RUNNING:
            return []
        now = self.clock.now()
        draft = Draft(self._state)
        for _ in range(len(self.plan.steps) + 1):
            timer = draft.state.timer
            if timer is None or draft.state.mode is not Mode.RUNNING:
                break
            due = timer.due(now)
            if due:
                level = due[-1]
                at = max(timer.when_due(level), draft.state.last_at or 0.0)
                event: ev.Event = (
                    ev.TimeUp(at, timer.step)
                    if level is None
                    else ev.TimerWarning(at, timer.step, level)
                )
                draft.add(event)
                timer = draft.state.timer
            if timer is None or not timer.time_up or not draft.state.auto_advances(timer.step):
                break
            at = max(timer.deadline(now), draft.state.last_at or 0.0)
            ahead = draft.state.upcoming()
            if not ahead:
                draft.add(ev.Finished(at))
                break
            self._arranger.begin(draft, ahead[0], at)
        return self._commit(draft)

    def auto_advance(self, enabled: bool) -> list[Entry]:
        """Let every step go on by itself when its time is up (or stop that)."""
        _refuse_if_finished(self._state)
        if not isinstance(enabled, bool):
            raise CommandError(
                "auto_advance takes true or false.",
                de="Automatisch weiter ist entweder an oder aus (true oder false).",
            )
        return self._single(ev.AutoAdvanceSet(self._now(), enabled))

    def fit_to_end(self) -> list[Entry]:
        """Shorten the steps ahead proportionally, none below its minimum, to end on time."""
        self._current("fit_to_end")
        at = self._now()
        result = fit(self._state, at)
        projection = project(self._state, at)
        if result.fits_already:
            raise CommandError(
                f"Nothing to fit: the projected end {_hhmm(projection.end)} is not after "
                f"{_hhmm(projection.must_end)}.",
                de=f"Nichts anzupassen: Das voraussichtliche Ende {_hhmm(projection.end)} liegt "
                f"nicht nach {_hhmm(projection.must_end)}.",
            )
        if result.short_by > 0:
            raise CommandError(
                f"The session cannot end at {_hhmm(projection.must_end)}: even with every "
                f"remaining step at its minimum it ends {_minutes(result.short_by)} later. "
                "Shorten the current step, leave out a step (jump), or agree on a later end.",
                de=f"Die Sitzung kann nicht um {_hhmm(projection.must_end)} enden: Selbst wenn "
                "jeder folgende Schritt nur seine Mindestzeit bekommt, endet sie "
                f"{_minutes(result.short_by, 'Min.')} später. Kürze den laufenden Schritt, "
                "überspring einen Schritt (Springen) oder vereinbare mit der Gruppe ein "
                "späteres Ende.",
            )
        steps = tuple(sorted(result.seconds))
        return self._single(ev.Fitted(at, steps, tuple(result.seconds[i] for i in steps)))

    # -- commands: the room -------------------------------------------------------------------

    def set_arrangement(
        self,
        kind: str,
        *,
        phase: str | None = None,
        step: int | None = None,
        size: int | None = None,
        count: int | None = None,
    ) -> list[Entry]:
        """Arrange the room otherwise than planned: for the current step and its later rounds,
        for one later `step`, or for every coming step of a `phase`."""
        state = self._state
        _refuse_if_finished(state)
        try:
            chosen = ArrangementKind(kind)
        except ValueError:
            kinds = ", ".join(k.value for k in ArrangementKind)
            raise CommandError(
                f"{kind!r} is no arrangement; choose one of {kinds}.",
                de=f"„{kind}“ ist keine Anordnung; wähle eine von {kinds}.",
            ) from None
        for value, what, what_de in ((size, "size", "Die Größe"), (count, "count", "Die Anzahl")):
            if value is not None:
                _positive(value, what, what_de, unit="")
        if (size is not None or count is not None) and chosen not in (
            ArrangementKind.GROUPS,
            ArrangementKind.TABLES,
            ArrangementKind.STATIONS,
        ):
            raise CommandError(
                "A size or count only applies to groups, tables or stations.",
                de="Eine Größe oder Anzahl gibt es nur bei Gruppen, Tischen oder Stationen.",
            )
        targets = self._arrangement_targets(phase, step)
        choice = ArrangementChoice(chosen, size, count)
        first = self.plan.steps[targets[0]]
        try:
            sizes_for(effective(first.arrangement, choice, len(state.people)), len(state.people))
        except GroupingError as exc:
            raise CommandError(
                f"The {len(state.people)} people cannot be arranged as {chosen.value}: {exc}.",
                de=f"Die {len(state.people)} Personen lassen sich nicht in "
                f"{_kind_de(chosen)} aufteilen: {exc}.",
            ) from None
        at = self._now()
        draft = Draft(state)
        draft.add(ev.ArrangementSet(at, tuple(targets), chosen.value, size, count))
        if state.timer is not None and state.timer.step in targets:
            self._arranger.seat(draft, state.timer.step, at)
        return self._commit(draft)

    def turn(self) -> TimerReading | None:
        """The reading of the running step's timer kind (a plugin's or built-in): for a
        per-speaker timer, whose turn it is in each group and how long it still has."""
        state = self._state
        step = state.step
        if step is None or state.timer is None:
            return None
        from formatkern.plugins import get_plugins

        kind = get_plugins().timers().get(step.phase.timer.kind)
        if kind is None:
            return None
        seating = state.seating.get(step.index)
        speakers = max((len(g) for g in seating.groups), default=0) if seating else 0
        now = self.clock.now()
        return kind.read(
            step.phase.timer,
            float(state.timer.length),
            state.timer.elapsed(now),
            speakers or len(state.people),
        )

    def regroup(self) -> list[Entry]:
        """New groups for the round that runs and the later rounds of its phase (the rounds
        already held stay as they were, so nobody's meetings are forgotten)."""
        state = self._state
        if state.mode is Mode.FINISHED or state.timer is None:
            raise CommandError(
                "No round is running whose groups could be mixed anew.",
                de="Gerade läuft keine Runde, deren Gruppen sich neu mischen ließen.",
            )
        index = state.timer.step
        if index not in state.seating:
            raise CommandError(
                "This step is in the plenum; there are no groups to mix anew.",
                de="Dieser Schritt ist im Plenum; da gibt es keine Gruppen neu zu mischen.",
            )
        at = self._now()
        draft = Draft(state)
        todo = [i for i in run_of(self.plan, index) if i >= index]
        self._arranger.seat_rounds(draft, index, todo, at, salt=f":again{state.seq}")
        return self._commit(draft)

    def add_participant(self, name: str | None = None) -> list[Entry]:
        """Someone arrives late; they join the smallest group of the round that is running."""
        state = self._state
        _refuse_if_finished(state)
        label = (name or "").strip() or self._free_label()
        if label.casefold() in {p.casefold() for p in state.people}:
            raise CommandError(
                f"{label!r} is already taking part; add something to tell two people apart "
                "(e.g. an initial).",
                de=f"„{label}“ ist schon dabei; häng zum Unterscheiden etwas an "
                "(z. B. eine Initiale).",
            )
        at = self._now()
        draft = Draft(state)
        draft.add(ev.ParticipantAdded(at, label))
        if state.timer is not None:
            self._arranger.people_changed(draft, at, joined=label)
        return self._commit(draft)

    def remove_participant(self, name: str) -> list[Entry]:
        """Someone leaves early; their groups and roles are filled from who is there."""
        state = self._state
        _refuse_if_finished(state)
        found = next(
            (p for p in state.people if p.casefold() == str(name).strip().casefold()), None
        )
        if found is None:
            raise CommandError(
                f"{name!r} is not taking part (yet).", de=f"„{name}“ nimmt (noch) nicht teil."
            )
        if len(state.people) == 1:
            raise CommandError(
                f"{found!r} is the last one in the room; finish the session.",
                de=f"„{found}“ ist als Letzte:r im Raum; beende die Sitzung.",
            )
        at = self._now()
        draft = Draft(state)
        draft.add(ev.ParticipantRemoved(at, found))
        if state.timer is not None:
            self._arranger.people_changed(draft, at, left=found)
        return self._commit(draft)

    def cast(self, roles: Mapping[str, Sequence[str]], *, case: int | None = None) -> list[Entry]:
        """Give roles to the people the group agreed on; the other roles are filled around them.

        For per-case roles the case defaults to the current one.
        """
        state = self._state
        _refuse_if_finished(state)
        key = case
        if key is None and state.step is not None:
            key = case_key(state.step)
        kinds = (Cast.SESSION, Cast.PER_ROUND) if key is None else (Cast.PER_CASE,)
        allowed = {r.id for r in self.format.roles if r.cast in kinds}
        for role_id, holders in roles.items():
            if role_id not in allowed:
                names = ", ".join(sorted(allowed))
                where = "for the session" if key is None else f"per case (case {key})"
                where_de = "für die Sitzung" if key is None else f"pro Fall (Fall {key})"
                raise CommandError(
                    f"{role_id!r} is no role cast {where}; roles: {names or 'none'}.",
                    de=f"„{role_id}“ ist keine Rolle, die {where_de} besetzt wird; "
                    f"Rollen: {names or 'keine'}.",
                )
            missing = [p for p in holders if p not in state.people]
            if missing:
                raise CommandError(
                    f"{', '.join(missing)} not taking part; cannot hold {role_id}.",
                    de=f"{_not_taking_part_de(missing)} und "
                    f"{'kann' if len(missing) == 1 else 'können'} „{role_id}“ nicht übernehmen.",
                )
        at = self._now()
        draft = Draft(state)
        self._arranger.cast(draft, key, at, manual=roles)
        current = state.timer.step if state.timer is not None else None
        if current is not None and current in state.seating:
            before = self._arranger.watching(state, current)
            if self._arranger.watching(draft.state, current) != before:
                # someone steps in or out of watching: this round and the later ones anew
                todo = [i for i in run_of(self.plan, current) if i >= current]
                self._arranger.seat_rounds(draft, current, todo, at, salt=f":cast{state.seq}")
        return self._commit(draft)

    # -- commands: content --------------------------------------------------------------------

    def choose(self, option: str, *, step: int | None = None) -> list[Entry]:
        """Choose an option of a choice step (default: the current one), e.g. the module in
        the Methodenwahl, whose instructions then apply to the Beratung of the same case."""
        state = self._state
        _refuse_if_finished(state)
        index = step if step is not None else self._current("choose").index
        self._check_step(index)
        choice = self.plan.steps[index].phase.choice
        if choice is None:
            title, titel = self._title(index), self._title(index, "de")
            raise CommandError(f"{title} offers no choice.", de=f"{titel} bietet keine Wahl.")
        options = choice.options or tuple(m.id for m in self.format.modules)
        if option not in options:
            title, titel = self._title(index), self._title(index, "de")
            raise CommandError(
                f"{option!r} is not an option of {title}; choose one of {', '.join(options)}.",
                de=f"„{option}“ ist keine Option von {titel}; wähle eine von {', '.join(options)}.",
            )
        return self._single(ev.OptionChosen(self._now(), index, option))

    def choose_cases(
        self, cases: Sequence[str], givers: Sequence[str | None] | None = None
    ) -> list[Entry]:
        """Name the cases the per-case block runs for (as voted), in order; with fewer cases
        than planned, the steps of the others are left out."""
        state = self._state
        _refuse_if_finished(state)
        planned = max(
            (case_key(s) or 0 for s in self.plan.steps if s.phase.repeat is Repeat.PER_CASE),
            default=0,
        )
        if planned == 0:
            title = pick(self.format.title, self._lang)
            raise CommandError(
                f"{title} runs no block per case.", de=f"{title} hat keinen Block pro Fall."
            )
        titles = [str(c).strip() for c in cases]
        if not titles or not all(titles) or len(titles) > planned:
            raise CommandError(
                f"Name between 1 and {planned} cases, each with a short title; got {len(titles)}.",
                de=f"Nenne 1 bis {planned} Fälle, jeden mit einem kurzen Titel; es sind "
                f"{len(titles)}.",
            )
        who = list(givers) if givers is not None else [None] * len(titles)
        if len(who) != len(titles):
            raise CommandError(
                "Give one case giver per case (or null where unknown).",
                de="Gib für jeden Fall an, wer ihn einbringt (oder null, wo unbekannt).",
            )
        unknown = [g for g in who if g is not None and g not in state.people]
        if unknown:
            raise CommandError(
                f"{', '.join(unknown)} not taking part; cannot bring a case.",
                de=f"{_not_taking_part_de(unknown)} und "
                f"{'kann' if len(unknown) == 1 else 'können'} keinen Fall einbringen.",
            )
        if state.step is not None:
            running = case_key(state.step)
            if running is not None and running > len(titles):
                raise CommandError(
                    f"Case {running} is being consulted; at least {running} cases must stay.",
                    de=f"Fall {running} wird gerade beraten; mindestens {running} Fälle müssen "
                    "bleiben.",
                )
        return self._single(ev.CasesChosen(self._now(), tuple(titles), tuple(who)))

    def note(self, text: str, *, table: int | None = None) -> list[Entry]:
        """Write something down for the protocol, for the room or one table."""
        state = self._state
        _refuse_if_finished(state)
        body = str(text).strip()
        if not body:
            raise CommandError("A note needs some text.", de="Eine Notiz braucht etwas Text.")
        index = state.timer.step if state.timer is not None else None
        if table is not None:
            seating = state.seating.get(index) if index is not None else None
            tables = len(seating.groups) if seating else 0
            if not 1 <= table <= tables:
                raise CommandError(
                    f"There is no table {table} now"
                    + (f"; the tables are 1 to {tables}." if tables else "; all sit together."),
                    de=f"Tisch {table} gibt es gerade nicht"
                    + (
                        f"; die Tische sind 1 bis {tables}."
                        if tables
                        else "; alle sitzen zusammen."
                    ),
                )
        return self._single(ev.NoteAdded(self._now(), index, body, table))

    # -- commands: what the group produces ------------------------------------------------------

    def idea(self, text: str, *, table: int | None = None) -> list[Entry]:
        """An idea for the list: the Sekretär's list in a Beratung, a proposal at a table."""
        return self._single(collecting.idea(self._state, text, table, self._now()))

    def harvest(self, text: str, *, table: int | None = None) -> list[Entry]:
        """What a round, a table or the plenum harvested (the host's summary)."""
        return self._single(collecting.harvest(self._state, text, table, self._now()))

    def decision(self, text: str) -> list[Entry]:
        """Something the group decided, for the protocol's list of decisions."""
        return self._single(collecting.decision(self._state, text, self._now()))

    def key_question(self, text: str, *, case: int | None = None) -> list[Entry]:
        """The key question of a case (default: the current one); a later one replaces it."""
        return self._single(collecting.key_question(self._state, text, case, self._now()))

    def propose(self, text: str, *, owner: str | None = None) -> list[Entry]:
        """A proposal to vote on; in a case collection, a case and its case giver (`owner`)."""
        return self._single(collecting.propose(self._state, text, owner, self._now()))

    def open_vote(
        self, *, options: Sequence[str] | None = None, points: int | None = None
    ) -> list[Entry]:
        """Announce the dot vote of the current step: its options (default: the proposals, else
        the ideas since the last vote), the points per person (default: ceil(a(a-1)/(2n))) and
        the format's rules on stacking, one's own proposal and anonymity."""
        return self._single(collecting.open_vote(self._state, options, points, self._now()))

    def vote(
        self,
        points: Mapping[Any, Any],
        *,
        voter: str | None = None,
        step: int | None = None,
    ) -> list[Entry]:
        """One person's points, e.g. {1: 2, 3: 1} or {"Kita-Übergang": 1}; checked against the
        rules announced (points per person, stacking, one's own proposal)."""
        if not isinstance(points, Mapping):
            raise CommandError(
                'A ballot gives points per option, e.g. {"1": 2, "3": 1}.',
                de='Ein Stimmzettel gibt Punkte pro Option, z. B. {"1": 2, "3": 1}.',
            )
        return self._single(collecting.vote(self._state, points, voter, step, self._now()))

    def tally(self, counts: Sequence[int], *, step: int | None = None) -> list[Entry]:
        """The points per option as counted on the board (paper dots), in the options' order."""
        return self._single(collecting.tally(self._state, counts, step, self._now()))

    def close_vote(
        self, *, winners: Sequence[int | str] | None = None, step: int | None = None
    ) -> list[Entry]:
        """End the vote and rank the options; a tie at the border is settled with `winners`.
        A vote that chooses cases names them, as `choose_cases` would."""
        draft = Draft(self._state)
        for event in collecting.close_vote(self._state, winners, step, self._now()):
            draft.add(event)
        return self._commit(draft)

    def consent(self, *, case: int | None = None, by: str | None = None) -> list[Entry]:
        """The case giver allows the content of their case (default: the current one) into the
        protocol and every export; also after the session has finished."""
        return self._single(collecting.consent(self._state, case, by, self._now()))

    def withdraw_consent(self, *, case: int | None = None) -> list[Entry]:
        """Take the consent back: the case's content stays out of every export again."""
        return self._single(collecting.withdraw_consent(self._state, case, self._now()))

    def set_details(self, *, title: str | None = None, place: str | None = None) -> list[Entry]:
        """The title of the day and the place, for the protocol's head (an empty text clears)."""
        return self._single(collecting.details(self._state, title, place, self._now()))

    # -- commands: offers and needs (a Tauschmarkt) ---------------------------------------------

    def offer(self, person: str, text: str) -> list[Entry]:
        """What `person` can give, on a card of its own; cards are numbered from 1, offers and
        needs together."""
        return self._market(collecting.card(self._state, CardKind.OFFER, person, text, self._now()))

    def need(self, person: str, text: str) -> list[Entry]:
        """What `person` needs, on a card of its own (numbered with the offers)."""
        return self._market(collecting.card(self._state, CardKind.NEED, person, text, self._now()))

    def remove_card(self, card: int) -> list[Entry]:
        """Take an offer or need back (or one written by mistake), with its links."""
        return self._market(collecting.remove_card(self._state, card, self._now()))

    def link(self, offer: int, need: int) -> list[Entry]:
        """Match offer card `offer` with need card `need` by hand; a link always counts, also
        without a common word."""
        return self._market(collecting.link(self._state, offer, need, self._now()))

    def unlink(self, offer: int, need: int) -> list[Entry]:
        """Undo a link, or set a suggested match aside: the two are not matched."""
        return self._market(collecting.unlink(self._state, offer, need, self._now()))

    def _market(self, event: ev.Event) -> list[Entry]:
        """Store a card or link; the rounds ahead of running matched pairs follow it."""
        draft = Draft(self._state)
        draft.add(event)
        self._arranger.rematch(draft, event.at)
        return self._commit(draft)

    # -- commands as data ---------------------------------------------------------------------

    def send(self, command: Mapping[str, Any]) -> list[Entry]:
        """Run a command given as a dict, e.g. {"command": "extend", "seconds": 60}.

        The names and fields are those of the methods; see docs/embedding.md.
        """
        from formatkern.commands import dispatch  # a small table; kept out of this module

        return dispatch(self, command)

    def snapshot(self) -> dict[str, Any]:
        """Where the session stands, as the headless runner's `state` line shows it."""
        from formatkern.commands import snapshot

        return snapshot(self)

    # -- inner workings -----------------------------------------------------------------------

    @property
    def _lang(self) -> str:
        return self.plan.settings.lang

    def _title(self, index: int, lang: str = "en") -> str:
        """A step as a refusal names it: for the English sentence the phase's title in the
        session's language, for the German one the German title ("Runde 2/3", "Fall 1")."""
        step = self.plan.steps[index]
        title = pick(step.phase.title, "de" if lang == "de" else self._lang)
        round_word, case_word = ("Runde", "Fall") if lang == "de" else ("round", "case")
        if step.round is not None:
            title += f" ({round_word} {step.round}/{step.rounds})"
        if step.case is not None:
            title += f" ({case_word} {step.case})"
        return title

    def _now(self) -> float:
        """The time of new events: never before the last one, even if the clock was set back."""
        now = self.clock.now()
        last = self._state.last_at
        return now if last is None else max(now, last)

    def _current(self, what: str) -> Step:
        state = self._state
        if state.mode is Mode.READY:
            raise CommandError(
                f"The session has not started yet; start it before {what}.",
                de=f"Die Sitzung hat noch nicht begonnen; starte sie vor „{what}“.",
            )
        if state.mode is Mode.FINISHED:
            raise CommandError(
                f"The session has finished; there is no {what} after the end.",
                de=f"Die Sitzung ist beendet; nach dem Ende gibt es kein „{what}“ mehr.",
            )
        step = state.step
        assert step is not None  # running or paused
        return step

    def _check_step(self, index: int) -> None:
        if isinstance(index, bool) or not isinstance(index, int):
            raise CommandError(
                f"A step is given by its number, not {index!r}.",
                de=f"Ein Schritt wird mit seiner Nummer angegeben, nicht mit {index!r}.",
            )
        if not 0 <= index < len(self.plan.steps):
            last = len(self.plan.steps) - 1
            raise CommandError(
                f"There is no step {index}; steps are 0 to {last}.",
                de=f"Einen Schritt {index} gibt es nicht; die Schritte sind 0 bis {last}.",
            )
        if self._state.dropped(index):
            _refuse_dropped(self._title(index), self._title(index, "de"))

    def _resolve(
        self, step: int | None, phase: str | None, round_: int | None, case: int | None
    ) -> int:
        if step is not None:
            self._check_step(step)
            return step
        if phase is None:
            raise CommandError(
                "Say where to jump: a step number, or a phase (and round, case).",
                de="Sag, wohin es gehen soll: eine Schrittnummer oder eine Phase "
                "(und Runde, Fall).",
            )
        matching = [
            s.index
            for s in self.plan.steps
            if s.phase.id == phase
            and (round_ is None or s.round == round_)
            and (case is None or s.case == case)
        ]
        if not matching:
            known = ", ".join(dict.fromkeys(s.phase.id for s in self.plan.steps))
            raise CommandError(
                f"There is no step {phase!r} to jump to; phases: {known}.",
                de=f"Es gibt keinen Schritt „{phase}“, zu dem sich springen ließe; "
                f"Phasen: {known}.",
            )
        candidates = [i for i in matching if not self._state.dropped(i)]
        if not candidates:
            _refuse_dropped(self._title(matching[0]), self._title(matching[0], "de"))
        current = self._state.timer.step if self._state.timer else -1
        return next((i for i in candidates if i > current), candidates[0])

    def _arrangement_targets(self, phase: str | None, step: int | None) -> list[int]:
        state = self._state
        first = state.timer.step if state.timer is not None else 0
        if step is not None:
            self._check_step(step)
            if step < first:
                title, titel = self._title(step), self._title(step, "de")
                raise CommandError(
                    f"{title} is over; arrange a current or later step.",
                    de=f"{titel} ist vorbei; ändere die Anordnung eines laufenden oder "
                    "späteren Schritts.",
                )
            return [step]
        if phase is not None:
            targets = [
                s.index
                for s in self.plan.steps[first:]
                if s.phase.id == phase and not state.dropped(s.index)
            ]
            if not targets:
                raise CommandError(
                    f"No step of phase {phase!r} lies ahead.",
                    de=f"Es kommt kein Schritt der Phase „{phase}“ mehr.",
                )
            return targets
        current = self._current("set_arrangement")
        return [i for i in run_of(self.plan, current.index) if i >= current.index]

    def _free_label(self) -> str:
        taken = {p.casefold() for p in self._state.people}
        number = len(self._state.people) + 1
        while str(number) in taken:
            number += 1
        return str(number)

    def _single(self, event: ev.Event) -> list[Entry]:
        draft = Draft(self._state)
        draft.add(event)
        return self._commit(draft)

    def _commit(self, draft: Draft) -> list[Entry]:
        """Store the command's events in one transaction, then tell the subscribers."""
        if not draft.events:
            return []
        seqs = self.journal.append(
            [ev.to_json(e) for e in draft.events],
            wall=self.clock.now(),
            mono=self.clock.monotonic(),
            status=status(draft.state),
        )
        self._state = attrs.evolve(draft.state, seq=seqs[-1])
        entries = [Entry(seq, event) for seq, event in zip(seqs, draft.events, strict=True)]
        for entry in entries:
            for subscriber in list(self._subscribers):
                try:
                    subscriber(entry)
                except Exception as exc:  # a subscriber never ends the session
                    self.on_error(exc, subscriber)
        return entries


def status(state: SessionState) -> dict[str, Any]:
    """The summary `formatkern sessions` shows without replaying the journal."""
    step = state.step
    return {
        "state": state.mode.value,
        "current_phase": step.phase.id if step else None,
        "step": step.index if step else None,
        "round": step.round if step else None,
        "case": step.case if step else None,
    }


def _refuse_if_finished(state: SessionState) -> None:
    """The refusal of every command that has no place after the end."""
    if state.mode is Mode.FINISHED:
        raise CommandError("This session has finished.", de="Die Sitzung ist beendet.")


def _refuse_dropped(title: str, titel: str) -> NoReturn:
    raise CommandError(
        f"{title} belongs to a case that was not chosen.",
        de=f"{titel} gehört zu einem Fall, der nicht gewählt wurde.",
    )


def _not_taking_part_de(names: Sequence[str]) -> str:
    """For a German refusal: "Anna nimmt nicht teil", "Anna, Ben nehmen nicht teil"."""
    return f"{', '.join(names)} {'nimmt' if len(names) == 1 else 'nehmen'} nicht teil"


def _kind_de(kind: ArrangementKind) -> str:
    """An arrangement's German name (Gruppen, Tische, …), as the agenda shows it."""
    return MESSAGES.get(kind.value, {}).get("de", kind.value)


def _positive(value: object, what: str, what_de: str, unit: str = "seconds") -> None:
    """`what_de` names the command or field in German: "Verlängern", "Die Größe"."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        number = f"a whole number of {unit}" if unit else "a whole number"
        number_de = "eine ganze Zahl Sekunden" if unit else "eine ganze Zahl"
        raise CommandError(
            f"{what} takes {number} above 0, not {value!r}.",
            de=f"{what_de} braucht {number_de} über 0, nicht {value!r}.",
        )
    if unit and value > MAX_EXTENSION:
        raise CommandError(
            f"{what}: {value} seconds is more than six hours.",
            de=f"{what_de}: {value} Sekunden sind mehr als sechs Stunden.",
        )


def _log_subscriber_error(exc: BaseException, subscriber: Subscriber) -> None:
    name = getattr(subscriber, "__qualname__", repr(subscriber))
    log.error("a subscriber (%s) failed and was skipped: %s", name, exc)


def _hhmm(wall: float) -> str:
    return datetime.fromtimestamp(wall).strftime("%H:%M")


def _mmss(seconds: float, unit: str = "min") -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d} {unit}"


def _minutes(seconds: float, unit: str = "min") -> str:
    return f"{math.ceil(seconds / 60)} {unit}"
