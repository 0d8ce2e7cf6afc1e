"""Moving through the agenda: start, next, back, jump, finish, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.events import SessionStarted, StepStarted
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.projection import on_the_day

from .room import FORMATS, MakeSession, types


def test_starting_records_the_planned_times_and_begins_the_first_phase(
    make_session: MakeSession, clock: FakeClock
) -> None:
    session = make_session()
    entries = session.start()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].event == SessionStarted(
        at=clock.now(), planned_start=clock.now(), planned_end=clock.now() + 40 * 60
    )
    assert entries[1].event == StepStarted(at=clock.now(), step=0, seconds=300)
    assert session.state.step is not None and session.state.step.phase.id == "casting"


def test_a_session_starts_once(kb: Session) -> None:
    with pytest.raises(CommandError, match="already started"):
        kb.start()


@pytest.mark.parametrize(
    "command", ["next", "back", "pause", "resume", "finish", "fit_to_end", "shorten"]
)
def test_nothing_runs_before_the_start(make_session: MakeSession, command: str) -> None:
    session = make_session()
    fields = {"seconds": 10} if command == "shorten" else {}
    with pytest.raises(CommandError, match="not started yet"):
        session.send({"command": command, **fields})


def test_next_goes_on_and_after_the_last_phase_the_session_finishes(kb: Session) -> None:
    for expected in ["spontanerzaehlung", "schluesselfrage", "methodenwahl", "beratung"]:
        kb.next()
        assert kb.state.step is not None and kb.state.step.phase.id == expected
    kb.next()
    assert types(kb.next()) == ["finished"]
    assert kb.state.mode.value == "finished"
    with pytest.raises(CommandError, match="no next after the end"):
        kb.next()


def test_back_restarts_the_phase_before_with_its_full_time(kb: Session, clock: FakeClock) -> None:
    clock.advance(200)
    kb.next()
    clock.advance(100)
    kb.back()
    assert kb.state.step is not None and kb.state.step.index == 0
    assert kb.remaining() == 300
    assert [step for step, _ in kb.state.history] == [0, 1, 0]


def test_there_is_nothing_before_the_first_phase(kb: Session) -> None:
    with pytest.raises(CommandError, match="first step"):
        kb.back()


def test_jump_to_a_phase_by_name_or_number(kb: Session) -> None:
    kb.jump(phase="beratung")
    assert kb.state.step is not None and kb.state.step.phase.id == "beratung"
    kb.jump(1)
    assert kb.state.step is not None and kb.state.step.phase.id == "spontanerzaehlung"


def test_jump_to_an_unknown_phase_names_the_phases(kb: Session) -> None:
    with pytest.raises(CommandError, match="phases: casting, spontanerzaehlung"):
        kb.jump(phase="mittagspause")
    with pytest.raises(CommandError, match="no step 99"):
        kb.jump(99)


def test_next_while_paused_resumes_with_the_next_phase(kb: Session, clock: FakeClock) -> None:
    kb.pause()
    clock.advance(60)
    assert types(kb.next()) == ["resumed", "step_started"]
    assert not kb.state.paused
    assert kb.remaining() == 600


def test_finish_ends_the_session_early_and_closes_a_pause(kb: Session, clock: FakeClock) -> None:
    kb.pause()
    clock.advance(30)
    assert types(kb.finish()) == ["finished"]
    assert kb.state.finished_at == clock.now()
    assert kb.remaining() is None
    for command in (kb.next, kb.pause, kb.finish, kb.fit_to_end):
        with pytest.raises(CommandError, match="finished"):
            command()
    with pytest.raises(CommandError, match="finished"):
        kb.note("too late")


def test_notes_are_collected_with_their_phase(kb: Session) -> None:
    kb.next()
    kb.note("  Die Kita schließt um 15 Uhr.  ")
    (note,) = kb.state.collecting.notes
    assert (note.step, note.text, note.table) == (1, "Die Kita schließt um 15 Uhr.", None)
    with pytest.raises(CommandError, match="needs some text"):
        kb.note("   ")
    with pytest.raises(CommandError, match="no table 2 now; all sit together"):
        kb.note("x", table=2)


def test_send_takes_the_same_commands_as_dicts_and_explains_mistakes(kb: Session) -> None:
    assert types(kb.send({"command": "extend", "seconds": 60})) == ["extended"]
    assert types(kb.send({"command": "fit"})) == ["fitted"]  # the minute is taken from later
    with pytest.raises(CommandError, match='"extend" needs the field "seconds"'):
        kb.send({"command": "extend"})
    with pytest.raises(CommandError, match='"seconds" must be a whole number'):
        kb.send({"command": "extend", "seconds": "60"})
    with pytest.raises(CommandError, match="takes no field minutes"):
        kb.send({"command": "extend", "seconds": 1, "minutes": 1})
    with pytest.raises(CommandError, match='"dance" is no command'):
        kb.send({"command": "dance"})
    with pytest.raises(CommandError, match='needs a "command" field'):
        kb.send({"next": True})


def test_the_planned_start_is_the_clock_time_on_the_day_nearest_the_start() -> None:
    late_evening = FakeClock.local(2026, 3, 2, 23, 50).now()
    just_after_midnight = FakeClock.local(2026, 3, 3, 0, 5).now()
    assert on_the_day(just_after_midnight, 23 * 3600 + 50 * 60) == late_evening
    assert on_the_day(late_evening, 0) == FakeClock.local(2026, 3, 3, 0, 0).now()


@pytest.mark.parametrize("path", sorted(FORMATS.glob("*.toml")), ids=lambda path: path.stem)
def test_every_format_of_the_library_runs_from_start_to_finish_and_replays(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fmt = parse_format(text)
    people = max(fmt.participants.min, 12)
    if fmt.participants.max is not None:
        people = min(people, fmt.participants.max)
    clock = FakeClock.local(2026, 3, 2, 9, 0)
    plan = make_plan(fmt, Settings(People(people), cases=fmt.cases.max))
    session = Session.create(plan, clock=clock, format_text=text)
    session.start()
    held = 0
    while session.state.finished_at is None:
        clock.advance(61)
        session.tick()
        session.next()
        held += 1
    assert held == len(plan.steps)
    assert Session.replay(session.journal, clock).state == session.state
