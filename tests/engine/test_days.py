"""Running a whole day: the example days from the first block to the last, with named people.

A day resumes from its journal alone; groups and roles are made block by block among the
block's people; the team day's afternoon goes on with the morning's cases; running late in the
morning shows in the projection, and fitting brings the day back to its end.
"""

from __future__ import annotations

import io
import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from formatkern.agenda import catalog_resolver, load_agenda, parse_agenda
from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.headless import serve
from formatkern.model import Day
from formatkern.participants import People
from formatkern.plan import Plan, Settings, make_plan
from formatkern.session_files import stored
from formatkern.state import SessionState

from .room import types

ROOT = Path(__file__).resolve().parents[2]
AGENDAS = ROOT / "formats" / "agendas"
CONFERENCE = AGENDAS / "sozialraum-konferenz.toml"
TEAM_DAY = AGENDAS / "qm-teamtag.toml"
WORKSHOP = AGENDAS / "lernwerkstatt.toml"

TEAM = ["Anna", "Ben", "Cem", "Dora", "Emil", "Fritz", "Gül", "Hanna"]


def names(n: int) -> list[str]:
    return [f"P{i:02d}" for i in range(1, n + 1)]


def open_day(day: Day, text: str, people: list[str], *, seed: int = 0) -> tuple[Session, FakeClock]:
    """A session of the day for these people, planned from its first block's time (else 09:00)
    on a Monday, the fake clock standing at that time."""
    start = day.parts[0].at or 9 * 3600
    plan = make_plan(day, Settings(People.of_names(people), start=start))
    clock = FakeClock.local(2026, 3, 2, start // 3600, start % 3600 // 60)
    session = Session.create(plan, clock=clock, format_text=text, seed=seed, mix_seconds=0.2)
    return session, clock


def open_file(path: Path, people: list[str], *, seed: int = 0) -> tuple[Session, FakeClock]:
    return open_day(load_agenda(path), path.read_text(encoding="utf-8"), people, seed=seed)


def run_to_end(session: Session, clock: FakeClock) -> int:
    """Start (if need be) and go through every step a minute each; the number of steps held."""
    if session.state.mode.value == "ready":
        session.start()
    held = 0
    while session.state.finished_at is None:
        clock.advance(61)
        session.tick()
        session.next()
        held += 1
    return held


def run_until(session: Session, clock: FakeClock, phase_id: str) -> None:
    """Start and go on step by step until a step of `phase_id` runs."""
    session.start()
    while session.state.step is None or session.state.step.phase.id != phase_id:
        assert session.state.finished_at is None, f"no step {phase_id}"
        clock.advance(61)
        session.tick()
        session.next()


def indexes(plan: Plan, *phase_ids: str) -> list[int]:
    return [s.index for s in plan.steps if s.phase.id in phase_ids]


def seated(state: SessionState, index: int) -> set[str]:
    seating = state.seating[index]
    return {p for group in seating.groups for p in group} | set(seating.observers)


def teams(state: SessionState, index: int) -> set[frozenset[str]]:
    return {frozenset(group) for group in state.seating[index].groups}


# -- every example day, start to finish --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "people"),
    [(CONFERENCE, 93), (TEAM_DAY, 8), (WORKSHOP, 24)],
    ids=["sozialraum-konferenz", "qm-teamtag", "lernwerkstatt"],
)
def test_each_example_day_runs_from_start_to_finish_and_resumes_from_its_journal(
    path: Path, people: int
) -> None:
    session, clock = open_file(path, names(people))
    plan = session.plan
    assert run_to_end(session, clock) == len(plan.steps)
    state = session.state
    assert state.mode.value == "finished"
    assert [step for step, _ in state.history] == list(range(len(plan.steps)))
    for index in state.seating:  # nobody is left out of the groups of a block for everyone
        assert seated(state, index) == set(names(people)), plan.steps[index].phase.id
    assert Session.replay(session.journal, clock).state == state
    kept = stored(session.journal.meta)
    assert kept.plan == plan
    assert kept.seed == session.seed


