"""A facilitator who looks away still notices the end of a phase: bell, flash, and a gong.

Commands are started for real where the test is about what the command receives (a tiny
Python script records its arguments and environment), and through an injected `popen` where
the test is about how it is started. No test sleeps: a started command is waited for with
`Popen.wait`, which returns the moment the command ends.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import formatkern_alerts
import pytest
from click.testing import CliRunner
from formatkern_alerts import ALERTS, AlertError, Alerts

from formatkern.cli import cli
from formatkern.events import NoteAdded, StepStarted, TimerWarning, TimeUp
from formatkern.extensions import Effect
from formatkern.plugins import Plugins, reset_plugins

BELL_AND_FLASH = [Effect("bell"), Effect("flash")]
WARNING_20 = TimerWarning(at=100.0, step=3, level=20)
WARNING_5 = TimerWarning(at=200.0, step=3, level=5)
TIME_UP = TimeUp(at=240.0, step=3)
SESSION = object()

RECORDER = """\
import json, os, sys

out, *words = sys.argv[1:]
seen = {key: value for key, value in os.environ.items() if key.startswith("FORMATKERN_")}
with open(out + ".part", "w", encoding="utf-8") as file:
    json.dump({"argv": words, "stdin": sys.stdin.read(), "env": seen}, file)
os.replace(out + ".part", out)
"""


@pytest.fixture(autouse=True)
def _no_user_set_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test sees the developer's own alert command, config file or other plugins."""
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "")
    monkeypatch.delenv("FORMATKERN_ALERT_COMMAND", raising=False)
    for name in ("FORMATKERN_EVENT", "FORMATKERN_LEVEL", "FORMATKERN_STEP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(ALERTS, "config_path", tmp_path / "config" / "alerts.toml")
    monkeypatch.setattr(ALERTS, "reported", set())
    monkeypatch.setattr(ALERTS, "running", [])
    reset_plugins()
    yield
    reset_plugins()


@pytest.fixture
def recorder(tmp_path: Path) -> Path:
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER, encoding="utf-8")
    return script


class Started:
    """Popen as the plugin calls it, keeping the real processes so the test can wait for them."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []

    def __call__(self, argv: list[str], **options: Any) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(argv, **options)
        self.processes.append(process)
        return process

    def finished(self) -> list[subprocess.Popen[bytes]]:
        for process in self.processes:
            assert process.wait(timeout=60) == 0
        return self.processes


class FakeProcess:
    """A started command that can only be polled: the plugin never waits for it."""

    def __init__(self, ended: bool = False) -> None:
        self.ended = ended

    def poll(self) -> int | None:
        return 0 if self.ended else None


class Recorded:
    """A fake popen that records each call instead of starting anything."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], dict[str, Any]]] = []

    def __call__(self, argv: list[str], **options: Any) -> FakeProcess:
        self.calls.append((argv, options))
        return FakeProcess()


def manager_with(plugin: object) -> Plugins:
    plugins = Plugins(load_installed=False)
    plugins.register_module(plugin, "alerts")
    return plugins


def write_config(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_on_event_rings_and_flashes_at_both_warnings_and_at_time_up() -> None:
    plugins = manager_with(formatkern_alerts)
    for event in (WARNING_20, WARNING_5, TIME_UP):
        assert plugins.dispatch(SESSION, event) == BELL_AND_FLASH, event.type
    assert plugins.dispatch(SESSION, StepStarted(at=0.0, step=4, seconds=600)) == []
    assert plugins.dispatch(SESSION, NoteAdded(at=1.0, step=4, text="Idee")) == []
    assert plugins.problems == []


def test_a_gong_from_the_environment_hears_which_warning_it_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, recorder: Path
) -> None:
    out = tmp_path / "heard.json"
    command = shlex.join([sys.executable, str(recorder), str(out), "gong sound.oga", "--loud"])
    monkeypatch.setenv("FORMATKERN_ALERT_COMMAND", command)
    started = Started()
    plugins = manager_with(Alerts(config_path=tmp_path / "none.toml", popen=started))

    assert plugins.dispatch(SESSION, WARNING_5) == BELL_AND_FLASH
    started.finished()

    heard = json.loads(out.read_text(encoding="utf-8"))
    assert heard["argv"] == ["gong sound.oga", "--loud"], "split like a shell, run without one"
    assert heard["stdin"] == "", "the command reads nothing from formatkern's terminal"
    assert heard["env"]["FORMATKERN_EVENT"] == "timer_warning"
    assert heard["env"]["FORMATKERN_LEVEL"] == "5"
    assert heard["env"]["FORMATKERN_STEP"] == "3"
    assert plugins.problems == []


