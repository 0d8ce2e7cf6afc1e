"""The engine's refusals in German for a German facilitator; the English stays as it was."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

import formatkern
from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.i18n import pick

from .room import MakeSession

SOURCES = Path(formatkern.__file__).resolve().parent
REFUSING = ("engine.py", "arranging.py", "voting.py", "collecting.py")


def refusal(command: Callable[[], object]) -> CommandError:
    """The refusal a command meets (it must meet one)."""
    with pytest.raises(CommandError) as caught:
        command()
    return caught.value


def test_a_finished_session_says_in_german_that_there_is_no_next_after_the_end(
    kb: Session,
) -> None:
    kb.finish()
    refused = refusal(kb.next)
    assert refused.text("de") == "Die Sitzung ist beendet; nach dem Ende gibt es kein „next“ mehr."
    assert str(refused) == "The session has finished; there is no next after the end."
    assert refused.text("en") == str(refused)


def test_after_the_end_a_note_is_refused_in_german_too(kb: Session) -> None:
    kb.finish()
    refused = refusal(lambda: kb.note("Noch eine Idee"))
    assert refused.text("de") == "Die Sitzung ist beendet."
    assert str(refused) == "This session has finished."


def test_someone_who_is_not_there_cannot_leave(kb: Session) -> None:
    refused = refusal(lambda: kb.remove_participant("Zora"))
    assert refused.text("de") == "„Zora“ nimmt (noch) nicht teil."
    assert str(refused) == "'Zora' is not taking part (yet)."


def test_a_note_for_a_table_that_is_not_there_names_the_tables_there_are(
    make_session: MakeSession,
) -> None:
    cafe = make_session("world-cafe", people=20)
    cafe.start()
    while cafe.state.timer is None or cafe.state.timer.step not in cafe.state.seating:
        cafe.next()  # on to the first round at the tables
    tables = len(cafe.state.seating[cafe.state.timer.step].groups)
    assert tables > 1
    refused = refusal(lambda: cafe.note("Tisch 9 braucht Stifte", table=9))
    assert refused.text("de") == f"Tisch 9 gibt es gerade nicht; die Tische sind 1 bis {tables}."
    assert str(refused) == f"There is no table 9 now; the tables are 1 to {tables}."


def test_in_the_plenum_an_idea_for_table_2_is_refused_because_all_sit_together(kb: Session) -> None:
    refused = refusal(lambda: kb.idea("Mehr Pausen", table=2))
    assert refused.text("de") == "Tisch 2 gibt es gerade nicht; alle sitzen zusammen."
    assert str(refused) == "There is no table 2 now; all sit together."


def test_the_first_step_has_nothing_before_it_in_the_sessions_own_title(kb: Session) -> None:
    assert kb.state.step is not None
    title = pick(kb.state.step.phase.title, "de")
    refused = refusal(kb.back)
    assert refused.text("de") == f"{title} ist der erste Schritt; davor gibt es nichts."
    assert str(refused) == f"{title} is the first step; there is nothing before it."


def test_shortening_by_more_than_is_left_says_so_in_german_minutes(
    kb: Session, clock: FakeClock
) -> None:
    clock.advance(200)  # the first step has five minutes: 1:40 are left
    refused = refusal(lambda: kb.shorten(180))
    assert "nur noch 1:40 Min. übrig" in refused.text("de")
    assert "Only 1:40 min are left" in str(refused)


def test_a_refusal_without_german_is_said_in_english_on_a_german_desk() -> None:
    refused = CommandError("Tie at the border.")
    assert refused.text("de") == "Tie at the border."
    assert CommandError("Tie.", de="Gleichstand.").text("en") == "Tie."


def refusals(path: Path, names: tuple[str, ...] = ("CommandError", "_refuse")) -> list[ast.Call]:
    """Every call of one of `names` (by default `CommandError(...)`, `_refuse(...)`) in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in names:
                found.append(node)
    return found


def without_german(name: str, calls: list[ast.Call]) -> list[str]:
    """The calls among `calls` that give no `de=`, as `module:line: source`."""
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return [
        f"{name}:{call.lineno}: {lines[call.lineno - 1].strip()}"
        for call in calls
        if not any(k.arg == "de" for k in call.keywords)
    ]


def test_every_refusal_of_the_engine_has_its_german_sentence() -> None:
    missing, seen = [], 0
    for name in REFUSING:
        calls = refusals(SOURCES / name)
        seen += len(calls)
        missing += without_german(name, calls)
    assert not missing, "refusals without German (de=...):\n" + "\n".join(missing)
    assert seen > 50, f"only {seen} refusals found: does the scan still see them?"


def test_every_complaint_of_a_ballot_has_its_german_sentence() -> None:
    calls = refusals(SOURCES / "voting.py", ("BallotError",))
    missing = without_german("voting.py", calls)
    assert not missing, "ballot complaints without German (de=...):\n" + "\n".join(missing)
    assert len(calls) > 15, f"only {len(calls)} ballot complaints found: does the scan see them?"
