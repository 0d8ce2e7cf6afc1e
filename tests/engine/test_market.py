"""A Ressourcen-Tauschmarkt as the facilitator runs it: cards, matches, and who talks with whom."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from formatkern import events as ev
from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.errors import FormatError
from formatkern.headless import serve
from formatkern.loader import parse_format
from formatkern.outputs import export
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.record import session_record

from .room import MakeSession, format_text, types

TWELVE = (
    "Anna", "Ben", "Cem", "Dora", "Emil", "Fatma", "Gül", "Hanna", "Ilka", "Jan", "Kai", "Lea",
)  # fmt: skip
MARKET = "ressourcen-tauschmarkt"
WRITING, WALK, TALK_1, TALK_2, CLOSING = 1, 2, 3, 4, 5
"""The steps: welcome 0, writing offers and needs, market walk, two rounds of talks, closing."""


def together(session: Session, step: int, *people: str) -> bool:
    groups = session.state.seating[step].groups
    return any(set(people) <= set(group) for group in groups)


def partners(session: Session, step: int) -> set[frozenset[str]]:
    return {frozenset(g) for g in session.state.seating[step].groups}


@pytest.fixture
def market(make_session: MakeSession) -> Session:
    """A Tauschmarkt of twelve, in the writing phase."""
    session = make_session(MARKET, TWELVE)
    session.start()
    session.next()
    assert session.state.step is not None and session.state.step.index == WRITING
    return session


def to_the_talks(session: Session) -> None:
    while session.state.step is not None and session.state.step.index < TALK_1:
        session.next()


# -- cards and matches -------------------------------------------------------------------------


def test_a_tauschmarkt_of_12_anna_offers_bike_repair_ben_needs_help_with_his_bike_they_talk_first(
    market: Session,
) -> None:
    market.offer("Anna", "Fahrradreparatur")
    market.need("Ben", "Hilfe am Fahrrad")
    market.offer("Cem", "Kuchen backen")
    market.need("Dora", "Hilfe beim Umzug")
    to_the_talks(market)
    assert together(market, TALK_1, "Anna", "Ben")
    assert not together(market, TALK_2, "Anna", "Ben"), "a new partner in the second round"
    assert all(len(group) == 2 for group in market.state.seating[TALK_1].groups)


def test_every_card_is_numbered_and_says_who_wrote_it(market: Session) -> None:
    entries = market.offer("Anna", "Fahrradreparatur")
    assert types(entries) == ["offer_added"]
    added = entries[0].event
    assert isinstance(added, ev.OfferAdded)
    assert (added.card, added.person, added.text, added.step) == (1, "Anna", "Fahrradreparatur", 1)
    market.need("ben", "Hilfe am Fahrrad")  # the name as the room knows it
    snapshot = market.snapshot()
    assert snapshot["offers"] == [{"card": 1, "person": "Anna", "text": "Fahrradreparatur"}]
    assert snapshot["needs"] == [{"card": 2, "person": "Ben", "text": "Hilfe am Fahrrad"}]
    assert snapshot["matches"] == [
        {
            "offer": 1,
            "need": 2,
            "offered_by": "Anna",
            "needed_by": "Ben",
            "score": 0.75,
            "manual": False,
        }
    ]


def test_the_best_matches_talk_in_round_one_the_next_best_in_round_two_nobody_twice(
    market: Session,
) -> None:
    market.offer("Anna", "Fahrradreparatur")
    market.need("Ben", "eine Fahrradreparatur")  # Anna and Ben: the best match
    market.need("Cem", "ein Fahrrad")  # Anna and Cem: the next best, Anna is taken in round 1
    market.offer("Dora", "Nachhilfe in Mathe")
    market.need("Emil", "Nachhilfeunterricht")
    to_the_talks(market)
    assert together(market, TALK_1, "Anna", "Ben")
    assert together(market, TALK_1, "Dora", "Emil")
    assert together(market, TALK_2, "Anna", "Cem")
    assert not partners(market, TALK_1) & partners(market, TALK_2), "nobody meets a partner twice"


def test_nobody_is_matched_with_themself(market: Session) -> None:
    market.offer("Anna", "Fahrradreparatur")
    market.need("Anna", "ein neues Fahrrad")
    assert market.snapshot()["matches"] == []
    with pytest.raises(
        CommandError, match=re.escape("both Anna's; nobody is matched with themself")
    ):
        market.link(1, 2)
    to_the_talks(market)
    assert all(len(set(group)) == len(group) for group in market.state.seating[TALK_1].groups)


def test_a_manual_link_wins_over_no_common_word(market: Session) -> None:
    market.offer("Anna", "Fahrradreparatur")
    market.need("Ben", "Hilfe am Fahrrad")
    market.offer("Cem", "Kuchen backen")
    market.next()  # on the market walk Ben signs Cem's card
    market.link(3, 2)
    matches = market.snapshot()["matches"]
    assert [(m["offer"], m["need"], m["manual"]) for m in matches] == [(3, 2, True), (1, 2, False)]
    to_the_talks(market)
    assert together(market, TALK_1, "Ben", "Cem")
    assert together(market, TALK_2, "Anna", "Ben"), "the suggestion comes in the next round"


def test_unlinking_a_suggestion_keeps_those_two_from_being_paired_for_it(market: Session) -> None:
    market.offer("Anna", "Fahrradreparatur")
    market.need("Ben", "Hilfe am Fahrrad")
    market.unlink(1, 2)
    assert market.snapshot()["matches"] == []
    with pytest.raises(
        CommandError, match=re.escape("Anna's offer 1 and Ben's need 2 are not matched")
    ):
        market.unlink(1, 2)
    market.link(1, 2)
    assert market.snapshot()["matches"][0]["manual"] is True


def test_removing_a_card_takes_its_links_with_it(market: Session) -> None:
    market.offer("Anna", "Kuchen backen")
    market.need("Ben", "Hilfe beim Umzug")
    market.link(1, 2)
    assert types(market.remove_card(1)) == ["card_removed"]
    assert market.snapshot()["offers"] == [] and market.snapshot()["matches"] == []
    assert market.state.collecting.market.links == ()
    market.offer("Anna", "Umzugskartons")
    assert market.snapshot()["offers"][0]["card"] == 3, "a number is never given twice"


def test_an_odd_number_makes_one_trio_and_keeps_the_matched_pairs(
    make_session: MakeSession,
) -> None:
    session = make_session(MARKET, (*TWELVE, "Mia"))
    session.start()
    session.next()
    session.offer("Anna", "Fahrradreparatur")
    session.need("Ben", "Hilfe am Fahrrad")
    to_the_talks(session)
    sizes = sorted(len(g) for g in session.state.seating[TALK_1].groups)
    assert sizes == [2] * 5 + [3]
    assert ("Anna", "Ben") in {tuple(sorted(g)) for g in session.state.seating[TALK_1].groups}


def test_without_cards_the_pairs_are_those_the_phase_makes_anyway(
    make_session: MakeSession, clock: FakeClock
) -> None:
    text = format_text(MARKET)
    plain = text.replace(", match = true }", " }")
    assert plain != text
    seatings = []
    for version in (text, plain):
        plan = make_plan(parse_format(version), Settings(people=People.of_names(list(TWELVE))))
        session = Session.create(plan, clock=clock, format_text=version, seed=7)
        session.start()
        to_the_talks(session)
        seatings.append([session.state.seating[i] for i in (TALK_1, TALK_2)])
    assert seatings[0] == seatings[1]


def test_cards_written_during_the_talks_change_the_rounds_ahead_never_the_one_that_runs(
    market: Session,
) -> None:
    to_the_talks(market)
    running = market.state.seating[TALK_1]
    # two who sit apart in both rounds: matched now, they meet in the round ahead
    first, second = next(
        (x, y)
        for x in TWELVE
        for y in TWELVE
        if x < y and not together(market, TALK_1, x, y) and not together(market, TALK_2, x, y)
    )
    market.offer(first, "Gartenarbeit")
    market.need(second, "Hilfe im Garten")
    assert market.state.seating[TALK_1] == running
    assert together(market, TALK_2, first, second)
    events_before = market.state.seq
    market.offer(first, "Kuchen backen")  # matches nobody: nothing is re-paired
    assert market.state.seq == events_before + 1


# -- what is refused ---------------------------------------------------------------------------


def test_a_person_not_taking_part_cannot_offer_or_need(market: Session) -> None:
    with pytest.raises(CommandError, match=re.escape("'Zora' is not taking part.")):
        market.offer("Zora", "Fahrradreparatur")
    with pytest.raises(CommandError, match="A need needs the name of the person"):
        market.need("  ", "Hilfe am Fahrrad")
    with pytest.raises(CommandError, match=re.escape("An offer needs some text.")):
        market.offer("Anna", " ")


def test_the_same_card_twice_and_cards_that_do_not_exist_are_refused(market: Session) -> None:
    market.offer("Anna", "Fahrradreparatur")
    with pytest.raises(CommandError, match=re.escape("Anna offers 'fahrradreparatur' already.")):
        market.offer("Anna", "fahrradreparatur")
    with pytest.raises(CommandError, match=re.escape("There is no card 7; the cards are 1.")):
        market.remove_card(7)
    with pytest.raises(
        CommandError, match=re.escape("There is no need 5; no need has been written yet.")
    ):
        market.link(1, 5)
    market.need("Ben", "Hilfe am Fahrrad")
    with pytest.raises(
        CommandError, match=re.escape("Card 2 is Ben's need 'Hilfe am Fahrrad', not an offer")
    ):
        market.link(2, 1)


def test_a_method_that_collects_no_offers_refuses_them(kb: Session) -> None:
    with pytest.raises(CommandError, match="This method collects no offers"):
        kb.offer("Anna", "Fahrradreparatur")


def test_after_the_end_no_card_is_written(market: Session) -> None:
    market.finish()
    with pytest.raises(CommandError, match=re.escape("This session has finished.")):
        market.need("Ben", "Hilfe am Fahrrad")


# -- the language ------------------------------------------------------------------------------

HEAD = """format = 1
id = "markt"
title = "Markt"
participants = { min = 4 }
"""


def test_match_is_only_for_pairs_after_a_phase_that_collects_offers_and_needs() -> None:
    text = (
        HEAD
        + """
