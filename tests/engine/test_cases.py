"""Kollegiale Beratung for several cases: choosing cases, casting per case, choosing the module."""

from __future__ import annotations

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.events import RolesCast
from formatkern.i18n import pick
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan

from .room import TEAM, MakeSession, format_text, types

PHASES = [
    "casting",
    "spontanerzaehlung",
    "schluesselfrage",
    "methodenwahl",
    "beratung",
    "abschluss",
]


@pytest.fixture
def three(make_session: MakeSession) -> Session:
    """Three cases: case collection and vote come first, then six phases per case."""
    session = make_session(cases=3)
    session.start()
    return session


def test_a_per_case_block_runs_for_three_cases(three: Session, clock: FakeClock) -> None:
    assert three.state.step is not None and three.state.step.phase.id == "fallsammlung"
    three.next()
    three.choose_cases(
        ["Kita-Übergang", "Nachbarschaftsstreit", "Ehrenamt"], givers=["Ben", None, "Fatma"]
    )
    held: list[tuple[int | None, str]] = []
    while three.state.finished_at is None:
        clock.advance(60)
        three.next()
        step = three.state.step
        if step is not None:
            held.append((step.case, step.phase.id))
    assert held == [(case, phase) for case in (1, 2, 3) for phase in PHASES]
    casts = [three.state.roles[case] for case in (1, 2, 3)]
    assert casts[0]["fallerzaehler"] == ("Ben",)
    assert casts[2]["fallerzaehler"] == ("Fatma",)
    moderators = [c["moderator"][0] for c in casts]
    assert len(set(moderators)) == 3  # the role moves on, case by case
    for cast in casts:
        fixed = cast["moderator"] + cast["fallerzaehler"]
        assert set(cast["berater"]) == set(three.state.people) - set(fixed)
        assert set(cast["sekretaer"]) <= set(cast["berater"])


def test_roles_are_cast_when_a_case_begins(three: Session) -> None:
    three.jump(phase="casting", case=2)
    assert [e.event.case for e in three.next() if isinstance(e.event, RolesCast)] == []
    assert 2 in three.state.roles and 1 not in three.state.roles


def test_the_chosen_module_sets_the_instructions_of_the_beratung_of_that_case(
    three: Session,
) -> None:
    three.jump(phase="methodenwahl", case=1)
    beratung_1, beratung_2, _ = [s.index for s in three.plan.steps if s.phase.id == "beratung"]
    before = pick(three.instructions(beratung_1), "de")
    three.choose("gute-ratschlaege")
    assert pick(three.instructions(beratung_1), "de").startswith("Jetzt sind Ratschläge")
    assert pick(three.instructions(beratung_2), "de") == before
    three.next()
    assert three.snapshot()["instructions"].startswith("Jetzt sind Ratschläge")


def test_only_a_choice_phase_offers_options_and_only_its_own(three: Session) -> None:
    with pytest.raises(CommandError, match="offers no choice"):
        three.choose("brainstorming")
    three.jump(phase="methodenwahl")
    with pytest.raises(
        CommandError, match=r"not an option of Methodenwahl \(case 1\); choose one of brainstorming"
    ):
        three.choose("yoga")


def test_with_fewer_cases_chosen_the_other_cases_are_left_out(three: Session) -> None:
    three.choose_cases(["Nur ein Fall"])
    assert three.state.upcoming()[-1] == 7  # case 1 ends with its Abschluss
    assert three.projection().steps[-1].index == 7
    with pytest.raises(CommandError, match="case that was not chosen"):
        three.jump(phase="casting", case=2)


def test_cases_are_chosen_with_titles_and_present_case_givers(three: Session) -> None:
    with pytest.raises(CommandError, match="between 1 and 3 cases"):
        three.choose_cases(["a", "b", "c", "d"])
    with pytest.raises(CommandError, match="between 1 and 3 cases"):
        three.choose_cases(["a", " "])
    with pytest.raises(CommandError, match="Zoe not taking part"):
        three.choose_cases(["a"], givers=["Zoe"])
    with pytest.raises(CommandError, match="one case giver per case"):
        three.choose_cases(["a", "b"], givers=["Ben"])
    three.jump(phase="casting", case=2)
    with pytest.raises(CommandError, match="Case 2 is being consulted"):
        three.choose_cases(["a"])


def test_a_format_without_cases_has_no_cases_to_choose(make_session: MakeSession) -> None:
    session = make_session("world-cafe", 12)
    session.start()
    with pytest.raises(CommandError, match="runs no block per case"):
        session.choose_cases(["x"])


def test_the_group_agrees_on_a_moderator_and_the_rest_is_filled_around(kb: Session) -> None:
    entries = kb.cast({"moderator": ["Dora"], "fallerzaehler": ["Emil"]})
    assert types(entries) == ["roles_cast"]
    roles = kb.state.roles[1]
    assert roles["moderator"] == ("Dora",) and roles["fallerzaehler"] == ("Emil",)
    assert set(roles["berater"]) == {"Anna", "Ben", "Cem", "Fatma"}
    with pytest.raises(CommandError, match="no role cast per case"):
        kb.cast({"chef": ["Anna"]})
    with pytest.raises(CommandError, match="Zoe not taking part"):
        kb.cast({"moderator": ["Zoe"]})


def test_when_the_moderator_leaves_early_someone_else_moderates(kb: Session) -> None:
    moderator = kb.state.roles[1]["moderator"][0]
    kb.remove_participant(moderator)
    roles = kb.state.roles[1]
    assert roles["moderator"] and moderator not in roles["moderator"]
    assert moderator not in {p for holders in roles.values() for p in holders}


def test_the_role_that_brings_the_case_goes_to_who_brought_it_whatever_its_name(
    clock: FakeClock,
) -> None:
    """A team that calls the Fallerzähler "Erzählerin" marks the role with brings_case."""
    text = format_text("kollegiale-beratung").replace('"fallerzaehler"', '"erzaehlerin"')
    fmt = parse_format(text)
    assert [r.id for r in fmt.roles if r.brings_case] == ["erzaehlerin"]
    plan = make_plan(fmt, Settings(people=People.of_names(list(TEAM)), cases=2))
    session = Session.create(plan, clock=clock, format_text=text, seed=7, mix_seconds=0.2)
    session.start()
    session.next()
    session.choose_cases(["Kita-Übergang", "Ehrenamt"], givers=["Cem", "Dora"])
    session.next()
    assert session.state.roles[1]["erzaehlerin"] == ("Cem",)
    session.jump(phase="casting", case=2)
    assert session.state.roles[2]["erzaehlerin"] == ("Dora",)


def test_a_file_written_before_brings_case_still_has_its_fallerzaehler_bring_the_case() -> None:
    text = format_text("kollegiale-beratung").replace("brings_case = true\n", "")
    assert "brings_case" not in text
    fmt = parse_format(text)
    assert [r.id for r in fmt.roles if r.brings_case] == ["fallerzaehler"]
    assert fmt == parse_format(format_text("kollegiale-beratung"))
