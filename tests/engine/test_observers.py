"""Team-Tango: whoever prefers to watch is not paired, and nobody asks why."""

from __future__ import annotations

from formatkern.catalog import Catalog
from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.journal import MemoryJournal
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.session_files import session_meta


def test_an_observer_watches_this_round_and_the_later_ones_and_can_step_back_in() -> None:
    fmt = Catalog.default().get("team-tango")
    plan = make_plan(fmt, Settings(People.of_names([f"P{i}" for i in range(8)])))
    clock = FakeClock()
    journal = MemoryJournal(session_meta(plan, "", clock.now()))
    session = Session.create(plan, clock=clock, journal=journal, seed=2)
    session.start()
    while session.state.step is not None and session.state.step.phase.id != "fuehren-und-folgen":
        session.next()
    step = session.state.step
    assert step is not None
    rounds = [s.index for s in plan.steps if s.phase.id == "fuehren-und-folgen"]
    session.cast({"observer": ["P3"]})
    for index in rounds:
        seating = session.state.seating[index]
        assert "P3" not in {p for group in seating.groups for p in group}
        assert seating.observers == ("P3",)
        assert sorted(len(g) for g in seating.groups) == [2, 2, 3]
    session.cast({"observer": []})
    assert "P3" in {p for group in session.state.seating[rounds[-1]].groups for p in group}
    replayed = Session.replay(journal, clock, fmt=fmt)
    assert replayed.state.seating == session.state.seating
