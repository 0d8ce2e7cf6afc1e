"""A room for the engine tests: a fake clock on a Monday at nine, sessions of the seed formats."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan

from .room import TEAM, MakeSession, format_text


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock.local(2026, 3, 2, 9, 0)


@pytest.fixture
def make_session(clock: FakeClock) -> MakeSession:
    """A session of a seed format, planned to start at 09:00, kept in memory."""

    def make(
        format_id: str = "kollegiale-beratung",
        people: int | Sequence[str] = TEAM,
        **settings: object,
    ) -> Session:
        text = format_text(format_id)
        who = People(people) if isinstance(people, int) else People.of_names(list(people))
        plan = make_plan(parse_format(text), Settings(people=who, **settings))  # type: ignore[arg-type]
        return Session.create(plan, clock=clock, format_text=text, seed=7, mix_seconds=0.2)

    return make


@pytest.fixture
def kb(make_session: MakeSession) -> Session:
    """A Kollegiale Beratung for one case, started at 09:00."""
    session = make_session()
    session.start()
    return session
