"""A per-speaker timer: in 15% Solutions everyone shares for three minutes, in turn."""

from __future__ import annotations

from formatkern.catalog import Catalog
from formatkern.clock import FakeClock
from formatkern.commands import snapshot
from formatkern.engine import Session
from formatkern.journal import MemoryJournal
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.session_files import session_meta


def test_the_second_person_of_each_group_speaks_after_three_minutes() -> None:
    fmt = Catalog.default().get("15-prozent-loesungen")
    plan = make_plan(fmt, Settings(People.of_names([f"P{i}" for i in range(9)])))
    clock = FakeClock()
    session = Session.create(
        plan, clock=clock, journal=MemoryJournal(session_meta(plan, "", clock.now())), seed=1
    )
    session.start()
    assert session.turn() is not None
    assert snapshot(session)["turn"] is None  # the first phase is a plain countdown
    while session.state.step is not None and session.state.step.phase.id != "teilen":
        session.next()
    clock.advance(200)
    turn = snapshot(session)["turn"]
    assert turn == {"speaker": 1, "speakers": 3, "remaining": 160.0}
