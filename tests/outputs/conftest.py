"""Fixtures of the outputs tests: the Saturday Beratung of `story.py`, with and without consent."""

from __future__ import annotations

import pytest

from formatkern.engine import Session

from .story import beratung


@pytest.fixture(scope="module")
def session() -> Session:
    """The whole Beratung: Ben and Fatma allow their cases out, Dora does not."""
    return beratung()


@pytest.fixture(scope="module")
def everyone_agrees() -> Session:
    """The same morning, but Dora agrees too."""
    return beratung(consents=(1, 2, 3))
