"""The single-writer lock of a session: an OS lock on a sidecar file that dies with its process.

`fcntl.flock` is released by the kernel when the holding process ends, however it ends, so a
session killed with SIGKILL can be resumed at once. The sidecar's content (pid, host, time) only
serves the error message of a second writer; the lock itself is the flock.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path

import attrs

from formatkern.journal.errors import JournalError, JournalLockedError

LOCK_SUFFIX = ".lock"


@attrs.frozen
class LockHolder:
    """Who took a session's writer lock, as written into the lock file."""

    pid: int
    host: str
    since_wall: float

    def describe(self) -> str:
        """The holder in words, for messages: process, host and local time it took the lock."""
        since = datetime.fromtimestamp(self.since_wall).strftime("%Y-%m-%d %H:%M:%S")
        return f"process {self.pid} on host {self.host} (since {since})"

    def seems_alive(self) -> bool:
        """Best guess whether the holder still runs; another host's process is assumed alive.

        A dead holder's flock is already gone; this only tells listings not to show a stale
        lock file as a running session. A reused pid can make a dead holder look alive.
        """
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def lock_path_for(journal_path: Path) -> Path:
    """The sidecar lock file next to a journal: `<journal name>.lock`."""
    return journal_path.with_name(journal_path.name + LOCK_SUFFIX)


def read_holder(journal_path: Path) -> LockHolder | None:
    """The holder named in a journal's lock file without taking the lock; None if none is named."""
    try:
        return _parse_holder(lock_path_for(journal_path).read_bytes())
    except OSError:
        return None


class WriterLock:
    """An acquired writer lock; `release` (or the end of the process) gives it up."""

    def __init__(self, journal_path: Path, fd: int, holder: LockHolder) -> None:
        self.journal_path = journal_path
        self.holder = holder
        self._fd: int | None = fd
        self._owner_pid = os.getpid()

    @classmethod
    def acquire(cls, journal_path: Path) -> WriterLock:
        """Take the lock or raise JournalLockedError naming who has it."""
        lock_path = lock_path_for(journal_path)
        # A releasing holder unlinks the file; whoever locked the unlinked file must retry.
        for _attempt in range(5):
            fd = _open_lock_file(lock_path, journal_path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _parse_holder(os.pread(fd, 4096, 0))
                os.close(fd)
                raise _locked_error(journal_path, holder) from None
            except OSError as exc:
                os.close(fd)
                raise JournalError(
                    f"The session journal {journal_path} cannot be locked for writing "
                    f"({exc.strerror}); the file system of {lock_path.parent} may not support "
                    "file locks.",
                    journal_path,
                ) from None
            if _same_file(fd, lock_path):
                holder = LockHolder(
                    pid=os.getpid(), host=socket.gethostname(), since_wall=time.time()
                )
                data = json.dumps(attrs.asdict(holder)).encode()
                os.ftruncate(fd, 0)
                os.pwrite(fd, data, 0)
                return cls(journal_path, fd, holder)
            os.close(fd)
        raise JournalError(
            f"The session journal {journal_path} could not be locked for writing: its lock file "
            f"{lock_path} kept changing while other processes opened and closed the session.",
            journal_path,
        )

    def release(self) -> None:
        """Remove the lock file while still holding the lock, then let go; idempotent.

        A forked child only closes its copy: the lock belongs to the parent, which still runs.
        """
        if self._fd is None:
            return
        if os.getpid() == self._owner_pid:
            with contextlib.suppress(FileNotFoundError):
                lock_path_for(self.journal_path).unlink()
        os.close(self._fd)
        self._fd = None


def _open_lock_file(lock_path: Path, journal_path: Path) -> int:
    try:
        return os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise JournalError(
            f"The session journal {journal_path} cannot be opened for writing: its lock file "
            f"{lock_path} cannot be created ({exc.strerror}). Check that the folder is writable.",
            journal_path,
        ) from None


def _same_file(fd: int, lock_path: Path) -> bool:
    try:
        on_disk = os.stat(lock_path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _parse_holder(data: bytes) -> LockHolder | None:
    try:
        raw = json.loads(data)
        return LockHolder(
            pid=int(raw["pid"]), host=str(raw["host"]), since_wall=float(raw["since_wall"])
        )
    except (ValueError, TypeError, KeyError):
        return None


def _locked_error(journal_path: Path, holder: LockHolder | None) -> JournalLockedError:
    who = holder.describe() if holder else "another process"
    return JournalLockedError(
        f"The session {journal_path} is already open for writing by {who}. Only one process can "
        "run a session at a time: close the other formatkern first, or open this session "
        "read-only to watch it. The lock ends by itself when that process ends, even if it "
        "crashed or was killed.",
        journal_path,
        holder,
    )
