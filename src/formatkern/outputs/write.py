"""Writing an export to disk: all or nothing, never over an existing file unless asked.

The content goes to a temporary file beside the target, is flushed to the disk, and only then
takes the target's name, so a crash or a full disk never leaves half a protocol, and nobody
opening the file sees one being written. A file with people's names in it is created readable
by its owner only: protocols of social work travel over shared drives.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Final

from formatkern.errors import FormatkernError

PRIVATE: Final = 0o600
"""Owner may read and write; nobody else may do anything."""
SHARED: Final = 0o644
"""Everyone may read (files without names). Fixed rather than read from the umask, because
reading the umask means setting it, which is not safe while other threads create files."""


class ExportError(FormatkernError):
    """An export cannot be made or written (unknown output, existing file, no permission)."""


def write_atomic(path: Path, content: str | bytes, *, force: bool = False, private: bool) -> Path:
    """Write `content` (text as UTF-8) to `path` atomically; return the path written.

    Without `force` an existing file is never replaced, also not one that appears while
    writing. `private` files get mode 0600, others 0644.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path} cannot be written: the folder {folder} does not exist.")
    if path.exists() and not force:
        raise _exists(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path} cannot be written: {exc.strerror}.") from None
    done = False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, PRIVATE if private else SHARED)
        _place(Path(temporary), path, force)
        done = True
    except OSError as exc:
        raise ExportError(f"{path} cannot be written: {exc.strerror or exc}.") from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _sync_folder(folder)
    return path


def _place(temporary: Path, path: Path, force: bool) -> None:
    """Give the written file its name: replacing (force), or only if the name is still free."""
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # fails if the name was taken meanwhile: nothing is replaced
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links: the check above has to do
        if path.exists():
            raise _exists(path) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _exists(path: Path) -> ExportError:
    return ExportError(
        f"{path} exists already and is not overwritten; give another name with -o, or "
        "replace it with --force."
    )


def _sync_folder(folder: Path) -> None:
    """Make the new name durable too (POSIX); where folders cannot be opened, skip it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
