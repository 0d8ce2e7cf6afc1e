"""`formatkern alerts show|test`: see and try the alert set-up before a session starts.

During a session the command runs detached with its output thrown away (it must not scribble
over the timer screen), so this is the place to find out why a sound does not play.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import TYPE_CHECKING, Final

import click

from formatkern_alerts import ALERTS, cannot_start, command_environment
from formatkern_alerts.config import ENV_COMMAND, config_file

if TYPE_CHECKING:
    from formatkern.events import TimerWarning, TimeUp

TRY_SECONDS: Final = 60


@click.group("alerts")
def alerts() -> None:
    """Show or try the set-up of the alerts plugin (bell, flash, your own command)."""


@alerts.command("show")
def show() -> None:
    """Where the set-up is read from and what it says."""
    path = ALERTS.config_path or config_file()
    config = ALERTS.config()
    there = "" if path.is_file() else "  (not there; the defaults apply)"
    click.echo(f"config file: {path}{there}")
    if config.command:
        click.echo(f"command: {shlex.join(config.command)}  (from {config.source})")
    else:
        click.echo(f"command: none (set {ENV_COMMAND}, or command in the config file)")
    click.echo(f"at: {', '.join(sorted(config.on))}")
    click.echo(f"bell: {'yes' if config.bell else 'no'}, flash: {'yes' if config.flash else 'no'}")


@alerts.command("test")
@click.option(
    "--event",
    "kind",
    type=click.Choice(["timer_warning", "time_up"]),
    default="time_up",
    show_default=True,
    help="The event to pretend.",
)
@click.option(
    "--level",
    type=click.Choice(["20", "5"]),
    default="5",
    show_default=True,
    help="Percent of time left, for --event timer_warning.",
)
def try_command(kind: str, level: str) -> None:
    """Run the alert command once in the foreground, its output shown, and wait for it."""
    config = ALERTS.config()
    if not config.command:
        raise click.ClickException(
            f"no alert command is set up; set {ENV_COMMAND}, or command in "
            f"{ALERTS.config_path or config_file()}."
        )
    from formatkern.events import TimerWarning, TimeUp  # here: every start registers this

    if kind == "time_up":
        event: TimeUp | TimerWarning = TimeUp(at=0.0, step=0)
    else:
        event = TimerWarning(at=0.0, step=0, level=int(level))
    base = os.environ if ALERTS.environ is None else ALERTS.environ
    try:
        done = subprocess.run(
            list(config.command),
            stdin=subprocess.DEVNULL,
            env=command_environment(base, event),
            timeout=TRY_SECONDS,
            check=False,
        )
    except OSError as exc:
        raise cannot_start(config, exc) from None
    except subprocess.TimeoutExpired:
        raise click.ClickException(
            f"the command still ran after {TRY_SECONDS} s and was stopped; an alert should "
            "be short, and during a session nobody waits for it."
        ) from None
    if done.returncode != 0:
        raise click.ClickException(f"the command ended with exit code {done.returncode}.")
    click.echo(f"the command ran and ended well ({shlex.join(config.command)}).")
