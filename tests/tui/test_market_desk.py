"""A Tauschmarkt on the control desk: cards typed into the notes field, matches on the screen."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from formatkern.catalog import Catalog, Source
from formatkern.clock import FakeClock
from formatkern.tui import view
from formatkern.tui.screens.help import HelpScreen
from formatkern.tui.screens.projector import ProjectorScreen

from .conftest import ROOT, MakeApp, notices, screen_text, start_session

MARKET = "ressourcen-tauschmarkt"


@pytest.fixture
def catalog() -> Catalog:
    return Catalog([Source("built-in", ROOT / "formats" / f"{MARKET}.toml")])


async def write_note(pilot: Pilot[None], text: str) -> None:
    """Type a line into the (emptied) notes field and press Enter."""
    field = pilot.app.screen.query_one("#note-input", Input)
    field.focus()
    field.value = ""
    field.insert_text_at_cursor(text)  # into this field: the focus moves only on the next pause
    await pilot.press("enter")
    await pilot.pause()


# -- the notes field's syntax ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("Anna + Fahrradreparatur", ("offer", {"person": "Anna", "text": "Fahrradreparatur"})),
        ("Ben - Hilfe beim Umzug", ("need", {"person": "Ben", "text": "Hilfe beim Umzug"})),
        ("Gül – Nachhilfe in Mathe", ("need", {"person": "Gül", "text": "Nachhilfe in Mathe"})),
        (
            "Anna B. + Kuchen - selbst gebacken",
            ("offer", {"person": "Anna B.", "text": "Kuchen - selbst gebacken"}),
        ),
        ("#1 = #2", ("link", {"offer": 1, "need": 2})),
        ("3=4", ("link", {"offer": 3, "need": 4})),
        ("#1 != #2", ("unlink", {"offer": 1, "need": 2})),
        ("x #3", ("remove_card", {"card": 3})),
        ("Tisch 2 braucht Stifte", None),
        ("Fahrrad-Reparatur", None),
        ("x 3", None),
    ],
)
def test_a_line_of_the_notes_field_is_a_card_a_link_or_a_note(
    line: str, command: tuple[str, dict[str, object]] | None
) -> None:
    assert view.market_command(line) == command


# -- the desk ----------------------------------------------------------------------------------


async def test_the_facilitator_types_offers_and_needs_and_sees_the_match(
    make: MakeApp, clock: FakeClock
) -> None:
    app = make(MARKET, 12)
    async with app.run_test(size=(100, 40)) as pilot:
        await start_session(pilot)
        await pilot.press("n")  # writing offers and needs
        await pilot.pause()
        field = app.screen.query_one("#note-input", Input)
        assert "Anna + Angebot" in field.placeholder
        await write_note(pilot, "Aylin + Fahrradreparatur")
        await write_note(pilot, "Bernd - Hilfe am Fahrrad")
        await write_note(pilot, "Chiara + Kuchen backen")
        await write_note(pilot, "Die Karten hängen an der Fensterwand")
        assert app.desk is not None
        market = app.desk.state.collecting.market
        assert [(c.number, c.person, c.kind.value) for c in market.cards] == [
            (1, "Aylin", "offer"),
            (2, "Bernd", "need"),
            (3, "Chiara", "offer"),
        ]
        assert [n.text for n in app.desk.state.collecting.notes] == [
            "Die Karten hängen an der Fensterwand"
        ]
        assert field.value == ""
        app.screen.show_panel("notes")  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Aylin bietet Fahrradreparatur ↔ Bernd braucht Hilfe am Fahrrad" in screen_text(
            pilot
        )
        listing = str(app.screen.query_one("#note-list", Static).content)
        assert "#1 = #2  Aylin bietet Fahrradreparatur ↔ Bernd braucht Hilfe am Fahrrad" in listing
        assert "#3 Chiara bietet Kuchen backen" in listing
        assert listing.endswith("Die Karten hängen an der Fensterwand\n")


async def test_a_person_not_taking_part_gets_the_engines_sentence_and_the_line_stays(
    make: MakeApp,
) -> None:
    app = make(MARKET, 12)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "Zora + Fahrradreparatur")
        assert any("„Zora“ nimmt nicht teil." in m for m in notices(app))
        assert app.screen.query_one("#note-input", Input).value == "Zora + Fahrradreparatur"
        assert app.desk is not None and app.desk.state.collecting.market.cards == ()


async def test_a_link_by_hand_pairs_the_two_in_the_first_round_on_desk_and_projector(
    make: MakeApp,
) -> None:
    app = make(MARKET, 12)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "Aylin + Kuchen backen")
        await write_note(pilot, "Bernd - Hilfe beim Umzug")
        await pilot.press("escape", "n")  # the market walk: Bernd signed Aylin's card
        await pilot.pause()
        await write_note(pilot, "#1 = #2")
        assert app.desk is not None
        assert app.desk.state.collecting.market.links == ((1, 2),)
        await pilot.press("escape", "n")  # the talks in pairs
        await pilot.pause()
        step = app.desk.state.step
        assert step is not None and step.phase.id == "tauschgespraeche"
        groups = app.desk.state.seating[step.index].groups
        assert any({"Aylin", "Bernd"} == set(g) for g in groups)
        app.screen.show_panel("groups")  # type: ignore[attr-defined]
        await pilot.pause()
        line = "Aylin bietet Kuchen backen ↔ Bernd braucht Hilfe beim Umzug"
        assert line in screen_text(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        text = screen_text(pilot)
        assert line in text and "Paar 1" in text


async def test_outside_a_market_step_a_plus_is_just_a_note(make: MakeApp) -> None:
    app = make(MARKET, 12)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_session(pilot)  # the welcome collects nothing
        await pilot.press("w")
        await pilot.pause()
        await write_note(pilot, "Kaffee + Kuchen im Flur")
        assert app.desk is not None
        assert [n.text for n in app.desk.state.collecting.notes] == ["Kaffee + Kuchen im Flur"]
        assert app.desk.state.collecting.market.cards == ()


@pytest.mark.parametrize("lang", ["de", "en"])
async def test_the_help_screen_explains_how_to_type_cards(make: MakeApp, lang: str) -> None:
    app = make(MARKET, 12, lang=lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await start_session(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-market", Static).content)
        assert ("„Anna + Fahrradreparatur“" if lang == "de" else '"Anna + bike repair"') in text
        assert "#1 = #2" in text and "x #3" in text


def test_the_tui_docs_explain_the_cards() -> None:
    text = (ROOT / "docs" / "tui.md").read_text(encoding="utf-8")
    assert "Anna + Fahrradreparatur" in text and "#1 = #2" in text and "x #3" in text


NO_CARD_7 = {
    "de": "Geht nicht: Karte 7 gibt es nicht; die Karten sind 1.",
    "en": "Not possible: There is no card 7; the cards are 1.",
}
"""A refusal the desk does not see coming: the engine's own sentence, in the desk's language."""


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
