"""formatkern plugin "ics": the agenda of a session as an iCalendar file (RFC 5545).

One event per step (phase, round of a phase, phase of a case) at its clock times, so that a
facilitator can put the plan into a calendar and see the whole afternoon at a glance:

    formatkern plan world-cafe --participants 20 --start 14:00 --date 2026-12-01 --format ics

The output reads only the record's "format", "date" and "agenda" keys, which plan records and
session records share, so `formatkern export SESSION --to ics` gives the same kind of file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

from formatkern import hookimpl
from formatkern.errors import FormatkernError
from formatkern.extensions import OutputType
from formatkern.model import Text
from formatkern_ics.ical import content_line, date_time, escape_text

__all__ = ["IcsError", "calendar", "register_outputs", "render", "summary"]

PRODID: Final = "-//formatkern//formatkern-ics 0.1.0//EN"
UID_DOMAIN: Final = "formatkern"
SEPARATOR: Final = " · "
WORDS: Final[dict[str, dict[str, str]]] = {
    "de": {"round": "Runde", "case": "Fall"},
    "en": {"round": "Round", "case": "Case"},
}


class IcsError(FormatkernError):
    """The record cannot become a calendar (no agenda, a step without its times)."""


def pick(text: object, lang: str) -> str:
    """The text of a record field in `lang`, else in any language it has, else ''."""
    if isinstance(text, str):
        return text
    if not isinstance(text, Mapping):
        return ""
    chosen = text.get(lang)
    if isinstance(chosen, str) and chosen:
        return chosen
    return next((value for value in text.values() if isinstance(value, str) and value), "")


def summary(item: Mapping[str, Any], lang: str) -> str:
    """What the calendar shows for a step: "Café-Runden · Runde 2/3", "Beratung · Fall 2"."""
    words = WORDS.get(lang, WORDS["en"])
    parts = [pick(item.get("title"), lang) or str(item.get("phase") or "")]
    if item.get("case") is not None:
        parts.append(f"{words['case']} {item['case']}")
    if item.get("round") is not None:
        total = f"/{item['rounds']}" if item.get("rounds") else ""
        parts.append(f"{words['round']} {item['round']}{total}")
    return SEPARATOR.join(part for part in parts if part)


def _moment(item: Mapping[str, Any], key: str, position: int) -> dt.datetime:
    value = item.get(key)
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise IcsError(
            f"step {position + 1} of the agenda has {key} = {value!r}, not a time like "
            '"2026-12-01T14:00"; the record cannot become a calendar.'
        ) from None


def _day(record: Mapping[str, Any], first_start: dt.datetime) -> dt.date:
    """The session's day, for the UIDs: the record's "date", else the day of the first step."""
    try:
        return dt.date.fromisoformat(str(record["date"]))
    except (KeyError, ValueError):
        return first_start.date()


def _events(record: Mapping[str, Any], lang: str, stamp: dt.datetime) -> Iterator[bytes]:
    agenda = record.get("agenda") or []
    if not agenda:
        raise IcsError("the record has no agenda, so there is nothing to put into a calendar.")
    fmt = record.get("format") or {}
    format_id = str(fmt.get("id") or "session")
    format_title = pick(fmt.get("title"), lang)
    day = _day(record, _moment(agenda[0], "start", 0))
    language = [("LANGUAGE", lang)]
    for position, item in enumerate(agenda):
        index = item.get("index", position)
        yield content_line("BEGIN", "VEVENT")
        yield content_line("UID", escape_text(f"{format_id}-{day:%Y%m%d}-{index}@{UID_DOMAIN}"))
        yield content_line("DTSTAMP", date_time(stamp))
        yield content_line("DTSTART", date_time(_moment(item, "start", position)))
        yield content_line("DTEND", date_time(_moment(item, "end", position)))
        yield content_line("SUMMARY", escape_text(summary(item, lang)), language)
        question = pick(item.get("question"), lang)
        if question:
            yield content_line("DESCRIPTION", escape_text(question), language)
        if format_title:
            yield content_line("CATEGORIES", escape_text(format_title), language)
        yield content_line("END", "VEVENT")


def calendar(record: Mapping[str, Any], lang: str, *, stamp: dt.datetime) -> bytes:
    """The iCalendar file of a record's agenda; `stamp` (UTC) is when it was made (DTSTAMP).

    Returned as bytes: the CRLF line ends and the folding counted in octets must reach the
    file unchanged, which a text-mode write on Windows would not do.
    """
    fmt = record.get("format") or {}
    name = SEPARATOR.join(
        part for part in (pick(fmt.get("title"), lang), str(record.get("date") or "")) if part
    )
    lines = [
        content_line("BEGIN", "VCALENDAR"),
        content_line("VERSION", "2.0"),
        content_line("PRODID", PRODID),
        content_line("CALSCALE", "GREGORIAN"),
        content_line("METHOD", "PUBLISH"),
    ]
    if name:
        lines.append(content_line("NAME", escape_text(name)))
        lines.append(content_line("X-WR-CALNAME", escape_text(name)))
    lines.extend(_events(record, lang, stamp))
    lines.append(content_line("END", "VCALENDAR"))
    return b"".join(lines)


def render(record: Mapping[str, Any], lang: str) -> bytes:
    """The registered renderer: the calendar stamped with the current time."""
    return calendar(record, lang, stamp=dt.datetime.now(dt.UTC).replace(microsecond=0))


@hookimpl
def register_outputs(register: Callable[[OutputType], None]) -> None:
    register(
        OutputType(
            name="ics",
            title=Text("Kalender (iCalendar)", "Calendar (iCalendar)"),
            suffix=".ics",
            render=render,
            media_type="text/calendar",
            binary=True,
        )
    )
