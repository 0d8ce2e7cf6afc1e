"""formatkern: runs meeting methods from declarative format files.

The public API for other tools: load a format, plan it for the people in the room, run it as a
`Session` with a clock and a journal of your choice, send commands, read the state, subscribe
to events. See docs/embedding.md.
"""

from formatkern.clock import Clock, FakeClock, ScaledClock, SystemClock
from formatkern.engine import CommandError, Session
from formatkern.errors import (
    CatalogError,
    FormatError,
    FormatkernError,
    GroupingError,
    ParticipantsError,
    PlanError,
)
from formatkern.events import Entry, Event
from formatkern.hookspecs import hookimpl
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
