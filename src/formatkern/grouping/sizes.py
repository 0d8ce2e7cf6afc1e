"""How many groups of which sizes a number of people splits into."""

from __future__ import annotations

import math

from formatkern.errors import GroupingError


def split_sizes(n: int, count: int) -> list[int]:
    """Sizes of `count` groups for `n` people, differing by at most one, largest first."""
    if count < 1:
        raise GroupingError(f"the number of groups must be at least 1, got {count}")
    if n < count:
        raise GroupingError(f"{n} people cannot fill {count} groups")
    base, extra = divmod(n, count)
    return [base + 1] * extra + [base] * (count - extra)


def count_for_size(n: int, size: int, min_size: int, max_size: int) -> int:
    """The number of groups for `n` people that keeps every group within [min_size, max_size]
    and as close as possible to the preferred `size`.

    Raises GroupingError naming the limits when no number of groups fits.
    """
    fitting = [c for c in range(1, n + 1) if min_size <= n // c and math.ceil(n / c) <= max_size]
    if not fitting:
        raise GroupingError(f"{n} people cannot be split into groups of {min_size} to {max_size}")
    return min(fitting, key=lambda c: (abs(n / c - size), c))
