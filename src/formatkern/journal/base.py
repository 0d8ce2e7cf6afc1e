"""What every journal is: the metadata of a session, its records, and the Journal protocol.

The engine talks to this protocol only, so a session runs the same on SQLite, in memory, or on
a later backend. Events travel as JSON-able dicts; the journal stores them as JSON text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Protocol, Self

import attrs


@attrs.frozen
class JournalMeta:
    """What a session was started from, kept so that it renders the same years later."""

    format_id: str
    format_text: str
    """The format file's full text at the start, not a path: the file may change or vanish."""
    settings: Mapping[str, Any]
    """Settings and participants as the engine chose them; must be JSON-able."""
    created_wall: float
    """Wall-clock seconds since the epoch when the session was created (from the engine's clock)."""
    events_version: int = 1
    """Version of the event vocabulary the session is written in; the engine checks it on resume."""


@attrs.frozen
class Record:
    """One stored event with the times the engine's clock gave when it was appended."""

    seq: int
    """Position in the session, contiguous from 1."""
    wall: float
    """Wall-clock seconds since the epoch, for humans and protocols."""
    mono: float
    """Monotonic offset, for timers that must not jump when the wall clock is set."""
    event: dict[str, Any]


class Journal(Protocol):
    """The durable, append-only event store of one running session.

    An append is one command's events; they are stored together or not at all, and once
    `append` returns they survive a crash of the process.
    """

    @property
    def meta(self) -> JournalMeta: ...

    @property
    def last_seq(self) -> int:
        """The seq of the newest stored event, 0 when there is none."""
        ...

    @property
    def status(self) -> dict[str, Any]:
        """The summary passed with the latest append that had one (e.g. state, current_phase)."""
        ...

    def append(
        self,
        events: Sequence[Mapping[str, Any]],
        *,
        wall: float,
        mono: float,
        status: Mapping[str, Any] | None = None,
    ) -> list[int]:
        """Store one command's events atomically and return the seqs they were given."""
        ...

    def read(self, after: int = 0) -> Iterator[Record]:
        """The records with seq > `after`, in order; call again with the last seq to follow."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def encode_json(value: object) -> str:
    """Compact, strict JSON: NaN and infinities are refused because they are not JSON."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def encode_command(events: Sequence[Mapping[str, Any]], wall: float, mono: float) -> list[str]:
    """Check and encode a whole command before anything is written, so a bad event stores nothing.

    Raises TypeError or ValueError: these are the engine's mistakes, not the user's.
    """
    if not (math.isfinite(wall) and math.isfinite(mono)):
        raise ValueError(f"wall and mono must be finite numbers, got wall={wall!r}, mono={mono!r}")
    return [
        encode_mapping(event, f"event {index} of this command")
        for index, event in enumerate(events)
    ]


def encode_mapping(value: Mapping[str, Any], what: str) -> str:
    """Encode an event, the settings or a status summary, naming which one failed."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a dict, not a {type(value).__name__}")
    try:
        return encode_json(dict(value))
    except TypeError as exc:
        raise TypeError(f"{what} cannot be stored as JSON: {exc}") from exc
    except ValueError as exc:
        raise ValueError(f"{what} cannot be stored as JSON: {exc}") from exc
