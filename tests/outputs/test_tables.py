"""Table lists of a World Café: who sits at which table in which round, and who hosts it."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from formatkern.cli import cli
from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.loader import parse_format
from formatkern.outputs import export
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.session_files import format_path

NAMES = [f"Person {letter}" for letter in "ABCDEFGHIJKLMN"]


@pytest.fixture(scope="module")
def cafe() -> Session:
    """A World Café of fourteen with three rounds, run to the end on a fake clock."""
    text = format_path("world-cafe").read_text(encoding="utf-8")
    plan = make_plan(parse_format(text), Settings(people=People.of_names(NAMES), start=14 * 3600))
    clock = FakeClock.local(2026, 12, 1, 14, 0)
    session = Session.create(plan, clock=clock, format_text=text, seed=3, mix_seconds=0.05)
    session.start()
    while session.state.finished_at is None:
        step = session.state.step
        assert step is not None
        if step.phase.id == "runden":
            session.note(f"Tischdecke Runde {step.round}", table=1)
        clock.advance(step.seconds)
        session.next()
    return session


def _rows(session: Session) -> list[dict[str, str]]:
    text = str(export(session, to="csv", lang="en"))
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_every_person_has_one_row_per_round_with_a_table(cafe: Session) -> None:
    rows = [r for r in _rows(cafe) if r["phase"] == "Café rounds"]
    assert len(rows) == 3 * len(NAMES)
    for number in ("1", "2", "3"):
        this_round = [r for r in rows if r["round"] == number]
        assert sorted(r["person"] for r in this_round) == sorted(NAMES)
        assert all(r["table"] for r in this_round)


def test_the_hosts_stay_at_their_tables_and_are_marked(cafe: Session) -> None:
    hosts = [r for r in _rows(cafe) if r["role"] == "Host"]
    by_round = {n: {(r["table"], r["person"]) for r in hosts if r["round"] == n} for n in "123"}
    assert by_round["1"] and by_round["1"] == by_round["2"] == by_round["3"]


def test_the_protocol_lists_the_tables_of_every_round(cafe: Session) -> None:
    text = str(export(cafe, to="md"))
    assert "### Café-Runden · Runde 1/3 (14:" in text
    assert "| Tisch | Personen | Gastgeber:in |" in text
    assert "Café-Runden · Runde 2/3 · Tisch 1: Tischdecke Runde 2" in text


def test_a_plan_renders_with_the_same_outputs() -> None:
    result = CliRunner().invoke(
        cli, ["plan", "world-cafe", "--participants", "20", "--start", "14:00", "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    assert "<h1>World Café – Ablauf</h1>" in result.output
    own = CliRunner().invoke(cli, ["plan", "world-cafe", "--participants", "20", "--format", "md"])
    assert own.exit_code == 0 and "Protokoll" not in own.output  # the plan's own Markdown
