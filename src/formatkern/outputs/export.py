"""Exporting a session: from a running `Session` or a session file, with any registered output.

The one way from a session to a file, for the CLI, the TUI and embedders alike. The output
only ever gets the redacted record (`formatkern.record.session_record`); a session file is
opened read-only, so a session can be exported while it runs in another process.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formatkern import record as records
from formatkern.clock import SystemClock
from formatkern.errors import FormatkernError
from formatkern.extensions import OutputType
from formatkern.journal import SqliteJournal
from formatkern.outputs.write import ExportError, write_atomic
from formatkern.plugins import Plugins, get_plugins
from formatkern.session_files import find_session

if TYPE_CHECKING:
    from formatkern.engine import Session


def outputs(plugins: Plugins | None = None) -> dict[str, OutputType]:
    """The registered outputs by name: the built-in md, json, html, csv and plugins' (ics)."""
    return (plugins or get_plugins()).outputs()


def output(name: str, plugins: Plugins | None = None) -> OutputType:
    found = outputs(plugins)
    if name not in found:
        known = ", ".join(sorted(found)) or "none"
        raise ExportError(f'"{name}" is no output; the outputs are {known}.')
    return found[name]


@contextmanager
def opened(ref: str | Path) -> Iterator[Session]:
    """The session of a file (or a name in the sessions folder), read-only, closed afterwards."""
    from formatkern.engine import Session

    path = find_session(str(ref))
    journal = SqliteJournal.open_readonly(path)
    try:
        yield Session.replay(journal, SystemClock())
    finally:
        journal.close()


def record(source: Session | str | Path) -> dict[str, Any]:
    """The redacted record of a session, or of the session file `source` names."""
    if isinstance(source, str | Path):
        with opened(source) as session:
            return records.session_record(session)
    return records.session_record(source)


def render(
    made: Mapping[str, Any],
    to: str = "md",
    *,
    lang: str | None = None,
    delimiter: str | None = None,
    plugins: Plugins | None = None,
) -> str | bytes:
    """A record rendered by output `to`; a failing plugin becomes an ExportError naming it."""
    chosen = output(to, plugins)
    language = lang or str(made.get("lang") or "de")
    try:
        if delimiter is not None and to == "csv":
            from formatkern.outputs import csv

            return csv.render(made, language, delimiter)
        return chosen.render(made, language)
    except FormatkernError:
        raise
    except Exception as exc:  # a plugin's bug must not end in a traceback
        raise ExportError(
            f'the output "{to}" could not render the session ({type(exc).__name__}: {exc}).'
        ) from None


def export(
    source: Session | str | Path,
    to: str = "md",
    *,
    lang: str | None = None,
    delimiter: str | None = None,
    plugins: Plugins | None = None,
) -> str | bytes:
    """The content of an export: `source` is a `Session` or a session file (or its name).

    `lang` defaults to the session's language; `delimiter` applies to csv only.
    """
    output(to, plugins)  # an unknown output is refused before the session is read
    return render(record(source), to, lang=lang, delimiter=delimiter, plugins=plugins)


def default_name(made: Mapping[str, Any], chosen: OutputType) -> str:
    """A readable file name: the day and the format, e.g. 2026-11-21_kollegiale-beratung.md."""
    fmt = made.get("format") or {}
    stem = f"{made.get('date') or 'session'}_{fmt.get('id') or 'session'}"
    return stem + chosen.suffix


def is_private(made: Mapping[str, Any]) -> bool:
    """Whether a file of this record should be readable by its owner only: it names people,
    or holds anything written down during the session (which may name people too)."""
    if (made.get("participants") or {}).get("named"):
        return True
    texts = [i for i in made.get("items") or [] if not i.get("withheld")]
    cases = [c for c in made.get("cases") or [] if c.get("title") and not c.get("withheld")]
    proposals = [p for p in made.get("proposals") or [] if not p.get("withheld")]
    return bool(texts or cases or proposals)


def write_export(
    source: Session | str | Path,
    path: Path | None = None,
    *,
    to: str = "md",
    lang: str | None = None,
    force: bool = False,
    delimiter: str | None = None,
    folder: Path | None = None,
    plugins: Plugins | None = None,
) -> Path:
    """Export to a file, atomically; returns its path.

    Without `path` the file gets `default_name` in `folder` (default: the current folder).
    An existing file is replaced only with `force`; a file with names is created 0600.
    """
    chosen = output(to, plugins)
    made = record(source)
    content = render(made, to, lang=lang, delimiter=delimiter, plugins=plugins)
    target = path if path is not None else (folder or Path.cwd()) / default_name(made, chosen)
    return write_atomic(target, content, force=force, private=is_private(made))
