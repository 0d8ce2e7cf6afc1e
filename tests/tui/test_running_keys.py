"""Every key of the running screen, told as what happens in the room."""

from __future__ import annotations

from pathlib import Path

from formatkern import events as ev
from formatkern.clock import FakeClock
from formatkern.hookspecs import hookimpl
from formatkern.model import ArrangementKind
from formatkern.plugins import Plugins
from formatkern.state import Mode
from formatkern.tui.screens.help import HelpScreen
from formatkern.tui.screens.projector import ProjectorScreen
from formatkern.tui.screens.summary import SummaryScreen
from formatkern.tui.widgets.countdown import Countdown

from .conftest import MakeApp, advance, screen_text, start_session, write


def countdown(app: object) -> Countdown:
    from textual.app import App

    assert isinstance(app, App)
    return app.screen.query_one(Countdown)


async def test_space_pauses_the_countdown_and_space_again_lets_it_run_on(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await advance(pilot, clock, 60)
        assert countdown(app).text == "09:00"
        await pilot.press("space")
        await advance(pilot, clock, 120)
        assert app.desk is not None and app.desk.state.paused
        assert countdown(app).text == "09:00", "a paused countdown stands still"
        assert "PAUSE" in screen_text(pilot)
        await pilot.press("space")
        await advance(pilot, clock, 30)
        assert countdown(app).text == "08:30"


async def test_n_starts_the_first_round_with_its_tables_and_b_goes_back_to_the_welcome(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.desk is not None
        step = app.desk.state.step
        assert step is not None and step.round == 1
        await pilot.press("v")  # the groups panel
        text = screen_text(pilot)
        assert "Café-Runden · Runde 1/3" in text
        assert "Tisch 4" in text
        await advance(pilot, clock, 90)
        await pilot.press("b")
        await pilot.pause()
        step = app.desk.state.step
        assert step is not None and step.index == 0
        assert countdown(app).text == "10:00", "going back starts the welcome with full time"


async def test_pressing_plus_in_overtime_gives_the_group_one_more_minute(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await advance(pilot, clock, 630)
        assert countdown(app).text == "+00:30"
        assert countdown(app).has_class("-overtime")
        await pilot.press("plus")
        await pilot.pause()
        assert countdown(app).text == "00:30"
        assert not countdown(app).has_class("-overtime")


async def test_minus_takes_a_minute_and_the_engine_refuses_more_than_is_left(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("minus")
        await pilot.pause()
        assert countdown(app).text == "09:00"
        await advance(pilot, clock, 8 * 60 + 30)
        await pilot.press("minus")
        await pilot.pause()
        assert countdown(app).text == "00:30", "only 30 s were left; nothing was taken"
        assert any("Geht nicht" in n.message for n in app._notifications)


async def test_the_countdown_turns_to_warning_at_20_percent_and_alarm_at_5_percent(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        assert countdown(app).has_class("-normal")
        await advance(pilot, clock, 8 * 60)  # 2 of 10 minutes left: 20 %
        assert countdown(app).has_class("-warning")
        await advance(pilot, clock, 91)  # 29 s left: under 5 %
        assert countdown(app).has_class("-alarm")


async def test_f_fits_the_agenda_to_the_end_the_room_must_keep(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make(end=15 * 3600 + 25 * 60)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await advance(pilot, clock, 20 * 60)  # the welcome ran 10 minutes over
        assert app.desk is not None
        assert app.desk.session.projection().overrun > 0
        await pilot.press("f")
        await pilot.pause()
        assert app.desk.session.projection().overrun == 0
        assert "voraussichtliches Ende 15:25" in screen_text(pilot)


async def test_g_asks_for_new_groups_and_says_what_came_of_it(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert any("keine Gruppen" in n.message for n in app._notifications)
        await pilot.press("n", "g")
        await pilot.pause()
        assert app.desk is not None
        messages = [n.message for n in app._notifications]
        assert any("Gruppen" in m for m in messages[1:])
        assert app.desk.state.seating.get(1) is not None, "the round is seated afterwards"


async def test_a_decides_in_the_room_to_stay_in_the_plenum(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("n", "a")
        await pilot.pause()
        await pilot.press("home", "enter")  # the first kind is the plenum
        await pilot.pause()
        assert app.desk is not None
        assert app.desk.state.arrangement_kind(1) is ArrangementKind.PLENUM
        await pilot.press("v")
        assert "Alle im Plenum." in screen_text(pilot)


async def test_e_writes_the_protocol_beside_the_session_file_for_its_owner_only(
    make: MakeApp, tmp_path: Path
) -> None:
    app = make(memory=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        written = list((tmp_path / "sessions").glob("*.md"))
        assert len(written) == 1, [n.message for n in app._notifications]
        assert written[0].read_text(encoding="utf-8").startswith("# World Café")
        assert written[0].stat().st_mode & 0o077 == 0


async def test_p_shows_the_room_the_countdown_and_tables_but_never_the_notes(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await pilot.press("n", "w")
        await write(pilot, "Tisch 2 braucht Stifte")
        await pilot.pause()
        assert app.desk is not None
        assert [n.text for n in app.desk.state.collecting.notes] == ["Tisch 2 braucht Stifte"]
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        text = screen_text(pilot)
        assert "Tisch 1" in text and "Café-Runden" in text
        assert "Stifte" not in text
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, ProjectorScreen)


async def test_w_writes_a_note_for_one_table(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("n", "w")
        await pilot.pause()
        select = app.screen.query_one("#note-table")
        from textual.widgets import Select

        assert isinstance(select, Select)
        select.value = 2
        await write(pilot, "Gute Idee: Nachbarschaftscafé")
        await pilot.pause()
        assert app.desk is not None
        note = app.desk.state.collecting.notes[-1]
        assert (note.table, note.text) == (2, "Gute Idee: Nachbarschaftscafé")
        assert "Tisch 2: Gute Idee" in screen_text(pilot)


async def test_question_mark_lists_every_key_with_its_id(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await start_session(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(pilot)
        for key_id in ("formatkern.pause", "formatkern.next", "formatkern.fit"):
            assert key_id in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_a_remapped_key_moves_on_and_the_help_shows_the_new_key(make: MakeApp) -> None:
    app = make(keymap={"formatkern.next": "right"})
    async with app.run_test(size=(100, 40)) as pilot:
        await start_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.desk is not None and app.desk.state.step is not None
        assert app.desk.state.step.index == 0, "n is no longer the key for next"
        await pilot.press("right")
        await pilot.pause()
        assert app.desk.state.step is not None and app.desk.state.step.index == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert "right" in screen_text(pilot)


async def test_every_key_is_also_in_the_command_palette(make: MakeApp) -> None:
    app = make(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        running = await start_session(pilot)
        titles = [c.title for c in app.get_system_commands(running)]
        for title in ("Pause", "Next", "Back", "+1 min", "Fit", "New groups", "Projector"):
            assert title in titles
        command = next(c for c in app.get_system_commands(running) if c.title == "Next")
        command.callback()
        await pilot.pause()
        assert app.desk is not None and app.desk.state.step is not None
        assert app.desk.state.step.index == 1


async def test_time_up_rings_the_bell_and_says_so(make: MakeApp, clock: FakeClock) -> None:
    app = make()
    rung: list[bool] = []
    app.bell = lambda: rung.append(True)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await advance(pilot, clock, 601)
        assert rung == [True]
        assert any("Die Zeit ist um." in n.message for n in app._notifications)


class _Alerts:
    """A plugin that asks for a bell, a flash and a notice when a round's time is up."""

    @staticmethod
    @hookimpl
    def on_event(session: object, event: object) -> list[object]:
        from formatkern.extensions import Effect

        if isinstance(event, ev.TimeUp):
            return [Effect("flash"), Effect("notice", "Gong!")]
        return []


async def test_a_plugins_effects_are_performed(
    make: MakeApp, plugins: Plugins, clock: FakeClock
) -> None:
    plugins.register_module(_Alerts, "alerts")
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        running = await start_session(pilot)
        await advance(pilot, clock, 601)
        assert any(n.message == "Gong!" for n in app._notifications)
        assert running.has_class("-flash")


async def test_x_finishes_after_asking_and_shows_the_summary(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.desk is not None and app.desk.state.mode is Mode.RUNNING
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.desk.state.mode is Mode.FINISHED
        assert isinstance(app.screen, SummaryScreen)
        assert "Geschafft" in screen_text(pilot)


async def test_v_cycles_the_panels_on_a_small_terminal(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        running = await start_session(pilot)
        assert running.panel == "instructions"
        await pilot.press("v", "v", "v")
        assert running.panel == "agenda"
        assert "Ernte" in screen_text(pilot)
        await pilot.press("v")
        assert running.panel == "instructions"


async def test_a_large_terminal_shows_agenda_instructions_and_tables_at_once(
    make: MakeApp,
) -> None:
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        running = await start_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert running.has_class("-wide")
        text = screen_text(pilot)
        assert "Ernte" in text and "Tisch 4" in text and "Zum Vorlesen" in text
