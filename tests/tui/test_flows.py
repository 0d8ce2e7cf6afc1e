"""From the start screen to the end: a facilitator's way through the control desk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.state import Mode
from formatkern.tui.app import FormatkernApp
from formatkern.tui.room import RoomApp
from formatkern.tui.screens.casting import CastingScreen
from formatkern.tui.screens.projector import ProjectorScreen
from formatkern.tui.screens.running import RunningScreen
from formatkern.tui.screens.start import StartScreen
from formatkern.tui.screens.summary import SummaryScreen
from formatkern.tui.widgets.countdown import Countdown

from .conftest import NAMES, MakeApp, advance, screen_text, start_session


async def lists_filled(pilot: Pilot[None]) -> StartScreen:
    """The start screen once it has listed the methods and the unfinished sessions (it reads
    them just after its first frame)."""
    screen = pilot.app.screen
    assert isinstance(screen, StartScreen)
    await screen.wait_for_lists()
    await pilot.pause()
    return screen


@pytest.mark.parametrize("lang", ["de", "en"])
async def test_a_new_facilitator_runs_a_world_cafe_of_twenty_from_start_to_protocol(
    make: MakeApp, clock: FakeClock, lang: str
) -> None:
    """Pick World Café, paste 20 names, three rounds with a pause and an extension, the
    tables of every round, the projector on, and the end (the story of the issue)."""
    app = make(format_ref=None, people=None, lang=lang)
    async with app.run_test(size=(100, 32)) as pilot:
        await lists_filled(pilot)
        search = app.screen.query_one("#search", Input)
        search.value = "café"
        await pilot.pause()
        formats = app.screen.query_one("#formats", OptionList)
        assert formats.option_count == 1
        app.screen.query_one("#names", TextArea).text = "\n".join(NAMES)
        await pilot.pause()
        assert ("20 Personen" if lang == "de" else "20 people") in screen_text(pilot)
        running = await start_session(pilot)
        await pilot.press("n")
        seen_tables: list[tuple[tuple[str, ...], ...]] = []
        for round_number in (1, 2, 3):
            assert app.desk is not None
            step = app.desk.state.step
            assert step is not None and step.round == round_number
            seating = app.desk.state.seating[step.index]
            seen_tables.append(seating.groups)
            running.show_panel("groups")
            await pilot.pause()
            table = "Tisch 1" if lang == "de" else "Table 1"
            assert table in screen_text(pilot)
            assert seating.groups[0][1] in screen_text(pilot)
            if round_number == 2:
                await pilot.press("space")
                await advance(pilot, clock, 300)
                await pilot.press("space", "plus")
            await advance(pilot, clock, 20 * 60)
            await pilot.press("n")
            await pilot.pause()
        assert len(set(seen_tables)) == 3, "every round has its own tables"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        await pilot.press("p", "n")
        await pilot.pause()
        assert app.desk is not None and app.desk.state.mode is Mode.FINISHED
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        saved = "Gespeichert: " if lang == "de" else "Saved: "
        (notice,) = [n.message for n in app._notifications if n.message.startswith(saved)]
        protocol = Path(notice.removeprefix(saved)).read_text(encoding="utf-8")
        assert protocol.startswith("# World Café")
        assert all(name in protocol for name in NAMES)


async def test_a_plan_that_does_not_fit_is_flagged_before_the_start(make: MakeApp) -> None:
    app = make(end=15 * 3600)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        text = screen_text(pilot)
        assert "Passt nicht: Der Ablauf endet 30 Min. nach" in text


async def test_only_a_number_of_people_is_enough_to_plan(make: MakeApp) -> None:
    app = make(format_ref="world-cafe", people=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await lists_filled(pilot)
        app.screen.query_one("#names", TextArea).text = "16"
        await pilot.pause()
        assert "16 Personen" in screen_text(pilot)
        await start_session(pilot)
        assert app.desk is not None and app.desk.state.people[:3] == ("1", "2", "3")


async def test_a_name_given_twice_must_be_told_apart(make: MakeApp) -> None:
    app = make(format_ref="world-cafe", people=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await lists_filled(pilot)
        app.screen.query_one("#names", TextArea).text = "\n".join([*NAMES[:15], "Aylin"])
        await pilot.pause()
        assert "zweimal" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen), "nothing starts with a doubled name"


async def test_the_names_field_comes_right_after_the_first_frame_as_it_was_drawn(
    make: MakeApp,
) -> None:
    """Names given: the first frame draws them as text, and the field to edit them takes its
    place a moment later. No names given: typing starts in the field, so it is there, with the
    focus, from the first frame."""
    app = make(format_ref="world-cafe", people=People.of_names(list(NAMES[:3])))
    async with app.run_test(size=(100, 32)) as pilot:
        draft = app.screen.query_one("#names-draft", Static)
        assert str(draft.render()).splitlines() == list(NAMES[:3])
        screen = await lists_filled(pilot)
        assert not screen.query("#names-draft")
        assert screen.query_one("#names", TextArea).text == "\n".join(NAMES[:3])
        assert screen.names() == "\n".join(NAMES[:3])
    app = make(format_ref="world-cafe", people=None)
    async with app.run_test(size=(100, 32)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen) and start.names_area is not None
        assert not start.query("#names-draft")
        assert app.focused is start.names_area
        await pilot.press("A", "n", "n", "a")
        assert start.names() == "Anna"


async def test_los_at_once_starts_the_session_before_the_names_field_is_there(
    make: MakeApp,
) -> None:
    """Ctrl+S in the first moment, names given on the command line: the session starts with
    them, and the field that would have come later does not get in the way."""
    app = make(format_ref="world-cafe", people=People.of_names(list(NAMES)))
    async with app.run_test(size=(100, 32)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen) and start.names_area is None
        await start_session(pilot)
        await pilot.pause()
        assert app.desk is not None and app.desk.state.people == tuple(NAMES)
        assert app.return_code is None, "the app is still running (no worker failed)"


async def test_names_load_from_a_file(make: MakeApp, tmp_path: Path) -> None:
    names = tmp_path / "teilnehmende.txt"
    names.write_text("\n".join(NAMES[:14]) + "\n", encoding="utf-8")
    app = make(format_ref="world-cafe", people=None)
    async with app.run_test(size=(100, 32)) as pilot:
        app.screen.query_one("#file", Input).value = str(names)
        await pilot.click("#load")
        await pilot.pause()
        assert app.screen.query_one("#names", TextArea).text.splitlines()[-1] == NAMES[13]
        assert "14 Personen" in screen_text(pilot)


async def test_an_unfinished_session_is_resumed_where_the_clock_stands(
    make: MakeApp, clock: FakeClock, tmp_path: Path, catalog: object
) -> None:
    entry = next(e for e in make().get_catalog() if e.id == "world-cafe")
    plan = make_plan(entry.format, Settings(People.of_names(list(NAMES)), start=14 * 3600))
    path = tmp_path / "sessions" / "cafe.fksession"
    path.parent.mkdir()
    with Session.create(
        plan, clock=clock, path=path, format_text=entry.path.read_text(encoding="utf-8")
    ) as session:
        session.start()
        session.next()
    clock.advance(5 * 60)
    app = make(format_ref=None, people=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await lists_filled(pilot)
        sessions = app.screen.query_one("#sessions", OptionList)
        assert sessions.option_count == 1
        sessions.focus()
        sessions.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunningScreen)
        countdown = app.screen.query_one(Countdown)
        assert countdown.text == "15:00", "a 20-minute round with 5 minutes gone"


async def test_roles_proposed_by_the_engine_are_changed_by_the_facilitator(
    make: MakeApp,
) -> None:
    app = make(format_ref="kollegiale-beratung", people=7)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_session(pilot)
        assert isinstance(app.screen, CastingScreen)
        field = app.screen.query_one("#role-moderator", Input)
        field.value = "Gül"
        await pilot.click("#apply")
        await pilot.pause()
        assert isinstance(app.screen, RunningScreen)
        assert app.desk is not None
        held = app.desk.state.roles
        assert any(roles.get("moderator") == ("Gül",) for roles in held.values())


async def test_a_name_not_in_the_room_cannot_take_a_role(make: MakeApp) -> None:
    app = make(format_ref="kollegiale-beratung", people=7)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_session(pilot)
        app.screen.query_one("#role-moderator", Input).value = "Zoe"
        await pilot.click("#apply")
        await pilot.pause()
        assert isinstance(app.screen, CastingScreen)
        assert any("Zoe" in n.message for n in app._notifications)


async def test_the_module_chosen_in_the_methodenwahl_is_entered_with_o(make: MakeApp) -> None:
    app = make(format_ref="kollegiale-beratung", people=7)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_session(pilot)
        await pilot.press("escape")
        assert app.desk is not None
        while (step := app.desk.state.step) is not None and step.phase.choice is None:
            await pilot.press("n")
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert step is not None and step.index in app.desk.state.options


async def test_the_room_view_follows_the_journal_and_shows_no_notes(
    clock: FakeClock, tmp_path: Path, make: MakeApp
) -> None:
    entry = next(e for e in make().get_catalog() if e.id == "world-cafe")
    plan = make_plan(entry.format, Settings(People.of_names(list(NAMES)), start=14 * 3600))
    path = tmp_path / "cafe.fksession"
    session = Session.create(
        plan, clock=clock, path=path, format_text=entry.path.read_text(encoding="utf-8")
    )
    session.start()
    room = RoomApp(path, lang="de", clock=clock, poll_interval=None)
    async with room.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Willkommen" in screen_text(pilot)
        session.next()
        session.note("Vertrauliches aus Tisch 1", table=1)
        room.poll()
        await pilot.pause()
        text = screen_text(pilot)
        assert "Café-Runden · Runde 1/3" in text and "Tisch 4" in text
        assert "Vertrauliches" not in text
        clock.advance(60)
        room.poll()
        await pilot.pause()
        assert "noch 19 Min." in screen_text(pilot)
    session.close()


def test_the_app_factory_reads_the_keymap_file_named_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from formatkern.tui.app import make_app

    keymap = tmp_path / "keys.toml"
    keymap.write_text('next = "right"\n', encoding="utf-8")
    monkeypatch.setenv("FORMATKERN_KEYMAP", str(keymap))
    app = make_app(lang="en")
    assert isinstance(app, FormatkernApp)
    assert app._keymap == {"formatkern.next": "right"}
