"""A refusal the desk does not see coming is said in the facilitator's language: the engine's
own sentence, German on the German desk, English on the English one."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from formatkern.catalog import Catalog, Source

from .conftest import ROOT, MakeApp, notices, start_session

MARKET = "ressourcen-tauschmarkt"

NO_CARD_7 = {
    "de": "Geht nicht: Karte 7 gibt es nicht; die Karten sind 1.",
    "en": "Not possible: There is no card 7; the cards are 1.",
}


@pytest.fixture
def catalog() -> Catalog:
    return Catalog([Source("built-in", ROOT / "formats" / f"{MARKET}.toml")])


async def write_note(pilot: Pilot[None], text: str) -> None:
    """Type a line into the (emptied) notes field and press Enter."""
    field = pilot.app.screen.query_one("#note-input", Input)
    field.focus()
    field.value = ""
    field.insert_text_at_cursor(text)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("lang", ["de", "en"])
async def test_crossing_out_a_card_that_was_never_written_is_refused_in_the_desks_language(
    make: MakeApp, lang: str
) -> None:
    app = make(MARKET, 12, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await pilot.press("n")  # writing offers and needs
        await pilot.pause()
        await write_note(pilot, "Aylin + Kuchen backen")
        assert app.desk is not None
        seq = app.desk.state.seq
        await write_note(pilot, "x #7")  # a slip: there is only card 1
        assert app.desk.state.seq == seq, "nothing was stored"
        said = notices(app)
        assert NO_CARD_7[lang] in said
        other = "en" if lang == "de" else "de"
        assert NO_CARD_7[other] not in said
        assert app.screen.query_one("#note-input", Input).value == "x #7", "the line stays"
