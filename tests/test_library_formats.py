"""The method library beyond the four seeds says what METHODS.md says.

Heilsbronner Modell, 1-2-4-All, What So What Now What, 15% Solutions, Ressourcen-Tauschmarkt,
Impuls and Punktabfrage: each loads, plans for its smallest and a large group, speaks German
and English, and keeps the facts a facilitator relies on (times, group sizes, who speaks, which
rules are announced)."""

from __future__ import annotations

import re

import pytest
from format_helpers import FORMATS, durations, load, minutes, texts

from formatkern.errors import PlanError
from formatkern.model import (
    ArrangementKind,
    Cast,
    Collect,
    Format,
    OddPerson,
    Repeat,
    Rotation,
    Text,
    When,
)
from formatkern.participants import People
from formatkern.plan import Plan, Settings, make_plan

LIBRARY = (
    "heilsbronner-modell",
    "1-2-4-all",
    "what-so-what-now-what",
    "15-prozent-loesungen",
    "ressourcen-tauschmarkt",
    "impuls",
    "punktabfrage",
)
SEED_DAY = 93
"""The seed report's large day: 93 people from 19 municipalities."""


def plan_for(
    fmt: Format, people: int, cases: int | None = None, changed: dict[str, int] | None = None
) -> Plan:
    settings = Settings(people=People(people), cases=cases, durations=changed or {})
    return make_plan(fmt, settings)


def de(text: Text) -> str:
    return text.de or ""


def en(text: Text) -> str:
    return text.en or ""


# -- every format of the library ---------------------------------------------------------------


@pytest.mark.parametrize("format_id", LIBRARY)
def test_each_format_loads_under_its_file_name_and_names_its_sources(format_id: str) -> None:
    fmt = load(format_id)
    assert fmt.id == format_id
    assert fmt.sources


@pytest.mark.parametrize("format_id", LIBRARY)
def test_every_text_is_there_in_german_and_in_english(format_id: str) -> None:
    missing = [name for name, text in texts(load(format_id)) if not (text.de and text.en)]
    assert missing == []


@pytest.mark.parametrize("format_id", LIBRARY)
def test_the_facilitator_has_instructions_for_every_phase_in_both_languages(
    format_id: str,
) -> None:
    for phase in load(format_id).phases:
        assert de(phase.instructions), phase.id
        assert en(phase.instructions), phase.id
        assert de(phase.instructions) != en(phase.instructions), phase.id


# ASCII stand-ins for umlauts and ß that must not appear in the German texts.
_TRANSCRIBED = re.compile(
    r"\b(fuer|ueber|koenn|muess|moecht|hoer|waehl|zaehl|erzaehl|schluessel|gespraech|"
    r"naechst|aender|gruess|fuehr|grosse?|strasse|schliess|spaeter|waer|loesung|vorschlaeg)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("format_id", LIBRARY)
def test_german_texts_are_written_with_umlauts_and_sharp_s(format_id: str) -> None:
    found = {
        name: match.group(0)
        for name, text in texts(load(format_id))
        if (match := _TRANSCRIBED.search(de(text)))
    }
    assert found == {}


@pytest.mark.parametrize("format_id", LIBRARY)
def test_german_instructions_say_ihr_and_du_never_sie(format_id: str) -> None:
    informal = re.compile(r"\b(ihr|euch|euer|eure[nmrs]?|du|dich|dir|dein[e]?)\b", re.IGNORECASE)
    for phase in load(format_id).phases:
        german = de(phase.instructions)
        assert informal.search(german), phase.id
        assert not re.search(r"\b(Ihnen|\w+en Sie)\b", german), phase.id


@pytest.mark.parametrize("format_id", LIBRARY)
def test_no_file_names_a_path_of_this_machine(format_id: str) -> None:
    raw = (FORMATS / f"{format_id}.toml").read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])/(?:work|home|tmp|root|Users|usr|opt|srv)/", raw)


@pytest.mark.parametrize("format_id", LIBRARY)
def test_each_format_plans_for_its_smallest_and_a_large_group(format_id: str) -> None:
    fmt = load(format_id)
    largest = fmt.participants.max or SEED_DAY
    for people in (fmt.participants.min, largest):
        plan = plan_for(fmt, people)
        assert plan.steps, people
        for step in plan.steps:
            if step.arrangement.kind is not ArrangementKind.PLENUM:
                assert sum(step.groups) + step.observers == people, (people, step.phase.id)


