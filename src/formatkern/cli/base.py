"""What every command shares: the context object, the error boundary, common options."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import click

from formatkern.catalog import Catalog
from formatkern.errors import FormatkernError
from formatkern.i18n import lang_from_environment
from formatkern.plugins import Plugins, use_plugins


@attrs.define
class Context:
    """Where formats come from; built once per invocation."""

    formats_dirs: tuple[Path, ...] = ()
    _catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog.default(self.formats_dirs)
        return self._catalog


_PLUGIN_COMMANDS = "formatkern.plugin_commands"


class FormatkernGroup(click.Group):
    """The root group: turns the project's own errors into clean messages (exit code 1), finds
    its own commands by name ("module:attribute", imported when asked for, so that `formatkern
    run` does not load what `export` or `groups` need), and adds the commands of plugins
    (`register_commands`)."""

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        """Commands of plugins, collected once per invocation (with its --plugins-dir)."""
        root = ctx.find_root()
        if _PLUGIN_COMMANDS not in root.meta:
            plugins = use_plugins(Plugins(plugins_dir=root.params.get("plugins_dir")))
            collector = click.Group()
            try:
                plugins.add_commands(collector)
            except FormatkernError as exc:
                raise click.ClickException(str(exc)) from None
            for problem in plugins.problems:
                click.echo(f"warning: {problem}", err=True)
            root.meta[_PLUGIN_COMMANDS] = dict(collector.commands)
        commands: dict[str, click.Command] = root.meta[_PLUGIN_COMMANDS]
        return commands

    def ensure_plugins(self, ctx: click.Context) -> None:
        """Load the plugins of this invocation before any command runs."""
        self._plugin_commands(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy, *self._plugin_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, _, name = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), name)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name) or self._plugin_commands(ctx).get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FormatkernError as exc:
            raise click.ClickException(str(exc)) from None


lang_option = click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of the output (default: FORMATKERN_LANG, else the locale, else German).",
    callback=lambda _ctx, _param, value: value or lang_from_environment(),
)


theme_option = click.option(
    "--theme",
    type=click.Choice(["dark", "light"]),
    default="dark",
    show_default=True,
    help="Colours of the screen: dark, or light for a bright room and a projector.",
)

without_option = click.option(
    "--without",
    "skip",
    multiple=True,
    metavar="PHASE",
    help="Leave out an optional phase of the format. Repeatable.",
)


def require_terminal(command: str) -> None:
    """The control desk needs a terminal; without one (a pipe, a service) say what to use."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.ClickException(
            f"formatkern {command} needs a terminal for the control desk; without one, run "
            "it with --headless (JSON lines on stdin and stdout, see docs/embedding.md)."
        )


def parse_rounds(values: tuple[str, ...]) -> dict[str, int]:
    """`--rounds PHASE=N` values as {phase: N}."""
    rounds: dict[str, int] = {}
    for value in values:
        phase, _, number = value.partition("=")
        if not phase or not number.strip().isdigit():
            raise click.BadParameter(f'"{value}" is not PHASE=N', param_hint="--rounds")
        rounds[phase.strip()] = int(number)
    return rounds
