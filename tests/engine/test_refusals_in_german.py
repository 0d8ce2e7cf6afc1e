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
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan

from .room import MakeSession

SOURCES = Path(formatkern.__file__).resolve().parent
REFUSING = ("engine.py", "arranging.py", "voting.py", "collecting.py")

STRICT = """
format = 1
id = "streng"
title = "Streng gepunktet"
participants = { min = 3 }

[[phases]]
id = "vorschlaege"
title = "Vorschläge"
duration = "10m"
collect = "ideas"

[[phases]]
id = "punkten"
title = "Punkten"
duration = "5m"
collect = "vote"
vote = { stacking = false, own = false, anonymous = false, choose = 2 }
"""
"""A dot vote with strict rules: no stacking, not on one's own proposal, named, two win."""


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


def strict_vote(points: int | None = None) -> Session:
    """A session whose named vote forbids stacking and one's own proposal, open for ballots."""
    team = ["Anna", "Ben", "Cem", "Dora"]
    plan = make_plan(parse_format(STRICT), Settings(people=People.of_names(team)))
    session = Session.create(plan, clock=FakeClock.local(2026, 3, 2, 9, 0), format_text=STRICT)
    session.start()
    for text, owner in (("Sommerfest", "Anna"), ("Repair-Café", "Ben"), ("Lesepaten", None)):
        session.propose(text, owner=owner)
    session.next()
    session.open_vote(points=points)
    return session


def test_more_points_than_a_person_has_are_refused_in_german() -> None:
    session = strict_vote(points=2)
    refused = refusal(lambda: session.vote({"1": 1, "2": 1, "3": 1}, voter="Cem"))
    assert refused.text("de") == (
        "Cem vergibt 3 Punkte, aber jede Person hat in dieser Abstimmung 2 Punkte."
    )
    assert str(refused) == "Cem gives 3 points, but each person has 2 in this vote."
    assert refused.text("en") == str(refused)


def test_stacked_points_are_refused_in_german_with_the_option_in_german() -> None:
    session = strict_vote(points=2)
    refused = refusal(lambda: session.vote({"Lesepaten": 2}, voter="Cem"))
    assert refused.text("de") == (
        "Punkte dürfen in dieser Abstimmung nicht gehäufelt werden: Höchstens 1 pro Option, "
        "aber 2 auf „Lesepaten“ (Option 3)."
    )
    assert str(refused) == (
        "Points may not be stacked in this vote: at most 1 per option, but 2 on "
        "'Lesepaten' (option 3)."
    )


def test_a_point_on_ones_own_proposal_is_refused_in_german() -> None:
    session = strict_vote()
    refused = refusal(lambda: session.vote({"1": 1}, voter="Anna"))
    assert refused.text("de") == (
        "Anna hat „Sommerfest“ (Option 1) eingebracht und darf in dieser Abstimmung keine "
        "Punkte auf den eigenen Vorschlag setzen."
    )
    assert str(refused) == (
        "Anna brought 'Sommerfest' (option 1) and may not give points to their own proposal "
        "in this vote."
    )


def test_a_count_of_the_wrong_length_is_refused_in_german() -> None:
    session = strict_vote()
    refused = refusal(lambda: session.tally([1, 2]))
    assert refused.text("de") == "Gib eine Zahl pro Option an: 3 Zahlen, nicht 2."
    assert str(refused) == "Give one count per option: 3 numbers, not 2."


def test_a_tie_at_the_border_is_told_in_german() -> None:
    session = strict_vote()
    session.vote({"2": 1}, voter="Anna")
    session.vote({"1": 1}, voter="Ben")
    session.vote({"3": 1}, voter="Cem")
    refused = refusal(session.close_vote)
    assert refused.text("de") == (
        "Gleichstand an der Grenze: „Sommerfest“ (Option 1) und „Repair-Café“ (Option 2) und "
        "„Lesepaten“ (Option 3) haben je 1 Punkt, für 2 Plätze. Entscheidet gemeinsam, dann "
        "schließ die Abstimmung mit den gewählten Optionen, z. B. winners [1, 2]."
    )
    assert str(refused) == (
        "Tie at the border: 'Sommerfest' (option 1) and 'Repair-Café' (option 2) and "
        "'Lesepaten' (option 3) have 1 points each, for 2 places. Decide together, then close "
        "the vote with the winners, e.g. winners [1, 2]."
    )