@pytest.mark.parametrize("format_id", LIBRARY)
def test_one_person_fewer_than_the_minimum_is_refused_by_name(format_id: str) -> None:
    fmt = load(format_id)
    with pytest.raises(PlanError, match=format_id):
        plan_for(fmt, fmt.participants.min - 1)


# -- Heilsbronner Modell -----------------------------------------------------------------------

HEILSBRONN = (
    "rollen",
    "falldarstellung",
    "fragen",
    "hypothesen",
    "stellungnahme",
    "loesungsvorschlaege",
    "entscheidung",
    "austausch",
)


def test_heilsbronner_modell_default_timing_totals_65_minutes_and_stays_within_90() -> None:
    fmt = load("heilsbronner-modell")
    plan = plan_for(fmt, 7)
    assert [s.phase.id for s in plan.steps] == list(HEILSBRONN)
    # Haug-Benien's table: roles 5, presentation 5, questions 15, hypotheses 10,
    # statement 5, proposals 10, decision 10, exchange 5
    assert [minutes(s.seconds) for s in plan.steps] == [5, 5, 15, 10, 5, 10, 10, 5]
    assert minutes(plan.seconds) == 65
    # even a facilitator who gives every step its longest time stays within 90 minutes
    longest = sum(fmt.phase(p).duration.max for p in HEILSBRONN)
    assert minutes(longest) <= 90
    assert all(fmt.phase(p).repeat is Repeat.PER_CASE for p in HEILSBRONN)


def test_heilsbronner_modell_casts_leitung_fallgeber_and_berater_anew_for_every_case() -> None:
    fmt = load("heilsbronner-modell")
    assert [r.id for r in fmt.roles] == ["leitung", "fallgeber", "berater"]
    assert all(role.cast is Cast.PER_CASE for role in fmt.roles)
    assert fmt.role("berater").rest
    roles = plan_for(fmt, fmt.participants.min).roles
    assert roles == {"leitung": 1, "fallgeber": 1, "berater": 3}


def test_heilsbronner_modell_case_giver_steps_out_and_listens_during_the_hypotheses() -> None:
    fmt = load("heilsbronner-modell")
    hypothesen = fmt.phase("hypothesen")
    assert "fallgeber" not in hypothesen.speaking
    assert "berater" in hypothesen.speaking
    assert "aus dem Kreis" in de(hypothesen.instructions)
    assert "hör nur zu" in de(hypothesen.instructions)
    assert "out of the circle" in en(hypothesen.instructions)
    # and comes back to respond straight after
    ids = [p.id for p in fmt.phases]
    assert ids[ids.index("hypothesen") + 1] == "stellungnahme"
    stellungnahme = fmt.phase("stellungnahme")
    assert "fallgeber" in stellungnahme.speaking
    assert "berater" not in stellungnahme.speaking
    assert "zurück in den Kreis" in de(stellungnahme.instructions)


def test_heilsbronner_modell_the_case_giver_decides_on_the_proposals() -> None:
    fmt = load("heilsbronner-modell")
    assert fmt.phase("loesungsvorschlaege").collect == (Collect.IDEAS,)
    assert "fallgeber" not in fmt.phase("loesungsvorschlaege").speaking
    entscheidung = fmt.phase("entscheidung")
    assert "fallgeber" in entscheidung.speaking
    assert "berater" not in entscheidung.speaking


def test_heilsbronner_modell_keeps_every_case_confidential_unless_the_case_giver_agrees() -> None:
    fmt = load("heilsbronner-modell")
    rule = next(r for r in fmt.rules if r.confidential)
    assert "Verschwiegenheit" in de(rule.text)
    assert "einverstanden" in de(rule.text)
    assert "agrees" in en(rule.text)
    assert all(fmt.is_confidential(p) for p in fmt.phases)


def test_heilsbronner_modell_several_cases_are_collected_and_voted_on_first() -> None:
    fmt = load("heilsbronner-modell")
    assert fmt.cases.max > 1
    assert fmt.phase("fallsammlung").when is When.SEVERAL_CASES
    auswahl = fmt.phase("fallauswahl")
    assert auswahl.when is When.SEVERAL_CASES
    assert auswahl.vote is not None
    assert auswahl.vote.points is None  # the engine computes ceil(a(a-1)/(2n))
    assert not auswahl.vote.own
    assert "keinen auf euren eigenen" in de(auswahl.instructions)

    one = plan_for(fmt, 6)
    assert "fallsammlung" not in [s.phase.id for s in one.steps]
    three = plan_for(fmt, 6, cases=3)
    ids = [s.phase.id for s in three.steps]
    assert ids == ["fallsammlung", "fallauswahl", *HEILSBRONN * 3]
    for case in (1, 2, 3):
        assert minutes(sum(s.seconds for s in three.steps if s.case == case)) == 65


