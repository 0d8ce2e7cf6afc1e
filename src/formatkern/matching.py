"""Which offer meets which need: suggestions by shared words, and the facilitator's links.

A Tauschmarkt collects cards: what a person can give (offers) and what a person needs (needs).
An offer and a need of two different people are suggested as a match when they share a content
word: both texts are lowercased, umlauts and ß folded (ä and ae both become a), German and
English stop words and the words every card has ("Hilfe", "brauche", "offer") dropped, and a
light suffix stemming applied, so that "Fahrräder" meets "Fahrrad" and "repairs" meets "repair".
One word that begins or ends the other also counts, a little less: "Fahrrad" meets
"Fahrradreparatur", "Nachhilfe" meets "Nachhilfeunterricht".

The facilitator's links always count, whatever the words; an unlinked pair is never suggested.
Nobody is matched with themself. Everything here is pure and deterministic: the same cards
give the same matches, in the same order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from typing import Final

import attrs

from formatkern.state import Card, Market

MANUAL_WEIGHT: Final = 10.0
"""How much a link made by hand weighs when people are paired: more than any suggestion."""

NEAR: Final = 0.75
"""The weight of two words of which one begins or ends the other (a compound)."""

MIN_PART: Final = 4
"""The shortest word that counts as the beginning or end of a longer one."""

_STOP_DE: Final = """
    aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin
    bis bitte brauch brauche brauchen braucht da damit dann das dass dem den denn der des dich
    die dies diese diesem diesen dieser dir doch dort du durch ein eine einem einen einer eines
    einfach einmal er es etwas euch euer eure fur gebe geben gern gerne gibt habe haben hat
    helfe helfen hilfe ich ihm ihn ihr im immer in ins ist ja je jede jedem jeden jeder jemand
    jemanden jemandem kann kannst kein keine konnen konnte mal man manchmal mehr mein meine
    meinem meinen meiner mich mir mit moglich muss nach nicht noch nur ob oder ohne pro sehr
    sich sie sind so suche suchen sucht uber um und uns unser unsere unter unterstutzung viel
    vom von vor war was weil wenn wer wie wir wo zu zum zur
    biete bieten bietet angebot bedarf
"""
_STOP_EN: Final = """
    a about after all also an and any anyone are as at be been being but by can could do does
    for from get give giving have has help helping i if in into is it its just like looking me
    more my need needed needs of offer offering offers on or our out please some somebody
    someone something support that the their them then there they this to up us want wanted we
    what when who will with would you your
"""

_SUFFIXES: Final = (
    ("ungen", "ung"),
    ("ies", "y"),
    ("ing", ""),
    ("ern", ""),
    ("en", ""),
    ("er", ""),
    ("es", ""),
    ("ed", ""),
    ("e", ""),
    ("s", ""),
)
"""Endings taken off once, the first that fits, if at least three letters stay."""

_FOLD: Final = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_PAIRS: Final = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_WORD: Final = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase, umlauts and ß folded (written either way), other accents dropped."""
    lowered = text.casefold().translate(_FOLD)
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(ch)
    )
    for written, folded in _PAIRS:
        plain = plain.replace(written, folded)
    return plain


STOP_WORDS: Final = frozenset(fold(word) for word in (_STOP_DE + _STOP_EN).split())


def stem(word: str) -> str:
    """A folded word without its ending: "fahrrader" -> "fahrrad", "repairs" -> "repair"."""
    for suffix, replacement in _SUFFIXES:
        if suffix == "s" and word.endswith("ss"):
            continue
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


@cache
def words(text: str) -> tuple[str, ...]:
    """The stems of the content words of a card, in order, each once."""
    found = []
    for token in _WORD.findall(fold(text)):
        if len(token) < 3 or token.isdigit() or token in STOP_WORDS:
            continue
        stemmed = stem(token)
        if stemmed not in STOP_WORDS:
            found.append(stemmed)
    return tuple(dict.fromkeys(found))


def likeness(a: str, b: str) -> float:
    """1 for the same stem, `NEAR` where one begins or ends the other, else 0."""
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= MIN_PART and (long_.startswith(short) or long_.endswith(short)):
        return NEAR
    return 0.0


def overlap(offer: str, need: str) -> tuple[float, tuple[str, ...]]:
    """How well an offer's text meets a need's: the sum, over the need's words, of the best
    likeness to a word of the offer; and the need's words that met one."""
    given = words(offer)
    score = 0.0
    met: list[str] = []
    for word in words(need):
        best = max((likeness(word, other) for other in given), default=0.0)
        if best > 0:
            score += best
            met.append(word)
    return round(score, 2), tuple(met)


@attrs.frozen
class Match:
    """One offer meeting one need of someone else."""

    offer: Card
    need: Card
    score: float
    """The words' overlap (see `overlap`); 0 for a link without a common word."""
    manual: bool = False
    """Linked by the facilitator."""
    words: tuple[str, ...] = ()
    """The need's words (folded stems) that met a word of the offer."""

    @property
    def people(self) -> tuple[str, str]:
        """Who gives, who needs."""
        return (self.offer.person, self.need.person)

    @property
    def weight(self) -> float:
        """How much the match counts when people are paired."""
        return MANUAL_WEIGHT + self.score if self.manual else self.score


def same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def find_matches(market: Market) -> list[Match]:
    """Every match of the market: the links made by hand first, then the suggestions, the best
    first (ties by card number); never a person with themself, never an unlinked pair."""
    links = set(market.links)
    unlinked = set(market.unlinked)
    found: list[Match] = []
    for offer in market.offers:
        for need in market.needs:
            if same_person(offer.person, need.person):
                continue
            key = (offer.number, need.number)
            if key in unlinked and key not in links:
                continue
            score, met = overlap(offer.text, need.text)
            if key in links:
                found.append(Match(offer, need, score, manual=True, words=met))
            elif score > 0:
                found.append(Match(offer, need, score, words=met))
    found.sort(key=lambda m: (not m.manual, -m.score, m.offer.number, m.need.number))
    return found


def open_needs(market: Market, found: Sequence[Match]) -> tuple[Card, ...]:
    """The needs no offer meets (yet): what the closing round asks the room about."""
    met = {m.need.number for m in found}
    return tuple(n for n in market.needs if n.number not in met)


def pair_weights(
    found: Iterable[Match], people: Collection[str] | None = None
) -> dict[tuple[str, str], float]:
    """How strongly two people are matched: the weights of their matches, either way round,
    added up; keyed by the two names in sorted order. With `people`, only those."""
    weights: dict[tuple[str, str], float] = {}
    for match in found:
        a, b = match.people
        if people is not None and (a not in people or b not in people):
            continue
        key = (a, b) if a <= b else (b, a)
        weights[key] = round(weights.get(key, 0.0) + match.weight, 2)
    return weights
