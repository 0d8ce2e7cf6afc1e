"""The headless runner: one JSON command per line in, one JSON event per line out.

For scripts, other programs and tests (`formatkern run FORMAT --headless`). The runner, unlike
the engine, reads the real clock: between input lines it calls `tick()` about five times a
second, so timer events arrive on their own. Every line out has a `type` and a `seq` (the
journal's sequence number of the event, or of the newest event for answers and errors). The
protocol is described in docs/embedding.md.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import selectors
import sys
import time
import traceback
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from typing import Any, TextIO

from formatkern.clock import ScaledClock
from formatkern.commands import agenda
from formatkern.engine import Session
from formatkern.errors import FormatkernError
from formatkern.events import Entry, StepStarted
from formatkern.extensions import Effect
from formatkern.journal import MemoryJournal
from formatkern.plan import Plan
from formatkern.plugins import get_plugins
from formatkern.render import describe_groups, step_title
from formatkern.session_files import session_meta
from formatkern.state import Mode

POLL_SECONDS = 0.2
"""How long the runner waits for input before it ticks the session."""

READ_ONLY = ("state", "agenda", "quit")
"""Commands the runner answers itself without changing the session."""


class Runner:
    """Turns input lines into commands and everything the session says into output lines."""

    def __init__(self, session: Session, out: TextIO) -> None:
        self.session = session
        self.out = out
        self._open = True
        self.line = 0
        session.subscribe(self._on_entry)
        session.on_error = self._on_subscriber_error
        get_plugins().attach(session, self._perform)

    def running(self) -> bool:
        """Whether the runner still reads commands (no quit, no end of input, a reader there)."""
        return self._open

    # -- output -------------------------------------------------------------------------------

    def emit(self, data: dict[str, Any]) -> None:
        """Write one line and flush, so a reader sees it at once."""
        try:
            self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
            self.out.flush()
        except (BrokenPipeError, ValueError):  # the reader went away: nobody to talk to
            self._open = False

    def error(self, message: str, line: int | None = None) -> None:
        seq = self.session.state.seq or None
        self.emit({"type": "error", "seq": seq, "message": message, "line": line})

    def _on_entry(self, entry: Entry) -> None:
        self.emit(entry.to_json())

    def _perform(self, entry: Entry, effect: Effect) -> None:
        """Plugins' effects: a failing plugin becomes an error line; bells and flashes are
        passed on for the program that reads the lines to ring or flash."""
        if effect.kind == "notice":
            self.error(effect.text)
        else:
            self.emit({"type": "effect", "seq": entry.seq, "effect": effect.kind})

    def _on_subscriber_error(self, exc: BaseException, _subscriber: object) -> None:
        self.error(f"an observer of the session failed and was skipped: {exc}")

    # -- input --------------------------------------------------------------------------------

    def handle(self, text: str) -> None:
        """Run one input line; a malformed one gets an error line and the session goes on."""
        self.line += 1
        if not text.strip():
            return
        try:
            command = json.loads(text)
        except json.JSONDecodeError as exc:
            self.error(f"not a JSON object: {exc.msg} (column {exc.colno})", self.line)
            return
        name = command.get("command") if isinstance(command, dict) else None
        try:
            if name in READ_ONLY and isinstance(command, dict):
                self._answer(str(name), command)
            else:
                self.session.send(command)
        except FormatkernError as exc:
            self.error(str(exc), self.line)
        except Exception as exc:  # a bug must not end the meeting; say so and go on
            traceback.print_exc(file=sys.stderr)
            self.error(
                f"internal error ({type(exc).__name__}: {exc}); the session goes on", self.line
            )

    def _answer(self, name: str, command: dict[str, Any]) -> None:
        if len(command) > 1:
            self.error(f'"{name}" takes no fields.', self.line)
        elif name == "state":
            self.emit(self.session.snapshot())
        elif name == "agenda":
            self.emit(agenda(self.session))
        else:
            self.close()

    def tick(self) -> None:
        try:
            self.session.tick()
        except FormatkernError as exc:
            self.error(str(exc))

    def close(self) -> None:
        """Say goodbye and stop reading; the session stays resumable unless it finished."""
        if self._open:
            state = self.session.state
            self.emit({"type": "closed", "seq": state.seq or None, "state": state.mode.value})
        self._open = False


def serve(
    session: Session,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    *,
    resumed: bool = False,
    path: str | None = None,
    poll: float = POLL_SECONDS,
) -> Runner:
    """Run a session from JSON lines until `quit` or the end of the input.

    A new session starts at once; a resumed one first says where it stands (a `state` line),
    then gives the timer events that came due while it was not running.
    """
    source = stdin if stdin is not None else sys.stdin
    if out is None:
        out = sys.stdout
        if isinstance(out, io.TextIOWrapper):
            with contextlib.suppress(ValueError):
                out.reconfigure(encoding="utf-8")  # the protocol is UTF-8 whatever the locale
    runner = Runner(session, out)
    runner.emit(
        {
            "type": "session",
            "seq": session.state.seq or None,
            "format": session.format.id,
            "path": path,
            "resumed": resumed,
        }
    )
    if resumed:
        runner.emit(session.snapshot())
    if session.state.mode is Mode.READY:  # new, or killed before its start was stored
        session.start()
    runner.tick()
    try:
        fd = source.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    try:
        if fd is None:
            _serve_lines(runner, source)
        else:
            _serve_fd(runner, fd, poll)
    except KeyboardInterrupt:  # Ctrl-C: close as on quit; the session can be resumed
        pass
    runner.close()
    return runner


def _serve_lines(runner: Runner, lines: Iterable[str]) -> None:
    """For in-process callers with a plain text stream: no waiting, a tick after each line."""
    for text in lines:
        runner.handle(text)
        if not runner.running():
            return
        runner.tick()


def _serve_fd(runner: Runner, fd: int, poll: float) -> None:
    """Read the pipe or terminal without blocking longer than `poll`, ticking in between."""
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    pending = b""
    try:
        while runner.running():
            if selector.select(timeout=poll):
                chunk = os.read(fd, 65536)
                if not chunk:
                    if pending:
                        runner.handle(pending.decode("utf-8", "replace"))
                    return
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for raw in lines:
                    runner.handle(raw.decode("utf-8", "replace"))
                    if not runner.running():
                        return
            runner.tick()
    finally:
        selector.close()


# -- rehearsal --------------------------------------------------------------------------------


def rehearse(
    plan: Plan,
    *,
    speed: float | None = None,
    out: TextIO | None = None,
    style: str = "text",
    format_text: str = "",
    seed: int = 0,
    frame: float = 0.02,
) -> Session:
    """Run a whole plan at high speed, every step going on by itself, and print it briefly.

    Kept in memory only. Without `speed`, time runs so that the session takes about eight
    seconds. `style` is "text" (a short agenda as it happens) or "json" (the protocol).
    """
    target = out if out is not None else sys.stdout
    factor = speed if speed is not None else max(60.0, plan.seconds / 8)
    today = datetime.combine(date.today(), dt_time())  # a rehearsal shows the planned times
    clock = ScaledClock(factor, start=(today + timedelta(seconds=plan.start)).timestamp())
    journal = MemoryJournal(session_meta(plan, format_text, clock.now(), seed))
    session = Session(plan, clock, journal, seed=seed, mix_seconds=0.5)
    if style == "json":
        runner = Runner(session, target)
        runner.emit(
            {
                "type": "session",
                "seq": None,
                "format": plan.format.id,
                "path": None,
                "resumed": False,
                "speed": factor,
            }
        )
    else:
        session.subscribe(lambda entry: _print_step(session, entry, target))
    session.auto_advance(True)
    session.start()
    while session.state.finished_at is None:
        time.sleep(frame)  # the runner's own pacing; the engine never sleeps
        session.tick()
    if style == "json":
        runner.close()
    else:
        end = "Ende" if plan.settings.lang == "de" else "End"
        print(f"{_clock(session.state.finished_at)}  {end}", file=target)
    return session


def _print_step(session: Session, entry: Entry, out: TextIO) -> None:
    event = entry.event
    if not isinstance(event, StepStarted):
        return
    lang = session.plan.settings.lang
    step = session.plan.steps[event.step]
    line = f"{_clock(event.at)}  {step_title(step, lang)} ({event.seconds // 60} min)"
    if not step.arrangement.is_plenum:
        line += f" · {describe_groups(step, lang)}"
    print(line, file=out)
    seating = session.state.seating.get(event.step)
    if seating is not None:
        for number, group in enumerate(seating.groups, start=1):
            host = f" ({seating.hosts[number - 1]})" if seating.hosts else ""
            print(f"         {number}: {', '.join(group)}{host}", file=out)


def _clock(wall: float | None) -> str:
    return "--:--" if wall is None else datetime.fromtimestamp(wall).strftime("%H:%M")
