"""`formatkern groups`: a seating plan for tables over rounds, printed for the facilitator.

Thin: read the people, turn names into indexes, call `grouping.tables.mix`, print.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

import click

from formatkern.errors import GroupingError
from formatkern.grouping.tables import TableResult, mix


def read_people(value: str) -> tuple[list[str], bool]:
    """Names from `value`: a number N (people 1..N) or a UTF-8 file with one name a line.

    Returns the names and whether they are numbers. Blank lines and names listed twice are
    errors that name the line.
    """
    if re.fullmatch(r"\d+", value.strip()):
        count = int(value)
        if count < 1:
            raise click.ClickException("--people needs at least one person")
        return [str(i) for i in range(1, count + 1)], True
    path = Path(value)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise click.ClickException(
            f"--people {value}: no such file (give a number of people or a file of names)"
        ) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{value} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise click.ClickException(f"cannot read {value}: {exc.strerror}") from None
    names: list[str] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if not name:
            raise click.ClickException(f"{value}, line {number}: blank line; write one name a line")
        if name in first_line:
            raise click.ClickException(
                f"{value}, line {number}: {name} is already on line {first_line[name]}; "
                "give every person a distinct name"
            )
        first_line[name] = number
        names.append(name)
    if not names:
        raise click.ClickException(f"{value} lists nobody")
    return names, False


def _indexes(option: str, value: str, names: list[str], numbered: bool) -> list[int]:
    """People named in an --apart or --together value ("A,B"), as indexes into `names`."""
    where = {name: i for i, name in enumerate(names)}
    out = []
    for part in value.split(","):
        name = part.strip()
        if name not in where:
            known = f"a number from 1 to {len(names)}" if numbered else "a name from the file"
            raise click.ClickException(f'{option} {value}: "{name}" is not {known}')
        out.append(where[name])
    if len(set(out)) < len(out):
        raise click.ClickException(f"{option} {value} names a person twice")
    return out


def render_text(result: TableResult, names: list[str]) -> str:
    """What a facilitator prints: per round, per table, the names; then how good it is."""
    hosts = set(result.hosts)
    lines = []
    for r, tables in enumerate(result.rounds, start=1):
        lines.append(f"Round {r}")
        for t, table in enumerate(tables, start=1):
            people = [f"{names[p]} (host)" if p in hosts else names[p] for p in table]
            host_first = sorted(people, key=lambda text: not text.endswith("(host)"))
            lines.append(f"  Table {t}: {', '.join(host_first)}")
        lines.append("")
    if result.repeats == 0:
        lines.append("Nobody meets anyone twice.")
    else:
        lines.append(
            f"{result.repeats} repeated meetings; no plan can have fewer than {result.lower_bound}."
        )
    return "\n".join(lines) + "\n"


def render_csv(result: TableResult, names: list[str]) -> str:
    """One line per seat: round, table, person, host (1 when that person hosts the table)."""
    hosts = set(result.hosts)
    out = _Lines()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["round", "table", "person", "host"])
    for r, tables in enumerate(result.rounds, start=1):
        for t, table in enumerate(tables, start=1):
            for p in table:
                writer.writerow([r, t, names[p], 1 if p in hosts else 0])
    return "".join(out.parts)


class _Lines:
    """A minimal text sink for csv.writer."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


def render_json(result: TableResult, names: list[str], numbered: bool) -> str:
    """The plan for other programs: people, rounds of tables of indexes, and the figures."""
    document = {
        "people": [int(name) for name in names] if numbered else names,
        "rounds": [[list(table) for table in tables] for tables in result.rounds],
        "hosts": list(result.hosts),
        "repeats": result.repeats,
        "lower_bound": result.lower_bound,
        "seconds": round(result.seconds, 3),
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


@click.command("groups")
@click.option(
    "--people",
    "people_value",
    required=True,
    metavar="N|FILE",
    help="How many people (numbered 1..N), or a UTF-8 file with one name a line.",
)
@click.option("--tables", type=click.IntRange(min=1), help="Number of tables.")
@click.option(
    "--size",
    type=click.IntRange(min=1),
    help="People per table instead of --tables; some tables get one fewer when it does not divide.",
)
@click.option("--rounds", type=click.IntRange(min=0), required=True, help="Number of rounds.")
@click.option("--hosts", is_flag=True, help="The first person of each table stays as its host.")
@click.option("--apart", multiple=True, metavar="A,B", help="Two people who never share a table.")
@click.option(
    "--together",
    multiple=True,
    metavar="A,B[,...]",
    help="People who share a table in every round.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Another seed, another plan.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="Seconds the search may take at most.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
)
def groups(
    people_value: str,
    tables: int | None,
    size: int | None,
    rounds: int,
    hosts: bool,
    apart: tuple[str, ...],
    together: tuple[str, ...],
    seed: int,
    time_limit: float,
    output: str,
) -> None:
    """Seat people at tables for several rounds so that they meet as many new people as
    possible (World Café, breakout groups)."""
    if (tables is None) == (size is None):
        raise click.UsageError("give either --tables or --size")
    names, numbered = read_people(people_value)
    table_count = tables if tables is not None else math.ceil(len(names) / (size or 1))
    apart_pairs = []
    for value in apart:
        found = _indexes("--apart", value, names, numbered)
        if len(found) != 2:
            raise click.ClickException(f"--apart {value}: name exactly two people, as A,B")
        apart_pairs.append((found[0], found[1]))
    groups_together = [_indexes("--together", value, names, numbered) for value in together]
    try:
        result = mix(
            len(names),
            tables=table_count,
            rounds=rounds,
            hosts=hosts,
            apart=apart_pairs,
            together=groups_together,
            seed=seed,
            time_limit=time_limit,
        )
    except GroupingError as exc:
        raise click.ClickException(str(exc)) from None
    if output == "json":
        text = render_json(result, names, numbered)
    elif output == "csv":
        text = render_csv(result, names)
    else:
        text = render_text(result, names)
    sys.stdout.write(text)
