"""The journal: the durable, append-only event store of a running session.

A session's events are appended one command at a time and survive a crash once acknowledged;
the store also keeps the format file's text so that an old session renders as it ran. SQLite
(one file per session) is the default, `MemoryJournal` serves tests and embedding.
"""

from formatkern.journal.base import Journal, JournalMeta, Record
from formatkern.journal.errors import JournalError, JournalLockedError
from formatkern.journal.lock import LockHolder
from formatkern.journal.memory import MemoryJournal
from formatkern.journal.paths import (
    SESSION_SUFFIX,
    SessionInfo,
    list_sessions,
    new_session_path,
    sessions_dir,
)
from formatkern.journal.schema import SCHEMA_VERSION
from formatkern.journal.sqlite import SqliteJournal

__all__ = [
    "SCHEMA_VERSION",
    "SESSION_SUFFIX",
    "Journal",
    "JournalError",
    "JournalLockedError",
    "JournalMeta",
    "LockHolder",
    "MemoryJournal",
    "Record",
    "SessionInfo",
    "SqliteJournal",
    "list_sessions",
    "new_session_path",
    "sessions_dir",
]
