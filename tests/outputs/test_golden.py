"""The Saturday Beratung's protocol and table lists, byte for byte.

The expected files are in tests/outputs/golden/. When an output changes on purpose, regenerate
them and read the diff before committing:

    FORMATKERN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/outputs/test_golden.py

The story runs on a fake clock at a fixed local date and time, with roles cast by hand and a
fixed seed, so the files are the same on every machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from formatkern.engine import Session
from formatkern.outputs import export

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FORMATKERN_UPDATE_GOLDEN") == "1"


def _check(name: str, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing; run with FORMATKERN_UPDATE_GOLDEN=1 to make it"
    assert data.decode("utf-8") == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("name", "to", "lang"),
    [
        ("beratung.de.md", "md", "de"),
        ("beratung.en.md", "md", "en"),
        ("beratung.de.csv", "csv", "de"),
        ("beratung.en.csv", "csv", "en"),
    ],
)
def test_the_saturday_beratung_exports_exactly_as_expected(
    session: Session, name: str, to: str, lang: str
) -> None:
    _check(name, export(session, to=to, lang=lang))


def test_the_golden_protocol_keeps_case_two_confidential() -> None:
    """A guard on the golden file itself, so that regenerating it cannot bless a leak."""
    text = (GOLDEN / "beratung.de.md").read_text(encoding="utf-8")
    assert "### Fall 2: Inhalt vertraulich" in text
    assert "Nachbarschaftsstreit" not in text
    assert "krankgeschrieben" not in text
