"""A method author starts a plugin and a format from the skeletons, and they work at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from formatkern.cli import cli
from formatkern.loader import load_format


def test_new_format_writes_a_file_that_passes_check(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "format", "zukunftswerkstatt", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "zukunftswerkstatt.toml"
    assert load_format(path).id == "zukunftswerkstatt"
    check = runner.invoke(cli, ["check", str(path)])
    assert check.exit_code == 0


def test_new_format_refuses_to_overwrite_and_bad_names(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["new", "format", "abc", "--dir", str(tmp_path)])
    again = runner.invoke(cli, ["new", "format", "abc", "--dir", str(tmp_path)])
    assert again.exit_code == 1
    assert "exists already" in again.stderr
    bad = runner.invoke(cli, ["new", "format", "Mein Format", "--dir", str(tmp_path)])
    assert bad.exit_code == 1
    assert "lowercase letters" in bad.stderr


@pytest.mark.e2e
def test_a_new_plugin_installs_shows_up_and_its_own_tests_pass(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "plugin", "my-method", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    root = tmp_path / "my-method"
    formats = root / "src" / "formatkern_my_method" / "formats"
    extra = (formats / "my-method.toml").read_text(encoding="utf-8")
    (formats / "stille-post.toml").write_text(
        extra.replace('id = "my-method"', 'id = "stille-post"'), encoding="utf-8"
    )
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("FORMATKERN_LOAD_PLUGINS", None)
    formatkern = [sys.executable, "-m", "formatkern"]
    listing = subprocess.run([*formatkern, "list"], env=env, capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    ids = [line.split()[0] for line in listing.stdout.split("\n\n")[0].splitlines()[1:]]
    assert {"my-method", "stille-post", "world-cafe"} <= set(ids)
    plugins = subprocess.run([*formatkern, "plugins"], env=env, capture_output=True, text=True)
    assert "my-method 0.1.0  (package formatkern-my-method)" in plugins.stdout
    own_tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests")],
        env=env,
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert own_tests.returncode == 0, own_tests.stdout
    assert "2 passed" in own_tests.stdout