[[phases]]
id = "schreiben"
title = "Schreiben"
duration = "5m"
collect = ["offers"]

[[phases]]
id = "gruppen"
title = "Gruppen"
duration = "5m"
arrangement = { kind = "groups", size = 3, match = true }
"""
    )
    with pytest.raises(FormatError) as caught:
        parse_format(text, "markt.toml")
    problems = "\n".join(caught.value.problems)
    assert "phases[1].arrangement.match: only pairs are matched by offers and needs" in problems
    assert "none collects needs" in problems


def test_a_format_that_collects_offers_and_needs_and_matches_its_pairs_loads() -> None:
    text = (
        HEAD
        + """
[[phases]]
id = "schreiben"
title = "Schreiben"
duration = "5m"
collect = ["offers", "needs"]

[[phases]]
id = "paare"
title = "Paare"
duration = "5m"
arrangement = { kind = "pairs", match = true }
"""
    )
    fmt = parse_format(text)
    assert fmt.phase("paare").arrangement.match


def test_the_schema_knows_match_and_the_new_kinds_of_collect() -> None:
    from formatkern.schema import format_schema

    phase = format_schema()["properties"]["phases"]["items"]["properties"]
    assert {"offers", "needs"} <= set(phase["collect"]["items"]["enum"])
    table = phase["arrangement"]["oneOf"][1]
    assert table["properties"]["match"] == {"type": "boolean"}


# -- replay, headless, protocol ----------------------------------------------------------------


def _a_morning(session: Session) -> None:
    session.offer("Anna", "Fahrradreparatur")
    session.need("Ben", "Hilfe am Fahrrad")
    session.offer("Cem", "Nachhilfe in Mathe")
    session.need("Dora", "Nachhilfeunterricht für meinen Sohn")
    session.need("Emil", "Hilfe beim Umzug")
    session.next()
    session.offer("Fatma", "Umzugskartons und ein Auto")
    session.link(6, 5)
    session.unlink(3, 4)
    session.next()
    session.need("Gül", "ein altes Fahrrad")


def test_replay_gives_the_state_the_live_session_had(market: Session) -> None:
    _a_morning(market)
    market.next()
    replayed = Session.replay(market.journal, market.clock)
    assert replayed.state == market.state
    assert replayed.snapshot() == market.snapshot()


def test_headless_json_commands_work_and_bad_ones_get_a_clear_message(
    make_session: MakeSession,
) -> None:
    session = make_session(MARKET, TWELVE)
    lines = [
        {"command": "next"},
        {"command": "offer", "person": "Anna", "text": "Fahrradreparatur"},
        {"command": "need", "person": "Ben", "text": "Hilfe am Fahrrad"},
        {"command": "need", "person": "Zora", "text": "Hilfe beim Umzug"},
        {"command": "offer", "person": "Anna"},
        {"command": "match", "offer": 1, "need": "2"},
        {"command": "unlink", "offer": 1, "need": 2},
        {"command": "link", "offer": 1, "need": 2},
        {"command": "remove_card", "card": 9},
        {"command": "state"},
    ]
    out = io.StringIO()
    serve(session, io.StringIO("".join(json.dumps(line) + "\n" for line in lines)), out)
    answers: list[dict[str, Any]] = [json.loads(line) for line in out.getvalue().splitlines()]
    kinds = [a["type"] for a in answers]
    assert "offer_added" in kinds and "need_added" in kinds
    assert "match_unlinked" in kinds and "match_linked" in kinds
    errors = [a["message"] for a in answers if a["type"] == "error"]
    assert errors == [
        "'Zora' is not taking part.",
        '"offer" needs the field "text" (a text).',
        '"link": "need" must be a whole number, not \'2\'.',
        "There is no card 9; the cards are 1, 2.",
    ]
    state = next(a for a in answers if a["type"] == "state")
    assert state["matches"][0]["manual"] is True
    assert [o["person"] for o in state["offers"]] == ["Anna"]


@pytest.mark.parametrize(
    ("lang", "heading", "line"),
    [
        (
            "de",
            "## Angebote und Bedarfe",
            "- Anna bietet Fahrradreparatur ↔ Ben braucht Hilfe am Fahrrad",
        ),
        (
            "en",
            "## Offers and needs",
            "- Anna offers Fahrradreparatur ↔ Ben needs Hilfe am Fahrrad",
        ),
    ],
)
def test_the_protocol_lists_the_matches(
    market: Session, lang: str, heading: str, line: str
) -> None:
    _a_morning(market)
    text = export(market, to="md", lang=lang)
    assert heading in text
    assert line in text.splitlines()
    linked = "von Hand verbunden" if lang == "de" else "linked by hand"
    assert f"Fatma {'bietet' if lang == 'de' else 'offers'} Umzugskartons und ein Auto" in text
    assert linked in text
    assert "Nachhilfeunterricht für meinen Sohn" in text  # set aside: an open need
    record = session_record(market)["market"]
    assert record["open_needs"] == [4]
    assert [(m["offer"], m["need"]) for m in record["matches"]] == [(6, 5), (1, 2), (1, 7)]


def test_a_protocol_without_a_market_has_no_such_section(kb: Session) -> None:
    assert "Angebote und Bedarfe" not in export(kb, to="md", lang="de")


def test_a_journal_of_the_older_events_version_still_replays(kb: Session) -> None:
    from formatkern.journal import JournalMeta, MemoryJournal

    assert ev.EVENTS_VERSION == 3
    kb.next()
    meta = kb.journal.meta
    older = MemoryJournal(
        JournalMeta(meta.format_id, meta.format_text, meta.settings, meta.created_wall, 2)
    )
    for record in kb.journal.read():
        older.append([record.event], wall=record.wall, mono=record.wall)
    assert Session.replay(older, kb.clock).state == kb.state


def test_cards_written_in_a_confidential_phase_stay_out_of_the_protocol(clock: FakeClock) -> None:
    text = (
        HEAD
        + """
