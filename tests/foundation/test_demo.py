"""`make demo` without a terminal prints the agenda and rehearses the whole World Café."""

from __future__ import annotations

from click.testing import CliRunner

from formatkern.cli import cli
from formatkern.participants import DEMO_NAMES


def test_the_demo_without_a_terminal_rehearses_a_world_cafe_of_twenty_to_the_end() -> None:
    result = CliRunner().invoke(cli, ["demo", "--lang", "de"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "World Café — 20 Teilnehmende — 14:00–15:30" in out
    assert out.count("Café-Runden · Runde") == 6  # three rounds in the agenda, three rehearsed
    assert all(name in out for name in DEMO_NAMES)
    assert "14:10  Café-Runden · Runde 1/3 (20 min)" in out  # rehearsed at the planned times
    assert out.rstrip().endswith("Ende")
