"""formatkern plugin "alerts": a bell, a flash and, if you like, your own sound when time runs low.

At the timer warnings (20 % and 5 % of a phase left) and at time up, `on_event` asks the front
end to ring the terminal bell and flash the timer; the TUI and the headless runner perform these
effects. A command of the user's own (e.g. `paplay gong.oga`) runs as well when one is set up,
in `FORMATKERN_ALERT_COMMAND` or in `alerts.toml` in formatkern's config folder (see
`config.py`). It starts detached and formatkern never waits for it: a slow sound player must
not hold up the session's clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from formatkern import hookimpl
from formatkern.extensions import Effect
from formatkern_alerts.config import (
    DEFAULT_EVENTS,
    AlertConfig,
    AlertError,
    config_file,
    load_config,
)

if TYPE_CHECKING:
    import click

__all__ = [
    "ALERTS",
    "AlertConfig",
    "AlertError",
    "Alerts",
    "cannot_start",
    "command_environment",
    "on_event",
    "register_commands",
]

ENV_EVENT: Final = "FORMATKERN_EVENT"
ENV_LEVEL: Final = "FORMATKERN_LEVEL"
ENV_STEP: Final = "FORMATKERN_STEP"


class Process(Protocol):
    """What the plugin needs of a started command: to see whether it has ended."""

    def poll(self) -> int | None: ...


def level_of(event: object) -> int | None:
    """Percent of the phase's time left: the warning's level, 0 at time up, else None."""
    kind = getattr(event, "type", None)
    if kind == "time_up":
        return 0
    level = getattr(event, "level", None)
    return level if kind == "timer_warning" and isinstance(level, int) else None


def command_environment(base: Mapping[str, str], event: object) -> dict[str, str]:
    """The command's environment: the user's own, plus what happened (event, level, step).

    Values inherited from an outer formatkern are removed first, so a command never sees a
    level that belongs to another event.
    """
    env = {k: v for k, v in base.items() if k not in (ENV_EVENT, ENV_LEVEL, ENV_STEP)}
    env[ENV_EVENT] = str(getattr(event, "type", ""))
    level = level_of(event)
    if level is not None:
        env[ENV_LEVEL] = str(level)
    step = getattr(event, "step", None)
    if isinstance(step, int):
        env[ENV_STEP] = str(step)
    return env


def cannot_start(config: AlertConfig, exc: OSError) -> AlertError:
    """The error for a command that did not start, naming it, where it was set, and why."""
    if isinstance(exc, FileNotFoundError):
        why = "there is no such program; check its name, or give its full path"
    elif isinstance(exc, PermissionError):
        why = "it may not be run (is the file executable?)"
    else:
        why = exc.strerror or str(exc)
    return AlertError(
        f'the alert command "{config.command[0]}" (set in {config.source}) cannot be '
        f"started: {why}."
    )


@dataclass
class Alerts:
    """The plugin's state for one process: how to read the set-up and start commands.

    The defaults are the real ones; tests and embedding applications pass their own config
    path, environment or `popen`, and may register an `Alerts` object as a plugin of its own.
    """

    config_path: Path | None = None
    """None: the user's alerts.toml, looked up at each event."""
    environ: Mapping[str, str] | None = None
    """None: the process's environment at each event."""
    popen: Callable[..., Process] = subprocess.Popen
    running: list[Process] = field(default_factory=list)
    """Commands started and not yet seen to end; polled so that none is left a zombie."""
    reported: set[str] = field(default_factory=set)
    """Problems raised once already; after that the bell and flash go on without a word."""

    def config(self) -> AlertConfig:
        return load_config(self.config_path or config_file(), self._environ())

    def _environ(self) -> Mapping[str, str]:
        return os.environ if self.environ is None else self.environ

    @hookimpl
    def on_event(self, session: Any, event: Any) -> list[Effect] | None:
        """Ring, flash and start the user's command at the events the user chose."""
        kind = getattr(event, "type", None)
        try:
            config = self.config()
        except AlertError as exc:
            if kind not in DEFAULT_EVENTS:
                return None
            return self._report(exc, [Effect("bell"), Effect("flash")])
        if kind not in config.on:
            return None
        effects = [
            *([Effect("bell")] if config.bell else []),
            *([Effect("flash")] if config.flash else []),
        ]
        if config.command:
            try:
                self.start(config, event)
            except AlertError as exc:
                return self._report(exc, effects)
        return effects or None

    def _report(self, exc: AlertError, effects: list[Effect]) -> list[Effect] | None:
        """Raise a problem the first time (the plugin manager shows it with the plugin's
        name); later the same problem only costs the command, not the bell."""
        if str(exc) in self.reported:
            return effects or None
        self.reported.add(str(exc))
        exc.effects = tuple(effects)
        raise exc

    def start(self, config: AlertConfig, event: object) -> Process:
        """Start the configured command for `event` without a shell and without waiting."""
        self.running = [process for process in self.running if process.poll() is None]
        detach: dict[str, Any] = {}
        if sys.platform == "win32":
            detach["creationflags"] = (
                subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
            )
        else:
            detach["start_new_session"] = True
        try:
            process = self.popen(
                list(config.command),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=command_environment(self._environ(), event),
                close_fds=True,
                **detach,
            )
        except OSError as exc:
            raise cannot_start(config, exc) from None
        self.running.append(process)
        return process


ALERTS: Final = Alerts()
"""The one the installed plugin uses."""


@hookimpl
def on_event(session: Any, event: Any) -> list[Effect] | None:
    """A bell and a flash at the timer warnings and at time up, plus the user's command."""
    return ALERTS.on_event(session, event)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """`formatkern alerts show|test`, to check the set-up before a session, not during it."""
    from formatkern_alerts.commands import alerts

    cli.add_command(alerts)
