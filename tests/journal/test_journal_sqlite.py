"""A session on disk: it reopens where it stopped, refuses strange files, and can be watched."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from formatkern.journal import SCHEMA_VERSION, JournalError, JournalMeta, SqliteJournal


@pytest.fixture
def session(tmp_path: Path, meta: JournalMeta) -> Path:
    """A closed session with three events, as left behind by a facilitator."""
    path = tmp_path / "2026-11-21_0930_kollegiale-beratung.fksession"
    with SqliteJournal.create(path, meta) as journal:
        journal.append([{"type": "session_started"}], wall=10.0, mono=0.0)
        journal.append(
            [{"type": "phase_started", "phase": "a"}, {"type": "note", "text": "x"}],
            wall=20.0,
            mono=10.0,
            status={"state": "running", "current_phase": "a"},
        )
    return path


def test_a_reopened_session_continues_with_the_next_seq_and_its_original_format_text(
    session: Path, meta: JournalMeta
) -> None:
    with SqliteJournal.open(session) as journal:
        assert journal.meta == meta
        assert journal.last_seq == 3
        assert journal.status == {"state": "running", "current_phase": "a"}
        assert journal.append([{"type": "phase_ended"}], wall=30.0, mono=20.0) == [4]

    with SqliteJournal.open_readonly(session) as reader:
        assert [record.event.get("type") for record in reader.read(after=2)] == [
            "note",
            "phase_ended",
        ]


def test_the_session_file_is_a_wal_database_marked_with_its_schema_version(
    session: Path,
) -> None:
    conn = sqlite3.connect(session)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


def test_creating_a_session_never_overwrites_an_existing_file(
    session: Path, meta: JournalMeta
) -> None:
    before = session.read_bytes()
    with pytest.raises(JournalError, match="already exists") as caught:
        SqliteJournal.create(session, meta)
    assert str(session) in str(caught.value)
    assert session.read_bytes() == before


def test_creating_a_session_in_a_missing_folder_names_the_folder(
    tmp_path: Path, meta: JournalMeta
) -> None:
    path = tmp_path / "nowhere" / "s.fksession"
    with pytest.raises(JournalError, match="does not exist") as caught:
        SqliteJournal.create(path, meta)
    assert str(path.parent) in str(caught.value)


def test_a_browser_view_follows_a_running_session_without_taking_its_lock(
    session: Path,
) -> None:
    with SqliteJournal.open(session) as writer, SqliteJournal.open_readonly(session) as view:
        seen = [record.seq for record in view.read()]
        writer.append([{"type": "timer_warning"}], wall=40.0, mono=30.0, status={"state": "paused"})

        assert [record.event for record in view.read(after=seen[-1])] == [{"type": "timer_warning"}]
        assert view.last_seq == 4
        assert view.status == {"state": "paused"}


def test_watching_a_finished_session_leaves_no_extra_files_beside_it(session: Path) -> None:
    with SqliteJournal.open_readonly(session) as view:
        assert view.last_seq == 3
    assert sorted(p.name for p in session.parent.iterdir()) == [session.name]


def test_a_session_on_a_read_only_medium_can_still_be_watched(
    session: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with SqliteJournal.open_readonly(session) as view:
        assert [record.seq for record in view.read()] == [1, 2, 3]


def test_a_read_only_view_cannot_add_events(session: Path) -> None:
    with (
        SqliteJournal.open_readonly(session) as view,
        pytest.raises(JournalError, match="read-only"),
    ):
        view.append([{"type": "note"}], wall=1.0, mono=1.0)


def test_a_command_that_fails_half_way_on_disk_leaves_none_of_its_events(session: Path) -> None:
    saboteur = sqlite3.connect(session)
    saboteur.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.event LIKE '%boom%' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    saboteur.commit()
    saboteur.close()

    with SqliteJournal.open(session) as journal:
        with pytest.raises(JournalError, match="could not be written"):
            journal.append([{"type": "fine"}, {"type": "boom"}], wall=50.0, mono=40.0)
        assert journal.last_seq == 3
        assert journal.append([{"type": "fine"}], wall=51.0, mono=41.0) == [4]
        assert [record.event for record in journal.read(after=3)] == [{"type": "fine"}]


def _text_file(path: Path) -> None:
    path.write_text("Teilnehmende: Anna, Ben\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _other_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()


Spoil = Callable[[Path], None]


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_text_file, "not a formatkern session journal"),
        (_empty_file, "empty file"),
        (_other_database, "another program"),
    ],
    ids=["text file", "empty file", "another program's database"],
)
@pytest.mark.parametrize("opener", [SqliteJournal.open, SqliteJournal.open_readonly])
def test_a_file_that_is_no_session_journal_is_refused_with_its_name(
    tmp_path: Path, spoil: Spoil, expected: str, opener: Callable[[Path], SqliteJournal]
) -> None:
    path = tmp_path / "mistake.fksession"
    spoil(path)
    with pytest.raises(JournalError, match=expected) as caught:
        opener(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("opener", [SqliteJournal.open, SqliteJournal.open_readonly])
def test_a_missing_session_is_reported_and_not_created(
    tmp_path: Path, opener: Callable[[Path], SqliteJournal]
) -> None:
    path = tmp_path / "gone.fksession"
    with pytest.raises(JournalError, match="no session journal") as caught:
        opener(path)
    assert str(path) in str(caught.value)
    assert not path.exists()


def test_a_session_from_a_newer_formatkern_is_refused_and_left_unchanged(session: Path) -> None:
    conn = sqlite3.connect(session)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = session.read_bytes()

    for opener in (SqliteJournal.open, SqliteJournal.open_readonly):
        with pytest.raises(JournalError, match="newer formatkern") as caught:
            opener(session)
        assert str(session) in str(caught.value)
    assert session.read_bytes() == before


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_a_damaged_session_file_gives_a_journal_error_not_an_sqlite_traceback(
    tmp_path: Path, meta: JournalMeta, damage: str
) -> None:
    path = tmp_path / "s.fksession"
    with SqliteJournal.create(path, meta) as journal:
        for n in range(200):
            journal.append([{"n": n, "text": "Gedanke " * 30}], wall=1.0, mono=1.0)
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        del data[len(data) // 2 :]
    else:
        data[4096 * 2 : 4096 * 6] = b"\xa5" * (4096 * 4)
    path.write_bytes(bytes(data))

    with (
        pytest.raises(JournalError, match="damaged") as caught,
        SqliteJournal.open_readonly(path) as reader,
    ):
        list(reader.read())
    assert str(path) in str(caught.value)