def test_a_day_resumes_from_its_session_file_when_the_agenda_and_its_formats_are_gone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "tag"
    folder.mkdir()
    shutil.copy(ROOT / "formats" / "1-2-4-all.toml", folder / "eigene-methode.toml")
    agenda = folder / "tag.toml"
    agenda.write_text(
        'agenda = 1\nid = "werkstatt"\ntitle = "Werkstatt"\n\n'
        '[[blocks]]\nformat = "eigene-methode.toml"\nid = "einstieg"\nat = "10:00"\n\n'
        '[[blocks]]\nkind = "break"\nid = "pause"\nduration = "10m"\n\n'
        '[[blocks]]\nformat = "world-cafe"\nid = "cafe"\n',
        encoding="utf-8",
    )
    day = load_agenda(agenda)
    plan = make_plan(day, Settings(People.of_names(names(16)), start=10 * 3600))
    clock = FakeClock.local(2026, 3, 2, 10, 0)
    file = tmp_path / "werkstatt.formatkern"
    session = Session.create(
        plan, clock=clock, path=file, format_text=agenda.read_text(encoding="utf-8")
    )
    session.start()
    for _ in range(6):
        clock.advance(61)
        session.next()
    before = session.state
    assert before.step is not None and before.step.phase.id.startswith("cafe.")
    session.close()
    shutil.rmtree(folder)

    with Session.open(file, clock) as resumed:
        assert resumed.plan == plan
        assert resumed.state == before
        assert set(resumed.journal.meta.settings["formats"]) == {
            "eigene-methode.toml",
            "world-cafe",
        }
        assert run_to_end(resumed, clock) == len(plan.steps) - 6  # the rest, then the end


def test_a_days_session_takes_commands_as_json_lines_with_the_blocks_role_ids() -> None:
    session, _ = open_file(TEAM_DAY, TEAM[:6])
    plan = session.plan
    lines = [
        {"command": "cast", "roles": {"vormittag.moderator": ["Cem"]}, "case": 1},
        {"command": "cast", "roles": {"moderator": ["Cem"]}, "case": 1},
        *[{"command": "next"}] * len(plan.steps),
    ]
    out = io.StringIO()
    serve(session, io.StringIO("".join(json.dumps(line) + "\n" for line in lines)), out)
    said = [json.loads(line) for line in out.getvalue().splitlines()]
    errors = [line["message"] for line in said if line["type"] == "error"]
    assert len(errors) == 1
    assert "'moderator' is no role cast per case (case 1)" in errors[0]
    assert "vormittag.moderator" in errors[0]
    assert [line["type"] for line in said].count("step_started") == len(plan.steps)
    assert any(line["type"] == "finished" for line in said)
    assert session.state.roles[1]["vormittag.moderator"] == ("Cem",)


# -- the conference: the Gallery Walk keeps the groups of the group work -----------------------


def walk_of(session: Session, clock: FakeClock) -> tuple[Plan, SessionState]:
    run_until(session, clock, "galerie.bericht")
    return session.plan, session.state


def check_the_walk(plan: Plan, state: SessionState) -> None:
    """The teams at the stations are the groups of the group work; each visits every poster
    once and goes back to its own."""
    (last_round,) = [i for i in indexes(plan, "leitfragen") if plan.steps[i].round == 4]
    groups = teams(state, last_round)
    assert len(groups) == 19
    walk = indexes(plan, "galerie.rundgang")
    back = indexes(plan, "galerie.rueckkehr")
    fell_back = {i: state.arrangements[i].reason for i in walk + back if i in state.arrangements}
    assert fell_back == {}, "the walk was not arranged as planned"
    for index in walk + back:
        assert index in state.seating, plan.steps[index].phase.id
        assert teams(state, index) == groups
    visited: defaultdict[frozenset[str], list[int]] = defaultdict(list)
    for index in walk:
        seating = state.seating[index]
        for group, station in zip(seating.groups, seating.stations, strict=True):
            visited[frozenset(group)].append(station)
    assert all(sorted(v) == list(range(1, 20)) for v in visited.values())
    home = state.seating[back[0]]
    for group, station in zip(home.groups, home.stations, strict=True):
        assert visited[frozenset(group)][0] == station


def test_the_gallery_walk_visits_the_posters_in_the_groups_of_the_group_work() -> None:
    session, clock = open_file(CONFERENCE, names(93))
    check_the_walk(*walk_of(session, clock))


def test_with_the_station_count_written_out_the_gallery_walk_keeps_the_groups() -> None:
    text = CONFERENCE.read_text(encoding="utf-8")
    counted = text.replace(
        '{ kind = "stations", keep = "leitfragen" }',
        '{ kind = "stations", count = 19, keep = "leitfragen" }',
    )
    assert counted.count("count = 19, keep") == 2
    day = parse_agenda(counted, "konferenz.toml", catalog_resolver(AGENDAS))
    session, clock = open_day(day, counted, names(93))
    check_the_walk(*walk_of(session, clock))


