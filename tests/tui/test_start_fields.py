"""The start screen asks for cases and rounds where the method has a choice, and lists the
catalog just after its first frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from formatkern.catalog import Catalog
from formatkern.clock import FakeClock
from formatkern.tui.app import FormatkernApp
from formatkern.tui.screens.start import StartScreen, count_fields

from .conftest import MakeApp, screen_text, start_session


async def listed(pilot: Pilot[None]) -> StartScreen:
    """The start screen once the methods and the unfinished sessions are listed."""
    screen = pilot.app.screen
    assert isinstance(screen, StartScreen)
    await screen.wait_for_lists()
    await pilot.pause()
    return screen


async def choose(pilot: Pilot[None], format_id: str) -> None:
    """Move the highlight in the list of methods to `format_id`, as the arrow keys would."""
    formats = pilot.app.screen.query_one("#formats", OptionList)
    formats.highlighted = formats.get_option_index(format_id)
    await pilot.pause()


def planned(app: FormatkernApp) -> tuple[int | None, dict[str, int]]:
    """The cases and rounds of the session that runs."""
    assert app.desk is not None
    settings = app.desk.session.plan.settings
    return settings.cases, settings.rounds


def fit(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#fit", Static).render())


async def test_a_kollegiale_beratung_for_three_cases_consults_each_case_in_turn(
    make: MakeApp,
) -> None:
    app = make("kollegiale-beratung", 7)
    async with app.run_test(size=(120, 48)) as pilot:
        await listed(pilot)
        cases = app.screen.query_one("#cases", Input)
        assert cases.value == "1", "the method's default"
        cases.value = "3"
        await pilot.pause()
        preview = str(app.screen.query_one("#preview", Static).render())
        assert "Fallsammlung" in preview, "several cases are collected first"
        assert "16:10    5′  Fall 3: Abschluss" in preview
        assert "Passt: Ende 16:15." in fit(pilot)
        await start_session(pilot)
        assert planned(app)[0] == 3


async def test_a_world_cafe_runs_the_rounds_the_facilitator_asks_for(make: MakeApp) -> None:
    app = make("world-cafe", 20)
    async with app.run_test(size=(120, 48)) as pilot:
        await listed(pilot)
        rounds = app.screen.query_one("#rounds-runden", Input)
        assert rounds.value == "3"
        assert "Runden (3–5)" in screen_text(pilot)
        rounds.value = "4"
        await pilot.pause()
        assert "Passt: Ende 15:50." in fit(pilot), "a fourth round of 20 minutes"
        await start_session(pilot)
        assert planned(app) == (None, {"runden": 4})


async def test_the_rounds_and_cases_of_the_command_line_are_the_first_values(
    make: MakeApp,
) -> None:
    app = make("world-cafe", 20, rounds={"runden": 5})
    async with app.run_test(size=(120, 48)) as pilot:
        await listed(pilot)
        assert app.screen.query_one("#rounds-runden", Input).value == "5"
        assert "Passt: Ende 16:10." in fit(pilot)
    app = make("kollegiale-beratung", 7, cases=2, lang="en")
    async with app.run_test(size=(120, 48)) as pilot:
        await listed(pilot)
        assert app.screen.query_one("#cases", Input).value == "2"
        assert "Cases (1–4)" in screen_text(pilot)
        await start_session(pilot)
        assert planned(app)[0] == 2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("7", "Runden: bitte eine ganze Zahl von 3 bis 5 eintragen."),
        ("drei", "Runden: bitte eine ganze Zahl von 3 bis 5 eintragen."),
        ("", "Runden: bitte eine ganze Zahl von 3 bis 5 eintragen."),
    ],
)
async def test_rounds_out_of_range_are_explained_and_nothing_starts(
    make: MakeApp, typed: str, message: str
) -> None:
    app = make("world-cafe", 20)
    async with app.run_test(size=(120, 48)) as pilot:
        await listed(pilot)
        app.screen.query_one("#rounds-runden", Input).value = typed
        await pilot.pause()
        assert fit(pilot) == message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen), "nothing starts with a wrong number"
        assert app.desk is None
        assert any(n.message == message for n in app._notifications)
        app.screen.query_one("#rounds-runden", Input).value = "5"
        await pilot.pause()
        assert "Passt" in fit(pilot), "a good number clears the message"


async def test_cases_out_of_range_are_explained_in_english(make: MakeApp) -> None:
    app = make("kollegiale-beratung", 7, lang="en")
    async with app.run_test(size=(120, 48)) as pilot:
        await listed(pilot)
        app.screen.query_one("#cases", Input).value = "5"
        await pilot.pause()
        assert fit(pilot) == "Cases: please enter a whole number from 1 to 4."


async def test_each_method_shows_its_own_fields_and_keeps_what_was_typed(
    make: MakeApp,
) -> None:
    """World Café asks for its rounds, Team-Tango for its rounds of leading and following,
    Gallery Walk (one round per station) and Kollegiale Beratung's cases are their own."""
    app = make("world-cafe", 20, rounds={"runden": 4})
    async with app.run_test(size=(120, 48)) as pilot:
        screen = await listed(pilot)
        counts = screen.query_one("#counts", Horizontal)
        await choose(pilot, "team-tango")
        assert screen.query_one("#rounds-fuehren-und-folgen", Input).value == "3"
        assert not screen.query("#rounds-runden")
        assert "Passt" in fit(pilot), "World Café's rounds are not Team-Tango's"
        screen.query_one("#rounds-fuehren-und-folgen", Input).value = "5"
        await pilot.pause()
        await choose(pilot, "gallery-walk")
        assert not counts.display and not screen.query(".count")
        await choose(pilot, "kollegiale-beratung")
        assert counts.display and screen.query_one("#cases", Input).value == "1"
        await choose(pilot, "world-cafe")
        assert screen.query_one("#rounds-runden", Input).value == "4", "the command line's"
        await choose(pilot, "team-tango")
        assert screen.query_one("#rounds-fuehren-und-folgen", Input).value == "5", "as typed"
        await start_session(pilot)
        assert planned(app) == (None, {"fuehren-und-folgen": 5})


