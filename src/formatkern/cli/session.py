"""Commands that run sessions: run, resume, sessions.

What only a headless run, a rehearsal or the list of sessions needs is imported there, so that
`formatkern run FORMAT` starts the desk with little more than the desk's own imports.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from formatkern.cli.base import (
    Context,
    lang_option,
    parse_rounds,
    require_terminal,
    theme_option,
    without_option,
)
from formatkern.participants import People, parse_people
from formatkern.plan import parse_clock

if TYPE_CHECKING:
    from formatkern.journal import SessionInfo


@click.command("run")
@click.argument("format_ref", metavar="FORMAT")
@click.option("--participants", "people", default=None, help="How many, or a file of names.")
@click.option(
    "--session",
    "session_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The new session file (default: in the user's data folder).",
)
@click.option("--headless", is_flag=True, help="JSON commands on stdin, JSON events on stdout.")
@click.option("--start", default=None, help="Planned start HH:MM (default: now).")
@click.option("--end", default=None, help="The time the session must end by, HH:MM.")
@click.option("--cases", type=int, default=None, help="Cases to consult (per-case formats).")
@click.option("--rounds", multiple=True, metavar="PHASE=N", help="Rounds of a phase. Repeatable.")
@without_option
@click.option("--seed", type=int, default=None, help="Seed for groups and roles (default: new).")
@click.option(
    "--rehearse",
    "rehearse_",
    is_flag=True,
    help="Run through the whole session at high speed, by itself.",
)
@click.option(
    "--speed",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Let time run this many times faster (a rehearsal, kept in memory only).",
)
@lang_option
@theme_option
@click.option(
    "--first-frame",
    is_flag=True,
    hidden=True,
    help="Draw the desk's first frame headless at 80x24 and quit (for bench/tui.py).",
)
@click.pass_obj
def run(
    obj: Context,
    format_ref: str,
    people: str | None,
    session_path: Path | None,
    headless: bool,
    start: str | None,
    end: str | None,
    cases: int | None,
    rounds: tuple[str, ...],
    skip: tuple[str, ...],
    seed: int | None,
    rehearse_: bool,
    speed: float | None,
    lang: str,
    theme: str,
    first_frame: bool,
) -> None:
    """Run a session of a format: on the control desk, or --headless as JSON lines."""
    if not headless and not rehearse_ and speed is None:
        if not first_frame:
            require_terminal("run")
        from formatkern.startup import pause_collection

        pause_collection()  # while the desk's modules load; resumed after its first frame
        from formatkern.tui.app import run_tui

        run_tui(
            format_ref,
            parse_people(people) if people else None,
            session_path=session_path,
            lang=lang,
            theme=theme,
            start=parse_clock(start) if start else None,
            end=parse_clock(end) if end else None,
            cases=cases,
            rounds=parse_rounds(rounds),
            skip=skip,
            seed=seed,
            catalog=obj.catalog,
            first_frame=first_frame,
        )
        return
    from formatkern.clock import ScaledClock, SystemClock
    from formatkern.engine import Session
    from formatkern.headless import rehearse, serve
    from formatkern.journal import MemoryJournal
    from formatkern.loader import read_text
    from formatkern.plan import Settings, fixed_start, make_plan
    from formatkern.session_files import create_journal, session_meta

    if speed is not None and session_path is not None:
        raise click.ClickException(
            "A session with --speed is a rehearsal and is kept in memory; leave out --session."
        )
    entry = obj.catalog.entry(format_ref)
    fmt = entry.format
    text = read_text(entry.path)
    who = parse_people(people) if people else _default_people(fmt.participants.min)
    for warning in who.warnings:
        click.echo(f"warning: {warning}", err=True)
    clock = SystemClock()
    settings = Settings(
        people=who,
        start=parse_clock(start)
        if start
        else fixed_start(fmt) or _seconds_after_midnight(clock.now()),
        end=parse_clock(end) if end else None,
        cases=cases,
        rounds=parse_rounds(rounds),
        skip=skip,
        lang=lang,
    )
    plan = make_plan(fmt, settings)
    chosen_seed = seed if seed is not None else secrets.randbelow(2**31)
    if rehearse_:
        rehearse(
            plan,
            speed=speed,
            style="json" if headless else "text",
            format_text=text,
            seed=chosen_seed,
        )
        return
    if speed is not None:
        fast = ScaledClock(speed)
        memory = MemoryJournal(session_meta(plan, text, fast.now(), chosen_seed))
        serve(Session(plan, fast, memory, seed=chosen_seed))
        return
    journal = create_journal(plan, text, clock, path=session_path, seed=chosen_seed)
    click.echo(f"session: {journal.path}", err=True)
    with Session(plan, clock, journal, seed=chosen_seed) as session:
        serve(session, path=str(journal.path))


def _default_people(minimum: int) -> People:
    click.echo(
        f"no --participants given: planning for {minimum} people (the format's minimum).",
        err=True,
    )
    return People(minimum)


def _seconds_after_midnight(wall: float) -> int:
    moment = datetime.fromtimestamp(wall)
    return moment.hour * 3600 + moment.minute * 60 + moment.second


@click.command("resume")
@click.argument("session_ref", metavar="[SESSION]", required=False)
@click.option("--headless", is_flag=True, help="JSON commands on stdin, JSON events on stdout.")
@lang_option
@theme_option
def resume(session_ref: str | None, headless: bool, lang: str, theme: str) -> None:
    """Continue a session (default: the newest unfinished one) where the real clock says."""
    from formatkern.session_files import find_session

    path = find_session(session_ref)
    if not headless:
        require_terminal("resume")
        from formatkern.tui.app import run_tui

        run_tui(resume=path, lang=lang, theme=theme)
        return
    from formatkern.clock import SystemClock
    from formatkern.engine import Session
    from formatkern.headless import serve

    click.echo(f"session: {path}", err=True)
    with Session.open(path, SystemClock()) as session:
        serve(session, resumed=True, path=str(path))


@click.command("sessions")
def sessions() -> None:
    """List the sessions: file, format, start, current phase and state."""
    from formatkern.journal import list_sessions

    infos = list_sessions()
    if not infos:
        click.echo("no sessions yet.")
        return
    header = ("file", "format", "started", "phase", "state")
    rows = [header, *(_row(info) for info in infos)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _row(info: SessionInfo) -> tuple[str, str, str, str, str]:
    from formatkern.session_files import resumable

    started = datetime.fromtimestamp(info.created_wall).strftime("%Y-%m-%d %H:%M")
    if info.problem is not None:
        return (info.path.name, "?", started, "", f"unreadable: {info.problem}")
    state = info.state or "new"
    if info.writer is not None:
        state = f"{state}, open in {info.writer.describe()}"
    elif resumable(info):
        state = f"{state} (resumable)"
    return (info.path.name, info.format_id, started, info.current_phase or "", state)
