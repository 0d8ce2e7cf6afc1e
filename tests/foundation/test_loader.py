"""A method author writes a format file; every mistake is named with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from formatkern.errors import FormatError
from formatkern.loader import parse_format
from formatkern.model import ArrangementKind, Collect, Duration, Rotation, Text

MINIMAL = """\
format = 1
id = "check-in"
title = { de = "Check-in", en = "Check-in" }
participants = { min = 2 }

[[phases]]
id = "round"
title = "Runde"
duration = "5m"
"""


def problems(text: str, name: str = "f.toml") -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_format(text, name)
    return caught.value.problems


def test_a_minimal_format_has_one_phase_in_plenum() -> None:
    fmt = parse_format(MINIMAL)
    assert fmt.id == "check-in"
    assert fmt.phases[0].duration == Duration(300, 300, 300)
    assert fmt.phases[0].arrangement.kind is ArrangementKind.PLENUM
    assert fmt.phases[0].title == Text("Runde", "Runde")


def test_the_example_error_names_file_line_and_key_path() -> None:
    text = (
        MINIMAL.replace("min = 2", "min = 12")
        + """
[[phases]]
id = "tische"
title = "Tische"
duration = "20m"
arrangement = { kind = "tables", size = 5 }
rounds = { count = 0, rotate = "mix" }
"""
    )
    assert problems(text, "world-cafe.toml") == [
        "world-cafe.toml:16: phases[1].rounds.count: must be at least 1, got 0"
    ]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = (
        MINIMAL.replace('duration = "5m"', 'duration = "5 minutes"')
        + """
[[roles]]
id = "host"
title = "Host"
colour = "red"

[[phases]]
id = "two"
title = "Zwei"
duration = { default = "10m", min = "15m" }
collect = "notez"
"""
    )
    found = problems(text)
    assert len(found) == 4
    assert any("phases[0].duration: not a duration" in p for p in found)
    assert any(p.startswith("f.toml:14: roles[0].colour: unknown key") for p in found)
    assert any("phases[1].duration: must have min <= default <= max" in p for p in found)
    assert any("phases[1].collect[0]: must be one of" in p and '"notez"' in p for p in found)


def test_a_typo_in_a_key_suggests_the_right_one() -> None:
    found = problems(MINIMAL.replace('title = "Runde"', 'titel = "Runde"'))
    assert any('phases[0].titel: unknown key; did you mean "title"?' in p for p in found)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("5m", 300), ("1h30m", 5400), ("1h 5m 30s", 3930)],
)
def test_durations_are_written_as_a_facilitator_would(text: str, seconds: int) -> None:
    fmt = parse_format(MINIMAL.replace('"5m"', f'"{text}"'))
    assert fmt.phases[0].duration.default == seconds


def test_a_duration_without_unit_is_not_guessed() -> None:
    assert problems(MINIMAL.replace('"5m"', '"5"')) == [
        'f.toml:9: phases[0].duration: not a duration: "5" (write e.g. "90s", "5m" or "1h30m")'
    ]


def test_an_unknown_version_is_refused_before_anything_else() -> None:
    found = problems(MINIMAL.replace("format = 1", "format = 2"))
    assert found == ["f.toml:1: format: version 2 is unknown; this formatkern reads 1"]


def test_a_toml_syntax_error_names_the_line() -> None:
    found = problems(MINIMAL + "\n[[phases]\n")
    assert len(found) == 1
    assert found[0].startswith("f.toml:11: not valid TOML")


def test_duplicate_ids_and_missing_roles_are_named() -> None:
    text = (
        MINIMAL
        + """
[[phases]]
id = "round"
title = "Nochmal"
duration = "5m"
speaking = ["moderator"]
"""
    )
    found = problems(text)
    assert 'f.toml:12: phases[1].id: "round" is used twice in phases' in found
    assert (
        'f.toml:15: phases[1].speaking[0]: names the role "moderator", which is not defined'
        in found
    )


def test_roles_must_fit_the_smallest_group() -> None:
    text = (
        MINIMAL
        + """
[[roles]]
id = "moderator"
title = "Moderation"
count = 1

[[roles]]
id = "berater"
title = "Berater"
count = { default = 3, min = 3 }
rest = true
"""
    )
    found = problems(text)
    assert found == [
        "f.toml:4: participants.min: the roles need at least 4 people (moderator 1, berater 3),"
        " but participants.min is 2"
    ]


def test_only_one_role_brings_the_case_and_it_is_an_ordinary_role() -> None:
    text = (
        MINIMAL.replace("min = 2", "min = 4")
        + """
[[roles]]
id = "erzaehlerin"
title = "Erzählerin"
brings_case = true

[[roles]]
id = "berater"
title = "Berater"
count = { default = 2, min = 2 }
rest = true
brings_case = true
"""
    )
    assert problems(text) == [
        "f.toml:21: roles[1].brings_case: only one role can bring the case, got erzaehlerin, "
        "berater",
        "f.toml:21: roles[1].brings_case: the role that brings the case cannot also be the "
        "rest, voluntary, within another or held once per group",
    ]


def test_a_choice_must_name_existing_modules_and_a_later_phase() -> None:
    text = (
        MINIMAL
        + """
[[modules]]
id = "brainstorming"
title = "Brainstorming"

[[phases]]
id = "wahl"
title = "Methodenwahl"
duration = "5m"
collect = "choice"
choice = { options = ["brainstorming", "kopfstand"], sets = "round" }
"""
    )
    found = problems(text)
    assert any('choice.options[1]: names the module "kopfstand"' in p for p in found)
    assert any('choice.sets: must name a later phase, but "round" is not one' in p for p in found)


def test_shorthands_and_full_tables_mean_the_same() -> None:
    text = MINIMAL.replace("min = 2", "min = 12").replace(
        'duration = "5m"',
        'duration = { default = "20m", min = "20m", max = "30m" }\n'
        'arrangement = { kind = "tables", size = { default = 5, min = 3, max = 5 }, '
        "hosts = true }\n"
        'rounds = { count = { default = 3, min = 3 }, rotate = "mix", '
        'questions = ["Was?", { de = "Wie?", en = "How?" }] }\n'
        'collect = ["notes", "harvest"]\n'
        'timer = { kind = "per-speaker", per_person = "3m" }',
    )
    phase = parse_format(text).phases[0]
    assert phase.duration == Duration(1200, 1200, 1800)
    assert phase.arrangement.hosts
    assert phase.arrangement.size is not None and phase.arrangement.size.min == 3
    assert phase.rounds is not None and phase.rounds.rotate is Rotation.MIX
    assert phase.rounds.count.max is None
    assert phase.rounds.question(2) == Text("Wie?", "How?")
    assert phase.rounds.question(5) == Text("Wie?", "How?")
    assert phase.collect == (Collect.NOTES, Collect.HARVEST)
    assert phase.timer.per_person == 180


def test_strings_are_not_taken_for_numbers_or_booleans() -> None:
    found = problems(MINIMAL.replace("min = 2", 'min = "2"') + 'auto_advance = "yes"\n')
    assert 'f.toml:4: participants.min: must be a whole number, got "2"' in found
    assert 'f.toml:10: phases[0].auto_advance: must be true or false, got "yes"' in found


def test_a_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    from formatkern.loader import load_format

    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace("Runde", "Rückblick").encode("latin-1"))
    with pytest.raises(FormatError) as caught:
        load_format(path)
    assert caught.value.problems == [f"{path}:8: not UTF-8 text (save the file as UTF-8)"]
