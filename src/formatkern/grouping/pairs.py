"""Rounds of pairs with a new partner every round (Team-Tango, partner interviews).

The circle method: with an even number m of places, one place stays and the others turn by one
each round, so m - 1 rounds bring every pair together exactly once. An odd group gets an empty
place; whoever faces it observes, or joins a pair as the third of a trio (chosen so that the
trio brings no repeated meeting whenever that is possible). Who leads is balanced over the
rounds: in each pair the person who has led less leads.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from formatkern.errors import GroupingError
from formatkern.grouping.bounds import Pair, pair
from formatkern.model import OddPerson


@attrs.frozen
class PairRound:
    """One round: pairs as (lead, follow), plus the odd person as trio member or observer."""

    pairs: tuple[tuple[int, int], ...]
    trio: tuple[int, int, int] | None = None
    """(lead, follow, third): the third joins this pair for the round."""
    observer: int | None = None
    swap: bool = False
    """Lead and follow swap halfway through the round."""

    @property
    def people(self) -> tuple[int, ...]:
        """Everyone who takes part in the round (not the observer)."""
        out = [p for two in self.pairs for p in two]
        if self.trio is not None:
            out.extend(self.trio)
        return tuple(out)

    @property
    def groups(self) -> tuple[tuple[int, ...], ...]:
        """The pairs and the trio as groups of people who work together."""
        trio = (self.trio,) if self.trio is not None else ()
        return (*self.pairs, *trio)


def max_pair_rounds(n: int) -> int:
    """How many rounds of the circle method n people have before a partner comes back."""
    if n < 2:
        return 0
    return n - 1 if n % 2 == 0 else n


def partner_meetings(rounds: Iterable[PairRound]) -> Counter[Pair]:
    """How often each pair worked together (in a pair or in a trio)."""
    met: Counter[Pair] = Counter()
    for one in rounds:
        for group in one.groups:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    met[pair(a, b)] += 1
    return met


def partner_repeats(rounds: Iterable[PairRound], met: Mapping[Pair, int] | None = None) -> int:
    """Meetings of partners who had worked together before, in these rounds or in `met`
    (0 means all partners new)."""
    prior = met or {}
    return sum(
        times if prior.get(key, 0) > 0 else times - 1
        for key, times in partner_meetings(rounds).items()
    )


def _circle(places: int, k: int) -> list[tuple[int, int]]:
    """Round k of the circle method for an even number of places (the last place stays)."""
    turning = places - 1
    out = [(turning, k)]
    for i in range(1, places // 2):
        out.append(((k + i) % turning, (k - i) % turning))
    return out


def pair_rounds(
    n: int,
    rounds: int,
    *,
    odd: OddPerson = OddPerson.TRIO,
    swap: bool = False,
    seed: int | str = 0,
    met: Mapping[Pair, int] | None = None,
    observed: Mapping[int, int] | None = None,
) -> list[PairRound]:
    """`rounds` rounds of pairs for people 0..n-1 in which nobody meets a partner twice.

    With an odd number the one left over observes or joins a pair (`odd`). A trio adds
    meetings, so close to the maximum number of rounds a trio may meet someone again; then the
    plan with the fewest such repeats is returned (see `partner_repeats`). To plan the rest of
    a session after somebody arrived or left, pass the partners who already met (`met`, e.g.
    `partner_meetings(past)`) and how often each person observed (`observed`): people are then
    placed on the circle so that old partners meet as little as possible and observing goes to
    those who observed least.
    """
    if n < 2:
        raise GroupingError(f"pairs need at least 2 people, got {n}")
    if rounds < 0:
        raise GroupingError(f"the number of rounds cannot be negative, got {rounds}")
    most = max_pair_rounds(n)
    if rounds > most:
        raise GroupingError(
            f"{n} people have {most} rounds of new partners; {rounds} rounds would bring "
            "partners together again"
        )
    rng = random.Random(seed)
    prior = {pair(a, b): times for (a, b), times in (met or {}).items() if times > 0}
    load = dict(observed or {})
    places = n + n % 2
    people = list(range(n))
    rng.shuffle(people)
    order = list(range(places - 1))
    rng.shuffle(order)

    def build(people: list[int]) -> tuple[tuple[int, int], list[PairRound]]:
        plan = [
            [
                (people[a], people[b]) if max(a, b) < n else (people[min(a, b)], -1)
                for a, b in _circle(places, k)
            ]
            for k in order[:rounds]
        ]
        candidate = _settle_odd(plan, odd, swap, prior, rng)
        watching = sum(load.get(one.observer, 0) for one in candidate if one.observer is not None)
        return (partner_repeats(candidate, prior), watching), candidate

    score, best = build(people)
    tries = 0
    if (prior or load or (n % 2 and odd is OddPerson.TRIO)) and n > 2:
        tries = 20 * n
    for _ in range(tries):
        if score == (0, 0):
            break
        # move someone to another place on the circle, or use another round of the circle
        swapped = people if rng.random() < 0.5 or len(order) < 2 else order
        a, b = rng.sample(range(len(swapped)), 2)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        new_score, candidate = build(people)
        if new_score <= score:
            score, best = new_score, candidate
        else:
            swapped[a], swapped[b] = swapped[b], swapped[a]
    return _orient(best, rng)


def _settle_odd(
    plan: list[list[tuple[int, int]]],
    odd: OddPerson,
    swap: bool,
    prior: Mapping[Pair, int],
    rng: random.Random,
) -> list[PairRound]:
    """Turn circle rounds into PairRounds; the person facing the empty place (-1) is odd."""
    met: Counter[Pair] = Counter(prior)
    met.update(pair(a, b) for one in plan for a, b in one if b >= 0)
    out = []
    for one in plan:
        pairs = [(a, b) for a, b in one if b >= 0]
        alone = [a for a, b in one if b < 0]
        if not alone:
            out.append(PairRound(tuple(pairs), swap=swap))
            continue
        x = alone[0]
        if odd is OddPerson.OBSERVER or not pairs:
            out.append(PairRound(tuple(pairs), observer=x, swap=swap))
            continue
        scores = [met[pair(x, a)] + met[pair(x, b)] for a, b in pairs]
        low = min(scores)
        choice = rng.choice([i for i, s in enumerate(scores) if s == low])
        a, b = pairs.pop(choice)
        met[pair(x, a)] += 1
        met[pair(x, b)] += 1
        out.append(PairRound(tuple(pairs), trio=(a, b, x), swap=swap))
    return out


def _orient(plan: Sequence[PairRound], rng: random.Random) -> list[PairRound]:
    """Decide who leads: whoever has led less so far, then whoever followed last time."""
    led: Counter[int] = Counter()
    last_led: dict[int, bool] = {}

    def order(group: Sequence[int]) -> list[int]:
        ranked = sorted(group, key=lambda p: (led[p], last_led.get(p, False), rng.random()))
        for i, p in enumerate(ranked):
            led[p] += 1 if i == 0 else 0
            last_led[p] = i == 0
        return ranked

    rounds = [[order(two) for two in one.pairs] for one in plan]
    trios = [order(one.trio) if one.trio is not None else None for one in plan]
    _balance(rounds, trios)
    out = []
    for one, pairs, trio in zip(plan, rounds, trios, strict=True):
        oriented = sorted(((lead, follow) for lead, follow in pairs), key=min)
        out.append(
            PairRound(
                tuple(oriented),
                trio=(trio[0], trio[1], trio[2]) if trio is not None else None,
                observer=one.observer,
                swap=one.swap,
            )
        )
    return out


def _balance(rounds: list[list[list[int]]], trios: list[list[int] | None]) -> None:
    """Hand the lead to the partner while that evens out who leads how often."""
    surplus: Counter[int] = Counter()
    for pairs, trio in zip(rounds, trios, strict=True):
        for lead, follow in pairs:
            surplus[lead] += 1
            surplus[follow] -= 1
        if trio is not None:
            surplus[trio[0]] += 1
            surplus[trio[1]] -= 1
            surplus[trio[2]] -= 1
    changed = True
    while changed:
        changed = False
        for pairs, trio in zip(rounds, trios, strict=True):
            groups = [*pairs, *([trio] if trio is not None else [])]
            for group in groups:
                lead = group[0]
                other = min(group[1:], key=lambda p: surplus[p])
                if surplus[lead] - surplus[other] > 2:
                    surplus[lead] -= 2
                    surplus[other] += 2
                    i = group.index(other)
                    group[0], group[i] = other, lead
                    changed = True
