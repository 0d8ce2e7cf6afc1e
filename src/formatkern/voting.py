"""Dot voting (Mehrpunktabfrage): points per person, the rules of a ballot, the ranked result.

Pure arithmetic on a `VoteState`, apart from the engine so that the rules can be read (and
tested) in one place. Problems raise `BallotError` with a message for the facilitator; the
engine turns it into a `CommandError`. Options are numbered from 1, as on the board.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from formatkern.errors import TwoLanguages
from formatkern.state import VoteState


class BallotError(TwoLanguages, ValueError):
    """A ballot, a count or a closing that breaks the rules announced for the vote (the engine
    passes its English and German on in its `CommandError`)."""


def default_points(options: int, people: int) -> int:
    """Points per person: ceil(a(a-1)/(2n)) for a options and n people, at least one.

    With that many points the group can, in principle, compare every pair of options
    (METHODS.md, dot voting).
    """
    if people <= 0:
        return 1
    return max(1, math.ceil(options * (options - 1) / (2 * people)))


def ranks(counts: Sequence[int]) -> tuple[int, ...]:
    """The rank of each option: 1 + how many options have more points (ties share a rank)."""
    return tuple(1 + sum(other > mine for other in counts) for mine in counts)


def ranking(counts: Sequence[int]) -> tuple[int, ...]:
    """Option numbers, most points first; options with equal points keep their order."""
    return tuple(i + 1 for i in sorted(range(len(counts)), key=lambda i: (-counts[i], i)))


@attrs.frozen
class Outcome:
    """Who wins: the options that win outright, and a tie at the border if there is one."""

    clear: tuple[int, ...]
    """Option numbers that win whatever happens, best first."""
    tied: tuple[int, ...] = ()
    """Options with equal points competing for the places left."""
    places: int = 0
    """How many of the tied options can still win."""


def outcome(counts: Sequence[int], choose: int) -> Outcome:
    """The winners of `choose` places, or the tie at the border that the group must settle."""
    order = ranking(counts)
    choose = min(choose, len(order))
    if choose == 0:
        return Outcome(())
    border = counts[order[choose - 1] - 1]
    above = tuple(n for n in order if counts[n - 1] > border)
    level = tuple(n for n in order if counts[n - 1] == border)
    places = choose - len(above)
    if len(level) == places:
        return Outcome(above + level)
    return Outcome(above, level, places)


def describe(vote: VoteState, number: int) -> str:
    """An option as the facilitator sees it on the board: "'Kita-Übergang' (option 1)"."""
    return f"{vote.options[number - 1]!r} (option {number})"


def describe_de(vote: VoteState, number: int) -> str:
    """`describe` in German: "„Kita-Übergang“ (Option 1)"."""
    return f"„{vote.options[number - 1]}“ (Option {number})"


def _points_de(n: int) -> str:
    """A number of points in German: "1 Punkt", "3 Punkte"."""
    return f"{n} Punkt" if n == 1 else f"{n} Punkte"


def option_number(vote: VoteState, key: object) -> int:
    """The number of the option meant by `key`: its number (1, "1") or its text."""
    count = len(vote.options)
    given = str(key).strip()
    if isinstance(key, bool):
        key = None
    if isinstance(key, str) and key.strip().isdigit():
        key = int(key.strip())
    if isinstance(key, int):
        if 1 <= key <= count:
            return key
    elif isinstance(key, str):
        wanted = key.strip().casefold()
        for number, text in enumerate(vote.options, start=1):
            if text.casefold() == wanted:
                return number
    listing = ", ".join(f"{n} {t}" for n, t in enumerate(vote.options, start=1))
    raise BallotError(
        f"There is no option {given!r} in this vote; the options are {listing}.",
        de=f"Eine Option „{given}“ gibt es in dieser Abstimmung nicht; die Optionen sind "
        f"{listing}.",
    )


def ballot(vote: VoteState, points: Mapping[object, object], voter: str | None) -> tuple[int, ...]:
    """One person's points per option, checked against the rules announced for the vote."""
    if vote.counted is not None:
        raise BallotError(
            "The points of this vote were counted on the board; single ballots no longer count.",
            de="Die Punkte dieser Abstimmung wurden an der Wand gezählt; einzelne Stimmzettel "
            "zählen nicht mehr.",
        )
    owned = any(owner is not None for owner in vote.owners)
    if voter is None and not vote.anonymous:
        raise BallotError(
            "This vote is not anonymous: say who votes (voter).",
            de="Diese Abstimmung ist nicht anonym: Sag, wer abstimmt (voter).",
        )
    if voter is None and not vote.own and owned:
        raise BallotError(
            "In this vote nobody may give points to their own proposal: say who votes (voter) "
            "so that the rule can be checked. In an anonymous vote the name is not shown in any "
            "output.",
            de="In dieser Abstimmung darf niemand Punkte auf den eigenen Vorschlag setzen: Sag, "
            "wer abstimmt (voter), damit sich die Regel prüfen lässt. In einer anonymen "
            "Abstimmung steht der Name in keiner Ausgabe.",
        )
    if voter is not None and vote.voted(voter):
        raise BallotError(
            f"{voter} has voted already; each person casts one ballot.",
            de=f"{voter} hat schon abgestimmt; jede Person gibt einen Stimmzettel ab.",
        )
    given = [0] * len(vote.options)
    for key, value in points.items():
        number = option_number(vote, key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BallotError(
                f"Points are whole numbers from 0 up; got {value!r} for {describe(vote, number)}.",
                de=f"Punkte sind ganze Zahlen ab 0, nicht {value!r} für "
                f"{describe_de(vote, number)}.",
            )
        given[number - 1] += value
    total = sum(given)
    who = voter or "This ballot"
    if total == 0:
        raise BallotError(
            "A ballot needs at least one point.",
            de="Ein Stimmzettel braucht mindestens einen Punkt.",
        )
    if total > vote.points:
        raise BallotError(
            f"{who} gives {total} points, but each person has {vote.points} in this vote.",
            de=f"{voter or 'Dieser Stimmzettel'} vergibt {total} Punkte, aber jede Person hat "
            f"in dieser Abstimmung {_points_de(vote.points)}.",
        )
    for number, value in enumerate(given, start=1):
        if value > 1 and not vote.stacking:
            raise BallotError(
                f"Points may not be stacked in this vote: at most 1 per option, but {value} on "
                f"{describe(vote, number)}.",
                de="Punkte dürfen in dieser Abstimmung nicht gehäufelt werden: Höchstens 1 pro "
                f"Option, aber {value} auf {describe_de(vote, number)}.",
            )
        owner = vote.owners[number - 1] if number <= len(vote.owners) else None
        mine = voter is not None and owner is not None and owner.casefold() == voter.casefold()
        if value and mine and not vote.own:
            raise BallotError(
                f"{voter} brought {describe(vote, number)} and may not give points to their "
                "own proposal in this vote.",
                de=f"{voter} hat {describe_de(vote, number)} eingebracht und darf in dieser "
                "Abstimmung keine Punkte auf den eigenen Vorschlag setzen.",
            )
    return tuple(given)


def count(vote: VoteState, counts: Sequence[object], people: int) -> tuple[int, ...]:
    """The points per option as counted on the board, checked as far as counts can be."""
    if vote.ballots:
        raise BallotError(
            f"{len(vote.ballots)} ballots are in already; a count of the board would replace "
            "them. Go on with single ballots, or count on the board from the start.",
            de=f"{len(vote.ballots)} Stimmzettel "
            f"{'ist' if len(vote.ballots) == 1 else 'sind'} schon abgegeben; eine Zählung an der "
            f"Wand würde {'ihn' if len(vote.ballots) == 1 else 'sie'} ersetzen. Mach mit "
            "einzelnen Stimmzetteln weiter, oder zähl von vornherein an der Wand.",
        )
    if len(counts) != len(vote.options):
        raise BallotError(
            f"Give one count per option: {len(vote.options)} numbers, not {len(counts)}.",
            de=f"Gib eine Zahl pro Option an: {len(vote.options)} Zahlen, nicht {len(counts)}.",
        )
    result: list[int] = []
    for number, value in enumerate(counts, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BallotError(
                f"Counts are whole numbers from 0 up; got {value!r} for {describe(vote, number)}.",
                de=f"Gezählte Punkte sind ganze Zahlen ab 0, nicht {value!r} für "
                f"{describe_de(vote, number)}.",
            )
        if value > people and not vote.stacking:
            raise BallotError(
                f"{describe(vote, number)} has {value} points, but without stacking each of "
                f"the {people} people gives it at most one.",
                de=f"{describe_de(vote, number)} hat {value} Punkte, aber ohne Häufeln setzt jede "
                f"der {people} Personen höchstens einen Punkt darauf.",
            )
        result.append(value)
    most = vote.points * people
    if sum(result) > most:
        raise BallotError(
            f"The board shows {sum(result)} points, but {people} people with {vote.points} "
            f"points each give at most {most}.",
            de=f"An der Wand stehen {sum(result)} Punkte, aber {people} Personen mit je "
            f"{_points_de(vote.points)} vergeben höchstens {most}.",
        )
    return tuple(result)


def settle(vote: VoteState, winners: Sequence[object] | None) -> tuple[int, ...]:
    """The winners when the vote closes; a tie at the border must be settled with `winners`."""
    counts = vote.counts
    if sum(counts) == 0:
        raise BallotError(
            "No points have been given yet; there is nothing to close.",
            de="Noch hat niemand Punkte vergeben; es gibt nichts zu schließen.",
        )
    result = outcome(counts, vote.choose)
    if winners is None:
        if result.tied:
            tied = " and ".join(describe(vote, n) for n in result.tied)
            tied_de = " und ".join(describe_de(vote, n) for n in result.tied)
            points = counts[result.tied[0] - 1]
            example = [*result.clear, *result.tied[: result.places]]
            raise BallotError(
                f"Tie at the border: {tied} have {points} points each, for {result.places} "
                f"place{'s' if result.places > 1 else ''}. Decide together, then close the vote "
                f"with the winners, e.g. winners {example}.",
                de=f"Gleichstand an der Grenze: {tied_de} haben je {_points_de(points)}, für "
                f"{result.places} {'Plätze' if result.places > 1 else 'Platz'}. Entscheidet "
                "gemeinsam, dann schließ die Abstimmung mit den gewählten Optionen, z. B. "
                f"winners {example}.",
            )
        return result.clear
    chosen = [option_number(vote, w) for w in winners]
    if len(set(chosen)) != len(chosen):
        raise BallotError("Name each winner once.", de="Nenn jede gewählte Option nur einmal.")
    if not result.tied:
        if sorted(chosen) == sorted(result.clear):
            return result.clear
        raise BallotError(
            "The vote is clear, there is no tie to settle: "
            f"{', '.join(describe(vote, n) for n in result.clear)} win.",
            de="Das Ergebnis ist eindeutig, es gibt keinen Gleichstand zu entscheiden: "
            f"{', '.join(describe_de(vote, n) for n in result.clear)} "
            f"{'ist' if len(result.clear) == 1 else 'sind'} gewählt.",
        )
    needed = len(result.clear) + result.places
    missing = [n for n in result.clear if n not in chosen]
    strays = [n for n in chosen if n not in result.clear and n not in result.tied]
    if len(chosen) != needed or missing or strays:
        raise BallotError(
            f"Name {needed} winners: {', '.join(str(n) for n in result.clear) or 'none'} "
            f"(more points than the tie), and {result.places} of the tied options "
            f"{', '.join(str(n) for n in result.tied)}.",
            de=f"Nenn {needed} gewählte {'Option' if needed == 1 else 'Optionen'}: "
            f"{', '.join(str(n) for n in result.clear) or 'keine'} (mehr Punkte als im "
            f"Gleichstand) und {result.places} der Optionen im Gleichstand "
            f"{', '.join(str(n) for n in result.tied)}.",
        )
    return (*result.clear, *(n for n in chosen if n in result.tied))
