"""Each hook as a plugin author uses it: a file in --plugins-dir, and what formatkern then does.

`test_hook_docs.py` checks that every hook is named by at least one test; this file holds the
tests of the hooks no other test file exercises by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from formatkern import hookimpl
from formatkern.cli import cli
from formatkern.events import TimeUp
from formatkern.extensions import ArrangementType, Effect, RoleTemplate
from formatkern.model import Arrangement, Text
from formatkern.plugins import PluginError, Plugins, reset_plugins
from formatkern.scaffold import write_format


@pytest.fixture(autouse=True)
def _fresh_manager() -> Iterator[None]:
    reset_plugins()
    yield
    reset_plugins()


def plugin_file(folder: Path, name: str, code: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(code, encoding="utf-8")
    return path


def formatkern(*args: str) -> Result:
    reset_plugins()
    return CliRunner().invoke(cli, list(args))


FORMATS_PLUGIN = """
from pathlib import Path
from formatkern import hookimpl

@hookimpl
def register_formats(register):
    register(Path(__file__).parent / "methoden")
"""


def test_register_formats_adds_methods_that_shadow_built_ins_and_yield_to_local_folders(
    tmp_path: Path,
) -> None:
    plugins = tmp_path / "plugins"
    plugin_file(plugins, "methoden", FORMATS_PLUGIN)
    (plugins / "methoden").mkdir()
    write_format("stille-post", plugins / "methoden")
    write_format("world-cafe", plugins / "methoden")

    listing = formatkern("--plugins-dir", str(plugins), "list")
    assert listing.exit_code == 0, listing.output
    rows = {line.split()[0]: line for line in listing.stdout.split("\n\n")[0].splitlines()[1:]}
    assert "plugin methoden" in rows["stille-post"]
    assert rows["world-cafe"].endswith("plugin methoden, verdeckt eingebaut")

    local = tmp_path / "local"
    local.mkdir()
    write_format("world-cafe", local)
    again = formatkern("--plugins-dir", str(plugins), "--formats-dir", str(local), "list")
    rows = {line.split()[0]: line for line in again.stdout.split("\n\n")[0].splitlines()[1:]}
    assert rows["world-cafe"].endswith(f"local {local}, verdeckt eingebaut, plugin methoden")


ROLES_PLUGIN = """
from formatkern import hookimpl
from formatkern.extensions import RoleTemplate
from formatkern.model import Text

@hookimpl
def register_roles(register):
    register(RoleTemplate("zeitansage", Text("Zeitwächter:in", "Timekeeper"),
                          task=Text("Sagt an, wann die Zeit um ist.", "Calls time.")))
"""


def test_register_roles_offers_a_role_template_and_plugins_shows_it(tmp_path: Path) -> None:
    plugin_file(tmp_path / "plugins", "zeit", ROLES_PLUGIN)
    manager = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False)
    role = manager.roles()["zeitansage"]
    assert isinstance(role, RoleTemplate)
    assert role.title.get("en") == "Timekeeper"

    shown = formatkern("--plugins-dir", str(tmp_path / "plugins"), "plugins")
    assert f"zeit  (file {tmp_path / 'plugins' / 'zeit.py'})\n    role: zeitansage\n" in (
        shown.stdout
    )


def test_register_roles_of_two_plugins_with_one_id_are_refused_naming_both(
    tmp_path: Path,
) -> None:
    plugin_file(tmp_path / "plugins", "zeit", ROLES_PLUGIN)
    plugin_file(tmp_path / "plugins", "zeit_auch", ROLES_PLUGIN)
    manager = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False)
    with pytest.raises(PluginError, match='role "zeitansage" is registered by two plugins, zeit'):
        manager.roles()


def fishbowl_sizes(arrangement: Arrangement, people: int) -> tuple[tuple[int, ...], int]:
    """Four talk in the inner circle, everyone else watches."""
    inner = min(4, people)
    return (inner,), people - inner


class Fishbowl:
    @hookimpl
    def register_arrangements(self, register: Any) -> None:
        register(ArrangementType("fishbowl", Text("Fishbowl", "Fishbowl"), fishbowl_sizes))


def test_register_arrangements_describes_a_new_kind_and_how_it_splits_the_room() -> None:
    manager = Plugins(load_installed=False)
    manager.register_module(Fishbowl(), "fishbowl")
    fishbowl = manager.arrangements()["fishbowl"]
    assert fishbowl.sizes(Arrangement(), 12) == ((4,), 8)
    assert "tables" in manager.arrangements(), "the built-in kinds stay"


def test_register_arrangements_cannot_take_over_a_built_in_kind() -> None:
    class OwnTables:
        @hookimpl
        def register_arrangements(self, register: Any) -> None:
            register(ArrangementType("tables", Text("Tische", "Tables"), fishbowl_sizes))

    manager = Plugins(load_installed=False)
    manager.register_module(OwnTables(), "eigene-tische")
    with pytest.raises(
        PluginError,
        match=re.escape(
            '"tables" is registered by two plugins, '
            "formatkern.builtins.arrangements and eigene-tische"
        ),
    ):
        manager.arrangements()


TIMER_PLUGIN = """
from formatkern import hookimpl
from formatkern.extensions import TimerReading, TimerType
from formatkern.model import Text

