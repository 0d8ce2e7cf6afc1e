"""Who sits where and holds what, as a table to print: one row per person and round.

For table lists at the door and role cards: open it in a spreadsheet, sort or filter by round,
print. It is written for the spreadsheets facilitators have: UTF-8 with a byte order mark (so
umlauts survive Excel), and in German with semicolons between the columns (German Excel reads
commas as decimal marks); in English with commas. `delimiter` overrides that choice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any, Final

from formatkern.outputs.words import pick, step_label, w

BOM: Final = "\ufeff"
DELIMITERS: Final = {"de": ";", "en": ","}
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these would be read as a formula; such cells get a leading '."""

COLUMNS: Final = ("round", "phase", "case", "case_title", "table", "person", "role")


def render(record: Mapping[str, Any], lang: str, delimiter: str | None = None) -> str:
    """The rows of a record's seating and roles, with a header in `lang`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter or DELIMITERS.get(lang, ","))
    writer.writerow([w(f"csv.{c}", lang) for c in COLUMNS])
    for row in rows(record, lang):
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return BOM + out.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def rows(record: Mapping[str, Any], lang: str) -> Iterator[dict[str, object]]:
    """Session roles first, then each case's roles, then every seated step, table by table."""
    roles = _roles(record, lang)
    titles = {
        c.get("number"): c.get("title") or "" for c in record.get("cases") or [] if c.get("number")
    }
    agenda = [s for s in record.get("agenda") or [] if s.get("status") != "dropped"]
    everyone = (record.get("participants") or {}).get("names") or []
    for person, role in _holders(roles.get(None, {}), everyone):
        yield _row(None, w("session", lang), None, "", None, person, role)
    for case in record.get("cases") or []:
        number = case.get("number")
        held = roles.get(number)
        if not held:
            continue
        first = next((s for s in agenda if s.get("case_number") == number), None)
        phase = pick(first.get("title"), lang) if first else ""
        for person, role in _holders(held, everyone):
            yield _row(None, phase, number, titles.get(number, ""), None, person, role)
    for step in agenda:
        seating = step.get("seating")
        if not seating:
            continue
        case = step.get("case_number")
        title = titles.get(case, "") if case is not None else ""
        label = step_label({**step, "round": None, "case": None}, lang)
        hosts = seating.get("hosts") or []
        for table, group in enumerate(seating.get("groups") or [], start=1):
            for person in group:
                if table <= len(hosts) and hosts[table - 1] == person:
                    role = w("host", lang)
                else:
                    role = " + ".join(roles.get(case, {}).get(person, []))
                yield _row(step.get("round"), label, case, title, table, person, role)
        for person in seating.get("observers") or []:
            yield _row(step.get("round"), label, case, title, None, person, w("observer", lang))


def _row(
    round_: object,
    phase: str,
    case: object,
    case_title: str,
    table: object,
    person: str,
    role: str,
) -> dict[str, object]:
    return {
        "round": round_,
        "phase": phase,
        "case": case,
        "case_title": case_title,
        "table": table,
        "person": person,
        "role": role,
    }


def _roles(record: Mapping[str, Any], lang: str) -> dict[Any, dict[str, list[str]]]:
    """Per case (None: the session), each person's role titles."""
    titles = record.get("role_titles") or {}
    result: dict[Any, dict[str, list[str]]] = {}
    for entry in record.get("roles") or []:
        people: dict[str, list[str]] = {}
        for role, holders in (entry.get("holders") or {}).items():
            for person in holders:
                people.setdefault(person, []).append(pick(titles.get(role), lang) or role)
        result[entry.get("case")] = people
    return result


def _holders(held: Mapping[str, list[str]], everyone: list[str]) -> Iterator[tuple[str, str]]:
    """Holders in the order of the participants list, then anyone else."""
    order = [p for p in everyone if p in held] + [p for p in held if p not in everyone]
    for person in order:
        yield person, " + ".join(held[person])
