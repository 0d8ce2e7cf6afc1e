"""`formatkern groups` as a facilitator types it before a World Café."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from formatkern.cli.groups import groups

NAMES = ["Anna", "Ben", "Carla", "Dieter", "Emil", "Fe", "Gus", "Hanna", "Ida", "Jan", "Kim", "Lea"]
MORE = ["Mia", "Nils", "Olga", "Paul"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(groups, list(args))
    return result.exit_code, result.stdout, result.stderr


def names_file(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "people.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_sixteen_names_at_four_tables_print_a_plan_to_hang_on_the_wall(tmp_path: Path) -> None:
    people = names_file(tmp_path, NAMES + MORE)
    code, out, _ = run("--people", people, "--tables", "4", "--rounds", "3", "--hosts")
    assert code == 0
    assert out.count("Round ") == 3
    assert out.count("Table ") == 12
    assert "Table 1: Anna (host)" in out
    assert out.rstrip().endswith("Nobody meets anyone twice.")


def test_when_repeats_cannot_be_avoided_the_plan_says_how_many_and_the_bound() -> None:
    code, out, _ = run("--people", "12", "--tables", "3", "--rounds", "3", "--hosts",
                       "--time-limit", "0.2")  # fmt: skip
    assert code == 0
    assert "repeated meetings; no plan can have fewer than" in out


def test_json_lists_indexes_into_the_people_and_the_figures() -> None:
    code, out, _ = run("--people", "20", "--size", "4", "--rounds", "3", "--format", "json")
    assert code == 0
    plan = json.loads(out)
    assert plan["people"] == list(range(1, 21))
    assert len(plan["rounds"]) == 3
    assert all(sorted(p for t in r for p in t) == list(range(20)) for r in plan["rounds"])
    assert plan["hosts"] == []
    assert plan["repeats"] == 0 <= plan["lower_bound"]
    assert plan["seconds"] >= 0


def test_csv_has_one_line_per_seat_with_the_host_marked() -> None:
    code, out, _ = run(
        "--people", "10", "--tables", "2", "--rounds", "2", "--hosts", "--format", "csv",
        "--time-limit", "0.2",
    )  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20
    assert {row["person"] for row in rows if row["host"] == "1"} == {"1", "2"}


def test_apart_and_together_are_honoured_by_name(tmp_path: Path) -> None:
    people = names_file(tmp_path, NAMES)
    code, out, _ = run(
        "--people", people, "--tables", "3", "--rounds", "4", "--format", "json",
        "--apart", "Anna,Ben", "--together", "Carla,Dieter", "--time-limit", "0.5",
    )  # fmt: skip
    assert code == 0
    plan = json.loads(out)
    for tables in plan["rounds"]:
        assert any({2, 3} <= set(t) for t in tables)
        assert not any({0, 1} <= set(t) for t in tables)


def test_a_blank_line_in_the_file_is_named(tmp_path: Path) -> None:
    people = names_file(tmp_path, ["Anna", "Ben", "", "Carla"])
    code, _, err = run("--people", people, "--tables", "2", "--rounds", "2")
    assert code == 1
    assert "line 3: blank line" in err
    assert "Traceback" not in err


def test_a_name_listed_twice_names_both_lines(tmp_path: Path) -> None:
    people = names_file(tmp_path, ["Anna", "Ben", "Carla", "Ben"])
    code, _, err = run("--people", people, "--tables", "2", "--rounds", "2")
    assert code == 1
    assert "line 4: Ben is already on line 2" in err


def test_more_tables_than_people_is_a_clear_error() -> None:
    code, _, err = run("--people", "4", "--tables", "5", "--rounds", "2")
    assert code == 1
    assert "4 people cannot fill 5 tables" in err


def test_contradicting_wishes_are_a_clear_error() -> None:
    code, _, err = run(
        "--people", "8", "--tables", "2", "--rounds", "2", "--apart", "1,2", "--together", "2,1"
    )
    assert code == 1
    assert "kept apart" in err


def test_unknown_people_and_missing_options_are_reported() -> None:
    code, _, err = run("--people", "8", "--tables", "2", "--rounds", "2", "--apart", "1,9")
    assert code == 1
    assert '"9" is not a number from 1 to 8' in err
    code, _, err = run("--people", "8", "--rounds", "2")
    assert code == 2
    assert "either --tables or --size" in err
    code, _, err = run("--people", "no-such-file.txt", "--tables", "2", "--rounds", "2")
    assert code == 1
    assert "no such file" in err
