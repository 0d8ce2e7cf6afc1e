"""Formats parsed before come from the cache, and only while nothing their parse depends on has
changed: the file, formatkern's code, Python, the plugins' role templates and timers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import formatkern.format_cache as format_cache
import formatkern.loader as loader
from formatkern.catalog import builtin_dir
from formatkern.errors import FormatError
from formatkern.format_cache import ENV_CACHE, load_format_cached
from formatkern.i18n import pick
from formatkern.plugins import Plugins, reset_plugins, use_plugins

WORLD_CAFE = builtin_dir() / "world-cafe.toml"


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV_CACHE, str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the format texts parsed, in order."""
    names: list[str] = []
    parse = loader.parse_format

    def counting(text: str, name: str = "<format>") -> object:
        names.append(Path(name).name)
        return parse(text, name)

    monkeypatch.setattr(loader, "parse_format", counting)
    return names


def a_copy(folder: Path, name: str = "cafe.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(WORLD_CAFE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_a_format_read_again_is_not_parsed_again(cache: Path, parses: list[str]) -> None:
    first = load_format_cached(WORLD_CAFE)
    again = load_format_cached(WORLD_CAFE)
    assert parses == ["world-cafe.toml"]
    assert again == first
    assert len(list(cache.glob("*.pickle"))) == 1


def test_an_edited_file_is_parsed_again(cache: Path, parses: list[str], tmp_path: Path) -> None:
    path = a_copy(tmp_path / "formats")
    assert pick(load_format_cached(path).title, "de") == "World Café"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('de = "World Café"', 'de = "Weltcafé"', 1), encoding="utf-8")
    assert pick(load_format_cached(path).title, "de") == "Weltcafé"
    assert parses == ["cafe.toml", "cafe.toml"]
    assert len(list(cache.glob("*.pickle"))) == 1, "one file per format file, kept anew"


def test_a_format_with_problems_is_never_kept(
    cache: Path, parses: list[str], tmp_path: Path
) -> None:
    path = a_copy(tmp_path / "formats")
    path.write_text(path.read_text(encoding="utf-8") + "\nunknown_key = 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FormatError, match="unknown_key"):
            load_format_cached(path)
    assert parses == ["cafe.toml", "cafe.toml"]
    assert not list(cache.glob("*.pickle"))


def test_a_broken_cache_file_costs_only_a_parse(cache: Path, parses: list[str]) -> None:
    expected = load_format_cached(WORLD_CAFE)
    (kept,) = cache.glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    assert load_format_cached(WORLD_CAFE) == expected
    assert load_format_cached(WORLD_CAFE) == expected
    assert parses == ["world-cafe.toml", "world-cafe.toml"]


def test_two_files_that_share_a_slot_never_get_each_others_format(
    cache: Path, parses: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = a_copy(tmp_path / "a")
    other = a_copy(tmp_path / "b")
    other.write_text(
        other.read_text(encoding="utf-8").replace('de = "World Café"', 'de = "Zwei"', 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(format_cache, "_slot", lambda folder, file: folder / "same.pickle")
    titles = [pick(load_format_cached(path).title, "de") for path in (one, other, one)]
    assert titles == ["World Café", "Zwei", "World Café"]
    assert len(parses) == 3


def test_new_role_templates_from_a_plugin_mean_a_new_parse(
    cache: Path, parses: list[str], tmp_path: Path
) -> None:
    load_format_cached(WORLD_CAFE)
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "gong.py").write_text(
        "from formatkern import hookimpl\n"
        "from formatkern.model import Role, Text\n\n"
        "@hookimpl\n"
        "def register_roles(register):\n"
        "    register(Role(id='gong', title=Text('Gong', 'Gong')))\n",
        encoding="utf-8",
    )
    use_plugins(Plugins(plugins_dir=folder))
    try:
        load_format_cached(WORLD_CAFE)
    finally:
        reset_plugins()
    assert parses == ["world-cafe.toml", "world-cafe.toml"]


def test_the_code_that_parses_is_part_of_the_key_and_the_front_ends_are_not() -> None:
    stamp = format_cache._code().decode()
    assert "loader.py:" in stamp and "model.py:" in stamp
    assert f"builtins{os.sep}roles.py:" in stamp
    assert "tui" not in stamp and f"cli{os.sep}" not in stamp


def test_off_parses_every_time_and_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch, parses: list[str], tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_CACHE, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_format_cached(WORLD_CAFE)
    load_format_cached(WORLD_CAFE)
    assert parses == ["world-cafe.toml", "world-cafe.toml"]
    assert not (tmp_path / "xdg").exists()


def test_the_folder_keeps_at_most_its_limit_the_oldest_go(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(format_cache, "KEEP", 2)
    paths = [a_copy(tmp_path / "formats", f"cafe-{n}.toml") for n in range(3)]
    for number, path in enumerate(paths):
        load_format_cached(path)
        for kept in cache.glob("*.pickle"):  # the newest has the newest time, whatever the clock
            if kept.stem.endswith(path.stem):
                os.utime(kept, ns=(number * 10**9, number * 10**9))
    assert sorted(p.stem.split("-", 1)[1] for p in cache.glob("*.pickle")) == [
        "cafe-1",
        "cafe-2",
    ]


FIRST_FRAME = (
    *(sys.executable, "-X", "importtime", "-m", "formatkern"),
    *("run", "world-cafe", "--participants", "20", "--first-frame"),
)


def first_frame_imports(env: dict[str, str]) -> Callable[[], set[str]]:
    def run() -> set[str]:
        done = subprocess.run(
            [*FIRST_FRAME],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return {
            line.rsplit("|", 1)[1].strip()
            for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }

    return run


def test_formatkern_run_draws_its_first_frame_with_no_more_than_the_desk_needs(
    tmp_path: Path,
) -> None:
    """`formatkern run` loads neither the engine nor the other commands before the desk's
    first frame; once the format is in the cache, not even the format loader."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop(ENV_CACHE, None)
    run = first_frame_imports(env)
    first = run()
    assert "formatkern.tui.screens.start" in first
    assert "formatkern.loader" in first, "the first start parses the format"
    for elsewhere in ("formatkern.engine", "formatkern.headless", "formatkern.cli.export"):
        assert elsewhere not in first
    second = run()
    assert "formatkern.loader" not in second and "cattrs" not in second
