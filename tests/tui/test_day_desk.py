"""A whole day on the control desk: the blocks, the roles of the block running, the buffer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from formatkern.catalog import Catalog, Source
from formatkern.clock import FakeClock
from formatkern.participants import People
from formatkern.tui.screens.start import StartScreen

from .conftest import ROOT, MakeApp, advance, screen_text, start_session

TEAM_DAY = str(Path(__file__).resolve().parents[2] / "formats" / "agendas" / "qm-teamtag.toml")
TEAM = ("Anna", "Ben", "Cem", "Dora", "Emil", "Fatma", "Gül", "Hans")


async def test_the_desk_runs_the_qm_day_and_names_the_block_of_the_cases(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make(TEAM_DAY, People.of_names(list(TEAM)), start=9 * 3600)
    async with app.run_test(size=(160, 48)) as pilot:
        await start_session(pilot)
        assert app.desk is not None
        assert "Ankommen und Blitzlicht" in screen_text(pilot)
        for _ in range(3):  # after arrival, news and coffee: the case collection
            await pilot.press("n")
            await pilot.pause()
        text = screen_text(pilot)
        assert "Kollegiale Beratung am Vormittag" in text
        assert "Fallsammlung" in text
        assert "Moderator:in" in text  # the roles of this block are shown
        assert "vormittag" not in text  # the block's prefix of the role ids stays inside
        await advance(pilot, clock, 60)
        assert "noch 9 Min." in screen_text(pilot)


async def test_a_day_given_without_a_start_time_begins_at_its_first_fixed_time(
    make: MakeApp,
) -> None:
    app = make(TEAM_DAY, People.of_names(list(TEAM)), start=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        text = screen_text(pilot)
        assert "09:00" in text
        assert "Puffer bis Ankommen" not in text


async def test_the_start_list_offers_the_example_days_after_the_methods(make: MakeApp) -> None:
    library = Catalog([Source("built-in", ROOT / "formats")])
    app = make(None, People.of_names(list(TEAM)), catalog=library, start=9 * 3600)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await screen.wait_for_lists()
        await pilot.pause()
        listing = screen.query_one("#formats", OptionList)
        options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
        ids = [option.id for option in options]
        labels = [str(option.prompt) for option in options]
        assert ids[-3:] == ["lernwerkstatt", "qm-teamtag", "sozialraum-konferenz"]
        assert [label.endswith(" · ganzer Tag") for label in labels] == [
            option_id in ids[-3:] for option_id in ids
        ]
        listing.highlighted = ids.index("qm-teamtag")
        await pilot.pause()
        assert "Puffer bis Mittagspause" in screen_text(pilot), "the day's plan, previewed"
        await start_session(pilot)
        assert app.desk is not None
        assert app.desk.session.plan.format.id == "qm-teamtag"
        assert "Ankommen und Blitzlicht" in screen_text(pilot)
