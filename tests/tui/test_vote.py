"""The dot vote of a Kollegiale Beratung is entered at the desk; the session ranks it."""

from __future__ import annotations

from textual.widgets import Button, TextArea

from formatkern.tui.screens.dialogs import VoteDialog

from .conftest import NAMES, MakeApp, start_session


async def test_counted_dots_choose_the_cases_and_name_their_givers(make: MakeApp) -> None:
    app = make(format_ref="kollegiale-beratung", people=8, cases=2)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_session(pilot)
        await pilot.press("escape")  # the casting offered at the start: keep the engine's
        await pilot.pause()
        assert app.desk is not None
        await pilot.press("n")  # from the case collection to the vote
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, VoteDialog)
        app.screen.query_one("#cases", TextArea).text = (
            f"Übergabe im Team – {NAMES[0]} = 1\n"
            f"Elternabend – {NAMES[1]} = 4\n"
            f"Hausbesuch – {NAMES[2]} = 3"
        )
        await pilot.pause()
        app.screen.query_one("#ok", Button).press()
        await pilot.pause()
        state = app.desk.state
        assert [p.owner for p in state.collecting.proposals] == list(NAMES[:3])
        vote = state.collecting.votes[-1]
        assert vote.counts == (1, 4, 3)
        assert [vote.options[i - 1] for i in vote.winners or ()][:2] == [
            "Elternabend",
            "Hausbesuch",
        ]
        assert [c.title for c in state.cases] == ["Elternabend", "Hausbesuch"]
        assert [c.giver for c in state.cases] == [NAMES[1], NAMES[2]]
