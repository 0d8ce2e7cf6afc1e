"""Shared pieces of the journal tests: a session's metadata and a journal of either kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from formatkern.journal import Journal, JournalMeta, MemoryJournal, SqliteJournal

FORMAT_TEXT = """format = 1
id = "kollegiale-beratung"
title = { de = "Kollegiale Beratung – Fallarbeit", en = "Collegial case consultation" }
"""


@pytest.fixture
def meta() -> JournalMeta:
    return JournalMeta(
        format_id="kollegiale-beratung",
        format_text=FORMAT_TEXT,
        settings={"lang": "de", "participants": ["Anna", "Ben", "Cem", "Dörte", "Emre"]},
        created_wall=1_795_000_000.0,
        events_version=3,
    )


@pytest.fixture(params=["memory", "sqlite"])
def journal(request: pytest.FixtureRequest, tmp_path: Path, meta: JournalMeta) -> Iterator[Journal]:
    """Every behaviour of the Journal protocol is checked on both implementations."""
    opened: Journal
    if request.param == "memory":
        opened = MemoryJournal(meta)
    else:
        opened = SqliteJournal.create(tmp_path / "session.fksession", meta)
    with opened:
        yield opened
