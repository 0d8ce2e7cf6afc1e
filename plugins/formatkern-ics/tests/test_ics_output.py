"""A facilitator puts the plan of a session into a calendar: one event per step, read back.

The file is parsed with a small reader written here after RFC 5545, so the tests need no
iCalendar library and check the file's rules (CRLF, 75 octets, escaping) themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import formatkern_ics
import pytest
from click.testing import CliRunner
from formatkern_ics import IcsError, calendar, render

from formatkern.catalog import builtin_dir
from formatkern.cli import cli
from formatkern.loader import load_format
from formatkern.participants import parse_people
from formatkern.plan import Settings, make_plan, parse_clock
from formatkern.plugins import Plugins, reset_plugins
from formatkern.record import plan_record

STAMP = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
DAY = dt.date(2026, 12, 1)

# -- a small iCalendar reader -------------------------------------------------------------------


@dataclass
class Component:
    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def raw(self, name: str) -> str:
        values = [value for key, _, value in self.properties if key == name]
        assert len(values) == 1, f"{self.name} has {len(values)} {name} properties"
        return values[0]

    def text(self, name: str) -> str:
        return unescape(self.raw(name))

    def params(self, name: str) -> dict[str, str]:
        return next(params for key, params, _ in self.properties if key == name)

    def has(self, name: str) -> bool:
        return any(key == name for key, _, _ in self.properties)

    @property
    def events(self) -> list[Component]:
        return [child for child in self.children if child.name == "VEVENT"]


def physical_lines(data: bytes) -> list[bytes]:
    """The lines as written: every one must end with CRLF, and no bare CR or LF may occur."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
    return lines


def unfold(data: bytes) -> Iterator[str]:
    logical: list[str] = []
    for line in physical_lines(data):
        text = line.decode("utf-8")  # each physical line is valid UTF-8 on its own
        if text.startswith((" ", "\t")):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    yield from logical


def unescape(value: str) -> str:
    """A TEXT value read back; a comma or semicolon that is not escaped is an error."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append({"n": "\n", "N": "\n"}.get(following, following))
            assert following in "\\;,nN", f"unknown escape \\{following} in {value!r}"
        else:
            assert char not in ",;", f"unescaped {char!r} in {value!r}"
            out.append(char)
    return "".join(out)


def parse(data: bytes) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        head, _, value = line.partition(":")
        name, *pairs = head.split(";")
        params = dict(pair.split("=", 1) for pair in pairs)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            stack.append(component)
        elif name == "END":
            finished = stack.pop()
            assert finished.name == value
            if not stack:
                root = finished
        else:
            stack[-1].properties.append((name, params, value))
    assert root is not None and root.name == "VCALENDAR"
    return root


# -- records to render --------------------------------------------------------------------------


def planned(format_id: str, people: int, start: str, day: dt.date = DAY, **kw: Any) -> Any:
    fmt = load_format(builtin_dir() / f"{format_id}.toml")
    settings = Settings(people=parse_people(str(people)), start=parse_clock(start), **kw)
    return plan_record(make_plan(fmt, settings), day)


def one_step(**fields: Any) -> dict[str, Any]:
    step = {
        "index": 0,
        "phase": "rueckblick",
        "title": {"de": "Rückblick", "en": "Review"},
        "round": None,
        "rounds": None,
        "case": None,
        "start": "2026-12-01T09:00",
        "end": "2026-12-01T09:30",
        "question": None,
    }
    step.update(fields)
    return {
        "format": {"id": "retro", "title": {"de": "Retro", "en": "Retro"}},
        "date": "2026-12-01",
        "agenda": [step],
    }


@pytest.fixture(autouse=True)
def _fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Installed plugins load only where a test asks for them, as in the project's tests."""
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "")
    reset_plugins()
    yield
    reset_plugins()


