"""`formatkern export` and `write_export`: the right file, written whole, never over another.

The session file is made by the story (on an SQLite journal this time), the way
`formatkern run` leaves one behind.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from formatkern.cli import cli
from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.journal import SqliteJournal
from formatkern.outputs import ExportError, export, write_export
from formatkern.outputs.write import write_atomic
from formatkern.session_files import stored

from .story import SECRET, beratung


@pytest.fixture
def session_file(tmp_path: Path, session: Session) -> Path:
    """The Saturday Beratung, copied event by event into a session file."""
    path = tmp_path / "2026-11-21_0900_kollegiale-beratung.fksession"
    journal = SqliteJournal.create(path, session.journal.meta)
    for record in session.journal.read():
        journal.append([record.event], wall=record.wall, mono=record.mono)
    journal.close()
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("to", "first"),
    [("md", "# Kollegiale"), ("html", "<!DOCTYPE"), ("json", "{"), ("csv", "\ufeffRunde;")],
)
def test_export_writes_a_readable_name_in_the_current_folder(
    session_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: str, first: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", str(session_file), "--to", to])
    assert result.exit_code == 0, result.output
    written = tmp_path / f"2026-11-21_kollegiale-beratung.{to}"
    assert f"wrote {written.name}" in result.output
    assert written.read_text(encoding="utf-8").startswith(first)
    assert _mode(written) == 0o600  # it names people


def test_export_never_overwrites_without_force(session_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "protokoll.md"
    target.write_text("meine Notizen")
    runner = CliRunner()
    refused = runner.invoke(cli, ["export", str(session_file), "-o", str(target)])
    assert refused.exit_code == 1
    assert "exists already and is not overwritten" in refused.output
    assert "Traceback" not in refused.output
    assert target.read_text() == "meine Notizen"
    forced = runner.invoke(cli, ["export", str(session_file), "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Kollegiale Beratung")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_to_standard_output_in_english(session_file: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(session_file), "-o", "-", "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.startswith("# Kollegiale Beratung – Protocol")
    assert SECRET not in result.output


def test_export_offers_the_outputs_there_are(session_file: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(session_file), "--to", "pdf"])
    assert result.exit_code == 2
    assert '"pdf" is not one of csv, html, json, md' in result.output


def test_export_of_a_session_that_is_not_there_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "nichts.fksession")])
    assert result.exit_code == 1
    assert "there is no session" in result.output


def test_a_csv_for_english_excel_uses_commas_or_the_delimiter_asked_for(
    session_file: Path,
) -> None:
    assert str(export(session_file, to="csv", lang="en")).startswith("\ufeffround,phase,")
    tabbed = CliRunner().invoke(
        cli, ["export", str(session_file), "--to", "csv", "--delimiter", "tab", "-o", "-"]
    )
    assert tabbed.output.startswith("\ufeffRunde\tPhase\t")


def test_a_running_session_is_exported_while_its_writer_holds_the_file(tmp_path: Path) -> None:
    live = beratung(finish=False)
    path = tmp_path / "laufend.fksession"
    journal = SqliteJournal.create(path, live.journal.meta)
    for record in live.journal.read():
        journal.append([record.event], wall=record.wall, mono=record.mono)
    writer = Session(stored(journal.meta).plan, FakeClock(live.clock.now()), journal, seed=7)
    try:
        text = export(path, to="md")
        writer.note("Noch eine Notiz nach dem Export")
        again = export(path, to="md")
    finally:
        writer.close()
    assert "läuft noch" in str(text)
    assert "Noch eine Notiz" not in str(text) and len(str(again)) >= len(str(text))


def test_write_export_from_python_picks_the_name_and_keeps_the_file_private(
    session: Session, tmp_path: Path
) -> None:
    path = write_export(session, to="html", folder=tmp_path)
    assert path == tmp_path / "2026-11-21_kollegiale-beratung.html"
    assert _mode(path) == 0o600
    with pytest.raises(ExportError, match="exists already"):
        write_export(session, to="html", folder=tmp_path)


def test_a_file_without_names_or_notes_is_readable_by_others(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "ablauf.md", "# Ablauf\n", private=False)
    assert _mode(path) == 0o644
    assert path.read_text() == "# Ablauf\n"


def test_a_full_disk_leaves_neither_the_file_nor_a_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic(tmp_path / "protokoll.md", "x" * 1000, private=True)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"the folder .* does not exist"):
        write_atomic(tmp_path / "gibtsnicht" / "p.md", "x", private=True)
