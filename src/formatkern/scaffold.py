"""Skeletons for method authors: a new format file, a new plugin package.

Both are meant to work at once: the format passes `formatkern check`, the plugin's own tests
pass after `pip install`.
"""

from __future__ import annotations

import re
from pathlib import Path

from formatkern.errors import FormatkernError

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class ScaffoldError(FormatkernError):
    """A skeleton cannot be written (bad name, the target exists)."""


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ScaffoldError(
            f'"{name}" cannot be a name here: use lowercase letters, digits and single hyphens, '
            'starting with a letter, e.g. "my-method".'
        )
    return name


FORMAT_TEMPLATE = """\
# A formatkern format file. Reference: docs/format-reference.md; check with `formatkern check`.
format = 1
id = "{id}"
title = {{ de = "{title}", en = "{title}" }}
summary = {{ de = "Worum es geht, in einem Satz.", en = "What this is about, in one sentence." }}
sources = ["Where the method comes from"]
participants = {{ min = 4, max = 30 }}

[[roles]]
id = "moderation"
title = {{ de = "Moderation", en = "Facilitator" }}
task = {{ de = "Führt durch den Ablauf.", en = "Leads through the phases." }}
count = 1

[[roles]]
id = "teilnehmende"
title = {{ de = "Teilnehmende", en = "Participant" }}
count = {{ default = 3, min = 3 }}
rest = true

[[phases]]
id = "ankommen"
title = {{ de = "Ankommen", en = "Arriving" }}
duration = {{ default = "5m", min = "3m", max = "10m" }}
speaking = ["moderation"]
instructions = {{ de = "Willkommen! Heute geht es um …", en = "Welcome! Today we will …" }}

[[phases]]
id = "austausch"
title = {{ de = "Austausch in Kleingruppen", en = "Exchange in small groups" }}
duration = {{ default = "15m", min = "10m", max = "20m" }}
arrangement = {{ kind = "groups", size = {{ default = 4, min = 3, max = 5 }} }}
instructions = {{ de = "Tauscht euch aus: …", en = "Talk with each other: …" }}
collect = "notes"

[[phases]]
id = "abschluss"
title = {{ de = "Abschluss", en = "Closing" }}
duration = "10m"
instructions = {{ de = "Was nehmt ihr mit?", en = "What do you take with you?" }}
collect = "harvest"
"""


def write_format(name: str, folder: Path) -> Path:
    """Write `folder/NAME.toml`, a small format that passes `formatkern check`."""
    check_name(name)
    path = folder / f"{name}.toml"
    if path.exists():
        raise ScaffoldError(f"{path} exists already; choose another name or folder.")
    title = name.replace("-", " ").title()
    path.write_text(FORMAT_TEMPLATE.format(id=name, title=title), encoding="utf-8")
    return path


PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "{dist}"
version = "0.1.0"
description = "A formatkern plugin: {name}"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["formatkern"]

[project.optional-dependencies]
test = ["pytest"]

[project.entry-points.formatkern]
{name} = "{module}"

[tool.hatch.build.targets.wheel]
packages = ["src/{module}"]
"""

PLUGIN_MODULE = '''\
"""formatkern plugin {name}: adds the formats in its formats/ folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from formatkern import hookimpl

FORMATS = Path(__file__).parent / "formats"


@hookimpl
def register_formats(register: Callable[[Path], None]) -> None:
    register(FORMATS)
'''

PLUGIN_TEST = '''\
"""The plugin's formats load, and formatkern finds them through the plugin."""

from __future__ import annotations

from formatkern.catalog import format_files
from formatkern.loader import load_format
from formatkern.plugins import Plugins

import {module}


def test_every_format_of_the_plugin_passes_the_check() -> None:
    files = format_files({module}.FORMATS)
    assert files, "the plugin ships at least one format"
    for file in files:
        assert load_format(file).id == file.stem


def test_formatkern_sees_the_plugin_s_formats() -> None:
    plugins = Plugins(load_installed=False)
    plugins.register_module({module}, "{name}")
    paths = [registered.item for registered in plugins.format_paths()]
    assert {module}.FORMATS in paths
'''

README = """\
# {dist}

A [formatkern](https://pypi.org/project/formatkern/) plugin that adds meeting formats.

```
pip install .
formatkern list        # shows the formats of this plugin
formatkern plugins     # shows the plugin and what it registers
```

Add format files to `src/{module}/formats/` (one method per file; check them with
`formatkern check src/{module}/formats/*.toml`). Run the tests with
`pip install '.[test]' && pytest`.
"""


def write_plugin(name: str, folder: Path) -> Path:
    """Write a plugin package skeleton into `folder/NAME/` and return that folder."""
    check_name(name)
    root = folder / name
    if root.exists():
        raise ScaffoldError(f"{root} exists already; choose another name or folder.")
    base = name.removeprefix("formatkern-")
    dist = name if name.startswith("formatkern-") else f"formatkern-{name}"
    module = "formatkern_" + base.replace("-", "_")
    values = {"name": base, "dist": dist, "module": module}
    package = root / "src" / module
    (package / "formats").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT.format(**values), encoding="utf-8")
    (root / "README.md").write_text(README.format(**values), encoding="utf-8")
    (package / "__init__.py").write_text(PLUGIN_MODULE.format(**values), encoding="utf-8")
    (root / "tests" / f"test_{module}.py").write_text(
        PLUGIN_TEST.format(**values), encoding="utf-8"
    )
    write_format(base, package / "formats")
    return root
