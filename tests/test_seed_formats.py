"""The four seed methods say what METHODS.md says: phases in order, durations, arrangements,
roles with counts, rules, what each phase collects, and bilingual instructions."""

from __future__ import annotations

import re

import pytest
from format_helpers import FORMATS, durations, load, minutes, texts

from formatkern.model import (
    ArrangementKind,
    Cast,
    Collect,
    Format,
    OddPerson,
    Repeat,
    Rotation,
    When,
)
from formatkern.participants import People
from formatkern.plan import Plan, Settings, make_plan

SEEDS = ("kollegiale-beratung", "world-cafe", "team-tango", "gallery-walk")


def plan_for(fmt: Format, people: int, cases: int | None = None) -> Plan:
    return make_plan(fmt, Settings(people=People(people), cases=cases))


# -- all four ----------------------------------------------------------------------------------


@pytest.mark.parametrize("format_id", SEEDS)
def test_each_seed_loads_and_its_id_is_its_file_name(format_id: str) -> None:
    fmt = load(format_id)
    assert fmt.id == format_id
    assert fmt.sources, "a built-in format names where its facts come from"


@pytest.mark.parametrize("format_id", SEEDS)
def test_every_text_is_given_in_german_and_english(format_id: str) -> None:
    missing = [name for name, text in texts(load(format_id)) if not (text.de and text.en)]
    assert missing == []


@pytest.mark.parametrize("format_id", SEEDS)
def test_every_phase_has_instructions_that_are_translated_not_copied(format_id: str) -> None:
    for phase in load(format_id).phases:
        assert phase.instructions.de, phase.id
        assert phase.instructions.en, phase.id
        assert phase.instructions.de != phase.instructions.en, phase.id


# ASCII stand-ins for umlauts and ß that must not appear in the German texts.
_TRANSCRIBED = re.compile(
    r"\b(fuer|ueber|koenn|muess|moecht|hoer|waehl|zaehl|erzaehl|schluessel|gespraech|"
    r"naechst|aender|gruess|fuehr|grosse?|strasse|schliess|spaeter|waer)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("format_id", SEEDS)
def test_german_texts_use_umlauts_and_sharp_s(format_id: str) -> None:
    found = {
        name: match.group(0)
        for name, text in texts(load(format_id))
        if text.de and (match := _TRANSCRIBED.search(text.de))
    }
    assert found == {}


@pytest.mark.parametrize("format_id", SEEDS)
def test_german_instructions_address_the_group_informally(format_id: str) -> None:
    informal = re.compile(r"\b(ihr|euch|euer|eure[nmrs]?|du|dich|dir|dein[e]?)\b", re.IGNORECASE)
    for phase in load(format_id).phases:
        german = phase.instructions.de or ""
        assert informal.search(german), phase.id
        assert "Ihnen" not in german, phase.id


@pytest.mark.parametrize("format_id", SEEDS)
def test_no_file_names_a_path_of_this_machine(format_id: str) -> None:
    raw = (FORMATS / f"{format_id}.toml").read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])/(?:work|home|tmp|root|Users|usr)/", raw)


@pytest.mark.parametrize("format_id", SEEDS)
def test_each_seed_plans_for_its_smallest_and_a_large_group(format_id: str) -> None:
    fmt = load(format_id)
    largest = fmt.participants.max or 60
    for people in (fmt.participants.min, largest):
        plan = plan_for(fmt, people)
        assert plan.steps
        assert plan.seconds > 0


# -- Kollegiale Beratung -----------------------------------------------------------------------

CASE_PHASES = (
    "casting",
    "spontanerzaehlung",
    "schluesselfrage",
    "methodenwahl",
    "beratung",
    "abschluss",
)


def test_kollegiale_beratung_has_tietzes_six_phases_with_defaults_and_ranges() -> None:
    fmt = load("kollegiale-beratung")
    per_case = [p for p in fmt.phases if p.repeat is Repeat.PER_CASE]
    assert tuple(p.id for p in per_case) == CASE_PHASES
    assert [durations(p) for p in per_case] == [
        (5, 2, 10),
        (10, 5, 15),
        (5, 2, 5),
        (5, 2, 5),
        (10, 10, 15),
        (5, 3, 7),
    ]
    assert all(p.arrangement.kind is ArrangementKind.PLENUM for p in per_case)


def test_kollegiale_beratung_takes_five_to_ten_people_and_up_to_four_cases() -> None:
    fmt = load("kollegiale-beratung")
    assert (fmt.participants.min, fmt.participants.max) == (5, 10)
    assert (fmt.cases.default, fmt.cases.min, fmt.cases.max) == (1, 1, 4)


