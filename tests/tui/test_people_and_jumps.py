"""Who comes late and who leaves early, jumps in the agenda, and steps that go on by themselves:
told as what happens in the room, with the fake clock."""

from __future__ import annotations

from textual.widgets import OptionList

from formatkern.clock import FakeClock
from formatkern.participants import DEMO_NAMES, People
from formatkern.state import SessionState
from formatkern.tui import view
from formatkern.tui.app import FormatkernApp
from formatkern.tui.screens.dialogs import ArrivalDialog, JumpDialog, LeaveDialog
from formatkern.tui.widgets.countdown import Countdown

from .conftest import MakeApp, advance, notices, screen_text, start_session, type_in

WITH_BEN = People.of_names(["Aylin", "Ben", *DEMO_NAMES[2:]])
"""Twenty for a World Café; the first four host its tables (seed 7), Ben the second."""


def desk_of(app: FormatkernApp) -> SessionState:
    assert app.desk is not None
    return app.desk.state


def seated(app: FormatkernApp, index: int) -> set[str]:
    seating = desk_of(app).seating[index]
    return {p for group in seating.groups for p in group}


async def test_zoe_arrives_late_in_the_second_cafe_round_and_the_later_rounds_count_her(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await start_session(pilot)
        await pilot.press("n")
        await advance(pilot, clock, 20 * 60)
        await pilot.press("n")  # the second round
        await pilot.pause()
        held = desk_of(app).seating[1]
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ArrivalDialog)
        await type_in(pilot, "Zoe")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ArrivalDialog)
        assert "Zoe" in desk_of(app).people
        assert "Zoe" in seated(app, 2), "she sits at a table of the running round"
        assert "Zoe" in seated(app, 3), "and the third round counts her"
        assert desk_of(app).seating[1] == held, "the round already held stays as it was"
        table = next(g for g in view.groups_of(desk_of(app), 2, "de") if "Zoe" in g.names)
        assert any(m.startswith(f"Zoe sitzt an {table.label}.") for m in notices(app))
        shown = [line for line in screen_text(pilot).splitlines() if "Zoe" in line]
        assert any("sitzt" not in line for line in shown), "the groups panel shows her"