def read(timer, seconds, elapsed, speakers):
    # the last minute counts double, as on a chess clock in time trouble
    left = seconds - elapsed
    return TimerReading(remaining=left if left > 60 else left / 2)

@hookimpl
def register_timers(register):
    register(TimerType("ampel", Text("Ampel", "Traffic light"), read))
"""


def test_register_timers_adds_a_pure_timer_that_formatkern_plugins_lists(tmp_path: Path) -> None:
    plugin_file(tmp_path / "plugins", "ampel", TIMER_PLUGIN)
    manager = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False)
    ampel = manager.timers()["ampel"]
    assert ampel.read(None, 600, 300, 4).remaining == 300  # type: ignore[arg-type]
    assert ampel.read(None, 600, 580, 4).remaining == 10  # type: ignore[arg-type]
    shown = formatkern("--plugins-dir", str(tmp_path / "plugins"), "plugins")
    assert "    timer: ampel\n" in shown.stdout


OUTPUT_PLUGIN = """
from formatkern import hookimpl
from formatkern.extensions import OutputType
from formatkern.model import Text

def render(record, lang):
    lines = [f"{record['kind']} {record['format']['id']} ({lang})"]
    for step in record["agenda"]:
        lines.append(f"{step['start'][-5:]} {step['title'][lang]}")
    return "\\n".join(lines) + "\\n"

@hookimpl
def register_outputs(register):
    register(OutputType("aushang", Text("Aushang", "Notice"), ".txt", render))
"""


def test_register_outputs_gives_plan_a_new_format_rendered_from_the_record(
    tmp_path: Path,
) -> None:
    plugin_file(tmp_path / "plugins", "aushang", OUTPUT_PLUGIN)
    args = ["world-cafe", "--participants", "20", "--start", "14:00", "--lang", "en"]
    result = formatkern(
        "--plugins-dir", str(tmp_path / "plugins"), "plan", *args, "--format", "aushang"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "plan world-cafe (en)",
        "14:00 Welcome",
        "14:10 Café rounds",
        "14:30 Café rounds",
        "14:50 Café rounds",
        "15:10 Harvest",
    ]


def test_register_commands_that_fails_is_named_and_the_other_commands_work(
    tmp_path: Path,
) -> None:
    plugin_file(
        tmp_path / "plugins",
        "kaputt",
        "from formatkern import hookimpl\n\n"
        "@hookimpl\ndef register_commands(cli):\n    raise RuntimeError('kein click')\n",
    )
    result = formatkern("--plugins-dir", str(tmp_path / "plugins"), "list")
    assert result.exit_code == 0, result.output
    assert "world-cafe" in result.stdout
    assert "warning: plugin kaputt: register_commands failed: kein click" in result.stderr


def test_on_event_may_take_only_the_event_and_return_nothing() -> None:
    heard: list[str] = []

    class Listener:
        @hookimpl
        def on_event(self, event: Any) -> None:
            heard.append(event.type)

    class Bell:
        @hookimpl
        def on_event(self, session: Any, event: Any) -> list[Effect]:
            return [Effect("bell")] if session == "raum 1" else []

    manager = Plugins(load_installed=False)
    manager.register_module(Listener(), "listener")
    manager.register_module(Bell(), "bell")
    assert manager.dispatch("raum 1", TimeUp(at=0.0, step=2)) == [Effect("bell")]
    assert heard == ["time_up"]
    assert manager.problems == []
