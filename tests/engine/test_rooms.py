"""Who sits with whom: tables, teams, pairs, late arrivals, early leaves, the group's say."""

from __future__ import annotations

from itertools import combinations

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.events import GroupsSet
from formatkern.state import Seating

from .room import MakeSession, types

CAFE = tuple(f"P{i:02d}" for i in range(1, 21))


def _cafe(make_session: MakeSession, people: tuple[str, ...] = CAFE) -> Session:
    session = make_session("world-cafe", people)
    session.start()
    session.next()  # round 1 of the café
    return session


def _meetings(seatings: list[Seating]) -> list[frozenset[str]]:
    return [frozenset(pair) for s in seatings for g in s.groups for pair in combinations(g, 2)]


def test_a_world_cafe_of_20_sits_at_4_tables_whose_hosts_stay_all_rounds(
    make_session: MakeSession,
) -> None:
    session = _cafe(make_session)
    rounds = [session.state.seating[i] for i in (1, 2, 3)]
    for seating in rounds:
        assert sorted(len(g) for g in seating.groups) == [5, 5, 5, 5]
        assert sorted(p for g in seating.groups for p in g) == sorted(CAFE)
        assert [g[0] for g in seating.groups] == list(seating.hosts)
    assert rounds[0].hosts == rounds[1].hosts == rounds[2].hosts
    assert session.state.roles[None]["host"] == rounds[0].hosts


def test_the_travellers_mostly_meet_new_people(make_session: MakeSession) -> None:
    session = _cafe(make_session)
    met = _meetings([session.state.seating[i] for i in (1, 2, 3)])
    assert len(met) - len(set(met)) <= 10  # of 120 meetings at the tables


def test_the_groups_of_all_rounds_are_recorded_when_the_phase_starts(
    make_session: MakeSession,
) -> None:
    session = make_session("world-cafe", CAFE)
    session.start()
    entries = session.next()
    assert [e.event.step for e in entries if isinstance(e.event, GroupsSet)] == [1, 2, 3]


def test_going_back_over_a_round_keeps_its_tables_and_restarts_its_time(
    make_session: MakeSession, clock: FakeClock
) -> None:
    session = _cafe(make_session)
    first = session.state.seating[1]
    clock.advance(1200)
    session.next()
    clock.advance(300)
    entries = session.back()
    assert types(entries) == ["step_started"]
    assert session.state.step is not None and session.state.step.round == 1
    assert session.state.seating[1] == first
    assert session.remaining() == 1200


def test_a_late_arrival_joins_a_table_now_and_is_mixed_into_the_later_rounds(
    make_session: MakeSession,
) -> None:
    session = _cafe(make_session)
    before = session.state.seating[1]
    entries = session.add_participant("Zora")
    assert types(entries)[0] == "participant_added"
    now = session.state.seating[1]
    assert sum(len(g) for g in now.groups) == 21
    assert [g[: len(b)] for g, b in zip(now.groups, before.groups, strict=True)] == list(
        before.groups
    )  # nobody already seated had to move
    for later in (2, 3):
        seating = session.state.seating[later]
        assert "Zora" in {p for g in seating.groups for p in g}
        assert max(len(g) for g in seating.groups) <= 5  # a fifth table opens, with its host
        assert seating.hosts[:4] == before.hosts
    assert "Zora" in session.state.roles[None]["traveller"]


def test_an_early_leave_empties_the_seat_and_a_host_who_leaves_is_replaced(
    make_session: MakeSession,
) -> None:
    session = _cafe(make_session)
    host = session.state.seating[1].hosts[0]
    session.remove_participant(host)
    for index in (1, 2, 3):
        seating = session.state.seating[index]
        assert host not in {p for g in seating.groups for p in g}
        assert host not in seating.hosts and len(seating.hosts) == len(seating.groups)
    assert host not in session.state.roles[None]["host"]