async def test_someone_arriving_in_the_plenum_is_counted(make: MakeApp) -> None:
    app = make(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("j")
        await type_in(pilot, "Zoe")
        await pilot.press("enter")
        await pilot.pause()
        assert len(desk_of(app).people) == 21
        assert any("Zoe has arrived; there are 21 people now." in m for m in notices(app))


async def test_ben_leaves_nobody_sits_with_him_any_more_and_the_roles_are_recast(
    make: MakeApp,
) -> None:
    app = make(people=WITH_BEN)
    async with app.run_test(size=(80, 24)) as pilot:
        running = await start_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "Ben" in desk_of(app).roles[None]["host"], "Ben hosts table 2"
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await type_in(pilot, "be")  # the first letters are enough
        await pilot.press("enter")
        await pilot.pause()
        state = desk_of(app)
        assert "Ben" not in state.people
        for index in (1, 2, 3):
            assert "Ben" not in seated(app, index)
            assert "Ben" not in state.seating[index].hosts
        hosts = state.roles[None]["host"]
        assert "Ben" not in hosts and len(hosts) == 4, "another host keeps table 2"
        table = view.groups_of(state, 1, "de")[1]
        assert table.host is not None and table.host != "Ben"
        assert any(
            m.startswith(f"Ben ist gegangen; Tisch 2 hat jetzt {len(table.names)} Personen.")
            and f"Neu als Gastgeber:in: {table.host}." in m
            for m in notices(app)
        )
        assert running.panel == "groups", "the new groups are shown"
        assert "Ben" not in screen_text(pilot) and table.label in screen_text(pilot)


async def test_the_one_who_leaves_can_be_picked_from_the_list(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")  # nothing typed, nothing marked: nobody leaves
        await pilot.pause()
        assert len(desk_of(app).people) == 20 and isinstance(app.screen, LeaveDialog)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert "Bernd" not in desk_of(app).people
        assert any("Bernd ist gegangen; jetzt sind es 19 Personen." in m for m in notices(app))


async def test_jumping_to_the_harvest_skips_the_rounds_between(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("n", "s")
        await pilot.pause()
        assert isinstance(app.screen, JumpDialog)
        await pilot.press("end", "enter")
        await pilot.pause()
        state = desk_of(app)
        assert state.step is not None and state.step.phase.id == "ernte"
        assert [index for index, _ in state.history] == [0, 1, 4]
        rows = view.agenda_rows(state, app.clock.now(), "de")
        assert [row.state for row in rows] == ["done", "done", "skipped", "skipped", "current"]
        assert any("Jetzt: Ernte." in m for m in notices(app))
        await pilot.press("v", "v", "v")
        assert "»" in screen_text(pilot), "the agenda marks the rounds jumped over"


async def test_auto_advance_on_starts_the_next_step_by_itself_and_off_lets_overtime_count(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        assert "automatisch weiter" not in screen_text(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert desk_of(app).auto_advance is True
        assert "automatisch weiter" in screen_text(pilot).splitlines()[0]
        await advance(pilot, clock, 10 * 60 + 1)
        step = desk_of(app).step
        assert step is not None and step.round == 1, "the first round began by itself"
        assert app.screen.query_one(Countdown).text == "19:59"
        await pilot.press("t")
        await pilot.pause()
        assert "automatisch weiter" not in screen_text(pilot)
        await advance(pilot, clock, 21 * 60)
        step = desk_of(app).step
        assert step is not None and step.round == 1, "without it the round stays"
        assert app.screen.query_one(Countdown).text == "+01:01"


async def test_the_new_keys_are_in_the_help_the_palette_and_the_keymap(make: MakeApp) -> None:
    app = make(keymap={"formatkern.goto": "right"})
    async with app.run_test(size=(100, 50)) as pilot:
        running = await start_session(pilot)
        titles = [c.title for c in app.get_system_commands(running)]
        for title in ("Kommt dazu", "Geht", "Springen", "Automatisch weiter"):
            assert title in titles
        await pilot.press("right")
        await pilot.pause()
        assert isinstance(app.screen, JumpDialog)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        text = screen_text(pilot)
        for key_id in ("formatkern.arrive", "formatkern.leave", "formatkern.auto"):
            assert key_id in text
        assert "right" in text


# -- what the desk refuses, in its own words, before the engine is asked -----------------------


async def test_someone_already_there_cannot_arrive_again(make: MakeApp) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        seq = desk_of(app).seq
        await pilot.press("j")
        await type_in(pilot, "aylin")
        await pilot.press("enter")
        await pilot.pause()
        assert desk_of(app).seq == seq, "nothing was sent"
        assert isinstance(app.screen, ArrivalDialog), "the name stays, to add an initial"
        assert any(m.startswith("Geht nicht: „aylin“ ist schon da") for m in notices(app))


async def test_someone_not_there_cannot_leave(make: MakeApp) -> None:
    app = make(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        seq = desk_of(app).seq
        await pilot.press("l")
        await type_in(pilot, "Zoe")
        await pilot.press("enter")
        await pilot.pause()
        assert desk_of(app).seq == seq and len(desk_of(app).people) == 20
        assert 'Not possible: "Zoe" is not here.' in notices(app)


async def test_a_step_of_a_case_not_chosen_cannot_be_jumped_to(make: MakeApp) -> None:
    app = make(format_ref="kollegiale-beratung", people=7, cases=2)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_session(pilot)
        await pilot.press("escape")  # the roles as proposed
        assert app.desk is not None
        app.desk.run("choose_cases", cases=["Übergabe im Team"])  # the group chose one case
        seq = desk_of(app).seq
        await pilot.press("s")
        await pilot.pause()
        listing = app.screen.query_one("#steps", OptionList)
        dropped = next(i for i, s in enumerate(desk_of(app).plan.steps) if s.case == 2)
        listing.highlighted = dropped
        await pilot.press("enter")
        await pilot.pause()
        assert desk_of(app).seq == seq
        assert isinstance(app.screen, JumpDialog)
        assert any("gehört zu einem Fall, der nicht gewählt wurde" in m for m in notices(app))


async def test_back_minus_and_fit_are_refused_in_the_desks_words(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        seq = desk_of(app).seq
        await pilot.press("b")
        await pilot.pause()
        assert desk_of(app).seq == seq
        await advance(pilot, clock, 9 * 60 + 50)  # the timer's warnings are stored
        seq = desk_of(app).seq
        await pilot.press("minus", "f")
        await pilot.pause()
        assert desk_of(app).seq == seq
        said = notices(app)
        assert "Geht nicht: Willkommen ist der erste Schritt; davor gibt es nichts." in said
        assert any("nur noch 0:10 Min. übrig" in m for m in said)
        assert any("es gibt nichts anzupassen" in m for m in said)
