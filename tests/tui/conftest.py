"""A control desk on a fake clock: fixed time, fixed seed, the four seed methods, no plugins.

Nothing here sleeps: time passes with `clock.advance`, and `pilot.pause()` only lets Textual's
messages flow.
"""

from __future__ import annotations

import asyncio
import inspect
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from formatkern.catalog import Catalog, Source
from formatkern.clock import FakeClock
from formatkern.participants import DEMO_NAMES, People
from formatkern.plugins import Plugins
from formatkern.tui.app import FormatkernApp, make_app
from formatkern.tui.screens.running import RunningScreen

ROOT = Path(__file__).resolve().parents[2]
SEED_FORMATS = ("gallery-walk", "kollegiale-beratung", "team-tango", "world-cafe")
NAMES = DEMO_NAMES

MakeApp = Callable[..., FormatkernApp]


@pytest.fixture(autouse=True)
def _steady_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor anywhere, so two screenshots of the same moment are the same."""
    original_input = Input.on_mount if hasattr(Input, "on_mount") else None
    original_area = TextArea.on_mount if hasattr(TextArea, "on_mount") else None

    def still_input(self: Input, *args: Any) -> None:
        self.cursor_blink = False
        if original_input is not None:
            original_input(self, *args)

    def still_area(self: TextArea, *args: Any) -> None:
        self.cursor_blink = False
        if original_area is not None:
            original_area(self, *args)

    monkeypatch.setattr(Input, "on_mount", still_input, raising=False)
    monkeypatch.setattr(TextArea, "on_mount", still_area, raising=False)


@pytest.fixture
def clock() -> FakeClock:
    """Monday, 2 March 2026, 13:55 local time: five minutes before a 14:00 start."""
    return FakeClock.local(2026, 3, 2, 13, 55)


@pytest.fixture
def catalog() -> Catalog:
    return Catalog([Source("built-in", ROOT / "formats" / f"{f}.toml") for f in SEED_FORMATS])


@pytest.fixture
def plugins() -> Plugins:
    return Plugins(load_installed=False)


@pytest.fixture
def make(clock: FakeClock, catalog: Catalog, plugins: Plugins, tmp_path: Path) -> MakeApp:
    """The app as `formatkern run` makes it, with the test's clock, catalog and folders."""

    def factory(
        format_ref: str | None = "world-cafe",
        people: People | int | None = 20,
        **options: Any,
    ) -> FormatkernApp:
        who: People | None
        if isinstance(people, int):
            who = People.of_names(list(NAMES[:people])) if people <= len(NAMES) else People(people)
        else:
            who = people
        settings: dict[str, Any] = {
            "lang": "de",
            "clock": clock,
            "catalog": catalog,
            "plugins": plugins,
            "sessions_folder": tmp_path / "sessions",
            "seed": 7,
            "tick_interval": None,
            "start": 14 * 3600,
            "keymap": {},
            "memory": True,
        }
        settings.update(options)
        return make_app(format_ref, who, **settings)

    return factory


async def start_session(pilot: Pilot[None]) -> RunningScreen:
    """Press "Los geht's" on the start screen and return the running screen."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    app = pilot.app
    for screen in app.screen_stack:
        if isinstance(screen, RunningScreen):
            return screen
    raise AssertionError(f"no running screen, the stack is {app.screen_stack}")


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal shows right now, as plain text (what a facilitator reads)."""
    app = pilot.app
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    """Let time pass in the room, then let the app notice (as its refresh loop would)."""
    clock.advance(seconds)
    app = pilot.app
    assert isinstance(app, FormatkernApp)
    app.tick()
    await pilot.pause()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed for Pilot)."""
    function = pyfuncitem.obj
    if not inspect.iscoroutinefunction(function):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(function(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


async def type_in(pilot: Pilot[None], text: str) -> None:
    """Type into the focused field (the whole text at once), without pressing Enter."""
    field = pilot.app.focused
    assert isinstance(field, Input)
    field.insert_text_at_cursor(text)
    await pilot.pause()


async def write(pilot: Pilot[None], text: str) -> None:
    """Type into the focused field and press Enter."""
    await type_in(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


def notices(app: FormatkernApp) -> list[str]:
    """The notifications the desk has shown, oldest first."""
    return [n.message for n in app._notifications]
