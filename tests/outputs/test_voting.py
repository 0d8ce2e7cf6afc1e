"""Dot voting: the points per person, the rules announced before voting, and a ranked result.

The edge cases a facilitator meets on the day (too many dots, stacked dots where stacking was
ruled out, a dot on one's own case, a tie for the last place) each get a message that says
what is wrong and what to do, and a refused ballot changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.record import session_record
from formatkern.session_files import format_path
from formatkern.voting import default_points, outcome, ranking, ranks

from .story import beratung

STRICT = """
format = 1
id = "streng"
title = "Streng gepunktet"
participants = { min = 3 }

[[phases]]
id = "vorschlaege"
title = "Vorschläge"
duration = "10m"
collect = "ideas"

[[phases]]
id = "punkten"
title = "Punkten"
duration = "5m"
collect = "vote"
vote = { stacking = false, own = false, anonymous = false, choose = 2 }
"""
"""A vote with every rule the other way: no stacking, not on one's own, named, two win."""

TEAM = ["Anna", "Ben", "Cem", "Dora"]


def _strict(points: int | None = None) -> Session:
    plan = make_plan(parse_format(STRICT), Settings(people=People.of_names(TEAM)))
    session = Session.create(plan, clock=FakeClock.local(2026, 11, 21, 14, 0), format_text=STRICT)
    session.start()
    for text, owner in (("Sommerfest", "Anna"), ("Repair-Café", "Ben"), ("Lesepaten", None)):
        session.propose(text, owner=owner)
    session.idea("Ein Idee, die hier nicht zur Wahl steht")
    session.next()
    session.open_vote(points=points)
    return session


@pytest.mark.parametrize(
    ("options", "people", "points"),
    [(5, 6, 2), (4, 6, 1), (10, 20, 3), (8, 6, 5), (2, 30, 1), (1, 5, 1), (12, 93, 1)],
)
def test_points_per_person_default_to_ceil_a_times_a_minus_1_over_2n(
    options: int, people: int, points: int
) -> None:
    assert default_points(options, people) == points


def test_the_result_is_ranked_and_ties_share_a_rank() -> None:
    counts = (3, 5, 3, 0, 5)
    assert ranking(counts) == (2, 5, 1, 3, 4)
    assert ranks(counts) == (3, 1, 3, 5, 1)
    assert outcome(counts, 2).clear == (2, 5)
    tie = outcome(counts, 3)
    assert (tie.clear, tie.tied, tie.places) == ((2, 5), (1, 3), 1)


def test_the_rules_are_announced_with_the_options_before_anyone_votes() -> None:
    session = _strict()
    vote = session.state.collecting.votes[0]
    assert vote.options == ("Sommerfest", "Repair-Café", "Lesepaten")
    assert vote.owners == ("Anna", "Ben", None)
    assert (vote.points, vote.stacking, vote.own, vote.anonymous, vote.choose) == (
        1,  # ceil(3 * 2 / (2 * 4))
        False,
        False,
        False,
        2,
    )
    assert session.snapshot()["vote"]["ballots"] == 0


def test_nobody_votes_before_the_rules_are_announced() -> None:
    plan = make_plan(parse_format(STRICT), Settings(people=People.of_names(TEAM)))
    session = Session.create(plan, clock=FakeClock.local(2026, 11, 21, 14, 0))
    session.start()
    session.next()
    with pytest.raises(CommandError, match=r"No vote is open\. Open it with open_vote"):
        session.vote({"1": 1}, voter="Anna")
    with pytest.raises(CommandError, match="at least two options"):
        session.open_vote()


def test_more_points_than_each_person_has_are_refused() -> None:
    session = _strict(points=2)
    with pytest.raises(CommandError, match="Cem gives 3 points, but each person has 2"):
        session.vote({"1": 1, "2": 1, "3": 1}, voter="Cem")
    assert session.state.collecting.votes[0].ballots == ()


def test_stacking_is_refused_where_the_rules_forbid_it() -> None:
    session = _strict(points=2)
    with pytest.raises(CommandError, match=r"may not be stacked.*2 on 'Lesepaten' \(option 3\)"):
        session.vote({"Lesepaten": 2}, voter="Cem")


