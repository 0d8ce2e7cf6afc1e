"""Which offer meets which need: words, suggestions and the facilitator's links."""

from __future__ import annotations

import pytest

from formatkern.matching import (
    MANUAL_WEIGHT,
    find_matches,
    fold,
    open_needs,
    overlap,
    pair_weights,
    words,
)
from formatkern.state import Card, CardKind, Market


def market(
    *cards: tuple[str, str, str],
    links: tuple[tuple[int, int], ...] = (),
    unlinked: tuple[tuple[int, int], ...] = (),
) -> Market:
    """Cards as (kind, person, text), numbered from 1 in the order given."""
    made = tuple(
        Card(number, CardKind(kind), person, text, at=0.0)
        for number, (kind, person, text) in enumerate(cards, start=1)
    )
    return Market(made, len(made), links, unlinked)


def pairs_of(found: list) -> list[tuple[int, int]]:
    return [(m.offer.number, m.need.number) for m in found]


# -- words -------------------------------------------------------------------------------------


def test_umlauts_and_sharp_s_are_folded_however_they_are_written() -> None:
    assert fold("Fahrräder") == fold("Fahrraeder") == "fahrrader"
    assert fold("Großeltern") == "grosseltern"
    assert fold("Café") == "cafe"


@pytest.mark.parametrize(
    ("offer", "need"),
    [
        ("Fahrräder reparieren", "ein Fahrrad"),
        ("Fahrradreparatur", "Hilfe am Fahrrad"),
        ("Nachhilfe in Mathe", "Nachhilfeunterricht für meinen Sohn"),
        ("bike repairs", "someone to repair my bike"),
        ("Gemeinschaftsraum für Treffen", "einen Raum für ein Treffen"),
        ("Umzugshilfe", "Hilfe beim Umzug"),
    ],
)
def test_a_need_meets_an_offer_that_shares_a_content_word(offer: str, need: str) -> None:
    score, met = overlap(offer, need)
    assert score > 0 and met


def test_the_words_every_card_has_and_stop_words_carry_no_match() -> None:
    assert words("Ich brauche Hilfe") == ()
    assert words("I need some help with the") == ()
    assert overlap("Ich biete Hilfe", "Ich brauche Hilfe") == (0.0, ())


def test_the_same_stem_counts_more_than_a_word_inside_a_compound() -> None:
    same, _ = overlap("Fahrräder", "Fahrrad")
    inside, _ = overlap("Fahrradreparatur", "Fahrrad")
    assert same > inside > 0


def test_short_words_do_not_hide_in_long_ones() -> None:
    assert overlap("Rad fahren lernen", "Radiowerbung")[0] == 0.0


# -- matches -----------------------------------------------------------------------------------


def test_anna_offers_bike_repair_and_ben_needs_help_with_his_bike() -> None:
    found = find_matches(
        market(("offer", "Anna", "Fahrradreparatur"), ("need", "Ben", "Hilfe am Fahrrad"))
    )
    assert [m.people for m in found] == [("Anna", "Ben")]
    assert found[0].words == ("fahrrad",) and not found[0].manual


def test_nobody_is_matched_with_themself() -> None:
    found = find_matches(
        market(
            ("offer", "Anna", "Fahrradreparatur"),
            ("need", "Anna", "ein neues Fahrrad"),
            ("need", "anna ", "Fahrradschloss"),
        )
    )
    assert found == []


def test_a_manual_link_wins_over_no_common_word() -> None:
    cards = market(
        ("offer", "Anna", "Fahrradreparatur"),
        ("need", "Ben", "Hilfe am Fahrrad"),
        ("offer", "Cem", "Kuchen backen"),
        links=((3, 2),),
    )
    found = find_matches(cards)
    assert pairs_of(found) == [(3, 2), (1, 2)]
    assert found[0].manual and found[0].score == 0.0
    weights = pair_weights(found)
    assert weights[("Ben", "Cem")] > weights[("Anna", "Ben")]
    assert weights[("Ben", "Cem")] == MANUAL_WEIGHT


def test_unlinking_sets_a_suggestion_aside_and_linking_again_brings_it_back() -> None:
    cards = [("offer", "Anna", "Fahrradreparatur"), ("need", "Ben", "Hilfe am Fahrrad")]
    assert find_matches(market(*cards, unlinked=((1, 2),))) == []
    again = find_matches(market(*cards, links=((1, 2),), unlinked=((1, 2),)))
    assert pairs_of(again) == [(1, 2)]


def test_matches_come_best_first_then_by_card_number_every_time() -> None:
    cards = market(
        ("offer", "Anna", "Fahrradreparatur"),
        ("offer", "Cem", "Fahrräder und Fahrradschlösser"),
        ("need", "Ben", "ein Fahrrad"),
        ("need", "Dora", "Fahrradschloss"),
    )
    first = find_matches(cards)
    assert pairs_of(first) == pairs_of(find_matches(cards))
    scores = [m.score for m in first]
    assert scores == sorted(scores, reverse=True)
    assert pairs_of(first)[0] == (2, 3)  # "Fahrräder" is the same word as "Fahrrad"


def test_needs_no_offer_meets_stay_open() -> None:
    cards = market(
        ("offer", "Anna", "Fahrradreparatur"),
        ("need", "Ben", "Hilfe am Fahrrad"),
        ("need", "Cem", "Hilfe beim Umzug"),
    )
    assert [c.person for c in open_needs(cards, find_matches(cards))] == ["Cem"]


def test_pair_weights_add_up_both_ways_and_keep_to_the_people_asked_for() -> None:
    cards = market(
        ("offer", "Anna", "Fahrradreparatur"),
        ("need", "Ben", "Hilfe am Fahrrad"),
        ("offer", "Ben", "Nachhilfe in Mathe"),
        ("need", "Anna", "Mathe für die Prüfung"),
        ("need", "Cem", "ein Fahrrad"),
    )
    found = find_matches(cards)
    assert pair_weights(found) == {("Anna", "Ben"): 1.75, ("Anna", "Cem"): 0.75}
    assert pair_weights(found, {"Anna", "Ben"}) == {("Anna", "Ben"): 1.75}
