"""The headless runner: JSON commands in, JSON events out, in-process and as a real process."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from formatkern.cli import cli
from formatkern.engine import Session
from formatkern.headless import rehearse, serve
from formatkern.journal import SqliteJournal

from .child import Child
from .room import MakeSession


def _talk(session: Session, *lines: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    serve(session, io.StringIO("".join(f"{line}\n" for line in lines)), out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_session_starts_with_the_runner_and_every_line_has_type_and_seq(
    make_session: MakeSession,
) -> None:
    lines = _talk(make_session(), '{"command": "next"}', '{"command": "extend", "seconds": 60}')
    assert [line["type"] for line in lines] == [
        "session",
        "session_started",
        "step_started",
        "roles_cast",
        "step_started",
        "extended",
        "closed",
    ]
    assert [line["seq"] for line in lines[1:]] == [1, 2, 3, 4, 5, 5]
    assert lines[-1]["state"] == "running"  # the end of input closes; the session can go on


def test_state_answers_with_a_snapshot(make_session: MakeSession) -> None:
    lines = _talk(make_session(), '{"command": "pause"}', '{"command": "state"}')
    state = next(line for line in lines if line["type"] == "state")
    assert state["phase"] == "casting"
    assert state["paused"] is True
    assert state["remaining"] == 300
    assert state["projected_end"] == "09:40"
    assert state["round"] is None
    assert state["seq"] == 4


def test_a_malformed_line_gets_an_error_and_the_session_goes_on(make_session: MakeSession) -> None:
    lines = _talk(
        make_session(),
        "this is not json",
        '{"command": "extend", "seconds": "lots"}',
        "[1, 2]",
        '{"command": "resume"}',
        '{"command": "next"}',
    )
    errors = [line for line in lines if line["type"] == "error"]
    assert [e["line"] for e in errors] == [1, 2, 3, 4]
    assert "not a JSON object" in errors[0]["message"]
    assert '"seconds" must be a whole number' in errors[1]["message"]
    assert "not paused" in errors[3]["message"]
    assert all(e["seq"] == 3 for e in errors)
    assert lines[-2]["type"] == "step_started"


def test_quit_closes_cleanly_and_ignores_what_follows(make_session: MakeSession) -> None:
    lines = _talk(make_session(), '{"command": "quit"}', '{"command": "next"}')
    assert [line["type"] for line in lines][-1] == "closed"
    assert "step_started" not in [line["type"] for line in lines][3:]


def test_notes_and_the_agenda(make_session: MakeSession) -> None:
    lines = _talk(
        make_session(),
        '{"command": "note", "text": "Fall: Übergang Kita-Schule"}',
        '{"command": "agenda"}',
    )
    note = next(line for line in lines if line["type"] == "note_added")
    assert note["text"] == "Fall: Übergang Kita-Schule" and note["step"] == 0
    agenda = next(line for line in lines if line["type"] == "agenda")
    assert [row["start"] for row in agenda["steps"]][:3] == ["09:00", "09:05", "09:15"]


def test_a_rehearsal_runs_through_the_whole_world_cafe_by_itself(
    make_session: MakeSession,
) -> None:
    out = io.StringIO()
    plan = make_session("world-cafe", 20).plan
    session = rehearse(plan, speed=90 * 60 / 0.3, out=out, frame=0.005)
    text = out.getvalue()
    assert session.state.finished_at is not None
    assert "Runde 3/3" in text and "Ernte" in text
    assert text.count("\n") > 5


def test_timer_events_arrive_on_their_own_in_a_real_process(tmp_path: Path) -> None:
    child = Child(
        "run", "kollegiale-beratung", "--headless", "--participants", "6", "--speed", "600"
    )
    first = child.read_until("timer_warning")
    assert first["level"] == 20 and first["step"] == 0
    assert child.read_until("time_up")["step"] == 0
    child.send({"command": "quit"})
    assert child.read_until("closed")["state"] == "running"
    assert child.wait() == 0


def test_a_session_file_is_resumed_where_it_was(tmp_path: Path) -> None:
    path = tmp_path / "beratung.fksession"
    first = Child(
        "run", "kollegiale-beratung", "--headless", "--participants", "6", "--session", str(path)
    )
    first.send({"command": "next"}, {"command": "pause"})
    first.read_until("paused")
    first.close_input()
    assert first.read_until("closed")["state"] == "paused"
    assert first.wait() == 0

    second = Child("resume", str(path), "--headless")
    hello = second.read_until("session")
    assert hello["resumed"] is True and hello["format"] == "kollegiale-beratung"
    state = second.read_until("state")
    assert (state["phase"], state["paused"], state["remaining"]) == ("spontanerzaehlung", True, 600)
    second.send({"command": "resume"}, {"command": "quit"})
    assert second.read_until("resumed")["seq"] == state["seq"] + 1
    second.read_until("closed")
    assert second.wait() == 0


def test_a_second_writer_is_told_who_runs_the_session(tmp_path: Path) -> None:
    path = tmp_path / "laufend.fksession"
    first = Child(
        "run", "kollegiale-beratung", "--headless", "--participants", "6", "--session", str(path)
    )
    first.read_until("step_started")
    result = CliRunner().invoke(cli, ["resume", str(path), "--headless"])
    assert result.exit_code == 1
    assert f"process {first.process.pid} on host" in result.output
    first.kill()


def test_run_without_a_terminal_points_to_headless_instead_of_opening_the_desk() -> None:
    result = CliRunner().invoke(cli, ["run", "world-cafe", "--participants", "12"])
    assert result.exit_code == 1
    assert "needs a terminal" in result.output
    assert "--headless" in result.output


def test_run_refuses_to_overwrite_a_session_file(tmp_path: Path) -> None:
    path = tmp_path / "alt.fksession"
    path.write_text("keep me")
    result = CliRunner().invoke(
        cli, ["run", "world-cafe", "--headless", "--participants", "12", "--session", str(path)]
    )
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert path.read_text() == "keep me"


def test_sessions_lists_format_start_phase_and_state_and_resume_finds_the_newest() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["run", "kollegiale-beratung", "--headless", "--participants", "6", "--start", "09:00"],
        input='{"command": "next"}\n',
    )
    assert result.exit_code == 0, result.output
    listing = runner.invoke(cli, ["sessions"])
    assert listing.exit_code == 0
    row = listing.output.splitlines()[1]
    assert "kollegiale-beratung" in row and "spontanerzaehlung" in row and "running" in row
    resumed = runner.invoke(cli, ["resume", "--headless"], input='{"command": "state"}\n')
    assert resumed.exit_code == 0, resumed.output
    state = next(
        json.loads(line) for line in resumed.output.splitlines() if '"type": "state"' in line
    )
    assert state["phase"] == "spontanerzaehlung"


def test_resume_without_an_unfinished_session_says_so() -> None:
    result = CliRunner().invoke(cli, ["resume", "--headless"])
    assert result.exit_code == 1
    assert "no unfinished session" in result.output


def test_the_journal_of_a_headless_run_replays_to_its_last_state(tmp_path: Path) -> None:
    path = tmp_path / "s.fksession"
    result = CliRunner().invoke(
        cli,
        ["run", "world-cafe", "--headless", "--participants", "12", "--session", str(path)],
        input='{"command": "next"}\n{"command": "add_participant", "name": "Zora"}\n',
    )
    assert result.exit_code == 0, result.output
    with SqliteJournal.open_readonly(path) as journal:
        session = Session.replay(journal)
        assert "Zora" in session.state.people
        assert session.state.seating[1].hosts
        assert journal.status["current_phase"] == "runden"
