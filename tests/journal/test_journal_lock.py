"""One writer per session: a second one is told who runs it, and a dead one blocks nobody."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from formatkern.journal import JournalLockedError, JournalMeta, SqliteJournal

from .processes import kill_hard, read_line, start_writer


def test_a_second_writer_is_refused_with_the_pid_host_and_time_of_the_first(
    tmp_path: Path, meta: JournalMeta
) -> None:
    path = tmp_path / "s.fksession"
    with SqliteJournal.create(path, meta) as first:
        with pytest.raises(JournalLockedError) as caught:
            SqliteJournal.open(path)
        first.append([{"type": "still_mine"}], wall=1.0, mono=1.0)

    error = caught.value
    assert error.holder is not None
    assert (error.holder.pid, error.holder.host) == (os.getpid(), socket.gethostname())
    assert error.holder.since_wall > 0
    message = str(error)
    assert str(path) in message
    assert f"process {os.getpid()}" in message
    assert socket.gethostname() in message


def test_a_session_closed_by_its_writer_opens_again_at_once_and_leaves_no_lock_file(
    tmp_path: Path, meta: JournalMeta
) -> None:
    path = tmp_path / "s.fksession"
    SqliteJournal.create(path, meta).close()
    with SqliteJournal.open(path) as again:
        assert again.last_seq == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.fksession"]


def test_a_session_run_by_another_process_is_refused_until_that_process_is_killed(
    tmp_path: Path, meta: JournalMeta
) -> None:
    path = tmp_path / "s.fksession"
    SqliteJournal.create(path, meta).close()
    other = start_writer(path, "hold")
    try:
        assert read_line(other) == "ready"
        with pytest.raises(JournalLockedError) as caught:
            SqliteJournal.open(path)
        assert caught.value.holder is not None
        assert caught.value.holder.pid == other.pid
        assert f"process {other.pid}" in str(caught.value)
    finally:
        kill_hard(other)

    with SqliteJournal.open(path) as resumed:
        assert resumed.append([{"type": "resumed"}], wall=2.0, mono=2.0) == [1]
