"""The record as JSON, and a session rebuilt from it.

The file holds the redacted record: everything the protocol shows, plus the format file's text,
the settings and the session's events, so that another program (or formatkern years later)
can rebuild the session with `rebuild`. Confidential texts without consent are replaced by a
marker in the events too; the rebuilt session then has the same timing, groups, roles, votes
and counts, with the content marked as left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from formatkern.clock import FakeClock
from formatkern.errors import FormatkernError
from formatkern.journal import JournalMeta, MemoryJournal

if TYPE_CHECKING:
    from formatkern.engine import Session


class RecordError(FormatkernError):
    """A JSON record that cannot be rebuilt into a session."""


def render(record: Mapping[str, Any], lang: str) -> str:
    """The record as pretty JSON (UTF-8, keys in the record's order); `lang` is not needed."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def rebuild(record: Mapping[str, Any]) -> Session:
    """The session a JSON record was made from, in memory, standing where the record ends.

    Its clock is a `FakeClock` at the last event, so reading it never depends on today.
    """
    from formatkern.engine import Session

    source = record.get("source")
    if not isinstance(source, Mapping) or not source.get("format_text"):
        raise RecordError(
            "this record holds no format text and settings (it was made from a state alone, "
            "or is a plan record), so the session cannot be rebuilt from it."
        )
    meta = JournalMeta(
        str(source.get("format_id", "")),
        str(source["format_text"]),
        dict(source.get("settings") or {}),
        float(source.get("created") or 0.0),
        events_version=int(source.get("events_version") or 1),
    )
    journal = MemoryJournal(meta)
    last = meta.created_wall
    for entry in record.get("events") or []:
        last = float(entry.get("wall", last))
        journal.append([entry["event"]], wall=last, mono=last)
    return Session.replay(journal, FakeClock(last))
