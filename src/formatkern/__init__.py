"""formatkern: runs meeting methods from declarative format files.

The public API for other tools: load a format, plan it for the people in the room, run it as a
`Session` with a clock and a journal of your choice, send commands, read the state, subscribe
to events. See docs/embedding.md.

Names are imported on first use (PEP 562), so that `import formatkern` and the command line
start fast: a plugin that only needs `hookimpl` does not pay for the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from formatkern.errors import (
    CatalogError,
    FormatError,
    FormatkernError,
    GroupingError,
    ParticipantsError,
    PlanError,
)
from formatkern.hookspecs import hookimpl

if TYPE_CHECKING:
    from formatkern.clock import Clock, FakeClock, ScaledClock, SystemClock
    from formatkern.engine import CommandError, Session
    from formatkern.events import Entry, Event
    from formatkern.journal import (
        Journal,
        JournalError,
        JournalLockedError,
        JournalMeta,
        MemoryJournal,
        SqliteJournal,
    )
    from formatkern.loader import load_format, parse_format
    from formatkern.model import Format
    from formatkern.participants import People
    from formatkern.plan import Plan, Settings, make_plan
    from formatkern.projection import Projection
    from formatkern.session_files import SessionError, format_path
    from formatkern.state import SessionState

_LAZY: dict[str, str] = {
    "Clock": "formatkern.clock",
    "FakeClock": "formatkern.clock",
    "ScaledClock": "formatkern.clock",
    "SystemClock": "formatkern.clock",
    "CommandError": "formatkern.engine",
    "Session": "formatkern.engine",
    "Entry": "formatkern.events",
    "Event": "formatkern.events",
    "Journal": "formatkern.journal",
    "JournalError": "formatkern.journal",
    "JournalLockedError": "formatkern.journal",
    "JournalMeta": "formatkern.journal",
    "MemoryJournal": "formatkern.journal",
    "SqliteJournal": "formatkern.journal",
    "load_format": "formatkern.loader",
    "parse_format": "formatkern.loader",
    "Format": "formatkern.model",
    "People": "formatkern.participants",
    "Plan": "formatkern.plan",
    "Settings": "formatkern.plan",
    "make_plan": "formatkern.plan",
    "Projection": "formatkern.projection",
    "SessionError": "formatkern.session_files",
    "format_path": "formatkern.session_files",
    "SessionState": "formatkern.state",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'formatkern' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CatalogError",
    "Clock",
    "CommandError",
    "Entry",
    "Event",
    "FakeClock",
    "Format",
    "FormatError",
    "FormatkernError",
    "GroupingError",
    "Journal",
    "JournalError",
    "JournalLockedError",
    "JournalMeta",
    "MemoryJournal",
    "ParticipantsError",
    "People",
    "Plan",
    "PlanError",
    "Projection",
    "ScaledClock",
    "Session",
    "SessionError",
    "SessionState",
    "Settings",
    "SqliteJournal",
    "SystemClock",
    "format_path",
    "hookimpl",
    "load_format",
    "make_plan",
    "parse_format",
]
