"""Formats parsed before, kept so that the next start does not parse them again.

Parsing a format file (TOML, the strict structuring, the checks) is most of what formatkern
itself does before the desk's first frame. A format that parsed without a problem is kept as a
pickle in the user's cache folder, one file per format file, together with everything its
parse depended on, and it is used only when all of that is still the same:

- the file's bytes;
- this formatkern's code: the size and modification time of each module of the package except
  the front ends (`cli`, `tui`), as Python's bytecode cache does for one file (an upgrade
  writes new files);
- Python's version;
- what plugins give a parse: the role templates (`use = "..."`) and the timer kinds.

When any of these changes, the file is parsed again (and kept anew). A format with problems is
never kept, so its messages always come from a fresh parse. A cache file that cannot be read or
written is passed over: the cache saves time and never changes a result. The folder holds at
most `KEEP` files, the oldest go first. `FORMATKERN_CACHE=off` turns the cache off.

The files are pickles, read only from the user's own cache folder (as Python reads its bytecode
from beside the sources): whoever can write there can change what formatkern runs anyway.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Final

from formatkern.model import Format

ENV_CACHE: Final = "FORMATKERN_CACHE"
"""`off` turns the cache off; a folder path puts it there (default: the user's cache folder)."""
KEEP: Final = 256
"""Cache files kept at most (one per format file, whatever its versions)."""
SCHEMA: Final = b"formatkern format cache 1"
"""Part of every key: a change of what is kept, or how, starts a new cache."""
FRONT_ENDS: Final = frozenset({"cli", "tui", "__pycache__"})
"""Sub-packages whose code has no part in parsing a format."""

_code_stamp: bytes | None = None


def cache_dir() -> Path | None:
    """Where parsed formats are kept, or None when the cache is off."""
    setting = os.environ.get(ENV_CACHE, "").strip()
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    import platformdirs  # only here: reading a cached format needs no more than pickle

    return platformdirs.user_cache_path("formatkern", appauthor=False) / "formats"


def load_format_cached(file: Path) -> Format:
    """The format of `file`, from the cache when it was parsed before as it is now.

    Raises what `load_format` raises: a FormatError naming the file and every problem.
    """
    folder = cache_dir()
    try:
        data = file.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        from formatkern.loader import load_format

        return load_format(file)  # which says what is wrong with the file
    if folder is None:
        return _parse(text, file)
    key, slot = _key(data), _slot(folder, file)
    found = _read(slot, key)
    if found is None:
        found = _parse(text, file)
        _write(folder, slot, key, found)
    return found


def _parse(text: str, file: Path) -> Format:
    from formatkern.loader import parse_format  # only on a miss: a hit needs no loader

    return parse_format(text, str(file))


def _slot(folder: Path, file: Path) -> Path:
    """The cache file of a format file, named by its absolute path (a checksum and the name:
    two paths that share a slot only take turns, since what is kept is compared whole)."""
    where = str(file.absolute())
    return folder / f"{zlib.crc32(where.encode()):08x}-{file.stem}.pickle"


def _key(data: bytes) -> bytes:
    """All that a parse of `data` depends on, as one text to compare with the kept one."""
    return b"\0".join(
        [
            SCHEMA,
            f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}".encode(),
            _code(),
            _plugins(),
            data,
        ]
    )


def _code() -> bytes:
    """This formatkern's code, as module paths, sizes and modification times."""
    global _code_stamp
    if _code_stamp is None:
        root = Path(__file__).parent
        parts: list[str] = []
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if name not in FRONT_ENDS)
            for name in sorted(files):
                if name.endswith(".py"):
                    path = Path(folder, name)
                    stat = path.stat()
                    parts.append(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
        _code_stamp = "\n".join(parts).encode()
    return _code_stamp


def _plugins() -> bytes:
    """What the loaded plugins give a parse: role templates and timer kinds (attrs reprs, the
    same text for the same values)."""
    from formatkern.plugins import get_plugins

    plugins = get_plugins()
    roles = sorted(plugins.roles().items())
    return f"{roles!r}\0{sorted(plugins.timers())!r}".encode()


def _read(path: Path, key: bytes) -> Format | None:
    """The format kept at `path`, if it was kept for `key`."""
    try:
        with path.open("rb") as stream:
            kept_key, found = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # whatever is wrong with the file, it only costs a parse
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None
    return found if kept_key == key and isinstance(found, Format) else None


def _write(folder: Path, path: Path, key: bytes, fmt: Format) -> None:
    """Keep `fmt` with its key (written whole, then renamed: a reader never sees half a file)."""
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps((key, fmt), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
        _prune(folder)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    files = list(folder.glob("*.pickle"))
    if len(files) <= KEEP:
        return
    files.sort(key=lambda path: path.stat().st_mtime_ns)
    for path in files[: len(files) - KEEP]:
        path.unlink(missing_ok=True)