def test_kollegiale_beratung_roles_counts_and_casting_per_case() -> None:
    fmt = load("kollegiale-beratung")
    counts = {r.id: (r.count.default, r.count.min, r.count.max) for r in fmt.roles}
    assert counts == {
        "moderator": (1, 1, 1),
        "fallerzaehler": (1, 1, 1),
        "berater": (3, 3, None),
        "sekretaer": (1, 1, 1),
        "prozessbeobachter": (0, 0, 1),
    }
    assert fmt.role("berater").rest
    assert fmt.role("sekretaer").within == "berater"
    assert all(role.cast is Cast.PER_CASE for role in fmt.roles)
    assert not any(role.voluntary for role in fmt.roles)


def test_kollegiale_beratung_roles_fit_the_smallest_group() -> None:
    fmt = load("kollegiale-beratung")
    needed = sum(r.count.min for r in fmt.roles if r.within is None)
    assert needed == fmt.participants.min == 5
    roles = plan_for(fmt, 5).roles
    assert roles["berater"] == 3
    assert roles["moderator"] + roles["fallerzaehler"] + roles["berater"] == 5


def test_kollegiale_beratung_who_speaks_in_which_phase() -> None:
    fmt = load("kollegiale-beratung")
    speaking = {p.id: set(p.speaking) for p in fmt.phases}
    assert speaking["spontanerzaehlung"] == {"fallerzaehler", "moderator"}
    assert speaking["schluesselfrage"] == {"fallerzaehler", "moderator"}
    assert speaking["methodenwahl"] == {"fallerzaehler", "berater", "moderator"}
    # the case giver only listens while the Berater consult
    assert "fallerzaehler" not in speaking["beratung"]
    assert "berater" in speaking["beratung"]
    assert "fallerzaehler" in speaking["abschluss"]
    assert "berater" not in speaking["abschluss"]


def test_kollegiale_beratung_collects_picture_key_question_choice_and_ideas() -> None:
    fmt = load("kollegiale-beratung")
    collects = {p.id: p.collect for p in fmt.phases}
    assert collects["spontanerzaehlung"] == (Collect.NOTES,)
    assert collects["schluesselfrage"] == (Collect.KEY_QUESTION,)
    assert collects["methodenwahl"] == (Collect.CHOICE,)
    assert collects["beratung"] == (Collect.IDEAS,)


def test_kollegiale_beratung_offers_the_twelve_modules_for_the_beratung() -> None:
    fmt = load("kollegiale-beratung")
    assert [m.id for m in fmt.modules] == [
        "brainstorming",
        "kopfstand-brainstorming",
        "schluesselfrage-finden",
        "actstorming",
        "resonanzrunde",
        "gute-ratschlaege",
        "hypothesen",
        "erster-kleiner-schritt",
        "sharing",
        "kreuzverhoer",
        "identifikation",
        "ueberraschungen-erfinden",
    ]
    choice = fmt.phase("methodenwahl").choice
    assert choice is not None
    assert choice.sets == "beratung"
    assert choice.options == ()  # all modules
    # the module is chosen before the phase whose instructions it replaces
    ids = [p.id for p in fmt.phases]
    assert ids.index("methodenwahl") < ids.index("beratung")


def test_kollegiale_beratung_modules_carry_their_signature_phrases() -> None:
    fmt = load("kollegiale-beratung")
    assert "Ich an deiner Stelle würde" in fmt.module("gute-ratschlaege").instructions.de
    assert "Eine Hypothese könnte sein" in fmt.module("hypothesen").instructions.de
    assert "schlimmer" in fmt.module("kopfstand-brainstorming").instructions.de
    assert "Was löst der Fall in mir aus?" in fmt.module("resonanzrunde").instructions.de
    # every module's instructions keep the case giver's and the scribe's part in view
    for module in fmt.modules:
        assert "Fallerzähler" in module.instructions.de, module.id
        assert "Sekretär" in module.instructions.de, module.id


def test_kollegiale_beratung_cases_are_confidential_in_every_case_phase() -> None:
    fmt = load("kollegiale-beratung")
    rule = next(r for r in fmt.rules if r.id == "confidential")
    assert rule.confidential
    assert "Verschwiegenheit" in rule.text.de
    assert all(fmt.is_confidential(p) for p in fmt.phases)


