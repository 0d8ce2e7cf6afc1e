"""The arithmetic and counting under the mixer: finite fields, exact layouts, the lower bound."""

from __future__ import annotations

from itertools import combinations, product

import pytest

from formatkern.grouping._construct import construct
from formatkern.grouping._rings import GaloisField, prime_power, ring_of_size
from formatkern.grouping.bounds import count_repeats, lower_bound, meetings
from formatkern.grouping.sizes import split_sizes


@pytest.mark.parametrize("q", [4, 8, 9, 16, 25, 27])
def test_galois_fields_have_no_zero_divisors_and_distribute(q: int) -> None:
    field = ring_of_size(q)
    assert isinstance(field, GaloisField)
    for a, b in product(range(1, q), repeat=2):
        assert field.mul(a, b) != 0
    for a, b, c in list(product(range(q), repeat=3))[:: max(1, q // 3)]:
        assert field.mul(a, field.add(b, c)) == field.add(field.mul(a, b), field.mul(a, c))
        assert field.add(field.sub(a, b), b) == a


def test_prime_powers_are_recognised() -> None:
    assert prime_power(8) == (2, 3)
    assert prime_power(81) == (3, 4)
    assert prime_power(12) is None
    assert prime_power(1) is None


@pytest.mark.parametrize(
    ("n", "tables", "rounds", "reached"),
    [
        (16, 4, 5, 5),  # the affine plane of order 4
        (25, 5, 6, 6),  # ... of order 5
        (49, 7, 8, 8),  # ... of order 7
        (81, 9, 10, 10),  # ... of order 9, over GF(9)
        (30, 6, 3, 2),  # Z_6 allows two multipliers for five columns
        (150, 30, 7, 7),  # Z_30 with three columns of small differences
    ],
)
def test_the_affine_layout_reaches_as_many_rounds_as_theory_allows_with_no_repeat(
    n: int, tables: int, rounds: int, reached: int
) -> None:
    design = construct(n, tables, rounds)
    assert design is not None
    assert len(design.rounds) == reached
    assert count_repeats(design.rounds) == 0
    for tables_ in design.rounds:
        assert sorted(p for t in tables_ for p in t) == list(range(n))


def test_with_hosts_the_first_column_never_moves() -> None:
    design = construct(35, 7, 5, hosts=True)
    assert design is not None
    for tables_ in design.rounds:
        for t, table in enumerate(tables_):
            assert t in table


def test_the_lower_bound_of_hosts_is_their_surplus_of_seats() -> None:
    # each host sits with 30 traveller seats over 10 rounds but there are 24 travellers
    assert lower_bound(32, split_sizes(32, 8), 10, hosts=range(8)) == 48
    assert lower_bound(32, split_sizes(32, 8), 10) == 0
    # 16 people in 4 tables: everybody meets 3 a round, 15 others exist, so 6 rounds repeat
    assert lower_bound(16, [4, 4, 4, 4], 6) == 16 * 3 // 2


def brute_force_best(n: int, sizes: list[int], rounds: int) -> int:
    """The fewest repeats over every plan (tiny rooms only)."""
    people = list(range(n))

    def partitions(left: list[int], sizes_left: list[int]):  # type: ignore[no-untyped-def]
        if not sizes_left:
            yield []
            return
        first, rest = left[0], left[1:]
        for others in combinations(rest, sizes_left[0] - 1):
            table = [first, *others]
            remaining = [p for p in rest if p not in others]
            for more in partitions(remaining, sizes_left[1:]):
                yield [table, *more]

    options = list(partitions(people, sizes))
    best = None
    for plan in product(options, repeat=rounds - 1):
        repeats = count_repeats([options[0], *plan])
        best = repeats if best is None else min(best, repeats)
    return best or 0


@pytest.mark.parametrize(("n", "tables", "rounds"), [(6, 2, 3), (7, 2, 3), (8, 2, 4), (6, 3, 4)])
def test_the_lower_bound_never_exceeds_the_true_optimum(n: int, tables: int, rounds: int) -> None:
    sizes = split_sizes(n, tables)
    assert lower_bound(n, sizes, rounds) <= brute_force_best(n, sizes, rounds)


def test_repeats_count_every_meeting_after_the_first_including_the_past() -> None:
    rounds = [[[0, 1, 2], [3, 4, 5]], [[0, 1, 3], [2, 4, 5]]]
    assert count_repeats(rounds) == 2  # 0-1 and 4-5 meet again
    assert count_repeats(rounds[1:], meetings(rounds[:1])) == 2
    assert count_repeats(rounds[1:]) == 0