def test_the_command_starts_detached_and_nobody_waits_for_it(tmp_path: Path) -> None:
    write_config(tmp_path / "alerts.toml", 'command = "paplay gong.oga"\n')
    popen = Recorded()
    alerts = Alerts(config_path=tmp_path / "alerts.toml", environ={"HOME": "/home/jo"}, popen=popen)

    assert alerts.on_event(SESSION, TIME_UP) == BELL_AND_FLASH

    ((argv, options),) = popen.calls
    assert argv == ["paplay", "gong.oga"]
    assert options["stdin"] == options["stdout"] == options["stderr"] == subprocess.DEVNULL
    assert "shell" not in options
    if sys.platform != "win32":
        assert options["start_new_session"] is True
    assert options["env"] == {
        "HOME": "/home/jo",
        "FORMATKERN_EVENT": "time_up",
        "FORMATKERN_LEVEL": "0",
        "FORMATKERN_STEP": "3",
    }


def test_commands_that_ended_are_let_go_and_running_ones_kept(tmp_path: Path) -> None:
    command = {"FORMATKERN_ALERT_COMMAND": "gong"}
    alerts = Alerts(config_path=tmp_path / "none.toml", environ=command, popen=Recorded())
    ended, still_playing = FakeProcess(ended=True), FakeProcess()
    alerts.running = [ended, still_playing]
    alerts.on_event(SESSION, WARNING_20)
    assert ended not in alerts.running
    assert still_playing in alerts.running
    assert len(alerts.running) == 2


def test_the_config_file_chooses_the_command_and_the_events(tmp_path: Path, recorder: Path) -> None:
    out = tmp_path / "heard.json"
    config = write_config(
        tmp_path / "alerts.toml",
        f"command = {json.dumps([sys.executable, str(recorder), str(out)])}\n"
        'on = ["time_up"]\n'
        "bell = false\n",
    )
    started = Started()
    plugins = manager_with(Alerts(config_path=config, environ={}, popen=started))

    assert plugins.dispatch(SESSION, WARNING_20) == [], "quiet at the warnings"
    assert started.processes == []
    assert plugins.dispatch(SESSION, TIME_UP) == [Effect("flash")]
    started.finished()
    heard = json.loads(out.read_text(encoding="utf-8"))
    assert heard["env"] == {
        "FORMATKERN_EVENT": "time_up",
        "FORMATKERN_LEVEL": "0",
        "FORMATKERN_STEP": "3",
    }


def test_the_variable_wins_over_the_file_and_an_empty_one_switches_the_command_off(
    tmp_path: Path,
) -> None:
    config = write_config(tmp_path / "alerts.toml", 'command = "paplay gong.oga"\n')
    popen = Recorded()
    alerts = Alerts(config_path=config, popen=popen)

    alerts.environ = {"FORMATKERN_ALERT_COMMAND": "aplay klingel.wav"}
    alerts.on_event(SESSION, WARNING_20)
    alerts.environ = {"FORMATKERN_ALERT_COMMAND": ""}
    assert alerts.on_event(SESSION, WARNING_5) == BELL_AND_FLASH
    alerts.environ = {}
    alerts.on_event(SESSION, TIME_UP)

    assert [argv for argv, _ in popen.calls] == [["aplay", "klingel.wav"], ["paplay", "gong.oga"]]


def test_a_missing_player_is_reported_once_with_the_plugin_s_name_and_the_session_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORMATKERN_ALERT_COMMAND", "formatkern-no-such-player --loud")
    plugins = manager_with(formatkern_alerts)

    first = plugins.dispatch(SESSION, WARNING_20)
    assert first == [
        Effect("bell"),
        Effect("flash"),
        Effect(
            "notice",
            "plugin alerts: on_event raised AlertError at timer_warning: the alert command "
            '"formatkern-no-such-player" (set in FORMATKERN_ALERT_COMMAND) cannot be started: '
            "there is no such program; check its name, or give its full path.",
        ),
    ]
    assert [problem.plugin for problem in plugins.problems] == ["alerts"]
    assert plugins.dispatch(SESSION, WARNING_5) == BELL_AND_FLASH, "the bell still rings"
    assert len(plugins.problems) == 1


def test_the_error_of_a_missing_command_says_what_would_still_have_happened(
    tmp_path: Path,
) -> None:
    config = write_config(tmp_path / "alerts.toml", 'command = ["/nowhere/gong"]\n')
    alerts = Alerts(config_path=config, environ={})
    with pytest.raises(AlertError, match=r"/nowhere/gong\" \(set in .*alerts\.toml\)") as caught:
        alerts.on_event(SESSION, TIME_UP)
    assert caught.value.effects == (Effect("bell"), Effect("flash"))


