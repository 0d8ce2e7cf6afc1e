"""Where formats come from: the built-in library, plugins, local folders, or a file path.

Later sources shadow earlier ones with the same id (a local `world-cafe.toml` replaces the
built-in World Café), and the catalog remembers what was shadowed so `list` can say so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import attrs

from formatkern.errors import CatalogError, FormatError
from formatkern.loader import load_format
from formatkern.model import Format

ENV_PATH = "FORMATKERN_FORMATS_PATH"


@attrs.frozen
class Source:
    """One place formats come from, e.g. ("built-in", formats/) or ("plugin my-method", dir)."""

    origin: str
    path: Path


@attrs.frozen
class Entry:
    format: Format
    path: Path
    origin: str
    shadows: tuple[str, ...] = ()
    """Origins of formats with the same id that this one replaces."""

    @property
    def id(self) -> str:
        return self.format.id


def builtin_dir() -> Path:
    """The built-in formats: inside the installed package, or beside `src/` in a checkout."""
    packaged = resources.files("formatkern") / "formats"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "formats"


def env_dirs() -> list[Path]:
    raw = os.environ.get(ENV_PATH, "")
    return [Path(part) for part in raw.split(os.pathsep) if part.strip()]


def format_files(folder: Path) -> list[Path]:
    """The format files directly in `folder`, sorted (agendas in subfolders are not formats)."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


@attrs.define
class Catalog:
    """All formats known from the given sources, loaded on first use."""

    sources: list[Source]
    _entries: dict[str, Entry] | None = None
    problems: list[str] = attrs.field(factory=list)
    """Files that could not be loaded (each a FormatError line); listing goes on without them."""

    @classmethod
    def default(cls, formats_dirs: Sequence[Path] = ()) -> Catalog:
        """Built-in formats and plugins' (through `register_formats`), then
        FORMATKERN_FORMATS_PATH, then `--formats-dir` folders: the more local, the later,
        the stronger."""
        from formatkern.plugins import get_plugins, is_builtin

        sources = [
            Source("built-in" if is_builtin(r.plugin) else f"plugin {r.plugin}", r.item)
            for r in get_plugins().format_paths()
        ]
        sources += [Source(f"local {d}", d) for d in env_dirs()]
        sources += [Source(f"local {d}", d) for d in formats_dirs]
        return cls(sources)

    def _load(self) -> dict[str, Entry]:
        if self._entries is not None:
            return self._entries
        entries: dict[str, Entry] = {}
        for source in self.sources:
            if source.path.is_file():
                files = [source.path]
            elif source.path.is_dir():
                files = format_files(source.path)
            else:
                self.problems.append(f"{source.path}: no such folder ({source.origin})")
                continue
            for file in files:
                try:
                    fmt = load_format(file)
                except FormatError as exc:
                    self.problems.extend(exc.problems)
                    continue
                previous = entries.get(fmt.id)
                shadows = (*previous.shadows, previous.origin) if previous else ()
                entries[fmt.id] = Entry(fmt, file, source.origin, shadows)
        self._entries = entries
        return entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(sorted(self._load().values(), key=lambda e: e.id))

    def ids(self) -> list[str]:
        return sorted(self._load())

    def entry(self, ref: str) -> Entry:
        """The format named by `ref`: an id in the catalog, or the path of a format file."""
        path = Path(ref)
        if ref.endswith(".toml") or os.sep in ref or (path.is_file() and ref not in self._load()):
            return Entry(load_format(path), path, "file")
        entries = self._load()
        if ref in entries:
            return entries[ref]
        known = ", ".join(sorted(entries)) or "none"
        raise CatalogError(
            f'no format "{ref}" is known (known: {known}); give an id from `formatkern list` '
            "or the path of a .toml file."
        )

    def get(self, ref: str) -> Format:
        return self.entry(ref).format
