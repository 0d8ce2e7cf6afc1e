"""Collecting during the session: notes, ideas, harvest, key questions, proposals, consent.

Everything the group produces is an event, so it survives a crash, replays into the same
state, and reaches embedders and the headless runner through the same commands.
"""

from __future__ import annotations

import io
import json

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.headless import serve
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.session_files import format_path

from .story import KEY_QUESTIONS, beratung


def _cafe(people: int = 12) -> Session:
    text = format_path("world-cafe").read_text(encoding="utf-8")
    plan = make_plan(parse_format(text), Settings(people=People(people), start=14 * 3600))
    clock = FakeClock.local(2026, 12, 1, 14, 0)
    session = Session.create(plan, clock=clock, format_text=text, seed=3, mix_seconds=0.05)
    session.start()
    return session


def test_a_replayed_beratung_has_collected_exactly_what_the_live_one_did() -> None:
    session = beratung()
    again = Session.replay(session.journal, FakeClock(session.clock.now()))
    assert again.state.collecting == session.state.collecting
    assert again.state.cases == session.state.cases
    assert again.state.collecting.key_question(2) is not None
    assert again.state.collecting.key_question(2).text == KEY_QUESTIONS[2]  # type: ignore[union-attr]


def test_a_table_host_writes_the_tablecloth_notes_and_the_harvest_of_her_table() -> None:
    session = _cafe()
    while session.state.step is not None and session.state.step.phase.id != "runden":
        session.next()
    tables = len(session.state.seating[session.state.timer.step].groups)  # type: ignore[union-attr]
    session.send({"command": "note", "text": "Spielplatz fehlt", "table": 2})
    session.send({"command": "harvest", "text": "Mehr Grün im Hof", "table": tables})
    with pytest.raises(CommandError, match=f"There is no table {tables + 1} now"):
        session.send({"command": "idea", "text": "Bank am Brunnen", "table": tables + 1})
    harvest = session.state.collecting.harvest[0]
    assert (harvest.table, harvest.text) == (tables, "Mehr Grün im Hof")
    assert harvest.step == session.state.timer.step  # type: ignore[union-attr]


def test_a_later_key_question_replaces_the_earlier_one_of_its_case() -> None:
    session = beratung(finish=False)
    session.jump(phase="schluesselfrage", case=1)
    session.send({"command": "question", "text": "Was brauchen die Eltern wirklich?"})
    assert session.state.collecting.key_question(1).text == "Was brauchen die Eltern wirklich?"  # type: ignore[union-attr]
    with pytest.raises(CommandError, match="There is no case 4; the cases are 1 to 3"):
        session.key_question("Welche?", case=4)


def test_proposals_are_named_once_and_by_people_in_the_room() -> None:
    session = _cafe()
    session.propose("Nachbarschaftsfest")
    with pytest.raises(CommandError, match="has been proposed already"):
        session.propose("nachbarschaftsfest")
    with pytest.raises(CommandError, match="'Zoe' is not taking part"):
        session.propose("Hofflohmarkt", owner="Zoe")
    with pytest.raises(CommandError, match="A proposal needs some text"):
        session.send({"command": "case", "text": "  "})


def test_consent_is_for_a_case_that_exists_and_cannot_be_withdrawn_twice() -> None:
    session = beratung(finish=False)
    with pytest.raises(CommandError, match="There is no case 5"):
        session.consent(case=5)
    with pytest.raises(CommandError, match="Case 2 has no consent to withdraw"):
        session.withdraw_consent(case=2)
    cafe = _cafe()
    with pytest.raises(CommandError, match="consults no cases"):
        cafe.consent()


def test_a_decision_and_the_details_of_the_day_go_into_the_protocol() -> None:
    session = _cafe()
    session.send({"command": "decision", "text": "Wir treffen uns im März wieder."})
    session.send({"command": "details", "title": "Quartierscafé Nord", "place": "Bürgerhaus"})
    session.send({"command": "details", "place": ""})
    details = session.state.collecting.details
    assert (details.title, details.place) == ("Quartierscafé Nord", None)
    with pytest.raises(CommandError, match="Give a title, a place or both"):
        session.send({"command": "set_details"})


def test_a_finished_session_takes_no_more_notes_or_ideas() -> None:
    session = beratung()
    for command in ("note", "idea", "harvest", "decision"):
        with pytest.raises(CommandError, match="This session has finished"):
            session.send({"command": command, "text": "zu spät"})


def test_commands_name_the_field_that_is_wrong() -> None:
    session = _cafe()
    with pytest.raises(CommandError, match='"vote": "points" must be an object of option'):
        session.send({"command": "vote", "points": [1, 2]})
    with pytest.raises(CommandError, match='"tally" needs the field "counts"'):
        session.send({"command": "tally"})


def test_the_headless_runner_takes_a_whole_case_collection_and_vote() -> None:
    text = format_path("kollegiale-beratung").read_text(encoding="utf-8")
    plan = make_plan(
        parse_format(text), Settings(people=People.of_names(["A", "B", "C", "D", "E"]), cases=2)
    )
    session = Session.create(plan, clock=FakeClock.local(2026, 11, 21, 9, 0), format_text=text)
    lines = [
        {"command": "case", "text": "Fall eins", "owner": "A"},
        {"command": "case", "text": "Fall zwei", "owner": "B"},
        {"command": "case", "text": "Fall drei", "owner": "C"},
        {"command": "next"},
        {"command": "open_vote"},
        {"command": "vote", "voter": "A", "points": {"2": 1}},
        {"command": "vote", "voter": "B", "points": {"3": 1}},
        {"command": "vote", "voter": "C", "points": {"2": 1}},
        {"command": "close_vote"},
        {"command": "vote", "voter": "D", "points": {"1": 1}},
    ]
    out = io.StringIO()
    serve(session, io.StringIO("".join(json.dumps(line) + "\n" for line in lines)), out)
    said = [json.loads(line) for line in out.getvalue().splitlines()]
    types = [line["type"] for line in said]
    assert types.count("proposal_added") == 3 and types.count("ballot_cast") == 3
    assert "vote_opened" in types and "vote_closed" in types
    chosen = next(line for line in said if line["type"] == "cases_chosen")
    assert (chosen["cases"], chosen["givers"]) == (["Fall zwei", "Fall drei"], ["B", "C"])
    assert said[-2]["type"] == "error" and "closed" in said[-2]["message"]
