"""The control desk's hold on a session: every button and key ends in one of these calls.

The desk owns nothing but references: the `Session` (all rules), the clock (the app's real one,
or a fake in tests) and the plugins (whose `on_event` effects the app performs). A command the
engine refuses comes back as the engine's own sentence in the desk's language, shown to the
facilitator as a notice; a refusal the desk sees coming (someone joins who is already there)
is said in the desk's own words through `refuse`, before anything is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from formatkern.clock import Clock
from formatkern.engine import Session
from formatkern.errors import CommandError
from formatkern.events import Entry
from formatkern.extensions import Effect
from formatkern.plugins import Plugins
from formatkern.state import SessionState


class Source(Protocol):
    """Where a view reads from: a live session, or a journal followed read-only."""

    @property
    def state(self) -> SessionState: ...

    @property
    def clock(self) -> Clock: ...


Notify = Callable[[str], None]
Listener = Callable[[list[Entry]], None]
EffectHandler = Callable[[Effect], None]


class Desk:
    """A session as the control desk drives it."""

    def __init__(
        self,
        session: Session,
        *,
        plugins: Plugins | None = None,
        on_refused: Notify | None = None,
        on_effect: EffectHandler | None = None,
        lang: str = "de",
    ) -> None:
        self.session = session
        self.plugins = plugins
        self.lang = lang  # the facilitator's language ("de", "en"): screens and refusals
        self._on_refused = on_refused or (lambda _text: None)
        self._on_effect = on_effect or (lambda _effect: None)
        self._listeners: list[Listener] = []
        self._batch: list[Entry] | None = None
        self._unsubscribe = session.subscribe(self._heard)

    @property
    def state(self) -> SessionState:
        return self.session.state

    @property
    def clock(self) -> Clock:
        return self.session.clock

    def listen(self, listener: Listener) -> None:
        """Be told once per command of the events it stored."""
        self._listeners.append(listener)

    def run(self, command: str, /, **arguments: Any) -> list[Entry] | None:
        """Run the session's command; None (and a notice) when the engine refuses. `command`
        is positional only, so a command's own `name` (add_participant's) passes through."""
        method: Callable[..., list[Entry]] = getattr(self.session, command)
        self._batch = []
        try:
            method(**arguments)
        except CommandError as exc:
            self._on_refused(exc.text(self.lang))
            return None
        finally:
            entries, self._batch = self._batch, None
        if entries:
            for listener in list(self._listeners):
                listener(entries)
        return entries

    def refuse(self, text: str) -> None:
        """Say why a command is not sent, as the engine's refusals are said."""
        self._on_refused(text)

    def tick(self) -> list[Entry]:
        """Give the engine the chance to emit due timer events (warning, time up, advance)."""
        return self.run("tick") or []

    def close(self) -> None:
        self._unsubscribe()
        self.session.close()

    def _heard(self, entry: Entry) -> None:
        """The engine's subscriber: collect the command's events, perform plugins' effects."""
        if self._batch is not None:
            self._batch.append(entry)
        if self.plugins is not None:
            for effect in self.plugins.dispatch(self.session, entry.event):
                self._on_effect(effect)