# -- the team day: five cases, five different tellers ------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("size", [5, 8])
def test_the_team_day_consults_five_cases_told_by_five_different_colleagues(
    size: int, seed: int
) -> None:
    team = TEAM[:size]
    session, clock = open_file(TEAM_DAY, team, seed=seed)
    run_to_end(session, clock)
    roles = session.state.roles
    assert sorted(k for k in roles if k is not None) == [1, 2, 3, 4, 5]
    tellers = [roles[case]["vormittag.fallerzaehler"] for case in range(1, 6)]
    assert all(len(teller) == 1 for teller in tellers)
    assert len({teller[0] for teller in tellers}) == 5  # nobody tells twice
    if size == 5:
        assert {teller[0] for teller in tellers} == set(team)  # everyone once
    for case in range(1, 6):
        held = {p for people in roles[case].values() for p in people}
        assert held <= set(team)
        assert set(roles[case]["vormittag.berater"]) == set(team) - {
            *roles[case]["vormittag.moderator"],
            *roles[case]["vormittag.fallerzaehler"],
        }


def test_the_afternoon_goes_on_with_the_cases_collected_in_the_morning() -> None:
    session, clock = open_file(TEAM_DAY, TEAM[:6])
    run_until(session, clock, "vormittag.fallauswahl")
    givers = ["Emil", "Dora", "Cem", "Ben", "Anna"]
    session.choose_cases(
        ["Kita", "Förderantrag", "Nachbarschaft", "Spielplatz", "Ehrenamt"], givers
    )
    afternoon = indexes(session.plan, "nachmittag.casting")
    assert [session.plan.steps[i].case for i in afternoon] == [4, 5]
    run_to_end(session, clock)
    roles = session.state.roles
    assert [roles[case]["vormittag.fallerzaehler"] for case in range(1, 6)] == [
        (giver,) for giver in givers
    ]
    assert [c.title for c in session.state.cases][3:] == ["Spielplatz", "Ehrenamt"]


# -- a block for some of the people ------------------------------------------------------------

KERN = names(6)
CAFE_PEOPLE = names(18)[6:]


def subset_day(tmp_path: Path) -> tuple[Day, str]:
    """Arrival in pairs for all 20, a core group of six, a World Café for twelve others, and
    groups of four for all again."""
    text = f"""\
agenda = 1
id = "werkstatt-tag"
title = "Werkstatttag"

[[blocks]]
id = "ankommen"
kind = "free"
title = "Ankommen"
duration = "10m"
arrangement = "pairs"

[[blocks]]
id = "kern"
kind = "free"
title = "Kerngruppe"
duration = "20m"
arrangement = {{ kind = "groups", size = 3 }}
participants = {json.dumps(KERN)}

[[blocks]]
format = "world-cafe"
id = "cafe"
participants = {json.dumps(CAFE_PEOPLE)}

[[blocks]]
id = "alle"
kind = "free"
title = "Alle in Gruppen"
duration = "15m"
arrangement = {{ kind = "groups", size = 4 }}
"""
    path = tmp_path / "tag.toml"
    path.write_text(text, encoding="utf-8")
    return load_agenda(path), text


def test_a_block_for_some_seats_and_casts_only_them_and_the_others_seat_everyone(
    tmp_path: Path,
) -> None:
    day, text = subset_day(tmp_path)
    everyone = names(20)
    session, clock = open_day(day, text, everyone)
    plan = session.plan
    assert plan.roles == {"cafe.host": 3, "cafe.traveller": 9}
    run_to_end(session, clock)
    state = session.state
    (kern,) = indexes(plan, "kern")
    assert seated(state, kern) == set(KERN)
    assert len(state.seating[kern].groups) == 2
    tables = indexes(plan, "cafe.runden")
    assert len(tables) == 3
    for index in tables:
        assert seated(state, index) == set(CAFE_PEOPLE)
    for phase in ("ankommen", "alle"):
        (index,) = indexes(plan, phase)
        assert seated(state, index) == set(everyone)
    cast = state.roles[None]
    assert len(cast["cafe.host"]) == 3
    assert set(cast["cafe.host"]) | set(cast["cafe.traveller"]) == set(CAFE_PEOPLE)
    assert set(cast["cafe.host"]) == set(state.seating[tables[0]].hosts)
    assert Session.replay(session.journal, clock).state == state


# -- running late, and fitting the day to its end ----------------------------------------------


def test_a_delay_smaller_than_the_buffer_before_lunch_keeps_lunch_and_the_end_on_time() -> None:
    session, clock = open_file(TEAM_DAY, TEAM)
    plan = session.plan
    session.start()
    clock.advance(15 * 60)  # the arrival takes its 15 minutes
    session.tick()
    session.next()
    clock.advance(40 * 60)  # the news take 40 minutes instead of 30
    session.tick()
    late = session.projection()
    (lunch,) = indexes(plan, "mittagspause")
    starts = {item.index: item.start for item in late.steps}
    assert starts[lunch] == FakeClock.local(2026, 3, 2, 12, 30).now()
    assert late.behind == 0
    assert late.end == FakeClock.local(2026, 3, 2, 14, 50).now()


