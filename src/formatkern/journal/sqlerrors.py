"""SQLite's failures in the user's words: a sentence about the session file, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from formatkern.journal.errors import JournalError


def damaged(path: Path, detail: str) -> JournalError:
    """The file is a journal but its content cannot be trusted."""
    return JournalError(
        f"The session journal {path} is damaged: {detail}. Keep a copy of the file before "
        "trying anything else; SQLite's `.recover` command may rescue the events.",
        path,
    )


def failure(path: Path, exc: sqlite3.Error, doing: str) -> JournalError:
    """Translate an sqlite3 error raised while the file was being opened, read or written."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_NOTADB"):
        return JournalError(
            f"{path} is not a formatkern session journal: it is not an SQLite database, or its "
            "first page is destroyed.",
            path,
        )
    if name.startswith("SQLITE_CORRUPT"):
        return damaged(path, f"SQLite reports '{exc}'")
    if name.startswith("SQLITE_FULL"):
        return JournalError(
            f"The session journal {path} could not be {doing}: the disk is full. Free some "
            "space; every event acknowledged so far is safe in the file.",
            path,
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
        return JournalError(
            f"The session journal {path} could not be {doing}: the file or its folder is "
            "read-only for this user. Open it read-only to view it.",
            path,
        )
    if name.startswith("SQLITE_CANTOPEN"):
        return JournalError(
            f"The session journal {path} could not be {doing}: SQLite cannot open it or its "
            "companion files (-wal, -shm). Check the permissions of the file and its folder.",
            path,
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return JournalError(
            f"The session journal {path} could not be {doing}: another program kept it busy "
            "for more than five seconds. Try again when it is done.",
            path,
        )
    return JournalError(f"The session journal {path} could not be {doing}: {exc}.", path)