def test_kollegiale_beratung_several_cases_are_collected_and_voted_before_the_first() -> None:
    fmt = load("kollegiale-beratung")
    ids = [p.id for p in fmt.phases]
    assert ids[:2] == ["fallsammlung", "fallauswahl"]
    assert ids.index("fallauswahl") < ids.index("casting")
    sammlung, auswahl = fmt.phase("fallsammlung"), fmt.phase("fallauswahl")
    assert sammlung.when is When.SEVERAL_CASES and auswahl.when is When.SEVERAL_CASES
    assert sammlung.collect == (Collect.CASES,)
    assert auswahl.collect == (Collect.VOTE,)
    vote = auswahl.vote
    assert vote is not None
    assert vote.points is None  # the engine computes ceil(a(a-1)/(2n))
    assert (vote.stacking, vote.own) == (True, False)
    # the voting rules are announced in the instructions
    assert "mehrere Punkte" in auswahl.instructions.de
    assert "keinen auf euren eigenen" in auswahl.instructions.de


def test_kollegiale_beratung_plans_the_six_phases_once_per_case() -> None:
    fmt = load("kollegiale-beratung")
    single = plan_for(fmt, 7)
    assert [s.phase.id for s in single.steps] == list(CASE_PHASES)
    assert minutes(single.seconds) == 40
    three = plan_for(fmt, 7, cases=3)
    ids = [s.phase.id for s in three.steps]
    assert ids == ["fallsammlung", "fallauswahl", *CASE_PHASES * 3]
    assert [s.case for s in three.steps if s.phase.id == "casting"] == [1, 2, 3]


# -- World Café --------------------------------------------------------------------------------


def test_world_cafe_needs_twelve_people() -> None:
    assert load("world-cafe").participants.min == 12


def test_world_cafe_welcome_rounds_harvest() -> None:
    fmt = load("world-cafe")
    assert [p.id for p in fmt.phases] == ["willkommen", "runden", "ernte"]
    assert fmt.phases[0].arrangement.kind is ArrangementKind.PLENUM
    harvest = fmt.phases[-1]
    assert harvest.arrangement.kind is ArrangementKind.PLENUM
    assert Collect.HARVEST in harvest.collect


def test_world_cafe_has_at_least_three_rounds_of_twenty_minutes_at_tables_of_four_to_five() -> None:
    rounds_phase = load("world-cafe").phase("runden")
    assert durations(rounds_phase) == (20, 20, 30)
    arrangement = rounds_phase.arrangement
    assert arrangement.kind is ArrangementKind.TABLES
    assert arrangement.size is not None
    assert (arrangement.size.default, arrangement.size.min, arrangement.size.max) == (5, 3, 5)
    rounds = rounds_phase.rounds
    assert rounds is not None
    assert (rounds.count.default, rounds.count.min, rounds.count.max) == (3, 3, 5)
    assert rounds_phase.collect == (Collect.NOTES,)


def test_world_cafe_hosts_stay_and_travellers_mix() -> None:
    fmt = load("world-cafe")
    rounds_phase = fmt.phase("runden")
    assert rounds_phase.arrangement.hosts
    assert rounds_phase.rounds is not None
    assert rounds_phase.rounds.rotate is Rotation.MIX
    assert fmt.role("traveller").rest
    assert fmt.role("host").cast is Cast.SESSION
    assert "bleibt" in fmt.role("host").task.de.lower()


def test_world_cafe_has_one_distinct_question_for_each_possible_round() -> None:
    rounds = load("world-cafe").phase("runden").rounds
    assert rounds is not None
    assert rounds.count.max is not None
    assert len(rounds.questions) == rounds.count.max
    assert len({q.de for q in rounds.questions}) == len(rounds.questions)
    assert all(
        q.de and q.de.endswith("?") and q.en and q.en.endswith("?") for q in rounds.questions
    )
    assert "Was brauchen wir in unserem Quartier" in " ".join(q.de or "" for q in rounds.questions)


def test_world_cafe_shows_the_seven_points_of_etiquette_at_the_welcome() -> None:
    fmt = load("world-cafe")
    assert len(fmt.rules) == 7
    assert set(fmt.phase("willkommen").rules) == {r.id for r in fmt.rules}


def test_world_cafe_plan_keeps_every_table_within_three_to_five() -> None:
    fmt = load("world-cafe")
    for people in (12, 13, 23, 47, 100):
        plan = plan_for(fmt, people)
        round_steps = [s for s in plan.steps if s.phase.id == "runden"]
        assert len(round_steps) == 3
        for step in round_steps:
            assert sum(step.groups) == people
            assert all(3 <= size <= 5 for size in step.groups), (people, step.groups)


# -- Team-Tango --------------------------------------------------------------------------------


