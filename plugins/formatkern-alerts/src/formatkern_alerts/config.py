"""What the user set up: a command to run, at which events, and whether to ring and flash.

Read afresh at every event (a small file, a few events a minute), so an edit of the file takes
effect at the next warning without restarting a session.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

from formatkern.errors import FormatkernError
from formatkern.extensions import Effect

ENV_COMMAND: Final = "FORMATKERN_ALERT_COMMAND"
CONFIG_NAME: Final = "alerts.toml"
DEFAULT_EVENTS: Final = ("timer_warning", "time_up")
KEYS: Final = ("command", "on", "bell", "flash")


class AlertError(FormatkernError):
    """The alert set-up cannot work: a broken config file, a command that cannot start."""

    effects: tuple[Effect, ...] = ()
    """What the hook would have returned; a plugin manager may still perform these."""


@dataclass(frozen=True)
class AlertConfig:
    """The user's alert set-up; the defaults ring and flash at the warnings and at time up."""

    command: tuple[str, ...] = ()
    """The program and its arguments; empty: no command."""
    source: str = ""
    """Where the command was set, for messages: the variable's name or the file's path."""
    on: frozenset[str] = frozenset(DEFAULT_EVENTS)
    bell: bool = True
    flash: bool = True


def config_file() -> Path:
    """The user's alerts.toml, in formatkern's folder of the platform's config directory."""
    return Path(platformdirs.user_config_dir("formatkern")) / CONFIG_NAME


def split_command(value: object, source: str) -> tuple[str, ...]:
    """A command as a shell-like string (split with shlex, no shell runs) or a list of words."""
    if isinstance(value, str):
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise AlertError(f"the alert command in {source} cannot be split: {exc}.") from None
        return tuple(words)
    if isinstance(value, list) and all(isinstance(word, str) for word in value):
        return tuple(value)
    raise AlertError(f"command in {source} must be a string or a list of strings, not {value!r}.")


def _read_file(path: Path) -> dict[str, object]:
    import tomllib  # only when there is a file to read: the plugin loads at every start

    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AlertError(f"{path} cannot be read: {exc}.") from None


def _events(value: object, path: Path) -> frozenset[str]:
    from formatkern.events import BY_TYPE  # the event vocabulary: only when a file names events

    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise AlertError(f'{path}: "on" must be a list of event names, not {value!r}.')
    unknown = sorted(set(value) - set(BY_TYPE))
    if unknown:
        raise AlertError(
            f'{path}: "on" names {", ".join(unknown)}, which formatkern does not know; '
            f"the events are {', '.join(sorted(BY_TYPE))}."
        )
    return frozenset(value)


def _flag(data: Mapping[str, object], key: str, path: Path) -> bool:
    value = data.get(key, True)
    if not isinstance(value, bool):
        raise AlertError(f'{path}: "{key}" must be true or false, not {value!r}.')
    return value


def load_config(path: Path, environ: Mapping[str, str]) -> AlertConfig:
    """The set-up from `path` (if it exists) and the environment, which wins for the command.

    `FORMATKERN_ALERT_COMMAND=""` switches the file's command off for one run.
    """
    data = _read_file(path)
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise AlertError(
            f"{path}: unknown key {', '.join(unknown)}; the keys are {', '.join(KEYS)}."
        )
    command: tuple[str, ...] = ()
    source = ""
    if ENV_COMMAND in environ:
        source = ENV_COMMAND
        command = split_command(environ[ENV_COMMAND], source)
    elif "command" in data:
        source = str(path)
        command = split_command(data["command"], source)
        if not command:
            raise AlertError(f'{path}: "command" is empty; remove the key for no command.')
    return AlertConfig(
        command=command,
        source=source,
        on=_events(data["on"], path) if "on" in data else frozenset(DEFAULT_EVENTS),
        bell=_flag(data, "bell", path),
        flash=_flag(data, "flash", path),
    )
