"""Where formats come from: the built-in library, plugins, local folders, or a file path.

Later sources shadow earlier ones with the same id (a local `world-cafe.toml` replaces the
built-in World Café), and the catalog remembers what was shadowed so `list` can say so.

Asked for one format by id, the catalog parses only the files that declare that id (read from
their `id = "..."` line) or whose id cannot be read without parsing; listing parses them all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from formatkern.errors import CatalogError, FormatError
from formatkern.model import Day, Format

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
    packaged = Path(__file__).parent / "formats"  # what importlib.resources would find
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "formats"


def env_dirs() -> list[Path]:
    raw = os.environ.get(ENV_PATH, "")
    return [Path(part) for part in raw.split(os.pathsep) if part.strip()]


def format_files(folder: Path) -> list[Path]:
    """The format files directly in `folder`, sorted (agendas in subfolders are not formats)."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


_ID_LINE = re.compile(r'^[ \t]*id[ \t]*=[ \t]*"([^"\\\n]*)"[ \t]*(?:#[^\n]*)?$', re.MULTILINE)
_BEFORE_ID = re.compile(r"^[ \t]*\[|\"\"\"|\'\'\'", re.MULTILINE)


def declared_id(text: str) -> str | None:
    """The id a format file declares, read without parsing it: its top-level `id = "..."`.

    None when that is not certain: no such line, or a table header or a multi-line string
    before it, or the id written another way (quoted key, literal string, escapes). A file
    that parses has the id returned here, if any; only parsing tells whether it parses.
    """
    line = _ID_LINE.search(text)
    if line is None or _BEFORE_ID.search(text, 0, line.start()) is not None:
        return None
    return line.group(1)


def _declared_in(file: Path) -> str | None:
    try:
        return declared_id(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


@attrs.define
class Catalog:
    """All formats known from the given sources, loaded on first use."""

    sources: list[Source]
    _entries: dict[str, Entry] | None = None
    problems: list[str] = attrs.field(factory=list)
    """Files that could not be loaded (each a FormatError line); listing goes on without them."""
    _listing: list[tuple[Source, list[Path] | None]] | None = attrs.field(default=None, init=False)
    _results: dict[tuple[int, int], Format | FormatError] = attrs.field(factory=dict, init=False)
    _days: list[Entry] | None = attrs.field(default=None, init=False)

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

    def _files(self) -> list[tuple[Source, list[Path] | None]]:
        """Each source with its format files, in loading order (None: the folder is missing);
        looked up once, so that finding one format and listing them all see the same files."""
        if self._listing is None:
            listing: list[tuple[Source, list[Path] | None]] = []
            for source in self.sources:
                if source.path.is_file():
                    listing.append((source, [source.path]))
                elif source.path.is_dir():
                    listing.append((source, format_files(source.path)))
                else:
                    listing.append((source, None))
            self._listing = listing
        return self._listing

    def _result(self, at: tuple[int, int], file: Path) -> Format | FormatError:
        """The format of the `at`-th file (source, file), parsed once, or its FormatError."""
        if at not in self._results:
            from formatkern.format_cache import load_format_cached  # not the loader, on a hit

            try:
                self._results[at] = load_format_cached(file)
            except FormatError as exc:
                self._results[at] = exc
        return self._results[at]

    def _load(self) -> dict[str, Entry]:
        for _ in self.loading():
            pass
        assert self._entries is not None
        return self._entries

    def loading(self) -> Iterator[None]:
        """Load every format, yielding after each file parsed, so that a screen can draw and
        answer keys in between (the start screen lists the catalog so, after its first frame).

        Listing afterwards parses nothing; when the catalog gets listed some other way
        meanwhile, this stops early, and the listing is the same.
        """
        entries: dict[str, Entry] = {}
        problems: list[str] = []
        for index, (source, files) in enumerate(self._files()):
            if files is None:
                problems.append(f"{source.path}: no such folder ({source.origin})")
                continue
            for number, file in enumerate(files):
                if self._entries is not None:
                    return
                parsed = (index, number) not in self._results
                fmt = self._result((index, number), file)
                if isinstance(fmt, FormatError):
                    problems.extend(fmt.problems)
                else:
                    previous = entries.get(fmt.id)
                    shadows = (*previous.shadows, previous.origin) if previous else ()
                    entries[fmt.id] = Entry(fmt, file, source.origin, shadows)
                if parsed:
                    yield
        if self._entries is None:
            self._entries = entries
            self.problems.extend(problems)
            self._results.clear()

    def _find(self, ref: str) -> Entry | None:
        """The entry of id `ref`, as listing would give it, parsing only the files that may be
        it: those that declare `ref` and those whose id cannot be read without parsing."""
        if self._entries is not None:
            return self._entries.get(ref)
        found: Entry | None = None
        for index, (source, files) in enumerate(self._files()):
            for number, file in enumerate(files or ()):
                declared = _declared_in(file)
                if declared is not None and declared != ref:
                    continue
                fmt = self._result((index, number), file)
                if isinstance(fmt, FormatError):
                    continue
                if declared is not None and fmt.id != declared:  # cannot be; to be safe
                    return self._load().get(ref)
                if fmt.id == ref:
                    shadows = (*found.shadows, found.origin) if found else ()
                    found = Entry(fmt, file, source.origin, shadows)
        return found

    def __iter__(self) -> Iterator[Entry]:
        return iter(sorted(self._load().values(), key=lambda e: e.id))

    def ids(self) -> list[str]:
        return sorted(self._load())

    def entry(self, ref: str) -> Entry:
        """The format named by `ref`: an id in the catalog, or the path of a format file."""
        path = Path(ref)
        if ref.endswith(".toml") or os.sep in ref or (path.is_file() and self._find(ref) is None):
            return Entry(self._load_any(path), path, "file")
        found = self._find(ref)
        if found is not None:
            return found
        day = self.agenda_file(ref)
        if day is not None:
            return Entry(self._load_any(day), day, "agenda")
        entries = self._load()
        known = ", ".join(sorted(entries)) or "none"
        days = ", ".join(path.stem for path in self.agenda_files()) or "none"
        raise CatalogError(
            f'no format "{ref}" is known (formats: {known}; days: {days}); give an id from '
            "`formatkern list` or the path of a .toml file."
        )

    def _load_any(self, path: Path) -> Format:
        """A format or agenda file, named by path or as an example day (`agenda` is imported
        only then: finding a format by id does without it)."""
        from formatkern.agenda import load_any

        return load_any(path, catalog=self)

    def agenda_files(self) -> list[Path]:
        """The agenda files of the sources: each folder's `agendas/` (the example days)."""
        found: dict[str, Path] = {}
        for source in self.sources:
            folder = source.path / "agendas"
            if folder.is_dir():
                found.update({p.stem: p for p in format_files(folder)})
        return sorted(found.values(), key=lambda p: p.stem)

    def days(self) -> list[Entry]:
        """The example days (the agenda files of `agenda_files`), each read once; a file that
        does not read is left out and its problems kept in `problems`."""
        if self._days is None:
            days: list[Entry] = []
            for path in self.agenda_files():
                try:
                    day = self._load_any(path)
                except FormatError as exc:
                    self.problems.extend(exc.problems)
                    continue
                if isinstance(day, Day):
                    days.append(Entry(day, path, "agenda"))
            self._days = days
        return self._days

    def agenda_file(self, ref: str) -> Path | None:
        """The agenda file named `ref` (its file name without .toml), if there is one."""
        return next((p for p in self.agenda_files() if p.stem == ref), None)

    def get(self, ref: str) -> Format:
        return self.entry(ref).format