def test_team_tango_phases_in_order() -> None:
    fmt = load("team-tango")
    assert [p.id for p in fmt.phases] == [
        "einstieg",
        "aufwaermen",
        "fuehren-und-folgen",
        "paar-feedback",
        "transfer",
    ]
    kinds = [p.arrangement.kind for p in fmt.phases]
    assert kinds == [
        ArrangementKind.PLENUM,
        ArrangementKind.ALONE,
        ArrangementKind.PAIRS,
        ArrangementKind.PAIRS,
        ArrangementKind.PLENUM,
    ]


def test_team_tango_offers_an_observer_role_to_anyone_no_reason_asked() -> None:
    fmt = load("team-tango")
    observer = fmt.role("observer")
    assert observer.voluntary
    assert not observer.rest
    assert (observer.count.default, observer.count.min, observer.count.max) == (0, 0, None)
    rule_text = " ".join(r.text.de or "" for r in fmt.rules)
    assert "ohne Begründung" in rule_text
    assert "Niemand fragt nach" in rule_text
    einstieg = fmt.phase("einstieg")
    assert "ohne Begründung" in einstieg.instructions.de
    assert "observer" in (einstieg.instructions.en or "")


def test_team_tango_rounds_swap_lead_and_follow_and_change_partners() -> None:
    phase = load("team-tango").phase("fuehren-und-folgen")
    arrangement = phase.arrangement
    assert arrangement.swap
    assert arrangement.positions == ("leader", "follower")
    # nobody is made an observer by arithmetic: observing stays voluntary
    assert arrangement.odd is OddPerson.TRIO
    assert phase.rounds is not None
    assert phase.rounds.rotate is Rotation.PARTNERS
    assert phase.rounds.count.default == 3
    assert phase.rules == ("consent", "observer-open")


def test_team_tango_smallest_group_can_change_partner_every_round() -> None:
    fmt = load("team-tango")
    rounds = fmt.phase("fuehren-und-folgen").rounds
    assert rounds is not None
    assert rounds.count.max is not None
    # n people (even) can meet a new partner in n - 1 rounds; an odd n leaves a trio
    people = fmt.participants.min
    assert rounds.count.max <= people - 1
    assert rounds.count.default <= people - 1 - 2  # still fine if two choose to observe


def test_team_tango_ends_with_a_transfer_to_the_quartier() -> None:
    transfer = load("team-tango").phase("transfer")
    assert transfer.arrangement.kind is ArrangementKind.PLENUM
    assert "Was bedeutet Führen und Folgen in meinem Quartier" in (transfer.instructions.de or "")


# -- Gallery Walk ------------------------------------------------------------------------------


def test_gallery_walk_phases_in_order() -> None:
    assert [p.id for p in load("gallery-walk").phases] == [
        "einfuehrung",
        "rundgang",
        "rueckkehr",
        "bericht",
        "auswertung",
    ]


def test_gallery_walk_teams_of_three_to_five_visit_every_station() -> None:
    walk = load("gallery-walk").phase("rundgang")
    arrangement = walk.arrangement
    assert arrangement.kind is ArrangementKind.STATIONS
    assert arrangement.size is not None
    assert (arrangement.size.min, arrangement.size.max) == (3, 5)
    assert walk.rounds is not None
    assert walk.rounds.rotate is Rotation.STATIONS
    assert walk.rounds.each_station
    default, low, high = durations(walk)
    assert 3 <= default <= 5
    assert low >= 2
    assert high == 5
    assert walk.collect == (Collect.NOTES,)


def test_gallery_walk_twenty_people_give_four_to_five_stations_each_visited_once() -> None:
    plan = plan_for(load("gallery-walk"), 20)
    walk = [s for s in plan.steps if s.phase.id == "rundgang"]
    stations = len(walk[0].groups)
    assert 4 <= stations <= 5
    assert len(walk) == stations
    assert all(3 <= size <= 5 for size in walk[0].groups)


def test_gallery_walk_returns_reports_out_and_debriefs() -> None:
    fmt = load("gallery-walk")
    back = fmt.phase("rueckkehr")
    assert back.arrangement.kind is ArrangementKind.STATIONS
    assert back.rounds is not None
    assert back.rounds.rotate is Rotation.NONE
    assert fmt.phase("bericht").arrangement.kind is ArrangementKind.PLENUM
    debrief = fmt.phases[-1]
    assert debrief.id == "auswertung"
    _, low, high = durations(debrief)
    assert (low, high) == (10, 15)


def test_gallery_walk_asks_for_at_least_two_notes_per_poster() -> None:
    walk = load("gallery-walk").phase("rundgang")
    assert "mindestens zwei" in (walk.instructions.de or "")
    assert "at least two" in (walk.instructions.en or "")