def test_the_rounds_already_held_stay_as_they_were_after_a_late_arrival(
    make_session: MakeSession, clock: FakeClock
) -> None:
    session = _cafe(make_session)
    session.next()
    held = session.state.seating[1]
    session.add_participant("Zora")
    assert session.state.seating[1] == held


def test_people_can_only_be_added_once_and_removed_when_there(kb: Session) -> None:
    with pytest.raises(CommandError, match="already taking part"):
        kb.add_participant("anna")
    with pytest.raises(CommandError, match="not taking part"):
        kb.remove_participant("Zoe")
    assert types(kb.add_participant()) == ["participant_added", "roles_cast"]
    assert kb.state.people[-1] == "7"


def test_the_group_decides_plenum_instead_of_two_groups(make_session: MakeSession) -> None:
    session = make_session("world-cafe", CAFE)
    session.start()
    session.set_arrangement("plenum", phase="runden")
    entries = session.next()
    assert types(entries) == ["step_started"]
    assert session.state.arrangement_kind(1).value == "plenum"
    assert 1 not in session.state.seating


def test_the_group_splits_the_current_phase_into_two_groups(kb: Session) -> None:
    kb.next()
    entries = kb.set_arrangement("groups", count=2)
    assert types(entries) == ["arrangement_set", "groups_set"]
    seating = kb.state.seating[1]
    assert sorted(len(g) for g in seating.groups) == [3, 3]
    kb.note("Gruppe zwei sammelt Fragen", table=2)
    assert kb.state.collecting.notes[-1].table == 2


def test_an_arrangement_that_does_not_fit_the_room_is_refused(kb: Session) -> None:
    with pytest.raises(CommandError, match="cannot be arranged as groups"):
        kb.set_arrangement("groups", count=9)
    with pytest.raises(CommandError, match="no arrangement; choose one of plenum"):
        kb.set_arrangement("circle")
    with pytest.raises(CommandError, match="only applies to groups"):
        kb.set_arrangement("plenum", size=3)


def test_when_too_few_are_left_for_tables_the_round_is_held_in_plenum(
    make_session: MakeSession,
) -> None:
    session = make_session("world-cafe", CAFE[:12])
    session.start()
    for name in CAFE[:10]:
        session.remove_participant(name)
    entries = session.next()
    assert types(entries) == ["step_started", "arrangement_set"]
    reason = session.state.arrangements[1].reason
    assert reason is not None and reason.startswith("2 people cannot be arranged")


def test_a_gallery_walk_moves_each_team_on_to_every_station_and_back_to_its_own(
    make_session: MakeSession,
) -> None:
    session = make_session("gallery-walk", 20)
    session.start()
    session.next()
    walk = [session.state.seating[i] for i in range(1, 6)]
    assert all(s.groups == walk[0].groups for s in walk)
    for team in range(5):
        assert sorted(s.stations[team] for s in walk) == [1, 2, 3, 4, 5]
    for _ in range(5):
        session.next()
    back_home = session.state.seating[6]
    assert back_home.groups == walk[0].groups
    assert back_home.stations == walk[0].stations


def test_team_tango_dancers_get_a_new_partner_every_round(make_session: MakeSession) -> None:
    session = make_session("team-tango", 10)
    session.start()
    session.next()
    session.next()
    rounds = [session.state.seating[i] for i in (2, 3, 4)]
    assert all(len(s.groups) == 5 and {len(g) for g in s.groups} == {2} for s in rounds)
    met = _meetings(rounds)
    assert len(met) == len(set(met))
    for _ in range(3):
        session.next()
    assert session.state.seating[5].groups == rounds[-1].groups  # feedback with the last partner


def test_an_odd_number_of_dancers_makes_one_trio(make_session: MakeSession) -> None:
    session = make_session("team-tango", 9)
    session.start()
    session.jump(phase="fuehren-und-folgen")
    sizes = sorted(len(g) for g in session.state.seating[2].groups)
    assert sizes == [2, 2, 2, 3]
