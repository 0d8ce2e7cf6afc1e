"""A journal that lives in memory: for tests and for embedding where nothing must touch disk.

It goes through the same JSON encoding as the SQLite journal, so an event that works here
works there, and a caller's later changes to a dict never alter what was appended.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from formatkern.journal.base import JournalMeta, Record, encode_command, encode_mapping
from formatkern.journal.errors import JournalError


class MemoryJournal:
    """Holds one session's events in a list; gone when the object is."""

    def __init__(self, meta: JournalMeta) -> None:
        encode_mapping(meta.settings, "the settings")
        self._meta = meta
        self._rows: list[tuple[float, float, str]] = []
        self._status = "{}"
        self._closed = False

    @property
    def meta(self) -> JournalMeta:
        return self._meta

    @property
    def last_seq(self) -> int:
        return len(self._rows)

    @property
    def status(self) -> dict[str, Any]:
        self._require_open()
        result: dict[str, Any] = json.loads(self._status)
        return result

    def append(
        self,
        events: Sequence[Mapping[str, Any]],
        *,
        wall: float,
        mono: float,
        status: Mapping[str, Any] | None = None,
    ) -> list[int]:
        self._require_open()
        encoded = encode_command(events, wall, mono)
        if status is not None:
            self._status = encode_mapping(status, "the status")  # raises before anything changed
        first = len(self._rows) + 1
        self._rows.extend((wall, mono, text) for text in encoded)
        return list(range(first, first + len(encoded)))

    def read(self, after: int = 0) -> Iterator[Record]:
        self._require_open()
        return self._records(max(after, 0))

    def _records(self, after: int) -> Iterator[Record]:
        index = after
        while index < len(self._rows):
            self._require_open()
            wall, mono, text = self._rows[index]
            index += 1
            yield Record(seq=index, wall=wall, mono=mono, event=json.loads(text))

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _require_open(self) -> None:
        if self._closed:
            raise JournalError("The in-memory session journal is closed; it can no longer be used.")