def test_a_command_that_is_not_executable_says_so(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("Windows has no executable bit")
    player = tmp_path / "player.sh"
    player.write_text("#!/bin/sh\n", encoding="utf-8")
    player.chmod(0o644)
    command = {"FORMATKERN_ALERT_COMMAND": shlex.join([str(player)])}
    alerts = Alerts(config_path=tmp_path / "none.toml", environ=command)
    with pytest.raises(AlertError, match=r"may not be run \(is the file executable\?\)"):
        alerts.on_event(SESSION, TIME_UP)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('sound = "gong.oga"\n', r"unknown key sound; the keys are command, on, bell, flash"),
        ('on = ["time-up"]\n', r'"on" names time-up, which formatkern does not know; .*time_up'),
        ('on = "time_up"\n', r'"on" must be a list of event names'),
        ("bell = 1\n", r'"bell" must be true or false'),
        ('command = ""\n', r'"command" is empty'),
        ("command = 'paplay \"gong.oga'\n", r"cannot be split: No closing quotation"),
        ('command = "paplay\n', r"alerts\.toml cannot be read"),
    ],
)
def test_a_mistake_in_the_config_file_is_named_with_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    config = write_config(tmp_path / "alerts.toml", text)
    alerts = Alerts(config_path=config, environ={}, popen=Recorded())
    with pytest.raises(AlertError, match=message):
        alerts.on_event(SESSION, WARNING_20)
    assert alerts.on_event(SESSION, StepStarted(at=0.0, step=4, seconds=60)) is None


def test_any_event_can_start_the_command_when_the_user_names_it(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "alerts.toml", 'command = "gong"\non = ["step_started"]\nflash = false\n'
    )
    popen = Recorded()
    outer = {"FORMATKERN_LEVEL": "20"}  # left over from a formatkern this one runs inside
    alerts = Alerts(config_path=config, environ=outer, popen=popen)
    assert alerts.on_event(SESSION, StepStarted(at=0.0, step=4, seconds=60)) == [Effect("bell")]
    ((_, options),) = popen.calls
    assert options["env"] == {"FORMATKERN_EVENT": "step_started", "FORMATKERN_STEP": "4"}, (
        "a step has no level, and none is inherited"
    )


def test_formatkern_plugins_lists_the_installed_plugin_and_its_hooks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-alerts")
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    assert (
        "alerts 0.1.0  (package formatkern-alerts)\n"
        "    hook: on_event\n"
        "    hook: register_commands\n"
    ) in result.stdout


def test_alerts_show_tells_where_the_set_up_comes_from(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-alerts")
    monkeypatch.setenv("FORMATKERN_ALERT_COMMAND", "paplay 'Gong Nr. 2.oga'")
    result = CliRunner().invoke(cli, ["alerts", "show"])
    assert result.exit_code == 0, result.output
    assert "(not there; the defaults apply)" in result.stdout
    assert "command: paplay 'Gong Nr. 2.oga'  (from FORMATKERN_ALERT_COMMAND)" in result.stdout
    assert "at: time_up, timer_warning" in result.stdout


def test_register_commands_adds_alerts_test_which_runs_the_command_and_waits(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, recorder: Path
) -> None:
    out = tmp_path / "heard.json"
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-alerts")
    monkeypatch.setenv(
        "FORMATKERN_ALERT_COMMAND", shlex.join([sys.executable, str(recorder), str(out)])
    )
    args = ["alerts", "test", "--event", "timer_warning", "--level", "20"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "the command ran and ended well" in result.stdout
    heard = json.loads(out.read_text(encoding="utf-8"))  # there already: the command was waited for
    assert heard["env"]["FORMATKERN_LEVEL"] == "20"


def test_alerts_test_without_a_command_or_with_a_missing_one_fails_clearly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "formatkern-alerts")
    none = CliRunner().invoke(cli, ["alerts", "test"])
    assert none.exit_code == 1
    assert "no alert command is set up; set FORMATKERN_ALERT_COMMAND" in none.stderr
    monkeypatch.setenv("FORMATKERN_ALERT_COMMAND", "formatkern-no-such-player")
    missing = CliRunner().invoke(cli, ["alerts", "test"])
    assert missing.exit_code == 1
    assert '"formatkern-no-such-player" (set in FORMATKERN_ALERT_COMMAND)' in missing.stderr
