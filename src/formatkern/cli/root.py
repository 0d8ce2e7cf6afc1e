"""The `formatkern` command. Thin: parse, call the API, print.

Every error that is the user's to fix (a FormatkernError) ends as a one-paragraph message on
stderr and exit code 1; usage errors are click's, with exit code 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from formatkern.cli import demo, export, extend, formats, groups, room, session
from formatkern.cli.base import Context, FormatkernGroup


@click.group(cls=FormatkernGroup)
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


for _command in (
    *formats.COMMANDS,
    *extend.COMMANDS,
    *session.COMMANDS,
    *export.COMMANDS,
    demo.demo,
    groups.groups,
    room.serve,
):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="formatkern")
