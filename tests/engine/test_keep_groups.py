"""Phases that keep the groups of an earlier phase: the same people go on talking."""

from __future__ import annotations

from formatkern.catalog import Catalog
from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.journal import MemoryJournal
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.session_files import session_meta


def run_through(format_id: str, n: int) -> Session:
    fmt = Catalog.default().get(format_id)
    plan = make_plan(fmt, Settings(People.of_names([f"P{i}" for i in range(n)])))
    clock = FakeClock()
    session = Session.create(
        plan, clock=clock, journal=MemoryJournal(session_meta(plan, "", clock.now())), seed=3
    )
    session.start()
    while session.state.step is not None and session.state.finished_at is None:
        if session.state.step.index == len(plan.steps) - 1:
            break
        session.next()
    return session


def groups_of(session: Session, phase_id: str) -> list[set[str]]:
    (index,) = [s.index for s in session.plan.steps if s.phase.id == phase_id]
    return [set(group) for group in session.state.seating[index].groups]


def test_in_1_2_4_all_two_pairs_become_a_foursome() -> None:
    session = run_through("1-2-4-all", 16)
    pairs = groups_of(session, "paare")
    fours = groups_of(session, "vierer")
    assert len(pairs) == 8
    assert len(fours) == 4
    for four in fours:
        assert sum(1 for pair in pairs if pair <= four) == 2


def test_an_odd_pair_out_joins_the_last_foursome() -> None:
    session = run_through("1-2-4-all", 10)
    fours = groups_of(session, "vierer")
    assert sorted(len(g) for g in fours) == [4, 6]


def test_what_so_what_now_what_keeps_the_same_groups_through_all_three_stages() -> None:
    session = run_through("what-so-what-now-what", 18)
    what = groups_of(session, "what-gruppe")
    assert groups_of(session, "so-what-gruppe") == what
    assert groups_of(session, "now-what-gruppe") == what


def test_new_groups_for_the_running_round_keep_the_rounds_already_held() -> None:
    fmt = Catalog.default().get("world-cafe")
    plan = make_plan(fmt, Settings(People.of_names([f"P{i}" for i in range(20)])))
    clock = FakeClock()
    session = Session.create(
        plan, clock=clock, journal=MemoryJournal(session_meta(plan, "", clock.now())), seed=3
    )
    session.start()
    session.next()
    session.next()  # round 2 of the table rounds
    index = session.state.step.index if session.state.step else -1
    first_round = session.state.seating[index - 1].groups
    before = session.state.seating[index].groups
    session.regroup()
    after = session.state.seating[index].groups
    assert after != before
    assert session.state.seating[index - 1].groups == first_round
    assert sorted(p for g in after for p in g) == sorted(p for g in before for p in g)
    session.send({"command": "regroup"})
    assert session.state.seating[index].groups != after
