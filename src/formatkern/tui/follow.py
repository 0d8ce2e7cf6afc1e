"""Following a session read-only from its journal, for the room's browser view.

The writer (the facilitator's control desk) appends events; this reader folds whatever is new
into its own copy of the state every time it is polled. It never takes the writer lock and
never sends a command, so a projector in the next room cannot change the session.
"""

from __future__ import annotations

from pathlib import Path

from formatkern import events as ev
from formatkern.clock import Clock, SystemClock
from formatkern.journal import SqliteJournal, list_sessions
from formatkern.session_files import find_session, stored
from formatkern.state import SessionState, apply, initial


class Follower:
    """The state of a session in another process, as far as its journal has got."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = path
        self._clock = clock or SystemClock()
        self.journal = SqliteJournal.open_readonly(path)
        kept = stored(self.journal.meta, where=str(path))
        self._state = initial(kept.plan)
        self.poll()

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def clock(self) -> Clock:
        return self._clock

    def poll(self) -> bool:
        """Fold the events stored since the last poll; True when there were any."""
        state = self._state
        for record in self.journal.read(after=state.seq):
            state = apply(state, ev.from_json(record.event), seq=record.seq)
        changed = state.seq != self._state.seq
        self._state = state
        return changed

    def close(self) -> None:
        self.journal.close()


def running_session(ref: str | None, directory: Path | None = None) -> Path:
    """The session `ref` names, or else the newest one a control desk is writing right now,
    or else the newest unfinished one."""
    if ref is not None:
        return find_session(ref, directory)
    infos = list_sessions(directory)
    for info in infos:
        if info.problem is None and info.writer is not None:
            return info.path
    return find_session(None, directory)