[[rules]]
id = "vertraulich"
text = "Was hier gesagt wird, bleibt hier."
confidential = true

[[phases]]
id = "schreiben"
title = "Schreiben"
duration = "5m"
collect = ["offers", "needs"]
rules = ["vertraulich"]

[[phases]]
id = "paare"
title = "Paare"
duration = "5m"
arrangement = { kind = "pairs", match = true }
"""
    )
    plan = make_plan(parse_format(text), Settings(people=People.of_names(list(TWELVE[:4]))))
    session = Session.create(plan, clock=clock, format_text=text, seed=7)
    session.start()
    session.offer("Anna", "Schuldnerberatung")
    session.need("Ben", "Beratung zu meinen Schulden")
    session.next()
    assert together(session, 1, "Anna", "Ben"), "the match still pairs them"
    from formatkern.tui import view

    assert view.pair_matches(session.state, 1) == [], "the projector shows no card text"
    protocol = export(session, to="md", lang="de")
    assert "Schuldnerberatung" not in protocol and "meinen Schulden" not in protocol
    assert "Anna bietet Inhalt vertraulich ↔ Ben braucht Inhalt vertraulich" in protocol
    assert "Inhalt vertraulich: 2 Einträge ausgelassen." in protocol
    assert "Schuldnerberatung" not in export(session, to="json", lang="de")
