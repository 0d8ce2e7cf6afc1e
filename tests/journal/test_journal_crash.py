"""Crash safety: whatever `append` acknowledged is on disk, even when the process is killed."""

from __future__ import annotations

from pathlib import Path

from formatkern.journal import SqliteJournal

from .processes import kill_hard, read_line, start_writer

KILL_AFTER_ACKS = (1, 9, 40, 150, 333)
"""Acknowledgements to wait for before each SIGKILL; the writer keeps appending meanwhile."""


def test_a_session_killed_mid_phase_reopens_with_every_acknowledged_event(tmp_path: Path) -> None:
    path = tmp_path / "killed.fksession"
    acknowledged: set[int] = set()
    for round_number, acks in enumerate(KILL_AFTER_ACKS):
        writer = start_writer(path, "create" if round_number == 0 else "resume")
        try:
            for _ in range(acks):
                _, first, last = read_line(writer).split()
                acknowledged.update(range(int(first), int(last) + 1))
        finally:
            kill_hard(writer)

        with SqliteJournal.open(path) as journal:  # at once: the killed writer's lock is gone
            records = list(journal.read())
            seqs = [record.seq for record in records]
            assert seqs == list(range(1, journal.last_seq + 1))
            assert acknowledged <= set(seqs)
            assert all(record.event["n"] == record.seq for record in records)
            assert journal.status["current_phase"] == f"phase-{journal.last_seq}"
