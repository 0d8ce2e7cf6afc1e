"""Where sessions live, and what `formatkern sessions` can tell about them without a lock."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import attrs
import platformdirs

from formatkern.journal.errors import JournalError
from formatkern.journal.lock import LockHolder, read_holder
from formatkern.journal.sqlite import SqliteJournal

SESSION_SUFFIX: Final = ".fksession"
"""The extension of a session journal (an SQLite file); WAL adds `-wal` and `-shm` beside it."""


@attrs.frozen
class SessionInfo:
    """One line of `formatkern sessions`: what was run, when, how far it got, who runs it now.

    An unreadable file is still listed, with `problem` saying why, so it is not silently lost;
    its other fields are then empty and `created_wall` is the file's modification time.
    """

    path: Path
    format_id: str
    created_wall: float
    last_seq: int
    last_wall: float | None
    """Wall time of the newest event, None before the first one."""
    status: Mapping[str, Any]
    """The summary passed with the latest append (by convention: state, current_phase)."""
    writer: LockHolder | None
    """The process that holds the writer lock, if one seems to; see LockHolder.seems_alive."""
    problem: str | None = None

    @property
    def state(self) -> str | None:
        """'running', 'paused' or 'finished' when the writer said so; None when it never did."""
        value = self.status.get("state")
        return value if isinstance(value, str) else None

    @property
    def current_phase(self) -> str | None:
        value = self.status.get("current_phase")
        return value if isinstance(value, str) else None


def sessions_dir() -> Path:
    """The default folder of session journals, inside the user's data directory (not created)."""
    return platformdirs.user_data_path("formatkern", appauthor=False) / "sessions"


def new_session_path(format_id: str, now_wall: float, directory: Path | None = None) -> Path:
    """A fresh, readable file name such as `2026-11-21_0930_kollegiale-beratung.fksession`.

    The time is local, as the facilitator reads it; a second session of the same format in the
    same minute gets `-2`, `-3`. Creates the folder, since the caller is about to write there.
    """
    folder = sessions_dir() if directory is None else directory
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromtimestamp(now_wall).strftime("%Y-%m-%d_%H%M")
    stem = f"{stamp}_{_slug(format_id)}"
    candidate = folder / f"{stem}{SESSION_SUFFIX}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{SESSION_SUFFIX}"
    return candidate


def list_sessions(directory: Path | None = None) -> list[SessionInfo]:
    """Every session journal in the folder, newest first, read without taking any writer lock."""
    folder = sessions_dir() if directory is None else directory
    if not folder.is_dir():
        return []
    infos = [_read_info(path) for path in folder.glob(f"*{SESSION_SUFFIX}") if path.is_file()]
    return sorted(infos, key=lambda info: (info.created_wall, info.path.name), reverse=True)


def _read_info(path: Path) -> SessionInfo:
    holder = read_holder(path)
    writer = holder if holder is not None and holder.seems_alive() else None
    try:
        with SqliteJournal.open_readonly(path) as journal:
            last_seq = journal.last_seq
            last = next(journal.read(after=last_seq - 1), None) if last_seq else None
            return SessionInfo(
                path=path,
                format_id=journal.meta.format_id,
                created_wall=journal.meta.created_wall,
                last_seq=last_seq,
                last_wall=None if last is None else last.wall,
                status=journal.status,
                writer=writer,
            )
    except JournalError as exc:
        return SessionInfo(
            path=path,
            format_id="",
            created_wall=_mtime(path),
            last_seq=0,
            last_wall=None,
            status={},
            writer=writer,
            problem=str(exc),
        )


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _slug(format_id: str) -> str:
    """Lowercase letters, digits and dashes only, so the name is safe on every file system."""
    ascii_id = unicodedata.normalize("NFKD", format_id).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_id.lower()).strip("-")
    return slug[:60] or "session"
