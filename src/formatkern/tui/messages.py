"""Messages the control desk's parts send each other (Harlequin keeps them in one module too)."""

from __future__ import annotations

from textual.message import Message

from formatkern.events import Entry


class SessionChanged(Message):
    """The session stored new events; screens redraw what depends on them."""

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries


class SessionReady(Message):
    """The start screen made (or resumed) a session; the app moves on to running it."""

    def __init__(self, resumed: bool) -> None:
        super().__init__()
        self.resumed = resumed
