"""Participants come as a number or as a file of names."""

from __future__ import annotations

from pathlib import Path

import pytest

from formatkern.errors import ParticipantsError
from formatkern.participants import parse_people


def test_a_number_counts_people_without_names() -> None:
    people = parse_people("8")
    assert people.count == 8
    assert people.labels() == tuple(str(i) for i in range(1, 9))


def test_a_file_gives_names_and_warns_about_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "people.txt"
    path.write_text("Ayşe\n\nJörg\n# Gäste\nMarta\n\n", encoding="utf-8")
    people = parse_people(str(path))
    assert people.names == ("Ayşe", "Jörg", "Marta")
    assert people.warnings == (f"{path}:2: blank line skipped",)


def test_a_name_twice_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "people.txt"
    path.write_text("Anna\nBen\nanna\n", encoding="utf-8")
    with pytest.raises(ParticipantsError, match=r"people.txt:3: 'anna' is already on line 1"):
        parse_people(str(path))


def test_neither_number_nor_file_is_explained() -> None:
    with pytest.raises(ParticipantsError, match="neither a number nor an existing file"):
        parse_people("zwanzig")
