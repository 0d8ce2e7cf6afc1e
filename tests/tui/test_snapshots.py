"""What each screen looks like, in German and English, at 80×24 and at 160×48.

Fixed clock (Monday 13:55), fixed seed, no blinking cursor: a changed snapshot means a changed
screen. Update with `pytest tests/tui --snapshot-update` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from formatkern.clock import FakeClock
from formatkern.tui.app import FormatkernApp

from .conftest import MakeApp

SIZES = {"small": (80, 24), "large": (160, 48)}


def _steps(
    clock: FakeClock, *keys: str, minutes: float = 0
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Start the session, press `keys`, and let `minutes` pass in between."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        for key in keys:
            if key == "wait":
                clock.advance(minutes * 60)
                app = pilot.app
                assert isinstance(app, FormatkernApp)
                app.tick()
            else:
                await pilot.press(key)
            await pilot.pause()

    return run


async def _nothing(pilot: Pilot[None]) -> None:
    await pilot.pause()


SCREENS: dict[str, tuple[dict[str, Any], Callable[[FakeClock], Any]]] = {
    "start": ({}, lambda clock: _nothing),
    "casting": ({"format_ref": "kollegiale-beratung", "people": 7}, lambda clock: _steps(clock)),
    "running": ({}, lambda clock: _steps(clock, "n", "wait", minutes=17)),
    "projector": ({}, lambda clock: _steps(clock, "n", "wait", "p", minutes=3)),
    "help": ({}, lambda clock: _steps(clock, "question_mark")),
    "arrive": ({}, lambda clock: _steps(clock, "n", "j", "Z", "o", "e")),
    "leave": ({}, lambda clock: _steps(clock, "n", "l", "r", "a")),
    "jump": ({}, lambda clock: _steps(clock, "n", "wait", "n", "s", minutes=20)),
    "summary": ({}, lambda clock: _steps(clock, "n", "wait", "x", "enter", minutes=25)),
}


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_looks_right(
    snap_compare: Callable[..., bool],
    make: MakeApp,
    clock: FakeClock,
    screen: str,
    lang: str,
    size: str,
) -> None:
    options, steps = SCREENS[screen]
    app = make(lang=lang, **options)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=steps(clock))
