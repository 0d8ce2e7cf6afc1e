"""The root of the `formatkern` command: its options, and where each command lives."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import click

from formatkern.cli.base import Context, FormatkernGroup
from formatkern.startup import resume_collection

COMMANDS: Final = {
    "check": "formatkern.cli.formats:check",
    "demo": "formatkern.cli.demo:demo",
    "export": "formatkern.cli.export:export",
    "groups": "formatkern.cli.groups:groups",
    "list": "formatkern.cli.formats:list_formats",
    "new": "formatkern.cli.extend:new",
    "plan": "formatkern.cli.formats:plan",
    "plugins": "formatkern.cli.extend:plugins_command",
    "resume": "formatkern.cli.session:resume",
    "run": "formatkern.cli.session:run",
    "schema": "formatkern.cli.formats:schema",
    "serve": "formatkern.cli.room:serve",
    "sessions": "formatkern.cli.session:sessions",
    "show": "formatkern.cli.formats:show",
}
"""Each command and where it lives, imported only when it runs (or --help lists them all)."""


@click.group(cls=FormatkernGroup, lazy=COMMANDS)
@click.version_option(package_name="formatkern")
@click.option(
    "--formats-dir",
    "formats_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of format files; shadows built-in formats of the same id. Repeatable.",
)
@click.option(
    "--plugins-dir",
    "plugins_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="A folder of plugin files (*.py) to load besides the installed plugins.",
)
@click.pass_context
def cli(ctx: click.Context, formats_dirs: tuple[Path, ...], plugins_dir: Path | None) -> None:
    """formatkern runs meeting methods from format files."""
    assert isinstance(ctx.command, FormatkernGroup)
    ctx.command.ensure_plugins(ctx)
    ctx.obj = Context(formats_dirs)
    resume_collection()  # held back by main() while the command line's modules load
