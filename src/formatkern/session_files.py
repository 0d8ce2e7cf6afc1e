"""What a session journal keeps besides its events, and finding session files on disk.

The journal's metadata holds the format file's text and the settings, so a session resumes, and
renders, from its own file even when the format file has changed or is gone.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs
import cattrs
from cattrs.preconf.json import make_converter

from formatkern.clock import Clock
from formatkern.errors import FormatError, FormatkernError
from formatkern.journal import (
    SESSION_SUFFIX,
    JournalMeta,
    SessionInfo,
    SqliteJournal,
    list_sessions,
    new_session_path,
    sessions_dir,
)
from formatkern.loader import parse_format
from formatkern.model import Day, Format
from formatkern.plan import Plan, Settings, make_plan

META_VERSION: Final = 1
"""Version of the settings dict this module writes into the journal's metadata."""

_converter: Final = make_converter(forbid_extra_keys=True)


class SessionError(FormatkernError):
    """A session cannot be found, opened or rebuilt from its journal."""


@attrs.frozen
class Stored:
    """What the engine needs from a journal's metadata to rebuild a session."""

    plan: Plan
    seed: int


def session_meta(plan: Plan, format_text: str, created_wall: float, seed: int = 0) -> JournalMeta:
    """The metadata of a new session journal."""
    from formatkern.events import EVENTS_VERSION

    settings: dict[str, Any] = {
        "formatkern_session": META_VERSION,
        "seed": seed,
        "settings": _converter.unstructure(plan.settings),
    }
    if isinstance(plan.format, Day):  # an agenda: the texts of its formats are kept too
        settings["formats"] = dict(plan.format.texts)
    return JournalMeta(
        plan.format.id, format_text, settings, created_wall, events_version=EVENTS_VERSION
    )


def stored(meta: JournalMeta, fmt: Format | None = None, where: str = "the journal") -> Stored:
    """The plan and seed of a session from its journal's metadata.

    `fmt` replaces the stored format text, for sessions made from a Format built in code.
    """
    from formatkern.agenda import is_agenda, parse_agenda, stored_resolver
    from formatkern.events import EVENTS_VERSION

    data: Mapping[str, Any] = meta.settings
    version = data.get("formatkern_session")
    events = meta.events_version
    if not isinstance(version, int):
        raise SessionError(f"{where} holds no formatkern session settings; it cannot be resumed.")
    if version > META_VERSION or events > EVENTS_VERSION:
        raise SessionError(
            f"{where} was written by a newer formatkern (session version {version}, events "
            f"version {events}); update formatkern to resume it."
        )
    try:
        settings = _converter.structure(data["settings"], Settings)
    except (cattrs.BaseValidationError, KeyError):
        raise SessionError(f"the settings stored in {where} cannot be read.") from None
    if fmt is None:
        if not meta.format_text:
            raise SessionError(
                f"{where} keeps no format text (the session was made from a format built in "
                "code); pass the format to resume it."
            )
        name = f"{meta.format_id} (stored in {where})"
        try:
            if is_agenda(meta.format_text):
                texts = data.get("formats")
                fmt = parse_agenda(
                    meta.format_text,
                    name,
                    stored_resolver(texts if isinstance(texts, dict) else {}),
                )
            else:
                fmt = parse_format(meta.format_text, name)
        except FormatError as exc:
            raise SessionError(f"the format stored in {where} no longer loads:\n{exc}") from None
    seed = data.get("seed", 0)
    return Stored(make_plan(fmt, settings), seed if isinstance(seed, int) else 0)


def create_journal(
    plan: Plan,
    format_text: str,
    clock: Clock,
    *,
    path: Path | None = None,
    seed: int = 0,
) -> SqliteJournal:
    """A new session file: at `path`, or under the user's sessions folder with a readable name."""
    now = clock.now()
    if path is None:
        path = new_session_path(plan.format.id, now)
    elif path.exists():
        raise SessionError(
            f"{path} already exists; a new session never overwrites a file. Resume it with "
            f"`formatkern resume {path}`, or give another --session path."
        )
    return SqliteJournal.create(path, session_meta(plan, format_text, now, seed))


def find_session(ref: str | None, directory: Path | None = None) -> Path:
    """The session file meant by `ref`: a path, a name in the sessions folder, or (None) the
    newest session that is not finished and not running in another process."""
    folder = sessions_dir() if directory is None else directory
    if ref is not None:
        path = Path(ref)
        if path.exists():
            return path
        for candidate in (folder / ref, folder / f"{ref}{SESSION_SUFFIX}"):
            if candidate.exists():
                return candidate
        raise SessionError(
            f"there is no session {ref!r}: neither a file nor a session in {folder}. "
            "`formatkern sessions` lists them."
        )
    for info in list_sessions(folder):
        if resumable(info):
            return info.path
    raise SessionError(
        f"there is no unfinished session in {folder} to resume; give the session file, or "
        "start one with `formatkern run FORMAT`."
    )


def resumable(info: SessionInfo) -> bool:
    """A session that could be continued here: readable, not finished, no live writer."""
    return info.problem is None and info.state != "finished" and info.writer is None


def format_path(ref: str) -> Path:
    """The file of a format: an id of the built-in library (or a plugin's), or a path."""
    from formatkern.catalog import Catalog

    return Catalog.default().entry(ref).path
