"""Nothing of a case leaves the session unless the case giver agrees: in every output.

Dora told the group in case 2 that "Frau K. ist seit März krankgeschrieben". She does not
allow her case into the protocol, so neither that note nor the title of her case, her key
question or the consultants' ideas may appear in any export, built-in or a plugin's. On the
morning when she agrees, they appear.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

import pytest

from formatkern.engine import CommandError, Session
from formatkern.extensions import OutputType
from formatkern.hookspecs import hookimpl
from formatkern.model import Text
from formatkern.outputs import export
from formatkern.outputs.redact import WITHHELD
from formatkern.plugins import Plugins
from formatkern.record import session_record

from .story import IDEAS, KEY_QUESTIONS, SECRET, beratung

CASE_TWO = "Nachbarschaftsstreit im Hof"
WHAT_DORA_SAID = (SECRET, CASE_TWO, KEY_QUESTIONS[2], *IDEAS[2])

seen: list[Mapping[str, Any]] = []


def _spy(record: Mapping[str, Any], lang: str) -> str:
    """A plugin's output that writes everything it is given."""
    seen.append(record)
    return json.dumps(record, ensure_ascii=False)


@hookimpl
def register_outputs(register: Callable[[OutputType], None]) -> None:
    register(OutputType("spy", Text.same("Spy"), ".txt", _spy))


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    """The built-in outputs, the calendar plugin (when installed) and a spying plugin."""
    manager = Plugins(load_installed=False)
    manager.register_module(SimpleNamespace(register_outputs=register_outputs), "spy")
    try:
        import formatkern_ics
    except ImportError:  # pragma: no cover - the plugin is installed by `make test`
        pass
    else:
        manager.register_module(formatkern_ics, "ics")
    return manager


def _text(content: str | bytes) -> str:
    return content.decode("utf-8") if isinstance(content, bytes) else content


@pytest.mark.parametrize("to", ["md", "html", "json", "csv", "ics", "spy"])
def test_a_confidential_note_of_case_two_never_reaches_an_export_without_consent(
    session: Session, plugins: Plugins, to: str
) -> None:
    if to not in plugins.outputs():
        pytest.skip(f"the {to} plugin is not installed")
    content = _text(export(session, to=to, plugins=plugins))
    for words in WHAT_DORA_SAID:
        assert words not in content, f"{words!r} leaked into the {to} export"
    assert "Kita-Übergang" in content or to in ("ics",), "case 1 has consent and should show"


@pytest.mark.parametrize("to", ["md", "html", "json", "spy"])
def test_the_note_appears_once_dora_agrees(
    everyone_agrees: Session, plugins: Plugins, to: str
) -> None:
    content = _text(export(everyone_agrees, to=to, plugins=plugins))
    assert SECRET in content
    assert KEY_QUESTIONS[2] in content


def test_the_csv_holds_groups_and_roles_only_and_names_case_two_only_with_consent(
    session: Session, everyone_agrees: Session
) -> None:
    without = _text(export(session, to="csv"))
    with_consent = _text(export(everyone_agrees, to="csv"))
    assert CASE_TWO not in without
    assert CASE_TWO in with_consent
    assert SECRET not in with_consent  # notes are for the protocol, not for table lists


def test_the_calendar_shows_the_agenda_never_a_case(
    everyone_agrees: Session, plugins: Plugins
) -> None:
    if "ics" not in plugins.outputs():
        pytest.skip("the ics plugin is not installed")
    content = _text(export(everyone_agrees, to="ics", plugins=plugins))
    assert "Spontanerzählung" in content
    assert SECRET not in content


def test_a_plugin_is_handed_the_redacted_record_not_the_raw_one(
    session: Session, plugins: Plugins
) -> None:
    seen.clear()
    export(session, to="spy", plugins=plugins)
    (record,) = seen
    case_two = record["cases"][1]
    assert case_two["title"] is None and case_two["withheld"] is True
    assert case_two["key_question"] is None
    hidden = [i for i in record["items"] if i["case"] == 2]
    assert hidden and all(i["text"] is None and i["withheld"] for i in hidden)


def test_the_protocol_says_that_case_two_was_left_out(session: Session) -> None:
    text = _text(export(session, to="md"))
    assert "### Fall 2: Inhalt vertraulich" in text
    assert "Ausgelassen: 4 Einträge." in text
    english = _text(export(session, to="md", lang="en"))
    assert "### Case 2: Content confidential" in english


def test_the_events_in_the_record_carry_a_marker_where_the_note_was(session: Session) -> None:
    record = session_record(session)
    notes = [e["event"] for e in record["events"] if e["event"]["type"] == "note_added"]
    assert [n["text"] for n in notes].count(WITHHELD) == 2  # Cem's remark and Dora's account
    assert all(SECRET not in json.dumps(e) for e in record["events"])


def test_an_anonymous_vote_keeps_who_voted_for_what_out_of_the_record(session: Session) -> None:
    record = session_record(session)
    ballots = [e["event"] for e in record["events"] if e["event"]["type"] == "ballot_cast"]
    assert len(ballots) == 6 and all(b["voter"] is None for b in ballots)
    assert record["votes"][0]["named_ballots"] == []


def test_a_withdrawn_consent_takes_the_case_out_again() -> None:
    session = beratung(consents=(1, 2, 3))
    session.send({"command": "withdraw_consent", "case": 2})
    assert SECRET not in _text(export(session, to="html"))


def test_only_the_case_giver_can_allow_a_case_out(session: Session) -> None:
    again = beratung(finish=False)
    with pytest.raises(CommandError, match="Only the case giver of case 2, Dora"):
        again.send({"command": "consent", "case": 2, "by": "Emil"})
    again.finish()
    again.send({"command": "consent", "case": 2, "by": "Dora"})  # after the end, too
    assert SECRET in _text(export(again, to="md"))


def test_content_of_a_confidential_phase_outside_any_case_never_leaves(
    everyone_agrees: Session,
) -> None:
    """Cem's remark in the case collection belongs to no case: nobody can consent for it."""
    text = _text(export(everyone_agrees, to="md"))
    assert "nächsten Mal" not in text
    assert "Inhalt vertraulich: 1 Eintrag ausgelassen." in text


def test_a_withheld_text_quoted_elsewhere_is_taken_out_there_too() -> None:
    session = beratung(finish=False)
    session.finish()
    session.send({"command": "set_details", "title": f"Nachgespräch: {SECRET}"})
    record = session_record(session)
    assert SECRET not in json.dumps(record, ensure_ascii=False)
    assert WITHHELD in record["title"]
