"""The format commands as a facilitator or method author types them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from formatkern.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_the_built_in_formats() -> None:
    files = sorted(str(p) for p in (ROOT / "formats").glob("*.toml"))
    code, out, _ = run("check", *files)
    assert code == 0
    assert out.count("ok  ") == len(files)


def test_check_names_file_line_and_key_of_a_broken_file_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        'format = 1\nid = "x"\ntitle = "X"\nparticipants = { min = 2 }\n\n'
        '[[phases]]\nid = "a"\ntitle = "A"\nduration = "soon"\n',
        encoding="utf-8",
    )
    code, _, err = run("check", str(broken))
    assert code == 1
    assert f"{broken}:9: phases[0].duration: not a duration" in err
    assert "Traceback" not in err


def test_plan_of_a_kollegiale_beratung_for_8_runs_from_nine_for_about_45_minutes() -> None:
    code, out, _ = run(
        "plan", "kollegiale-beratung", "--participants", "8", "--start", "09:00", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "kollegiale-beratung"
    assert data["start"] == "09:00"
    assert "09:40" <= data["end"] <= "09:50"
    assert [s["phase"] for s in data["steps"]] == [
        "casting",
        "spontanerzaehlung",
        "schluesselfrage",
        "methodenwahl",
        "beratung",
        "abschluss",
    ]
    first = data["steps"][0]
    assert set(first) >= {"phase", "round", "start", "end", "minutes", "arrangement", "groups"}


def test_plan_in_text_lists_clock_times_and_roles() -> None:
    code, out, _ = run("plan", "kollegiale-beratung", "--participants", "8", "--lang", "de")
    assert code == 0
    assert "09:05–09:15" in out
    assert "Rollen:" in out


def test_plan_for_too_many_people_names_the_limits() -> None:
    code, _, err = run("plan", "kollegiale-beratung", "--participants", "30")
    assert code == 1
    assert "needs at least 5 and at most 10 participants, got 30" in err


def test_plan_with_a_file_of_names(tmp_path: Path) -> None:
    names = tmp_path / "team.txt"
    names.write_text("\n".join(f"Person {i}" for i in range(7)), encoding="utf-8")
    code, out, _ = run("plan", "kollegiale-beratung", "--participants", str(names))
    assert code == 0
    assert "7 Teilnehmende" in out


def test_an_unknown_format_lists_the_known_ones() -> None:
    code, _, err = run("show", "fishbowl")
    assert code == 1
    assert 'no format "fishbowl" is known' in err
    assert "kollegiale-beratung" in err


def test_a_local_format_shadows_the_built_in_one_and_list_says_so(tmp_path: Path) -> None:
    local = tmp_path / "mine"
    local.mkdir()
    text = (ROOT / "formats" / "kollegiale-beratung.toml").read_text(encoding="utf-8")
    (local / "kb.toml").write_text(text, encoding="utf-8")
    code, out, _ = run("--formats-dir", str(local), "list")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("kollegiale-beratung"))
    assert "verdeckt eingebaut" in line


def test_the_environment_variable_adds_a_formats_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "checkin.toml").write_text(
        'format = 1\nid = "checkin"\ntitle = "Check-in"\nparticipants = { min = 2 }\n\n'
        '[[phases]]\nid = "runde"\ntitle = "Runde"\nduration = "10m"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FORMATKERN_FORMATS_PATH", str(tmp_path))
    code, out, _ = run("list")
    assert code == 0
    assert any(x.startswith("checkin") for x in out.splitlines())


def test_schema_is_json_and_forbids_unknown_keys() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["additionalProperties"] is False
    phase = schema["properties"]["phases"]["items"]
    assert "duration" in phase["required"]
    assert phase["additionalProperties"] is False