def test_only_methods_with_a_choice_ask(catalog: Catalog) -> None:
    fields = {entry.id: count_fields(entry.format, "de") for entry in catalog}
    assert [(f.key, f.low, f.high, f.default) for f in fields["kollegiale-beratung"]] == [
        ("cases", 1, 4, 1)
    ]
    assert [(f.key, f.low, f.high) for f in fields["world-cafe"]] == [("runden", 3, 5)]
    assert fields["gallery-walk"] == [], "as many rounds as stations, one return"


async def test_the_first_frame_needs_only_the_method_given_and_the_list_fills_after(
    make: MakeApp, clock: FakeClock, catalog: Catalog, parsed: list[str]
) -> None:
    screen = StartScreen(catalog, "de", clock, format_ref="world-cafe")
    assert parsed == ["world-cafe.toml"] and not screen.loaded
    assert [e.id for e in screen.entries] == ["world-cafe"]

    app = make("world-cafe", 20)
    async with app.run_test(size=(120, 48)) as pilot:
        screen = await listed(pilot)
        formats = screen.query_one("#formats", OptionList)
        assert [formats.get_option_at_index(i).id for i in range(formats.option_count)] == [
            "gallery-walk",
            "kollegiale-beratung",
            "team-tango",
            "world-cafe",
        ]
        assert formats.highlighted == 3, "still the method given"
        assert "Keine unterbrochene Sitzung." in screen_text(pilot)


async def test_a_session_that_cannot_be_resumed_leaves_the_facilitator_at_the_start(
    make: MakeApp, tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.fksession"
    broken.write_text("not a session", encoding="utf-8")
    app = make(None, None, resume=broken)
    async with app.run_test(size=(120, 48)) as pilot:
        screen = await listed(pilot)
        assert app.desk is None
        assert app._notifications, "the reason is shown"
        assert screen.query_one("#formats", OptionList).option_count == 4
