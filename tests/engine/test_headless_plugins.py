"""A plugin that fails while the meeting runs is named in an error line; the meeting goes on."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from formatkern import hookimpl
from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.extensions import Effect
from formatkern.headless import Runner
from formatkern.journal import MemoryJournal
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.plugins import Plugins, reset_plugins, use_plugins
from formatkern.session_files import session_meta

TEXT = """\
format = 1
id = "kurz"
title = "Kurz"
participants = { min = 2 }

[[phases]]
id = "eins"
title = "Eins"
duration = "1m"

[[phases]]
id = "zwei"
title = "Zwei"
duration = "1m"
"""


class Gong:
    @hookimpl
    def on_event(self, event: Any) -> list[Effect]:
        return [Effect("bell")] if event.type == "time_up" else []


class Broken:
    @hookimpl
    def on_event(self, event: Any) -> None:
        if event.type == "step_started":
            raise OSError("speaker unplugged")


@pytest.fixture
def plugins() -> Any:
    manager = Plugins(load_installed=False)
    manager.register_module(Gong(), "gong")
    manager.register_module(Broken(), "broken")
    use_plugins(manager)
    yield manager
    reset_plugins()


def test_a_failing_plugin_is_reported_by_name_and_the_bell_of_another_rings(plugins: Any) -> None:
    clock = FakeClock()
    plan = make_plan(parse_format(TEXT), Settings(People(4)))
    journal = MemoryJournal(session_meta(plan, TEXT, clock.now()))
    session = Session.create(plan, clock=clock, journal=journal)
    out = io.StringIO()
    runner = Runner(session, out)
    runner.handle('{"command": "start"}')
    clock.advance(61)
    runner.tick()
    runner.handle('{"command": "next"}')
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    errors = [line["message"] for line in lines if line["type"] == "error"]
    assert errors
    assert all("plugin broken: on_event raised OSError" in e for e in errors)
    assert any(line["type"] == "effect" and line["effect"] == "bell" for line in lines)
    assert session.state.step is not None
    assert session.state.step.phase.id == "zwei"
    assert [r.event["type"] for r in journal.read()].count("step_started") == 2
