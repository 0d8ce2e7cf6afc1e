"""Error messages point at the right line, whatever style the TOML is written in."""

from __future__ import annotations

from formatkern.tomlpos import key_lines, line_of, render_path

TEXT = '''\
format = 1   # version
"quoted key" = 'x'
title = { de = "A", en = "B" }
notes = """
[[not a header]]
"""

[[phases]]
id = "a"
rounds = { count = 3, questions = [
  "eins",
  { de = "zwei", en = "two" },
] }

[[phases]]
id = "b"
arrangement.kind = "tables"

[phases.rounds]
count = 2
'''


def test_every_kind_of_key_gets_its_line() -> None:
    lines = key_lines(TEXT)
    assert lines[("format",)] == 1
    assert lines[("quoted key",)] == 2
    assert lines[("title", "en")] == 3
    assert lines[("phases", 0)] == 8
    assert lines[("phases", 0, "rounds", "count")] == 10
    assert lines[("phases", 0, "rounds", "questions", 1)] == 12
    assert lines[("phases", 0, "rounds", "questions", 1, "en")] == 12
    assert lines[("phases", 1, "id")] == 16
    assert lines[("phases", 1, "arrangement", "kind")] == 17
    assert lines[("phases", 1, "rounds", "count")] == 20


def test_a_header_inside_a_multiline_string_is_not_a_table() -> None:
    lines = key_lines(TEXT)
    assert not any(key and key[0] == "not a header" for key in lines)


def test_a_path_below_a_known_key_falls_back_to_its_parent() -> None:
    lines = key_lines(TEXT)
    assert line_of(lines, ("phases", 1, "arrangement", "size", "min")) == 17
    assert line_of(lines, ("nowhere",)) is None


def test_paths_render_as_in_the_reference() -> None:
    assert render_path(("phases", 4, "duration")) == "phases[4].duration"
    assert render_path(("participants", "min")) == "participants.min"
