"""The schedule from here on: behind or ahead, projected end, and fitting to the planned end."""

from __future__ import annotations

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.events import Fitted

from .room import MakeSession


def test_on_time_the_projection_is_the_agenda(kb: Session, clock: FakeClock) -> None:
    projection = kb.projection()
    assert projection.behind == 0
    assert [s.start - clock.now() for s in projection.steps] == [0, 300, 900, 1200, 1500, 2100]
    assert kb.snapshot()["projected_end"] == "09:40"


def test_overtime_in_the_spontanerzaehlung_puts_everything_after_it_behind(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(300)
    kb.next()
    clock.advance(600 + 4 * 60)  # four minutes over
    projection = kb.projection()
    assert projection.behind == pytest.approx(240)
    assert projection.steps[1].behind == pytest.approx(240)
    snapshot = kb.snapshot()
    assert (snapshot["behind"], snapshot["projected_end"]) == (240, "09:44")


def test_a_running_pause_pushes_the_projected_end(kb: Session, clock: FakeClock) -> None:
    kb.pause()
    clock.advance(120)
    assert kb.projection().behind == pytest.approx(120)


def test_moving_on_early_puts_the_session_ahead(kb: Session, clock: FakeClock) -> None:
    clock.advance(60)
    kb.next()
    assert kb.projection().behind == pytest.approx(-240)


def test_fit_to_end_shortens_the_phases_ahead_in_proportion_and_ends_on_time(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(300)
    kb.next()
    clock.advance(600 + 180)  # three minutes behind with four phases ahead (5, 5, 10, 5 min)
    (entry,) = kb.fit_to_end()
    assert isinstance(entry.event, Fitted)
    new = dict(zip(entry.event.steps, entry.event.seconds, strict=True))
    assert sum(new.get(i, kb.plan.steps[i].seconds) for i in range(2, 6)) == 25 * 60 - 180
    assert all(new.get(i, 0) >= kb.plan.steps[i].min_seconds for i in new)
    assert 4 not in new  # the Beratung is at its minimum of 10 minutes already
    assert new[2] == new[3] == new[5]  # equal phases lose equally
    assert kb.projection().behind == pytest.approx(0, abs=1)
    kb.next()
    assert kb.remaining() == new[2]


def test_fit_to_end_says_by_how_much_it_cannot(kb: Session, clock: FakeClock) -> None:
    clock.advance(300)
    kb.next()
    clock.advance(600 + 20 * 60)  # twenty minutes over; the minimums save 3+3+0+2 = 8 min
    with pytest.raises(CommandError, match="ends 12 min later"):
        kb.fit_to_end()


def test_fit_to_end_when_on_time_has_nothing_to_do(kb: Session) -> None:
    with pytest.raises(CommandError, match="Nothing to fit"):
        kb.fit_to_end()


def test_a_planned_end_earlier_than_the_agenda_is_the_target(
    make_session: MakeSession, clock: FakeClock
) -> None:
    session = make_session(end=9 * 3600 + 35 * 60)
    session.start()
    assert session.projection().overrun == pytest.approx(300)
    session.fit_to_end()
    assert session.projection().end == pytest.approx(clock.now() + 35 * 60)
    assert session.snapshot()["must_end"] == "09:35"
