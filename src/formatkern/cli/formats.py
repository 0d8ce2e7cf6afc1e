"""Commands about format files: list, show, check, schema, plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from formatkern.agenda import load_any
from formatkern.catalog import Catalog
from formatkern.cli.base import Context, lang_option, parse_rounds, without_option
from formatkern.errors import FormatError
from formatkern.i18n import pick, t
from formatkern.model import Day
from formatkern.participants import parse_people
from formatkern.plan import Settings, make_plan, parse_clock
from formatkern.plugins import get_plugins
from formatkern.record import plan_record
from formatkern.render import (
    duration_range,
    format_text,
    group_size_range,
    plan_json,
    plan_markdown,
    plan_text,
)
from formatkern.schema import format_schema

PLAN_STYLES = ("text", "md", "json")
"""The plan's own renderings; outputs of the same name (the session protocols) are for export."""


@click.command("list")
@lang_option
@click.pass_obj
def list_formats(obj: Context, lang: str) -> None:
    """List the formats: id, title, duration range, participants, group size."""
    catalog = obj.catalog
    rows = []
    for entry in catalog:
        fmt = entry.format
        upper = str(fmt.participants.max) if fmt.participants.max is not None else ""
        origin = "" if entry.origin == "built-in" else entry.origin
        if entry.shadows:
            shadowed = ", ".join(
                t("built_in", lang) if s == "built-in" else s for s in entry.shadows
            )
            origin = f"{origin}, {t('shadows', lang, what=shadowed)}".lstrip(", ")
        rows.append(
            (
                fmt.id,
                pick(fmt.title, lang),
                duration_range(fmt),
                f"{fmt.participants.min}–{upper}",
                group_size_range(fmt),
                origin,
            )
        )
    header = (
        "id",
        "title" if lang == "en" else "Titel",
        "min",
        "n",
        "group" if lang == "en" else "Gruppe",
        "",
    )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    days = _day_rows(catalog, lang)
    if days:
        click.echo(f"\n{t('days', lang)}:")
        widths = [max(len(r[i]) for r in days) for i in range(len(days[0]))]
        for day_row in days:
            click.echo("  ".join(c.ljust(w) for c, w in zip(day_row, widths, strict=True)).rstrip())
    for problem in catalog.problems:
        click.echo(f"warning: {problem}", err=True)


def _day_rows(catalog: Catalog, lang: str) -> list[tuple[str, ...]]:
    """id, title, blocks, participants of each example day (agenda) the catalog knows."""
    rows: list[tuple[str, ...]] = []
    for entry in catalog.days():
        day = entry.format
        assert isinstance(day, Day)
        upper = str(day.participants.max) if day.participants.max is not None else ""
        blocks = t("blocks", lang, n=len(day.parts))
        rows.append(
            (entry.path.stem, pick(day.title, lang), blocks, f"{day.participants.min}–{upper}")
        )
    return rows


@click.command("show")
@click.argument("format_ref", metavar="FORMAT")
@lang_option
@click.pass_obj
def show(obj: Context, format_ref: str, lang: str) -> None:
    """Show a format: its phases with durations, roles, rules and modules."""
    click.echo(format_text(obj.catalog.get(format_ref), lang))


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def check(obj: Context, files: tuple[Path, ...]) -> None:
    """Check format and agenda files; print every problem, exit 1 if there is any."""
    failed = 0
    for file in files:
        try:
            fmt = load_any(file, catalog=obj.catalog)
        except FormatError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(problem, err=True)
        else:
            click.echo(f"ok  {file} ({fmt.id})")
    if failed:
        noun = "file has" if failed == 1 else "files have"
        raise click.ClickException(f"{failed} {noun} problems (listed above).")


@click.command("schema")
def schema() -> None:
    """Print the JSON Schema of format files (for editors)."""
    click.echo(json.dumps(format_schema(), indent=2, ensure_ascii=False))


@click.command("plan")
@click.argument("format_ref", metavar="FORMAT")
@click.option(
    "--participants",
    "people",
    required=True,
    help="How many take part, or a file with one name per line.",
)
@click.option("--start", default="09:00", show_default=True, help="Start time, HH:MM.")
@click.option("--end", default=None, help="The time the session must end by, HH:MM.")
@click.option("--cases", type=int, default=None, help="Cases to consult (per-case formats).")
@click.option(
    "--rounds",
    "rounds",
    multiple=True,
    metavar="PHASE=N",
    help="Rounds of a phase, e.g. --rounds tischrunden=4. Repeatable.",
)
@without_option
@lang_option
@click.option(
    "--format",
    "output",
    default="text",
    show_default=True,
    help="text, md, json, or an output of a plugin that renders agendas (e.g. ics).",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day of the session, YYYY-MM-DD (for calendar outputs; default: today).",
)
@click.pass_obj
def plan(
    obj: Context,
    format_ref: str,
    people: str,
    start: str,
    end: str | None,
    cases: int | None,
    rounds: tuple[str, ...],
    skip: tuple[str, ...],
    lang: str,
    output: str,
    day: dt.datetime | None,
) -> None:
    """The agenda of a format with the clock time of every phase and round."""
    outputs = get_plugins().outputs()
    if output not in PLAN_STYLES and output not in outputs:
        known = ", ".join([*PLAN_STYLES, *sorted(set(outputs) - set(PLAN_STYLES))])
        raise click.BadParameter(f'"{output}" is not one of {known}', param_hint="--format")
    fmt = obj.catalog.get(format_ref)
    who = parse_people(people)
    for warning in who.warnings:
        click.echo(f"warning: {warning}", err=True)
    settings = Settings(
        people=who,
        start=parse_clock(start),
        end=parse_clock(end) if end else None,
        cases=cases,
        rounds=parse_rounds(rounds),
        skip=skip,
        lang=lang,
    )
    result = make_plan(fmt, settings)
    if output in outputs and output not in PLAN_STYLES:  # the plan's own md, json come first
        when = day.date() if day else dt.date.today()
        click.echo(outputs[output].render(plan_record(result, when), lang), nl=False)
    elif output == "json":
        click.echo(plan_json(result, lang))
    elif output == "md":
        click.echo(plan_markdown(result, lang), nl=False)
    else:
        click.echo(plan_text(result, lang))
