"""The default journal: one SQLite file per session, in WAL mode with synchronous=FULL.

Each append is one IMMEDIATE transaction, committed with an fsync of the write-ahead log before
`append` returns, so an acknowledged command survives a crash of the process (and, on honest
disks, of the machine). Readers open the file read-only, take no writer lock, and poll with
`read(after=n)`; WAL lets them read while the writer appends.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

from formatkern.journal.base import JournalMeta, Record, encode_command, encode_mapping
from formatkern.journal.errors import JournalError
from formatkern.journal.lock import WriterLock
from formatkern.journal.schema import check_identity, decode_object, initialize, load_meta
from formatkern.journal.sqlerrors import damaged, failure

_PAGE: Final = 1000
"""Rows per query when reading, so a long replay holds no statement open between pages."""

PathLike = str | os.PathLike[str]


class SqliteJournal:
    """A session journal in one SQLite file; a writer holds the session's lock until `close`."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, meta: JournalMeta, lock: WriterLock | None
    ) -> None:
        """Use `create`, `open` or `open_readonly`; this only assembles what they prepared."""
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._meta = meta
        self._lock = lock
        self._mutex = threading.Lock()
        self._last_seq = 0
        self._status = "{}"

    @classmethod
    def create(cls, path: PathLike, meta: JournalMeta) -> SqliteJournal:
        """Start a new session file and hold its writer lock; an existing file is never touched."""
        path = Path(path)
        settings = encode_mapping(meta.settings, "the settings")
        if not path.parent.is_dir():
            raise JournalError(
                f"The session journal {path} cannot be created: the folder {path.parent} does "
                "not exist.",
                path,
            )
        if path.exists():
            raise JournalError(
                f"The session journal {path} already exists and is never overwritten. Resume "
                "that session, or give another path for a new one.",
                path,
            )
        lock = WriterLock.acquire(path)
        try:
            _create_empty_file(path)
            conn = _initialize_file(path, meta, settings)
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, meta, lock)

    @classmethod
    def open(cls, path: PathLike) -> SqliteJournal:
        """Open a session to continue it; JournalLockedError if another process runs it."""
        path = Path(path)
        conn, meta = _open_existing(path, readonly=False)
        try:
            lock = WriterLock.acquire(path)
        except BaseException:
            conn.close()
            raise
        journal = cls(path, conn, meta, lock)
        try:
            _use_wal(conn, path)
            journal._last_seq = journal._query_last_seq()
            journal._status = journal._query_status()
        except BaseException:
            journal.close()
            raise
        return journal

    @classmethod
    def open_readonly(cls, path: PathLike) -> SqliteJournal:
        """Open a session to watch or export it, without the lock, even while it runs."""
        path = Path(path)
        conn, meta = _open_existing(path, readonly=True)
        return cls(path, conn, meta, None)

    @property
    def readonly(self) -> bool:
        return self._lock is None

    @property
    def meta(self) -> JournalMeta:
        return self._meta

    @property
    def last_seq(self) -> int:
        if self.readonly:
            with self._mutex:
                return self._query_last_seq()
        self._require_open()
        return self._last_seq

    @property
    def status(self) -> dict[str, Any]:
        with self._mutex:
            self._require_open()
            text = self._query_status() if self.readonly else self._status
        return decode_object(self.path, text, "status")

    def append(
        self,
        events: Sequence[Mapping[str, Any]],
        *,
        wall: float,
        mono: float,
        status: Mapping[str, Any] | None = None,
    ) -> list[int]:
        encoded = encode_command(events, wall, mono)
        summary = None if status is None else encode_mapping(status, "the status")
        if not encoded and summary is None:
            return []
        with self._mutex:
            conn = self._writer_connection()
            first = self._last_seq + 1
            seqs = list(range(first, first + len(encoded)))
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT INTO events (seq, wall, mono, event) VALUES (?, ?, ?, ?)",
                    [(seq, wall, mono, text) for seq, text in zip(seqs, encoded, strict=True)],
                )
                if summary is not None:
                    conn.execute("UPDATE status SET summary = ? WHERE id = 1", (summary,))
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._recover_after_failed_append()
                raise failure(self.path, exc, "written") from None
            self._last_seq += len(seqs)
            if summary is not None:
                self._status = summary
        return seqs

    def read(self, after: int = 0) -> Iterator[Record]:
        self._require_open()
        return self._records(after)

    def close(self) -> None:
        """Close the file and give up the lock; the lock goes last so no writer starts early."""
        with self._mutex:
            conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.close()
        except sqlite3.Error as exc:
            raise failure(self.path, exc, "closed") from None
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.readonly else "writer"
        return f"<SqliteJournal {str(self.path)!r} {mode}>"

    def _records(self, after: int) -> Iterator[Record]:
        while True:
            with self._mutex:
                conn = self._require_open()
                try:
                    rows = conn.execute(
                        "SELECT seq, wall, mono, event FROM events WHERE seq > ? "
                        "ORDER BY seq LIMIT ?",
                        (after, _PAGE),
                    ).fetchall()
                except sqlite3.Error as exc:
                    raise failure(self.path, exc, "read") from None
            for seq, wall, mono, text in rows:
                yield Record(seq, wall, mono, decode_object(self.path, text, f"event {seq}"))
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    def _query_last_seq(self) -> int:
        conn = self._require_open()
        try:
            row = conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
        except sqlite3.Error as exc:
            raise failure(self.path, exc, "read") from None
        return int(row[0])

    def _query_status(self) -> str:
        conn = self._require_open()
        try:
            row = conn.execute("SELECT summary FROM status WHERE id = 1").fetchone()
        except sqlite3.Error as exc:
            raise failure(self.path, exc, "read") from None
        if row is None:
            raise damaged(self.path, "its status row is missing")
        return str(row[0])

    def _recover_after_failed_append(self) -> None:
        """Undo a half-done append; if even that fails, stop writing rather than guess."""
        conn = self._conn
        if conn is None:
            return
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._last_seq = self._query_last_seq()
        except sqlite3.Error:
            self._conn = None
            with contextlib.suppress(sqlite3.Error):
                conn.close()
            if self._lock is not None:
                self._lock.release()

    def _require_open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise JournalError(
                f"The session journal {self.path} is closed in this process; open it again to "
                "use it.",
                self.path,
            )
        return self._conn

    def _writer_connection(self) -> sqlite3.Connection:
        conn = self._require_open()
        if self.readonly:
            raise JournalError(
                f"The session journal {self.path} was opened read-only; only the process that "
                "runs the session can add events.",
                self.path,
            )
        return conn


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection without implicit transactions; mode=rw never creates a missing file.

    A reader connects read-write but query_only where it may, because only then does SQLite
    remove the -wal and -shm files when it closes; listing sessions would otherwise leave them.
    """
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    mode = "ro" if readonly and not writable else "rw"
    conn = sqlite3.connect(
        f"{path.absolute().as_uri()}?mode={mode}",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=5.0,
    )
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    return conn


def _use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """WAL so readers never block the writer; FULL so a commit is on disk when it returns."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise JournalError(
            f"The session journal {path} cannot use write-ahead logging (journal mode stays "
            f"{mode!r}); the file system of {path.parent} may not support it. Choose a local "
            "folder for the session.",
            path,
        )
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA fullfsync = ON")  # macOS: flush the drive's cache, not just the OS's
    conn.execute("PRAGMA checkpoint_fullfsync = ON")