def plan_ics(monkeypatch: pytest.MonkeyPatch, *args: str) -> bytes:
    """`formatkern plan ... --format ics` with the installed plugin, as a user runs it."""
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-ics")
    result = CliRunner().invoke(cli, ["plan", *args, "--format", "ics"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


# -- the stories ---------------------------------------------------------------------------------


def test_a_world_cafe_of_20_becomes_one_event_per_phase_and_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = plan_ics(
        monkeypatch,
        *("world-cafe", "--participants", "20", "--start", "14:00", "--date", "2026-12-01"),
        *("--lang", "de"),
    )
    events = parse(data).events
    agenda = planned("world-cafe", 20, "14:00")["agenda"]
    assert len(events) == len(agenda) == 5
    times = [(e.raw("DTSTART"), e.raw("DTEND")) for e in events]
    assert times == [
        ("20261201T140000", "20261201T141000"),
        ("20261201T141000", "20261201T143000"),
        ("20261201T143000", "20261201T145000"),
        ("20261201T145000", "20261201T151000"),
        ("20261201T151000", "20261201T153000"),
    ]
    assert [e.text("SUMMARY") for e in events] == [
        "Willkommen",
        "Café-Runden · Runde 1/3",
        "Café-Runden · Runde 2/3",
        "Café-Runden · Runde 3/3",
        "Ernte",
    ]
    assert events[2].text("DESCRIPTION") == agenda[2]["question"]["de"]
    assert not events[0].has("DESCRIPTION"), "a step without a question has no description"
    assert events[1].params("SUMMARY") == {"LANGUAGE": "de"}


def test_in_english_the_steps_and_questions_are_english(monkeypatch: pytest.MonkeyPatch) -> None:
    data = plan_ics(
        monkeypatch,
        *("world-cafe", "--participants", "20", "--start", "14:00", "--date", "2026-12-01"),
        *("--lang", "en"),
    )
    events = parse(data).events
    assert events[2].text("SUMMARY") == "Café rounds · Round 2/3"
    english = planned("world-cafe", 20, "14:00")["agenda"][2]["question"]["en"]
    assert events[2].text("DESCRIPTION") == english
    assert events[2].params("DESCRIPTION") == {"LANGUAGE": "en"}
    assert events[0].text("CATEGORIES") == "World Café"


def test_a_consultation_of_two_cases_names_the_case_of_each_step() -> None:
    record = planned("kollegiale-beratung", 7, "23:00", cases=2)
    german = [e.text("SUMMARY") for e in parse(calendar(record, "de", stamp=STAMP)).events]
    english = [e.text("SUMMARY") for e in parse(calendar(record, "en", stamp=STAMP)).events]
    assert "Beratung · Fall 2" in german
    assert "Consultation · Case 2" in english
    assert len(german) == len(record["agenda"])


def test_a_session_past_midnight_ends_on_the_next_day() -> None:
    record = planned("kollegiale-beratung", 7, "23:00", cases=2)
    last = parse(calendar(record, "de", stamp=STAMP)).events[-1]
    assert last.raw("DTEND") == "20261202T003500"


def test_long_lines_are_folded_at_75_octets_never_inside_a_character() -> None:
    question = "Was würden wir tun, wenn Ängste, Größe und Übermut keine Rolle spielten? " * 4
    data = calendar(one_step(question={"de": question, "en": ""}), "de", stamp=STAMP)
    lines = physical_lines(data)
    assert max(len(line) for line in lines) == 75, "long lines are used up to the limit"
    for line in lines:
        line.decode("utf-8")
    (event,) = parse(data).events
    assert event.text("DESCRIPTION") == question


def test_commas_semicolons_backslashes_and_line_breaks_are_escaped_and_come_back() -> None:
    title = "Rückblick; Ausblick, Fazit"
    question = "Ablage unter C:\\Team\\Retro\nZweite Zeile, mit Komma"
    data = calendar(
        one_step(title={"de": title, "en": ""}, question={"de": question, "en": ""}),
        "de",
        stamp=STAMP,
    )
    assert b"SUMMARY;LANGUAGE=de:R\xc3\xbcckblick\\; Ausblick\\, Fazit\r\n" in data
    (event,) = parse(data).events
    assert event.text("SUMMARY") == title
    assert event.text("DESCRIPTION") == question


def test_a_missing_language_falls_back_to_the_other() -> None:
    data = calendar(one_step(title={"de": "Rückblick", "en": ""}), "en", stamp=STAMP)
    assert parse(data).events[0].text("SUMMARY") == "Rückblick"


def test_uids_are_unique_per_step_and_stay_the_same_when_the_plan_changes() -> None:
    def uids(record: Any) -> list[str]:
        return [e.text("UID") for e in parse(render(record, "de")).events]

    first = uids(planned("world-cafe", 20, "14:00"))
    assert len(set(first)) == len(first) == 5
    assert first[2] == "world-cafe-20261201-2@formatkern"
    assert uids(planned("world-cafe", 24, "14:30")) == first, "a re-import updates, not doubles"
    other_day = uids(planned("world-cafe", 20, "14:00", day=dt.date(2026, 12, 8)))
    assert not set(other_day) & set(first)


def test_times_are_floating_and_the_stamp_is_utc() -> None:
    calendar_ = parse(calendar(planned("world-cafe", 20, "14:00"), "de", stamp=STAMP))
    assert calendar_.raw("VERSION") == "2.0"
    assert calendar_.text("X-WR-CALNAME") == "World Café · 2026-12-01"
    for event in calendar_.events:
        assert event.raw("DTSTAMP") == "20261120T093000Z"
        assert re.fullmatch(r"\d{8}T\d{6}", event.raw("DTSTART"))
        assert event.params("DTSTART") == {}, "no TZID: floating local time"


def test_the_registered_renderer_stamps_the_time_it_ran() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = parse(render(one_step(), "de")).events[0].raw("DTSTAMP")
    after = dt.datetime.now(dt.UTC)
    made = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    assert before <= made <= after


def test_real_times_with_an_offset_are_written_in_utc() -> None:
    record = one_step(start="2026-12-01T14:03:20+01:00", end="2026-12-01T14:40:00+01:00")
    (event,) = parse(calendar(record, "de", stamp=STAMP)).events
    assert (event.raw("DTSTART"), event.raw("DTEND")) == ("20261201T130320Z", "20261201T134000Z")


def test_a_record_without_agenda_or_with_a_broken_time_is_a_clear_error() -> None:
    with pytest.raises(IcsError, match="no agenda"):
        render({"format": {"id": "retro"}, "agenda": []}, "de")
    with pytest.raises(IcsError, match=r"step 1 of the agenda has start = '14:00', not a time"):
        render(one_step(start="14:00"), "de")


def test_without_the_plugin_loaded_ics_is_not_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "")
    arguments = ["plan", "world-cafe", "--participants", "20", "--format", "ics"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2
    assert '"ics" is not one of text, md, json' in result.output


def test_register_outputs_adds_an_ics_output_for_calendars() -> None:
    plugins = Plugins(load_installed=False)
    plugins.register_module(formatkern_ics, "ics")
    output = plugins.outputs()["ics"]
    assert (output.suffix, output.media_type, output.binary) == (".ics", "text/calendar", True)
    assert output.title.get("de") == "Kalender (iCalendar)"
    assert output.render is render


def test_formatkern_plugins_lists_the_installed_plugin_and_its_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-ics")
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    assert "ics 0.1.0  (package formatkern-ics)\n    output: ics\n" in result.stdout
