"""The countdown of a phase: warnings, time up, pauses, more time and less, with a fake clock."""

from __future__ import annotations

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.events import Extended, TimerWarning, TimeUp
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan

from .room import format_text, types

# The Casting of a Kollegiale Beratung has 5 minutes: 20 % left after 4 min, 5 % after 4:45.


def test_the_countdown_is_computed_from_the_clock_not_counted(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(61.5)
    assert kb.remaining() == pytest.approx(300 - 61.5)
    assert kb.remaining() == pytest.approx(300 - 61.5)  # asking again changes nothing


def test_warnings_at_20_and_5_percent_left_then_time_up(kb: Session, clock: FakeClock) -> None:
    clock.advance(239)
    assert kb.tick() == []
    clock.advance(1)
    warning = kb.tick()
    assert types(warning) == ["timer_warning"]
    assert warning[0].event == TimerWarning(at=clock.now(), step=0, level=20)
    clock.advance(45)
    assert [e.event for e in kb.tick()] == [TimerWarning(at=clock.now(), step=0, level=5)]
    clock.advance(15)
    assert [e.event for e in kb.tick()] == [TimeUp(at=clock.now(), step=0)]


def test_each_timer_event_comes_once_however_often_the_screen_ticks(
    kb: Session, clock: FakeClock
) -> None:
    seen: list[str] = []
    for _ in range(400):
        clock.advance(1)
        seen += types(kb.tick())
    assert seen == ["timer_warning", "timer_warning", "time_up"]


def test_a_late_tick_gives_only_the_most_urgent_event_dated_when_it_was_due(
    kb: Session, clock: FakeClock
) -> None:
    start = clock.now()
    clock.advance(1000)
    assert [e.event for e in kb.tick()] == [TimeUp(at=start + 300, step=0)]
    assert kb.tick() == []


def test_in_overtime_the_phase_goes_on_and_overtime_is_shown(kb: Session, clock: FakeClock) -> None:
    clock.advance(330)
    kb.tick()
    assert kb.state.step is not None and kb.state.step.index == 0
    assert kb.remaining() == pytest.approx(-30)
    assert kb.snapshot()["overtime"] is True


def test_pausing_during_the_20_percent_warning_does_not_warn_again_when_resumed(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(250)
    assert types(kb.tick()) == ["timer_warning"]
    kb.pause()
    clock.advance(600)
    assert kb.tick() == []
    assert kb.remaining() == pytest.approx(50)
    kb.resume()
    assert kb.tick() == []
    clock.advance(35)
    assert [e.event for e in kb.tick()] == [TimerWarning(at=clock.now(), step=0, level=5)]


def test_a_pause_moves_the_deadline_by_exactly_its_length(kb: Session, clock: FakeClock) -> None:
    clock.advance(100)
    kb.pause()
    clock.advance(42.5)
    kb.resume()
    clock.advance(10)
    assert kb.remaining() == pytest.approx(190)


def test_extend_in_overtime_gives_time_up_again_when_the_extra_time_is_over(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(330)
    assert types(kb.tick()) == ["time_up"]
    assert [e.event for e in kb.extend(60)] == [Extended(at=clock.now(), step=0, seconds=60)]
    assert kb.remaining() == pytest.approx(30)
    assert kb.tick() == []  # 30 s of 6 min left: nothing is due now
    clock.advance(30)
    assert types(kb.tick()) == ["time_up"]


def test_extending_well_ahead_of_time_lets_the_warnings_come_again(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(250)
    assert types(kb.tick()) == ["timer_warning"]
    kb.extend(300)
    clock.advance(1)
    assert kb.tick() == []
    clock.advance(349 - 120 - 1)  # 600 s in all; 20 % left = 120 s left
    assert kb.tick() == []
    clock.advance(1)
    assert [e.event for e in kb.tick()] == [TimerWarning(at=clock.now(), step=0, level=20)]


def test_shortening_brings_the_warning_forward(kb: Session, clock: FakeClock) -> None:
    clock.advance(100)
    kb.shorten(180)  # 2 minutes in all, 20 s of them left: under 20 %
    assert kb.remaining() == pytest.approx(20)
    assert [e.event.level for e in kb.tick() if isinstance(e.event, TimerWarning)] == [20]


def test_shortening_by_more_than_is_left_is_refused_with_what_is_left(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(250)
    with pytest.raises(CommandError, match=r"Only 0:50 min are left of Casting"):
        kb.shorten(60)
    clock.advance(60)
    with pytest.raises(CommandError, match="already up"):
        kb.shorten(5)


@pytest.mark.parametrize("seconds", [0, -5, 1.5, True, "60", 7 * 3600])
def test_extend_takes_whole_positive_seconds(kb: Session, seconds: object) -> None:
    with pytest.raises(CommandError):
        kb.extend(seconds)  # type: ignore[arg-type]


def test_no_pause_twice_and_no_resume_when_not_paused(kb: Session) -> None:
    with pytest.raises(CommandError, match="not paused"):
        kb.resume()
    kb.pause()
    with pytest.raises(CommandError, match="already paused"):
        kb.pause()


def test_without_auto_advance_the_phase_never_advances_by_itself(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(3 * 3600)
    kb.tick()
    assert kb.state.step is not None and kb.state.step.index == 0


def test_with_auto_advance_each_phase_starts_when_the_previous_ran_out(
    kb: Session, clock: FakeClock
) -> None:
    start = clock.now()
    kb.auto_advance(True)
    clock.advance(301)
    entries = kb.tick()
    assert types(entries)[:2] == ["time_up", "step_started"]
    assert entries[1].event.at == start + 300
    clock.advance(60 * 60)  # a long lunch with the laptop lid closed
    kb.tick()
    assert kb.state.finished_at == start + 40 * 60  # 5+10+5+5+10+5 minutes, on the dot


def test_a_session_on_a_clock_set_back_never_dates_events_before_earlier_ones(
    kb: Session, clock: FakeClock
) -> None:
    before = kb.state.last_at
    clock.set(clock.now() - 3600)
    entries = kb.pause()
    assert before is not None and entries[0].event.at >= before


def test_the_timer_counts_from_the_wall_clock_after_a_suspend(
    kb: Session, clock: FakeClock
) -> None:
    clock.set(clock.now() + 120)  # the lid was closed two minutes; monotonic time stood still
    assert kb.remaining() == pytest.approx(180)


def test_a_format_may_let_its_phases_go_on_by_themselves_unless_the_facilitator_stops_it(
    clock: FakeClock,
) -> None:
    text = format_text("kollegiale-beratung").replace(
        "participants = {", "auto_advance = true\nparticipants = {", 1
    )
    plan = make_plan(parse_format(text), Settings(People(6)))
    session = Session.create(plan, clock=clock, format_text=text)
    session.start()
    clock.advance(301)
    assert "step_started" in types(session.tick())
    session.auto_advance(False)
    clock.advance(3600)
    session.tick()
    assert session.state.step is not None and session.state.step.index == 1