def _initialize_file(path: Path, meta: JournalMeta, settings_json: str) -> sqlite3.Connection:
    """Turn the freshly claimed empty file into a journal, or remove it again."""
    try:
        conn = _connect(path, readonly=False)
    except sqlite3.Error as exc:
        _remove_session_files(path)
        raise failure(path, exc, "created") from None
    try:
        _use_wal(conn, path)
        initialize(conn, meta, settings_json)
    except BaseException as exc:
        conn.close()
        _remove_session_files(path)
        if isinstance(exc, sqlite3.Error):
            raise failure(path, exc, "created") from None
        raise
    return conn


def _open_existing(path: Path, *, readonly: bool) -> tuple[sqlite3.Connection, JournalMeta]:
    if not path.exists():
        raise JournalError(f"There is no session journal at {path}.", path)
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a session journal file.", path)
    try:
        conn = _connect(path, readonly=readonly)
    except sqlite3.Error as exc:
        raise failure(path, exc, "opened") from None
    try:
        check_identity(conn, path)
        return conn, load_meta(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise failure(path, exc, "opened") from None
    except BaseException:
        conn.close()
        raise


def _create_empty_file(path: Path) -> None:
    """Claim the name atomically (O_EXCL) and make the new directory entry durable."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    except FileExistsError:
        raise JournalError(
            f"The session journal {path} already exists and is never overwritten.", path
        ) from None
    except OSError as exc:
        raise JournalError(
            f"The session journal {path} cannot be created ({exc.strerror}). Check that the "
            f"folder {path.parent} is writable.",
            path,
        ) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _remove_session_files(path: Path) -> None:
    """Remove a file this process has just failed to set up (it holds no events)."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()
