"""Shared fixtures: the repository's own folders, and a clean environment for every test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time, so a submission never fails on a new random draw;
# local runs keep exploring (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT / "formats"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's own formats, plugins, language, session folder or cache."""
    monkeypatch.delenv("FORMATKERN_FORMATS_PATH", raising=False)
    monkeypatch.setenv("FORMATKERN_LOAD_PLUGINS", "")
    monkeypatch.setenv("FORMATKERN_LANG", "de")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("FORMATKERN_CACHE", raising=False)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the format files the catalog parses (or takes from the cache), in order."""
    import formatkern.format_cache as format_cache

    names: list[str] = []
    load = format_cache.load_format_cached

    def counting(path: Path) -> object:
        names.append(Path(path).name)
        return load(path)

    monkeypatch.setattr(format_cache, "load_format_cached", counting)
    return names


@pytest.fixture(autouse=True)
def _repeatable_mixer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table mixer stops by its clock; a clock that steps per reading makes the tables of
    a session the same on every machine (and snapshots stable)."""

    def stepping() -> Callable[[], float]:
        readings = itertools.count()
        return lambda: next(readings) / 500

    monkeypatch.setattr("formatkern.seating.mix_clock", stepping)