def test_running_late_in_the_morning_moves_the_projected_end_and_fit_brings_it_back() -> None:
    session, clock = open_file(TEAM_DAY, TEAM)
    plan = session.plan
    session.start()
    on_time = session.projection()
    assert on_time.end == on_time.agenda_end == FakeClock.local(2026, 3, 2, 14, 50).now()

    clock.advance(15 * 60)  # the arrival takes its 15 minutes
    session.tick()
    session.next()
    clock.advance(50 * 60)  # the news take 50 minutes instead of 30
    session.tick()
    late = session.projection()
    # the 15 minutes of buffer before lunch take up 15 of the 20 minutes late
    (lunch,) = indexes(plan, "mittagspause")
    starts = {item.index: item.start for item in late.steps}
    assert starts[lunch] == FakeClock.local(2026, 3, 2, 12, 35).now()
    assert late.behind == 5 * 60
    assert late.end == FakeClock.local(2026, 3, 2, 14, 55).now()
    assert late.overrun == 5 * 60

    assert types(session.fit_to_end()) == ["fitted"]
    state = session.state
    fitted = session.projection()
    assert fitted.must_end - 60 < fitted.end <= fitted.must_end
    ahead = state.upcoming()
    assert state.step is not None and all(i > state.step.index for i in ahead)
    for index in ahead:
        step = plan.steps[index]
        if plan.is_buffer(index):
            assert state.seconds_of(index) == 0  # the buffer is used up
            continue
        assert step.min_seconds <= state.seconds_of(index) <= step.seconds, step.phase.id
    assert state.seconds_of(lunch) == 45 * 60  # lunch is not cut
    assert sum(plan.steps[i].seconds - state.seconds_of(i) for i in ahead) >= 20 * 60 - 60

    while session.state.finished_at is None:  # every later step takes just its new time
        clock.advance(max(0.0, session.remaining() or 0.0))
        session.tick()
        session.next()
    assert session.state.finished_at <= fitted.must_end


def test_reached_ten_minutes_late_the_buffer_runs_only_until_lunch_at_half_past_twelve() -> None:
    session, clock = open_file(TEAM_DAY, TEAM)
    plan = session.plan
    (buffer,) = [s.index for s in plan.steps if plan.is_buffer(s.index)]
    (lunch,) = indexes(plan, "mittagspause")
    session.start()
    while session.state.step is not None and session.state.step.index < buffer:
        step = session.state.step
        late = 10 * 60 if step.index == 0 else 0  # the arrival takes ten minutes longer
        clock.advance(session.state.seconds_of(step.index) + late)
        session.tick()
        session.next()
    assert session.state.step is not None and session.state.step.index == buffer
    assert session.remaining() == 5 * 60  # 15 minutes of buffer, 10 of them already used
    clock.advance(5 * 60)
    session.tick()
    session.next()
    assert session.state.step is not None and session.state.step.index == lunch
    assert clock.now() == FakeClock.local(2026, 3, 2, 12, 30).now()


def test_the_buffer_is_skipped_in_effect_when_the_morning_ran_past_it() -> None:
    session, clock = open_file(TEAM_DAY, TEAM)
    plan = session.plan
    (buffer,) = [s.index for s in plan.steps if plan.is_buffer(s.index)]
    session.start()
    while session.state.step is not None and session.state.step.index < buffer:
        step = session.state.step
        late = 20 * 60 if step.index == 0 else 0
        clock.advance(session.state.seconds_of(step.index) + late)
        session.tick()
        session.next()
    assert session.remaining() == 0  # lunch is due already: nothing is left of the buffer


def test_the_protocol_of_the_day_names_the_block_of_every_phase() -> None:
    from formatkern.outputs.markdown import render
    from formatkern.record import session_record

    session, clock = open_file(TEAM_DAY, TEAM)
    run_to_end(session, clock)
    text = render(session_record(session), "de")
    assert "| Block | Phase |" in text
    morning = [line for line in text.splitlines() if "Kollegiale Beratung am Vormittag" in line]
    afternoon = [line for line in text.splitlines() if "Kollegiale Beratung am Nachmittag" in line]
    assert any("Fallsammlung" in line for line in morning)
    assert any("Fall 4" in line for line in afternoon)
    assert not any("Fall 4" in line for line in morning)
    assert "|  | Mittagspause | 12:30–13:15 |" in text  # a break is a block of its own