# -- 1-2-4-All ---------------------------------------------------------------------------------


def test_1_2_4_all_takes_12_minutes_1_2_4_and_5() -> None:
    fmt = load("1-2-4-all")
    plan = plan_for(fmt, 20)
    assert [s.phase.arrangement.kind for s in plan.steps] == [
        ArrangementKind.ALONE,
        ArrangementKind.PAIRS,
        ArrangementKind.GROUPS,
        ArrangementKind.PLENUM,
    ]
    assert [minutes(s.seconds) for s in plan.steps] == [1, 2, 4, 5]
    assert minutes(plan.seconds) == 12
    # the method's minutes are the shortest the file allows
    assert all(p.duration.min == p.duration.default for p in fmt.phases)


@pytest.mark.parametrize("people", [8, 9, 10, 11, 13, 20, 31, SEED_DAY])
def test_1_2_4_all_pairs_become_foursomes_and_nobody_is_left_alone(people: int) -> None:
    plan = plan_for(load("1-2-4-all"), people)
    pairs, fours = plan.steps[1], plan.steps[2]
    assert set(pairs.groups) <= {2, 3}
    assert pairs.groups.count(3) == people % 2
    assert all(3 <= size <= 5 for size in fours.groups), fours.groups
    if people % 4 == 0:
        assert set(fours.groups) == {4}


def test_1_2_4_all_the_whole_group_hears_one_idea_per_group() -> None:
    fmt = load("1-2-4-all")
    assert fmt.phase("paare").arrangement.odd is OddPerson.TRIO
    vierer, alle = fmt.phase("vierer"), fmt.phase("alle")
    assert "eine Idee" in de(vierer.instructions)
    assert alle.collect == (Collect.IDEAS,)
    assert "Jede Gruppe nennt eine Idee" in de(alle.instructions)
    assert "Each group names one idea" in en(alle.instructions)


# -- What, So What, Now What -------------------------------------------------------------------

STAGES = ("what", "so-what", "now-what")


def test_what_so_what_now_what_each_stage_is_a_minute_alone_then_two_to_seven_in_groups() -> None:
    fmt = load("what-so-what-now-what")
    ids = [p.id for p in fmt.phases]
    expected = [f"{stage}-{part}" for stage in STAGES for part in ("allein", "gruppe")]
    staged = [i for i in ids if i not in ("einstieg", "teilen", "abschluss")]
    assert staged == expected
    for stage in STAGES:
        alone, group = fmt.phase(f"{stage}-allein"), fmt.phase(f"{stage}-gruppe")
        assert alone.arrangement.kind is ArrangementKind.ALONE
        assert minutes(alone.duration.default) == 1
        assert group.arrangement.kind is ArrangementKind.GROUPS
        size = group.arrangement.size
        assert size is not None
        assert (size.min, size.max) == (5, 7)
        default, low, high = durations(group)
        assert (low, high) == (2, 7)
        assert low <= default <= high


def test_what_so_what_now_what_asks_what_happened_what_it_means_what_now() -> None:
    fmt = load("what-so-what-now-what")
    assert "Was ist passiert?" in de(fmt.phase("what-allein").instructions)
    assert "Was bedeutet das?" in de(fmt.phase("so-what-allein").instructions)
    assert "Was tun wir jetzt?" in de(fmt.phase("now-what-allein").instructions)
    assert "What happened?" in en(fmt.phase("what-allein").instructions)
    # facts before meaning: the first stage keeps judgements out
    assert "keine Bewertungen" in de(fmt.phase("what-allein").instructions)
    assert fmt.phase("now-what-gruppe").collect == (Collect.IDEAS,)


def test_what_so_what_now_what_takes_about_45_minutes() -> None:
    plan = plan_for(load("what-so-what-now-what"), 24)
    assert minutes(plan.seconds) == 45


@pytest.mark.parametrize("people", [10, 11, 14, 15, 22, 29, SEED_DAY])
def test_what_so_what_now_what_groups_are_five_to_seven(people: int) -> None:
    plan = plan_for(load("what-so-what-now-what"), people)
    grouped = [s for s in plan.steps if s.arrangement.kind is ArrangementKind.GROUPS]
    assert len(grouped) == 3
    for step in grouped:
        assert all(5 <= size <= 7 for size in step.groups), (people, step.groups)


