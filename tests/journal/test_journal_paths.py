"""Where sessions are kept and what `formatkern sessions` learns about them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from formatkern.journal import (
    JournalMeta,
    SqliteJournal,
    list_sessions,
    new_session_path,
    sessions_dir,
)
from formatkern.journal.lock import lock_path_for

NOV_21_0930 = datetime(2026, 11, 21, 9, 30, 12).timestamp()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is the Linux convention")
def test_sessions_are_kept_in_the_users_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert sessions_dir() == tmp_path / "formatkern" / "sessions"


def test_a_new_session_is_named_by_its_local_start_time_and_format(tmp_path: Path) -> None:
    path = new_session_path("kollegiale-beratung", NOV_21_0930, tmp_path / "sessions")
    assert path == tmp_path / "sessions" / "2026-11-21_0930_kollegiale-beratung.fksession"
    assert path.parent.is_dir()
    assert not path.exists()


def test_two_sessions_started_in_the_same_minute_get_different_names(
    tmp_path: Path, meta: JournalMeta
) -> None:
    first = new_session_path("world-cafe", NOV_21_0930, tmp_path)
    SqliteJournal.create(first, meta).close()
    second = new_session_path("world-cafe", NOV_21_0930 + 20, tmp_path)
    assert second.name == "2026-11-21_0930_world-cafe-2.fksession"


def test_a_format_id_with_spaces_and_umlauts_gives_a_safe_file_name(tmp_path: Path) -> None:
    path = new_session_path("World Café / Runde 2", NOV_21_0930, tmp_path)
    assert path.name == "2026-11-21_0930_world-cafe-runde-2.fksession"


def test_listing_sessions_shows_format_start_last_event_and_state_newest_first(
    tmp_path: Path, meta: JournalMeta
) -> None:
    older = tmp_path / "older.fksession"
    with SqliteJournal.create(older, meta) as journal:
        journal.append([{"type": "session_started"}], wall=100.0, mono=0.0)
        journal.append(
            [{"type": "session_finished"}], wall=4000.0, mono=3900.0, status={"state": "finished"}
        )
    newer_meta = JournalMeta("world-cafe", "format = 1\n", {}, meta.created_wall + 86400)
    with SqliteJournal.create(tmp_path / "newer.fksession", newer_meta) as running:
        running.append(
            [{"type": "round_started"}],
            wall=200.0,
            mono=0.0,
            status={"state": "running", "current_phase": "runde-1"},
        )
        infos = list_sessions(tmp_path)
        running.append([{"type": "note"}], wall=201.0, mono=1.0)  # listing took no lock

    assert [info.path.name for info in infos] == ["newer.fksession", "older.fksession"]
    newer, old = infos
    assert (newer.format_id, newer.state, newer.current_phase) == (
        "world-cafe",
        "running",
        "runde-1",
    )
    assert newer.writer is not None
    assert newer.writer.pid == os.getpid()
    assert (old.format_id, old.created_wall) == ("kollegiale-beratung", meta.created_wall)
    assert (old.last_seq, old.last_wall, old.state) == (2, 4000.0, "finished")
    assert old.writer is None
    assert old.problem is None


def test_an_unreadable_file_is_listed_with_its_problem_instead_of_hidden(tmp_path: Path) -> None:
    (tmp_path / "broken.fksession").write_text("not a database", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")

    [info] = list_sessions(tmp_path)
    assert info.path.name == "broken.fksession"
    assert info.problem is not None
    assert "broken.fksession" in info.problem


def test_a_lock_file_left_by_a_killed_writer_does_not_count_as_running(
    tmp_path: Path, meta: JournalMeta
) -> None:
    path = tmp_path / "s.fksession"
    SqliteJournal.create(path, meta).close()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    holder = {"pid": dead.pid, "host": socket.gethostname(), "since_wall": 1.0}
    lock_path_for(path).write_text(json.dumps(holder), encoding="utf-8")

    [info] = list_sessions(tmp_path)
    assert info.writer is None


def test_listing_a_folder_that_does_not_exist_yet_finds_no_sessions(tmp_path: Path) -> None:
    assert list_sessions(tmp_path / "sessions") == []
