"""Plugins load, clash, fail and misbehave; formatkern goes on and says which plugin it was."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from formatkern import hookimpl
from formatkern.cli import cli
from formatkern.extensions import Effect, TimerReading, TimerType
from formatkern.model import Text
from formatkern.plugins import DEFAULT_PLUGINS, PluginError, Plugins, reset_plugins


@pytest.fixture(autouse=True)
def _fresh_manager() -> Any:
    reset_plugins()
    yield
    reset_plugins()


def write(folder: Path, name: str, code: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(code, encoding="utf-8")
    return path


TIMER_PLUGIN = """
from formatkern import hookimpl
from formatkern.extensions import TimerReading, TimerType
from formatkern.model import Text

@hookimpl
def register_timers(register):
    register(TimerType("sanduhr", Text("Sanduhr", "Hourglass"),
             lambda timer, seconds, elapsed, n: TimerReading(seconds - elapsed)))
"""


def test_built_in_behaviour_is_registered_through_the_hooks() -> None:
    plugins = Plugins(load_installed=False).load()
    assert [info.name for info in plugins.info()] == list(DEFAULT_PLUGINS)
    assert set(plugins.timers()) == {"countdown", "per-speaker"}
    assert "tables" in plugins.arrangements()
    assert plugins.problems == []


def test_a_plugin_file_adds_a_timer_that_formats_can_use(tmp_path: Path) -> None:
    write(tmp_path / "plugins", "sanduhr", TIMER_PLUGIN)
    plugins = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False).load()
    assert "sanduhr" in plugins.timers()
    assert plugins.timers()["sanduhr"].read(None, 60, 20, 1).remaining == 40  # type: ignore[arg-type]


def test_two_plugins_registering_the_same_timer_are_refused_naming_both(tmp_path: Path) -> None:
    write(tmp_path / "plugins", "erste", TIMER_PLUGIN)
    write(tmp_path / "plugins", "zweite", TIMER_PLUGIN)
    plugins = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False)
    with pytest.raises(
        PluginError, match=r'timer "sanduhr" is registered by two plugins, erste and zweite'
    ):
        plugins.timers()


def test_a_plugin_that_fails_to_import_is_named_and_the_rest_load(tmp_path: Path) -> None:
    write(tmp_path / "plugins", "kaputt", "import does_not_exist\n")
    write(tmp_path / "plugins", "sanduhr", TIMER_PLUGIN)
    plugins = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False).load()
    assert [p.plugin for p in plugins.problems] == ["kaputt.py"]
    assert "ModuleNotFoundError" in plugins.problems[0].message
    assert "sanduhr" in plugins.timers()


def test_a_hook_with_a_misspelt_name_is_refused_loudly(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "tippfehler",
        "from formatkern import hookimpl\n\n@hookimpl\ndef register_timer(register):\n    pass\n",
    )
    plugins = Plugins(plugins_dir=tmp_path / "plugins", load_installed=False).load()
    assert len(plugins.problems) == 1
    assert "register_timer" in plugins.problems[0].message
    assert "tippfehler" not in [info.name for info in plugins.info()]


def test_an_on_event_hook_that_raises_is_reported_and_the_others_still_run() -> None:
    seen: list[str] = []

    class Broken:
        @hookimpl
        def on_event(self, event: Any) -> None:
            raise RuntimeError("no sound card")

    class Bell:
        @hookimpl
        def on_event(self, session: Any, event: Any) -> list[Effect]:
            seen.append(event.type)
            return [Effect("bell")]

    plugins = Plugins(load_installed=False)
    plugins.register_module(Bell(), "bell")
    plugins.register_module(Broken(), "broken")
    effects = plugins.dispatch(SimpleNamespace(), SimpleNamespace(type="time_up"))
    assert seen == ["time_up"]
    assert Effect("bell") in effects
    notices = [e.text for e in effects if e.kind == "notice"]
    assert notices == ["plugin broken: on_event raised RuntimeError at time_up: no sound card"]
    assert [p.plugin for p in plugins.problems] == ["broken"]


def test_load_plugins_names_a_plugin_that_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-nirgends")
    plugins = Plugins().load()
    assert [str(p) for p in plugins.problems] == [
        "plugin formatkern-nirgends: named in FORMATKERN_LOAD_PLUGINS but not installed"
    ]


def test_a_plugin_adds_a_command_to_the_cli(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "hallo",
        "import click\nfrom formatkern import hookimpl\n\n"
        "@hookimpl\ndef register_commands(cli):\n"
        "    @cli.command()\n    def hallo():\n        click.echo('Hallo aus dem Plugin')\n",
    )
    result = CliRunner().invoke(cli, ["--plugins-dir", str(tmp_path / "plugins"), "hallo"])
    assert result.exit_code == 0, result.output
    assert "Hallo aus dem Plugin" in result.stdout


def test_a_format_may_use_a_timer_from_a_plugin(tmp_path: Path) -> None:
    write(tmp_path / "plugins", "sanduhr", TIMER_PLUGIN)
    fmt = tmp_path / "f.toml"
    fmt.write_text(
        'format = 1\nid = "f"\ntitle = "F"\nparticipants = { min = 2 }\n\n'
        '[[phases]]\nid = "a"\ntitle = "A"\nduration = "5m"\ntimer = "sanduhr"\n',
        encoding="utf-8",
    )
    without = CliRunner().invoke(cli, ["check", str(fmt)])
    assert without.exit_code == 1
    assert 'unknown timer "sanduhr"' in without.stderr
    reset_plugins()
    with_plugin = CliRunner().invoke(
        cli, ["--plugins-dir", str(tmp_path / "plugins"), "check", str(fmt)]
    )
    assert with_plugin.exit_code == 0, with_plugin.output


def test_the_per_speaker_timer_gives_each_person_their_turn() -> None:
    timer_type: TimerType = Plugins(load_installed=False).timers()["per-speaker"]
    from formatkern.model import Timer

    timer = Timer("per-speaker", per_person=180)
    assert timer_type.read(timer, 900, 0, 5) == TimerReading(900, 0, 5, 180)
    assert timer_type.read(timer, 900, 400, 5) == TimerReading(500, 2, 5, 140)
    assert timer_type.read(timer, 900, 950, 5).speaker is None
    assert timer_type.title == Text("Redezeit pro Person", "Time per speaker")


def test_a_format_takes_over_a_role_template_and_changes_what_it_needs(tmp_path: Path) -> None:
    from formatkern.loader import load_format

    write(
        tmp_path / "plugins",
        "rollen",
        "from formatkern import hookimpl\nfrom formatkern.model import Role, Text\n\n"
        "@hookimpl\ndef register_roles(register):\n"
        "    register(Role('sprecherin', Text('Sprecher:in', 'Speaker'), Text('Spricht.')))\n",
    )
    fmt = tmp_path / "f.toml"
    fmt.write_text(
        'format = 1\nid = "f"\ntitle = "F"\nparticipants = { min = 3 }\n\n'
        '[[roles]]\nuse = "sprecherin"\ncount = 2\n\n'
        '[[roles]]\nuse = "zeitwaechter"\nid = "zeit"\n\n'
        '[[phases]]\nid = "a"\ntitle = "A"\nduration = "5m"\nspeaking = ["sprecherin", "zeit"]\n',
        encoding="utf-8",
    )
    from formatkern.plugins import use_plugins

    use_plugins(Plugins(plugins_dir=tmp_path / "plugins", load_installed=False))
    speaker, timekeeper = load_format(fmt).roles
    assert (speaker.id, speaker.title.en, speaker.count.default) == ("sprecherin", "Speaker", 2)
    assert (timekeeper.id, timekeeper.title.de) == ("zeit", "Zeitwächter:in")
