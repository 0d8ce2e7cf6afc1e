"""Casting the roles of a block: the facilitator's choices stay, the rest is filled fairly."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formatkern.errors import GroupingError
from formatkern.grouping.casting import cast
from formatkern.model import Cast, Count, Role, Text

KOLLEGIALE_BERATUNG = (
    Role("moderator", Text.same("Moderator"), cast=Cast.PER_CASE),
    Role("fallerzaehler", Text.same("Fallerzähler"), cast=Cast.PER_CASE, brings_case=True),
    Role("berater", Text.same("Berater"), count=Count(3, 3, None), rest=True, cast=Cast.PER_CASE),
    Role("sekretaer", Text.same("Sekretär"), within="berater", cast=Cast.PER_CASE),
    Role(
        "prozessbeobachter",
        Text.same("Prozessbeobachter"),
        count=Count(0, 0, 1),
        voluntary=True,
        cast=Cast.PER_CASE,
    ),
)
TEAM_TANGO = (
    Role("leader", Text.same("Leader"), count=Count(1, 1, None), rest=True, cast=Cast.PER_ROUND),
    Role(
        "follower", Text.same("Follower"), count=Count(1, 1, None), rest=True, cast=Cast.PER_ROUND
    ),
    Role("observer", Text.same("Observer"), count=Count(0, 0, None), voluntary=True),
)
NAMES = ["Anna", "Ben", "Cem", "Dora", "Emil", "Fe", "Gus", "Hanna", "Ida", "Jan"]


def holders(result: dict[str, list[str]]) -> list[str]:
    return [p for role, names in result.items() if role != "sekretaer" for p in names]


def test_a_group_of_seven_gets_every_role_of_kollegiale_beratung() -> None:
    result = cast(KOLLEGIALE_BERATUNG, NAMES[:7], case_givers=["Cem"], seed=1)
    assert result["fallerzaehler"] == ["Cem"]
    assert len(result["moderator"]) == 1
    assert len(result["berater"]) == 5
    assert result["sekretaer"][0] in result["berater"]
    assert result["prozessbeobachter"] == []  # nobody asked
    assert sorted(holders(result)) == sorted(NAMES[:7])


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(5, 10),
    cases=st.integers(1, 10),
    blocks=st.integers(2, 12),
    seed=st.integers(0, 1000),
)
def test_over_many_cases_nobody_tells_twice_while_a_colleague_waits_and_roles_rotate(
    size: int, cases: int, blocks: int, seed: int
) -> None:
    people = NAMES[:size]
    givers = people[: min(cases, size)]
    history: list[dict[str, list[str]]] = []
    for block in range(blocks):
        told = Counter(p for h in history for p in h["fallerzaehler"])
        moderated = Counter(p for h in history for p in h["moderator"])
        wrote = Counter(p for h in history for p in h["sekretaer"])
        result = cast(
            KOLLEGIALE_BERATUNG, people, history=history, case_givers=givers, seed=seed + block
        )
        teller = result["fallerzaehler"][0]
        assert teller in givers
        assert told[teller] == min(told[g] for g in givers), "a colleague with a case waits"
        moderator = result["moderator"][0]
        others = [p for p in people if p != teller]
        assert moderated[moderator] == min(moderated[p] for p in others)
        scribe = result["sekretaer"][0]
        assert wrote[scribe] == min(wrote[p] for p in result["berater"])
        history.append(result)


def test_the_facilitators_choice_is_kept_and_the_rest_filled_around_it() -> None:
    result = cast(
        KOLLEGIALE_BERATUNG,
        NAMES[:6],
        manual={"moderator": ["Fe"], "sekretaer": ["Anna"]},
        case_givers=["Ben", "Cem"],
    )
    assert result["moderator"] == ["Fe"]
    assert result["sekretaer"] == ["Anna"]
    assert "Anna" in result["berater"]
    assert result["fallerzaehler"][0] in {"Ben", "Cem"}


def test_who_asks_to_observe_observes_and_who_opts_out_is_never_cast() -> None:
    result = cast(
        KOLLEGIALE_BERATUNG,
        NAMES[:8],
        requests={"prozessbeobachter": ["Hanna"]},
        opt_out={"moderator": NAMES[:6]},
    )
    assert result["prozessbeobachter"] == ["Hanna"]
    assert result["moderator"] == ["Gus"]


def test_a_voluntary_role_gives_way_when_the_berater_would_be_too_few() -> None:
    result = cast(KOLLEGIALE_BERATUNG, NAMES[:5], requests={"prozessbeobachter": ["Ben"]})
    assert result["prozessbeobachter"] == []
    assert len(result["berater"]) == 3


def test_team_tango_splits_leaders_and_followers_and_alternates_them() -> None:
    first = cast(TEAM_TANGO, NAMES[:9], requests={"observer": ["Ida"]}, seed=3)
    assert first["observer"] == ["Ida"]
    assert len(first["leader"]) == len(first["follower"]) == 4
    second = cast(TEAM_TANGO, NAMES[:9], requests={"observer": ["Ida"]}, history=[first], seed=4)
    assert set(second["leader"]) == set(first["follower"])


def test_the_same_seed_casts_the_same_and_another_seed_may_differ() -> None:
    runs = {
        seed: cast(KOLLEGIALE_BERATUNG, NAMES, case_givers=NAMES, seed=seed) for seed in range(6)
    }
    assert cast(KOLLEGIALE_BERATUNG, NAMES, case_givers=NAMES, seed=2) == runs[2]
    assert len({tuple(r["moderator"]) for r in runs.values()}) > 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"people": NAMES[:4]}, r"moderator 1, fallerzaehler 1, berater 3 .* \(1 missing\)"),
        ({"people": NAMES[:6], "opt_out": {"moderator": NAMES[:6]}}, "opted out"),
        ({"people": NAMES[:6], "manual": {"moderator": ["Zoe"]}}, "Zoe"),
        ({"people": NAMES[:6], "manual": {"moderator": ["Ben"], "fallerzaehler": ["Ben"]}}, "both"),
        (
            {"people": NAMES[:6], "manual": {"moderator": ["Ben"], "sekretaer": ["Ben"]}},
            "one of the berater",
        ),
        ({"people": ["Anna", "Anna", "Ben", "Cem", "Dora"]}, "twice"),
    ],
)
def test_impossible_castings_name_what_is_missing(kwargs: dict, message: str) -> None:
    with pytest.raises(GroupingError, match=message):
        cast(KOLLEGIALE_BERATUNG, **kwargs)


def test_a_session_role_keeps_its_holder_across_blocks() -> None:
    roles = (
        Role("host", Text.same("Host"), cast=Cast.SESSION),
        Role("guest", Text.same("Guest"), count=Count(1, 1, None), rest=True),
    )
    first = cast(roles, NAMES[:4], seed=0)
    later = cast(roles, NAMES[:4], history=[first], seed=9)
    assert later["host"] == first["host"]
