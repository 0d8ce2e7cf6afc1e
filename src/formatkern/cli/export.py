"""`formatkern export`: a session's protocol, record, handout or table lists as a file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from formatkern.outputs import default_name, is_private, output, outputs, record, render
from formatkern.outputs.write import write_atomic

DELIMITERS = {";": ";", ",": ",", "tab": "\t"}


@click.command("export")
@click.argument("session_ref", metavar="SESSION")
@click.option(
    "--to",
    "to",
    default="md",
    show_default=True,
    help="md (protocol), html (handout for A4), json (record), csv (groups and roles), or a "
    "plugin's output such as ics; `formatkern plugins` lists them.",
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="The file to write (default: DATE_FORMAT.SUFFIX in the current folder); - prints it.",
)
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of the export (default: the session's).",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@click.option(
    "--delimiter",
    type=click.Choice(sorted(DELIMITERS)),
    default=None,
    help="csv only: the column separator (default: ; in German, , in English).",
)
def export(
    session_ref: str,
    to: str,
    target: Path | None,
    lang: str | None,
    force: bool,
    delimiter: str | None,
) -> None:
    """Export SESSION (a session file or its name) with one of the outputs.

    Confidential content stays out unless the case giver agreed. The session is read, never
    changed, so a running session can be exported too.
    """
    if to not in outputs():
        known = ", ".join(sorted(outputs()))
        raise click.BadParameter(f'"{to}" is not one of {known}', param_hint="--to")
    chosen = output(to)
    made = record(session_ref)
    content = render(made, to, lang=lang, delimiter=DELIMITERS[delimiter] if delimiter else None)
    if target is not None and str(target) == "-":
        data = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    private = is_private(made)
    path = write_atomic(
        target or Path(default_name(made, chosen)), content, force=force, private=private
    )
    note = " (readable by you only: it names people or holds what was written down)"
    click.echo(f"wrote {path}{note if private else ''}")
