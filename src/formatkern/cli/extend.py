"""Commands for method authors who extend formatkern: plugins, new format, new plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from formatkern.plugins import get_plugins, is_builtin
from formatkern.scaffold import write_format, write_plugin


@click.command("plugins")
def plugins_command() -> None:
    """List the loaded plugins, their versions and what each registers."""
    plugins = get_plugins()
    registered = plugins.registered_by()
    for info in plugins.info():
        version = f" {info.version}" if info.version else ""
        source = "built-in" if is_builtin(info.name) else info.source
        click.echo(f"{info.name}{version}  ({source})")
        for kind, name in registered.get(info.name, []):
            click.echo(f"    {kind}: {name}")
        others = [
            h for h in info.hooks if not h.startswith("register_") or h == "register_commands"
        ]
        for hook in others:
            click.echo(f"    hook: {hook}")
    for problem in plugins.problems:
        click.echo(f"warning: {problem}", err=True)


F = TypeVar("F", bound=Callable[..., Any])


def _folder_option(help_text: str) -> Callable[[F], F]:
    """`--dir`: an existing folder to write into, by default the current one."""
    return click.option(
        "--dir",
        "folder",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=Path("."),
        help=help_text,
    )


@click.group("new")
def new() -> None:
    """Write a skeleton for a new format file or plugin package."""


@new.command("format")
@click.argument("name")
@_folder_option("Where to write NAME.toml (default: here).")
def new_format(name: str, folder: Path) -> None:
    """Write NAME.toml: a small format that passes `formatkern check`."""
    path = write_format(name, folder)
    click.echo(f"wrote {path}; check it with: formatkern check {path}")


@new.command("plugin")
@click.argument("name")
@_folder_option("Where to create the folder NAME (default: here).")
def new_plugin(name: str, folder: Path) -> None:
    """Write a plugin package NAME/ whose own tests pass right away."""
    root = write_plugin(name, folder)
    click.echo(f"wrote {root}/; install it with: pip install {root}")