def test_nobody_puts_a_dot_on_their_own_proposal_where_the_rules_forbid_it() -> None:
    session = _strict()
    with pytest.raises(
        CommandError,
        match=r"Anna brought 'Sommerfest' \(option 1\) and may not give points to their own",
    ):
        session.vote({"1": 1}, voter="Anna")
    session.vote({"2": 1}, voter="Anna")  # someone else's is fine


def test_a_named_vote_needs_the_voter_and_each_person_votes_once() -> None:
    session = _strict()
    with pytest.raises(CommandError, match="not anonymous: say who votes"):
        session.vote({"3": 1})
    session.vote({"3": 1}, voter="Dora")
    with pytest.raises(CommandError, match="Dora has voted already"):
        session.vote({"1": 1}, voter="dora")
    with pytest.raises(CommandError, match="'Zoe' is not taking part"):
        session.vote({"1": 1}, voter="Zoe")


def test_an_unknown_option_is_named_with_the_ones_there_are() -> None:
    session = _strict()
    with pytest.raises(CommandError, match=r"There is no option '7'.*1 Sommerfest, 2 Repair-Café"):
        session.send({"command": "vote", "voter": "Cem", "points": {"7": 1}})


def test_a_tie_at_the_border_is_settled_by_the_group_not_by_the_engine() -> None:
    session = _strict()
    session.vote({"2": 1}, voter="Anna")
    session.vote({"1": 1}, voter="Ben")
    session.vote({"3": 1}, voter="Cem")
    with pytest.raises(
        CommandError,
        match=r"Tie at the border: 'Sommerfest' \(option 1\) and 'Repair-Café' \(option 2\) "
        r"and 'Lesepaten' \(option 3\) have 1 points each, for 2 places",
    ):
        session.close_vote()
    with pytest.raises(CommandError, match="Name 2 winners"):
        session.close_vote(winners=[1])
    session.close_vote(winners=[3, 1])
    result = session_record(session)["votes"][0]
    assert result["winners"] == [3, 1]
    assert result["ties"] == [[1, 2, 3]]
    assert [o["rank"] for o in result["options"]] == [1, 1, 1]


def test_a_clear_result_needs_no_winners_and_refuses_other_ones() -> None:
    session = _strict()
    for voter, option in (("Anna", "2"), ("Ben", "1"), ("Cem", "1"), ("Dora", "2")):
        session.vote({option: 1}, voter=voter)
    with pytest.raises(CommandError, match="The vote is clear"):
        session.close_vote(winners=[1, 3])
    session.close_vote()
    assert session.state.collecting.votes[0].winners == (1, 2)
    with pytest.raises(CommandError, match="This vote is closed"):
        session.close_vote(step=1)


def test_named_ballots_are_in_the_record_of_a_named_vote() -> None:
    session = _strict()
    session.vote({"3": 1}, voter="Dora")
    ballots = session_record(session)["votes"][0]["named_ballots"]
    assert ballots == [{"voter": "Dora", "points": [0, 0, 1]}]


def test_dots_counted_on_the_board_are_checked_as_far_as_counts_can_be() -> None:
    session = _strict()
    with pytest.raises(CommandError, match="without stacking each of the 4 people gives it"):
        session.tally([5, 0, 0])
    with pytest.raises(CommandError, match="The board shows 5 points, but 4 people with 1"):
        session.tally([2, 2, 1])
    session.tally([2, 1, 1])
    with pytest.raises(CommandError, match="counted on the board; single ballots"):
        session.vote({"1": 1}, voter="Cem")
    assert session_record(session)["votes"][0]["counted_on_board"] is True


def test_the_vote_on_the_cases_names_the_cases_with_their_givers() -> None:
    session = beratung(finish=False)
    assert [(c.title, c.giver) for c in session.state.cases] == [
        ("Kita-Übergang", "Ben"),
        ("Nachbarschaftsstreit im Hof", "Dora"),
        ("Ehrenamt ohne Nachwuchs", "Fatma"),
    ]
    assert session.state.roles[2]["fallerzaehler"] == ("Dora",)


