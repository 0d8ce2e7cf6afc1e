"""Where a session's time comes from: the real clock, a fake one for tests, a fast one to rehearse.

The engine never reads the time itself; it asks the clock it was given. Deadlines are wall times
(seconds since the epoch), so a session resumed after a crash or a closed laptop lid counts down
where the real clock says, not where the process stopped.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """A source of time: wall seconds since the epoch, and a monotonic offset for the journal."""

    def now(self) -> float: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to, so tests never sleep."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self._wall = float(start)
        self._mono = 1000.0

    @classmethod
    def local(cls, year: int, month: int, day: int, hour: int, minute: int = 0) -> FakeClock:
        """A clock standing at a local date and time, e.g. a Monday 09:00."""
        return cls(datetime(year, month, day, hour, minute).timestamp())

    def now(self) -> float:
        return self._wall

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        """Let time pass, as in a room where people keep talking."""
        if seconds < 0:
            raise ValueError("a clock cannot advance backwards; use set() to set the wall time")
        self._wall += seconds
        self._mono += seconds

    def set(self, wall: float) -> None:
        """Move the wall clock only, as after a suspended laptop wakes up or the time is set."""
        self._wall = float(wall)


class ScaledClock:
    """The real clock running `speed` times faster from the moment it is made (rehearsals).

    Built on the base clock's monotonic time, so a scaled minute is always the same real time.
    """

    def __init__(self, speed: float, base: Clock | None = None, start: float | None = None) -> None:
        """`start`: the wall time the clock shows at first (a rehearsal at its planned start);
        default: the base clock's now."""
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self.speed = speed
        self._base = base if base is not None else SystemClock()
        self._wall0 = self._base.now() if start is None else start
        self._mono0 = self._base.monotonic()

    def now(self) -> float:
        return self._wall0 + self.elapsed()

    def monotonic(self) -> float:
        return self._mono0 + self.elapsed()

    def elapsed(self) -> float:
        """Scaled seconds since the clock was made."""
        return (self._base.monotonic() - self._mono0) * self.speed
