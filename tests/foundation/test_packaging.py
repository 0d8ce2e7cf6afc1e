"""A non-editable install carries the built-in formats inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_the_wheel_ships_every_built_in_format_and_example_day(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("formatkern-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "formats").glob("*.toml"):
        assert f"formatkern/formats/{path.name}" in names
    days = sorted((ROOT / "formats" / "agendas").glob("*.toml"))
    assert len(days) >= 3
    for path in days:
        assert f"formatkern/formats/agendas/{path.name}" in names
    assert "formatkern/py.typed" in names