def test_what_so_what_now_what_two_groups_is_the_least() -> None:
    # with groups of 5-7, eight or nine people cannot be split; ten make two groups
    fmt = load("what-so-what-now-what")
    assert fmt.participants.min == 10
    first_group = next(s for s in plan_for(fmt, 10).steps if s.phase.id == "what-gruppe")
    assert first_group.groups == (5, 5)


# -- 15% Solutions -----------------------------------------------------------------------------


def test_15_percent_solutions_gives_every_person_3_minutes_to_share() -> None:
    teilen = load("15-prozent-loesungen").phase("teilen")
    assert teilen.timer.kind == "per-speaker"
    assert teilen.timer.per_person == 3 * 60
    per_person = teilen.timer.per_person
    # the phase lasts a round of turns: three people by default, from a pair to a foursome
    assert teilen.duration.default == 3 * per_person
    assert teilen.duration.min == 2 * per_person
    assert teilen.duration.max == 4 * per_person
    assert "drei Minuten" in de(teilen.instructions)


def test_15_percent_solutions_consults_every_person_for_5_to_7_minutes() -> None:
    beraten = load("15-prozent-loesungen").phase("beraten")
    assert beraten.timer.kind == "per-speaker"
    per_person = beraten.timer.per_person
    assert per_person is not None
    assert 5 * 60 <= per_person <= 7 * 60
    assert beraten.duration.default == 3 * per_person
    assert beraten.duration.min == 2 * 5 * 60  # a pair at five minutes each
    assert beraten.duration.max == 4 * 7 * 60  # a foursome at seven minutes each
    assert "fünf bis sieben Minuten" in de(beraten.instructions)


def test_15_percent_solutions_starts_with_five_minutes_alone_then_groups_of_two_to_four() -> None:
    fmt = load("15-prozent-loesungen")
    assert [p.id for p in fmt.phases] == ["allein", "teilen", "beraten"]
    allein = fmt.phase("allein")
    assert allein.arrangement.kind is ArrangementKind.ALONE
    assert minutes(allein.duration.default) == 5
    for people in (2, 3, 5, 7, 13, SEED_DAY):
        for step in plan_for(fmt, people).steps[1:]:
            assert all(2 <= size <= 4 for size in step.groups), (people, step.groups)


def test_15_percent_solutions_takes_about_20_minutes_in_pairs() -> None:
    fmt = load("15-prozent-loesungen")
    trios = plan_for(fmt, 9)
    assert set(trios.steps[1].groups) == {3}
    assert minutes(trios.seconds) == 5 + 9 + 15
    # a facilitator with pairs shortens both rounds to two turns each
    teilen = fmt.phase("teilen").timer.per_person
    beraten = fmt.phase("beraten").timer.per_person
    assert teilen is not None
    assert beraten is not None
    pairs = plan_for(fmt, 2, changed={"teilen": 2 * teilen, "beraten": 2 * beraten})
    assert pairs.steps[1].groups == (2,)
    assert 18 <= minutes(pairs.seconds) <= 22


# -- Ressourcen-Tauschmarkt --------------------------------------------------------------------


def test_tauschmarkt_welcome_write_walk_talk_in_pairs_close() -> None:
    fmt = load("ressourcen-tauschmarkt")
    assert [(p.id, p.arrangement.kind) for p in fmt.phases] == [
        ("willkommen", ArrangementKind.PLENUM),
        ("angebote-und-bedarfe", ArrangementKind.ALONE),
        ("marktgang", ArrangementKind.PLENUM),
        ("tauschgespraeche", ArrangementKind.PAIRS),
        ("abschluss", ArrangementKind.PLENUM),
    ]
    assert Collect.HARVEST in fmt.phase("abschluss").collect


def test_tauschmarkt_everyone_names_what_they_can_give_and_what_they_need() -> None:
    schreiben = load("ressourcen-tauschmarkt").phase("angebote-und-bedarfe")
    assert schreiben.collect == (Collect.OFFERS, Collect.NEEDS)
    assert "was ich geben kann" in de(schreiben.instructions)
    assert "was ich brauche" in de(schreiben.instructions)
    assert "what I can give" in en(schreiben.instructions)
    assert "what I need" in en(schreiben.instructions)


