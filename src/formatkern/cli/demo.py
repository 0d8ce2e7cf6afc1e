"""`formatkern demo`: what `make demo` starts.

In a terminal it opens the control desk with a World Café of twenty people; without one (CI,
a pipe) it prints the agenda and rehearses the session at high speed, so that the whole path
from format file to finished session runs in well under a minute.
"""

from __future__ import annotations

import os
import sys

import click

from formatkern.cli.base import Context, lang_option, theme_option
from formatkern.headless import rehearse
from formatkern.participants import DEMO_NAMES, People
from formatkern.plan import Settings, make_plan, parse_clock
from formatkern.render import plan_text

DEMO_FORMAT = "world-cafe"


def has_terminal() -> bool:
    """A person is watching: stdin and stdout are a terminal and this is not CI."""
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


@click.command("demo")
@click.option(
    "--headless",
    is_flag=True,
    help="Print the agenda and rehearse at high speed, even in a terminal.",
)
@lang_option
@theme_option
@click.pass_obj
def demo(obj: Context, headless: bool, lang: str, theme: str) -> None:
    """A demo session: a World Café of twenty people."""
    entry = obj.catalog.entry(DEMO_FORMAT)
    people = People.of_names(DEMO_NAMES)
    if has_terminal() and not headless:
        from formatkern.tui.app import run_tui

        run_tui(DEMO_FORMAT, people, lang=lang, theme=theme, catalog=obj.catalog, demo=True)
        return
    plan = make_plan(entry.format, Settings(people=people, start=parse_clock("14:00"), lang=lang))
    click.echo(plan_text(plan, lang))
    click.echo()
    text = entry.path.read_text(encoding="utf-8")
    rehearse(plan, format_text=text, seed=7)
