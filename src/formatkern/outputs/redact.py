"""Confidentiality: what collected content may leave the session, and taking out what may not.

Content collected in a phase that is confidential (itself, or under a confidential rule) stays
out of every output unless the case it belongs to has its case giver's consent. Content of a
confidential phase that belongs to no case (a note in the case collection, a proposal that was
not chosen) has nobody who could consent, so it always stays out.

Two layers: the record is built through a `Disclosure`, which answers for each piece whether it
may appear and remembers the texts it held back; then `scrub` walks the finished record and
replaces any string that still holds one of those texts. Outputs, built-in or plugins', only
ever see the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from formatkern.state import SessionState, case_key

WITHHELD: Final = "[Inhalt vertraulich · confidential]"
"""What stands in the place of a withheld text in the record's events."""

SCRUB_SUBSTRINGS_FROM: Final = 6
"""Withheld texts at least this long are also taken out where they appear inside other texts
(a note that quotes a confidential one); shorter ones only where they stand alone, so that a
withheld "ja" does not mangle every word with a "ja" in it."""

UNSCRUBBED_KEYS: Final = frozenset({"format_text"})
"""The format file's text is the method author's, public, and needed to rebuild the session."""


@attrs.define
class Disclosure:
    """Which content of one session may appear in outputs; collects what it held back."""

    state: SessionState
    secrets: set[str] = attrs.field(factory=set)

    # -- questions -----------------------------------------------------------------------------

    def step_confidential(self, index: int | None) -> bool:
        if index is None:
            return False
        step = self.state.plan.steps[index]
        return self.state.plan.format.is_confidential(step.phase)

    def case_confidential(self, case: int | None) -> bool:
        """A case is confidential when any phase of its block is."""
        if case is None:
            return False
        return any(
            self.step_confidential(step.index)
            for step in self.state.plan.steps
            if case_key(step) == case
        )

    def released(self, case: int | None) -> bool:
        """The case giver has allowed the case's content out."""
        return case is not None and self.state.collecting.consent(case) is not None

    def withheld(self, step: int | None, case: int | None = None) -> bool:
        """Whether content collected in `step` (about `case`, default: the step's case) must
        stay out."""
        if case is None and step is not None:
            case = case_key(self.state.plan.steps[step])
        confidential = self.step_confidential(step) or self.case_confidential(case)
        return confidential and not self.released(case)

    def case_of_text(self, text: str) -> int | None:
        """The case a proposal or vote option became, found by its title."""
        for number, case in enumerate(self.state.cases, start=1):
            if case.title.casefold() == text.casefold():
                return number
        return None

    def title_withheld(self, case: int) -> bool:
        return self.case_confidential(case) and not self.released(case)

    # -- taking out ----------------------------------------------------------------------------

    def text(self, text: str, withheld: bool) -> str | None:
        """The text, or None when it must stay out (then it is remembered for `scrub`)."""
        if not withheld:
            return text
        self.secrets.add(text)
        return None


def scrub(value: Any, secrets: Iterable[str]) -> Any:
    """`value` with every withheld text replaced by `WITHHELD`, however deep it sits."""
    exact = {s for s in secrets if s}
    inner = sorted((s for s in exact if len(s) >= SCRUB_SUBSTRINGS_FROM), key=len, reverse=True)
    return _scrub(value, exact, inner)


def _scrub(value: Any, exact: set[str], inner: list[str]) -> Any:
    if isinstance(value, str):
        if value in exact:
            return WITHHELD
        for secret in inner:
            if secret in value:
                value = value.replace(secret, WITHHELD)
        return value
    if isinstance(value, Mapping):
        return {
            key: item if key in UNSCRUBBED_KEYS else _scrub(item, exact, inner)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(item, exact, inner) for item in value]
    return value


def redact_event(data: Mapping[str, Any], d: Disclosure) -> dict[str, Any]:
    """An event's JSON form with withheld texts replaced, so that the record's events still
    rebuild the session (timing, groups, roles) with the content marked as left out."""
    event = dict(data)
    kind = event.get("type")
    step = event.get("step")
    if kind in (
        "note_added",
        "idea_added",
        "harvest_added",
        "decision_recorded",
        "offer_added",
        "need_added",
    ):
        if d.withheld(step):
            event["text"] = WITHHELD
    elif kind == "key_question_set":
        if d.withheld(step, event.get("case")):
            event["text"] = WITHHELD
    elif kind == "proposal_added":
        if d.withheld(step, d.case_of_text(event["text"])):
            event.update(text=WITHHELD, owner=None)
    elif kind == "vote_opened":
        options, owners = event["options"], event["owners"]
        hidden = [d.withheld(step, d.case_of_text(text)) for text in options]
        event["options"] = [WITHHELD if h else t for h, t in zip(hidden, options, strict=True)]
        event["owners"] = [None if h else o for h, o in zip(hidden, owners, strict=True)]
    elif kind == "ballot_cast":
        vote = d.state.collecting.vote(step) if isinstance(step, int) else None
        if vote is None or vote.anonymous:
            event["voter"] = None
    elif kind == "cases_chosen":
        event["cases"] = [
            WITHHELD if d.title_withheld(number) else title
            for number, title in enumerate(event["cases"], start=1)
        ]
    elif kind == "option_chosen" and d.withheld(step):
        event["option"] = WITHHELD
    return event