def test_tauschmarkt_matches_meet_in_pairs_and_nobody_is_left_without_a_partner() -> None:
    fmt = load("ressourcen-tauschmarkt")
    talks = fmt.phase("tauschgespraeche")
    assert talks.arrangement.match, "the pairs are the matches of offer and need, the best first"
    assert talks.arrangement.odd is OddPerson.TRIO
    assert talks.rounds is not None
    assert talks.rounds.rotate is Rotation.PARTNERS
    assert "Treffer" in de(talks.instructions)
    for people in (fmt.participants.min, 7, SEED_DAY):
        for step in plan_for(fmt, people).steps:
            if step.phase.id == "tauschgespraeche":
                assert step.observers == 0
                assert set(step.groups) <= {2, 3}


def test_tauschmarkt_cards_can_still_be_written_and_linked_on_the_market_walk() -> None:
    walk = load("ressourcen-tauschmarkt").phase("marktgang")
    assert {Collect.OFFERS, Collect.NEEDS} <= set(walk.collect)
    assert "schreibt euren Namen auf die Karte" in de(walk.instructions)


def test_tauschmarkt_header_no_longer_says_the_language_cannot_match() -> None:
    text = FORMATS.joinpath("ressourcen-tauschmarkt.toml").read_text(encoding="utf-8")
    assert "cannot say yet" not in text
    assert 'collect = ["offers", "needs"]' in text


def test_tauschmarkt_contact_details_stay_off_the_cards() -> None:
    fmt = load("ressourcen-tauschmarkt")
    assert "kontakte" in fmt.phase("angebote-und-bedarfe").rules
    assert "ohne Kontaktdaten" in de(fmt.phase("abschluss").instructions)


# -- Impuls ------------------------------------------------------------------------------------


def test_impuls_one_speaker_talks_then_pairs_buzz_then_questions() -> None:
    fmt = load("impuls")
    assert [p.id for p in fmt.phases] == ["vortrag", "murmelrunde", "fragen"]
    vortrag = fmt.phase("vortrag")
    assert vortrag.speaking == ("referent",)
    assert durations(vortrag) == (15, 10, 30)
    assert durations(fmt.phase("fragen")) == (10, 5, 20)
    assert fmt.phase("murmelrunde").arrangement.kind is ArrangementKind.PAIRS
    assert fmt.phase("fragen").speaking == ()  # everyone may ask


def test_impuls_for_the_seed_day_one_speaker_and_92_listeners_in_under_half_an_hour() -> None:
    plan = plan_for(load("impuls"), SEED_DAY)
    assert plan.roles == {"referent": 1, "publikum": SEED_DAY - 1}
    assert minutes(plan.seconds) < 30
    buzz = next(s for s in plan.steps if s.phase.id == "murmelrunde")
    assert sum(buzz.groups) == SEED_DAY


# -- Punktabfrage ------------------------------------------------------------------------------


def test_punktabfrage_collects_announces_votes_and_decides_in_that_order() -> None:
    fmt = load("punktabfrage")
    assert [p.id for p in fmt.phases] == ["vorschlaege", "regeln", "abstimmen", "ergebnis"]
    assert fmt.phase("vorschlaege").collect == (Collect.IDEAS,)
    assert fmt.phase("abstimmen").collect == (Collect.VOTE,)


def test_punktabfrage_points_per_person_are_left_to_the_formula() -> None:
    vote = load("punktabfrage").phase("abstimmen").vote
    assert vote is not None
    assert vote.points is None  # ceil(a(a-1)/(2n)) for a proposals and n people
    assert vote.choose >= 1


def test_punktabfrage_announces_every_rule_before_anyone_votes() -> None:
    fmt = load("punktabfrage")
    vote = fmt.phase("abstimmen").vote
    assert vote is not None
    regeln = fmt.phase("regeln")
    said = de(regeln.instructions)
    # stacking, own proposal and anonymity, each said the way the vote table has it
    assert ("mehrere Punkte auf denselben Vorschlag" in said) is vote.stacking
    assert ("auch euren eigenen Vorschlag" in said) is vote.own
    assert ("nicht, wer wofür gepunktet hat" in said) is vote.anonymous
    assert "so viele Punkte, wie angezeigt" in said
    # the same rules are on show while people vote
    assert set(regeln.rules) == {r.id for r in fmt.rules}
    assert set(fmt.phase("abstimmen").rules) == set(regeln.rules)


def test_punktabfrage_records_the_count() -> None:
    ergebnis = load("punktabfrage").phase("ergebnis")
    assert ergebnis.collect == (Collect.NOTES,)
    assert "zählen die Punkte" in de(ergebnis.instructions)
    assert "count the points" in en(ergebnis.instructions)
