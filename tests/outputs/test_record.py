"""The record every output renders: its keys, its times, and a session rebuilt from its JSON."""

from __future__ import annotations

import json

import pytest

from formatkern.engine import Session
from formatkern.outputs import RecordError, export, rebuild
from formatkern.outputs.redact import WITHHELD
from formatkern.record import RECORD_SCHEMA, session_record

from .story import beratung

PLAN_KEYS = {"schema", "kind", "format", "date", "start", "end", "participants", "agenda"}
SESSION_KEYS = {
    "lang",
    "title",
    "place",
    "status",
    "times",
    "role_titles",
    "roles",
    "cases",
    "proposals",
    "items",
    "votes",
    "choices",
    "market",
    "confidentiality",
    "source",
    "events",
}


def test_a_session_record_has_the_plan_records_keys_and_what_happened(session: Session) -> None:
    record = session_record(session)
    assert set(record) == PLAN_KEYS | SESSION_KEYS
    assert (record["schema"], record["kind"]) == (RECORD_SCHEMA, "session")
    assert (record["date"], record["place"], record["status"]) == (
        "2026-11-21",
        "Stadtteilbüro Nord",
        "finished",
    )
    assert record["participants"]["names"] == ["Anna", "Ben", "Cem", "Dora", "Emil", "Fatma"]
    json.dumps(record)  # plain data, nothing else


def test_each_step_has_its_planned_and_its_actual_times(session: Session) -> None:
    agenda = session_record(session)["agenda"]
    account = next(s for s in agenda if s["phase"] == "spontanerzaehlung" and s["case"] == 2)
    assert (account["start"], account["end"], account["seconds"]) == (
        "2026-11-21T10:00",
        "2026-11-21T10:10",
        600,
    )
    assert (account["actual_start"], account["actual_end"], account["actual_seconds"]) == (
        "2026-11-21T10:01:00",
        "2026-11-21T10:13:00",
        720,
    )
    assert account["confidential"] is True and account["status"] == "held"
    assert {s["status"] for s in agenda} == {"held"}


def test_a_running_session_shows_the_step_that_runs(session: Session) -> None:
    running = beratung(finish=False)
    last = session_record(running)["agenda"][-1]
    assert last["status"] == "running" and last["actual_end"] is None
    assert "läuft noch" in str(export(running, to="md"))


def test_the_json_record_rebuilds_the_session_with_the_content_marked_as_left_out(
    session: Session,
) -> None:
    made = json.loads(export(session, to="json"))
    again = rebuild(made)
    assert again.state.history == session.state.history
    assert again.state.roles == session.state.roles
    assert again.state.finished_at == session.state.finished_at
    assert again.state.collecting.votes[0].counts == (5, 3, 2, 1, 1)
    assert again.state.collecting.key_question(2).text == WITHHELD  # type: ignore[union-attr]
    assert again.state.cases[1].title == WITHHELD
    assert again.state.cases[0].title == "Kita-Übergang"


def test_a_record_of_a_state_alone_cannot_be_rebuilt(session: Session) -> None:
    record = session_record(session.state)
    assert record["events"] == [] and record["source"] is None
    with pytest.raises(RecordError, match="cannot be rebuilt"):
        rebuild(record)


def test_the_vote_is_ranked_with_its_tie_shown(session: Session) -> None:
    vote = session_record(session)["votes"][0]
    assert vote["ranking"] == [1, 2, 3, 4, 5]
    assert [o["points"] for o in vote["options"]] == [5, 3, 2, 1, 1]
    assert [o["rank"] for o in vote["options"]] == [1, 2, 3, 4, 4]
    assert vote["ties"] == [[4, 5]]
    assert vote["winners"] == [1, 2, 3] and vote["chooses_cases"] is True
    assert [o["case"] for o in vote["options"]] == [1, 2, 3, None, None]
