"""End-to-end tests start real processes: tmux for the terminal, Chromium for the browser.

They skip only when the tool is not installed at all (CI installs both from Debian's packages).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def formatkern_command() -> list[str]:
    """The installed `formatkern` script beside this Python, else the module."""
    script = BIN / "formatkern"
    return [str(script)] if script.exists() else [sys.executable, "-m", "formatkern"]


def need(tool: str, *alternatives: str) -> str:
    for name in (tool, *alternatives):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"{tool} is not installed (apt-get install -y {tool}); CI installs it")
