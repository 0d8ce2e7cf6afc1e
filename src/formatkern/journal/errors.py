"""The journal's errors: every failure a user can cause, as one paragraph naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from formatkern.errors import FormatkernError

if TYPE_CHECKING:
    from formatkern.journal.lock import LockHolder


class JournalError(FormatkernError):
    """A session journal cannot be created, opened, read or written.

    `path` is the journal file concerned (None for an in-memory journal), so a caller can offer
    another path without parsing the message.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class JournalLockedError(JournalError):
    """Another process holds the writer lock of a session; `holder` says who, when it is known."""

    def __init__(self, message: str, path: Path, holder: LockHolder | None) -> None:
        super().__init__(message, path)
        self.holder = holder
