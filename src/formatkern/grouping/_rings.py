"""Small finite rings for the exact table constructions: Z_g and the fields GF(p^k).

The constructions only need subtraction and multiplication of elements 0..size-1, so a ring
here is just those two operations. Fields are built from an irreducible polynomial found by
trial division, which is fast for the sizes a room of people ever needs.
"""

from __future__ import annotations

from typing import Protocol


class Ring(Protocol):
    """Elements are the integers 0..size-1; `zero` is 0."""

    size: int

    def add(self, a: int, b: int) -> int: ...

    def sub(self, a: int, b: int) -> int: ...

    def mul(self, a: int, b: int) -> int: ...


class Cyclic:
    """The integers modulo `size` (a field exactly when `size` is prime)."""

    def __init__(self, size: int) -> None:
        self.size = size

    def add(self, a: int, b: int) -> int:
        return (a + b) % self.size

    def sub(self, a: int, b: int) -> int:
        return (a - b) % self.size

    def mul(self, a: int, b: int) -> int:
        return (a * b) % self.size


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, k) with p prime and p**k == q, or None when q is not a prime power."""
    if q < 2:
        return None
    p = next(d for d in range(2, q + 1) if q % d == 0)
    k = 0
    while q % p == 0:
        q //= p
        k += 1
    return (p, k) if q == 1 else None


def _digits(value: int, p: int, k: int) -> list[int]:
    """Coefficients (lowest first) of the polynomial that `value` encodes in base p."""
    out = []
    for _ in range(k):
        value, digit = divmod(value, p)
        out.append(digit)
    return out


def _poly_mod(poly: list[int], modulus: list[int], p: int) -> list[int]:
    """Remainder of `poly` divided by the monic `modulus` over GF(p), lowest coefficient first."""
    rest = list(poly)
    degree = len(modulus) - 1
    for top in range(len(rest) - 1, degree - 1, -1):
        factor = rest[top] % p
        if factor:
            shift = top - degree
            for i, coefficient in enumerate(modulus):
                rest[shift + i] = (rest[shift + i] - factor * coefficient) % p
    return [c % p for c in rest[:degree]] + [0] * max(0, degree - len(rest))


def _is_irreducible(modulus: list[int], p: int) -> bool:
    """True when no monic polynomial of degree 1..k/2 divides `modulus` over GF(p)."""
    k = len(modulus) - 1
    for degree in range(1, k // 2 + 1):
        for low in range(p**degree):
            divisor = [*_digits(low, p, degree), 1]
            if not any(_poly_mod(modulus, divisor, p)):
                return False
    return True


class GaloisField:
    """GF(p^k) with elements encoded as base-p numbers of their polynomial coefficients."""

    def __init__(self, p: int, k: int) -> None:
        self.p = p
        self.k = k
        self.size = p**k
        self.modulus = self._find_modulus()

    def _find_modulus(self) -> list[int]:
        for low in range(self.p**self.k):
            candidate = [*_digits(low, self.p, self.k), 1]
            if candidate[0] and _is_irreducible(candidate, self.p):
                return candidate
        raise AssertionError(f"no irreducible polynomial of degree {self.k} over GF({self.p})")

    def _encode(self, digits: list[int]) -> int:
        value = 0
        for digit in reversed(digits):
            value = value * self.p + digit
        return value

    def add(self, a: int, b: int) -> int:
        p, k = self.p, self.k
        pairs = zip(_digits(a, p, k), _digits(b, p, k), strict=True)
        return self._encode([(x + y) % p for x, y in pairs])

    def sub(self, a: int, b: int) -> int:
        p, k = self.p, self.k
        pairs = zip(_digits(a, p, k), _digits(b, p, k), strict=True)
        return self._encode([(x - y) % p for x, y in pairs])

    def mul(self, a: int, b: int) -> int:
        p, k = self.p, self.k
        xs, ys = _digits(a, p, k), _digits(b, p, k)
        product = [0] * (2 * k - 1)
        for i, x in enumerate(xs):
            if x:
                for j, y in enumerate(ys):
                    product[i + j] += x * y
        return self._encode(_poly_mod(product, self.modulus, p))


def ring_of_size(size: int) -> Ring:
    """The field of that size when there is one, else the cyclic ring Z_size."""
    power = prime_power(size)
    if power is None or power[1] == 1:
        return Cyclic(size)
    return GaloisField(*power)