def test_a_vote_opens_only_in_a_step_that_votes() -> None:
    text = format_path("punktabfrage").read_text(encoding="utf-8")
    plan = make_plan(parse_format(text), Settings(people=People(8)))
    session = Session.create(plan, clock=FakeClock.local(2026, 11, 21, 14, 0), format_text=text)
    session.start()
    with pytest.raises(CommandError, match="is no vote"):
        session.open_vote()
    session.idea("Mittagspause verlängern")
    session.idea("Themenwand im Flur")
    session.idea("Mittagspause verlängern")
    session.next()
    session.next()
    session.open_vote()
    vote = session.state.collecting.votes[0]
    assert vote.options == ("Mittagspause verlängern", "Themenwand im Flur")  # the ideas, once
    assert vote.choose == 2  # three win, but there are only two


def refusal(command: Callable[[], object]) -> CommandError:
    """The refusal a command meets (it must meet one)."""
    with pytest.raises(CommandError) as caught:
        command()
    return caught.value


# The same complaints on a German desk: German, and the English as before.


def test_more_points_than_a_person_has_are_refused_in_german() -> None:
    session = _strict(points=2)
    refused = refusal(lambda: session.vote({"1": 1, "2": 1, "3": 1}, voter="Cem"))
    assert refused.text("de") == (
        "Cem vergibt 3 Punkte, aber jede Person hat in dieser Abstimmung 2 Punkte."
    )
    assert str(refused) == "Cem gives 3 points, but each person has 2 in this vote."
    assert refused.text("en") == str(refused)


def test_stacked_points_are_refused_in_german_with_the_option_in_german() -> None:
    session = _strict(points=2)
    refused = refusal(lambda: session.vote({"Lesepaten": 2}, voter="Cem"))
    assert refused.text("de") == (
        "Punkte dürfen in dieser Abstimmung nicht gehäufelt werden: Höchstens 1 pro Option, "
        "aber 2 auf „Lesepaten“ (Option 3)."
    )
    assert str(refused) == (
        "Points may not be stacked in this vote: at most 1 per option, but 2 on "
        "'Lesepaten' (option 3)."
    )


def test_a_point_on_ones_own_proposal_is_refused_in_german() -> None:
    session = _strict()
    refused = refusal(lambda: session.vote({"1": 1}, voter="Anna"))
    assert refused.text("de") == (
        "Anna hat „Sommerfest“ (Option 1) eingebracht und darf in dieser Abstimmung keine "
        "Punkte auf den eigenen Vorschlag setzen."
    )
    assert str(refused) == (
        "Anna brought 'Sommerfest' (option 1) and may not give points to their own proposal "
        "in this vote."
    )


def test_a_count_of_the_wrong_length_is_refused_in_german() -> None:
    session = _strict()
    refused = refusal(lambda: session.tally([1, 2]))
    assert refused.text("de") == "Gib eine Zahl pro Option an: 3 Zahlen, nicht 2."
    assert str(refused) == "Give one count per option: 3 numbers, not 2."


def test_a_tie_at_the_border_is_told_in_german() -> None:
    session = _strict()
    session.vote({"2": 1}, voter="Anna")
    session.vote({"1": 1}, voter="Ben")
    session.vote({"3": 1}, voter="Cem")
    refused = refusal(session.close_vote)
    assert refused.text("de") == (
        "Gleichstand an der Grenze: „Sommerfest“ (Option 1) und „Repair-Café“ (Option 2) und "
        "„Lesepaten“ (Option 3) haben je 1 Punkt, für 2 Plätze. Entscheidet gemeinsam, dann "
        "schließ die Abstimmung mit den gewählten Optionen, z. B. winners [1, 2]."
    )
    assert str(refused) == (
        "Tie at the border: 'Sommerfest' (option 1) and 'Repair-Café' (option 2) and "
        "'Lesepaten' (option 3) have 1 points each, for 2 places. Decide together, then close "
        "the vote with the winners, e.g. winners [1, 2]."
    )
