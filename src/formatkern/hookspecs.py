"""The hooks a formatkern plugin can implement.

Every `register_*` hook receives a `register` callback and calls it once per thing it adds;
the plugin manager knows which plugin made each call, so two plugins that claim the same name
are refused with both named. Built-in behaviour is registered through these same hooks
(see `formatkern.builtins`).

A plugin module writes::

    from formatkern import hookimpl

    @hookimpl
    def register_formats(register):
        register(Path(__file__).parent / "formats")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from formatkern.extensions import ArrangementType, Effect, OutputType, RoleTemplate, TimerType

PROJECT = "formatkern"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_formats(register: Callable[[Path], None]) -> None:
    """Add format files: `register(path)` with a folder of `*.toml` files or one file.

    Called when the catalog is first used. Formats from plugins shadow the built-in ones and
    are shadowed by the user's own folders.
    """


@hookspec
def register_roles(register: Callable[[RoleTemplate], None]) -> None:
    """Add role templates that format files take over with `[[roles]] use = "id"`.

    :param register: call with a `formatkern.extensions.RoleTemplate` (a `model.Role`).
    """


@hookspec
def register_arrangements(register: Callable[[ArrangementType], None]) -> None:
    """Describe an arrangement kind: its name and how many groups of which sizes it makes.

    :param register: call with a `formatkern.extensions.ArrangementType`.
    """


@hookspec
def register_timers(register: Callable[[TimerType], None]) -> None:
    """Add a timer kind that format files select per phase with `timer = "name"`.

    :param register: call with a `formatkern.extensions.TimerType`.
    """


@hookspec
def register_outputs(register: Callable[[OutputType], None]) -> None:
    """Add an output format for `formatkern export --to NAME`.

    :param register: call with a `formatkern.extensions.OutputType`. Outputs receive the
        redacted record of a session, never the raw one.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the `formatkern` command line: `cli.add_command(...)` or `@cli.command()`."""


@hookspec
def on_event(session: Any, event: Any) -> list[Effect] | None:
    """React to an event of a running session, after it has been written to the journal.

    :param session: the `formatkern.Session` (read its state; do not send commands from here).
    :param event: the event object; `event.type` names it, e.g. "timer_warning".
    :return: effects for the front end to perform (a bell, a flash, a notice), or None.

    An implementation that raises is reported with the plugin's name; the session goes on.
    """
