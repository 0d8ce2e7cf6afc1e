"""The layout of a journal file: its tables, its version, and how a file proves it is one.

`PRAGMA application_id` marks a formatkern journal and `PRAGMA user_version` its schema version;
both live in the SQLite header, so a foreign or newer file is recognised before any table is read.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Final

from formatkern.journal.base import JournalMeta
from formatkern.journal.errors import JournalError
from formatkern.journal.sqlerrors import damaged

SCHEMA_VERSION: Final = 1
"""Stored in PRAGMA user_version; files of a newer version are refused, not guessed at."""

APPLICATION_ID: Final = 0x666B6A31
"""PRAGMA application_id of every formatkern journal ("fkj1")."""

_TABLES: Final = (
    """CREATE TABLE meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        format_id TEXT NOT NULL,
        format_text TEXT NOT NULL,
        settings TEXT NOT NULL,
        created_wall REAL NOT NULL,
        events_version INTEGER NOT NULL
    )""",
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        wall REAL NOT NULL,
        mono REAL NOT NULL,
        event TEXT NOT NULL
    )""",
    """CREATE TABLE status (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        summary TEXT NOT NULL
    )""",
)


def initialize(conn: sqlite3.Connection, meta: JournalMeta, settings_json: str) -> None:
    """Write tables, metadata and header marks of a new journal in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    for statement in _TABLES:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO meta (id, format_id, format_text, settings, created_wall, events_version) "
        "VALUES (1, ?, ?, ?, ?, ?)",
        (meta.format_id, meta.format_text, settings_json, meta.created_wall, meta.events_version),
    )
    conn.execute("INSERT INTO status (id, summary) VALUES (1, '{}')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")


def check_identity(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse files that are not formatkern journals, or of a version this code does not know."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if application_id != APPLICATION_ID:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            raise JournalError(
                f"{path} is an empty file, not a formatkern session journal; perhaps its "
                "creation was interrupted. It holds no events and can be deleted.",
                path,
            )
        raise JournalError(
            f"{path} is an SQLite database of another program, not a formatkern session "
            "journal. Was another file meant?",
            path,
        )
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"The session journal {path} was written by a newer formatkern (journal version "
            f"{version}; this formatkern reads up to version {SCHEMA_VERSION}). Update "
            "formatkern to open it; the file was left unchanged.",
            path,
        )
    if version != SCHEMA_VERSION:
        raise damaged(path, f"it claims the unknown journal version {version}")


def load_meta(conn: sqlite3.Connection, path: Path) -> JournalMeta:
    row = conn.execute(
        "SELECT format_id, format_text, settings, created_wall, events_version "
        "FROM meta WHERE id = 1"
    ).fetchone()
    if row is None:
        raise damaged(path, "its session metadata is missing")
    format_id, format_text, settings, created_wall, events_version = row
    return JournalMeta(
        format_id=str(format_id),
        format_text=str(format_text),
        settings=decode_object(path, settings, "settings"),
        created_wall=float(created_wall),
        events_version=int(events_version),
    )


def decode_object(path: Path, text: str, what: str) -> dict[str, Any]:
    """A stored JSON object; anything else means the file was tampered with or damaged."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        value = None
    if not isinstance(value, dict):
        raise damaged(path, f"its {what} is not a JSON object")
    return value
