"""The plugin documentation and the tests keep up with the hooks (as Datasette checks its own).

A hook whose signature changes, a new hook without a section in docs/plugins.md, a section for
a hook that is gone, or a hook that no test exercises: each fails here, naming the hook.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from formatkern import extensions, hookspecs

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "plugins.md"
HEADING = re.compile(r"^### `(?P<name>\w+)\((?P<rest>.*)`$", re.MULTILINE)


def hooks() -> dict[str, Callable[..., Any]]:
    """Every hook specification in formatkern.hookspecs, by name."""
    marker = f"{hookspecs.PROJECT}_spec"
    return {
        name: function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, marker)
    }


def signature_text(name: str, function: Callable[..., Any]) -> str:
    """`name(arg: Annotation, ...) -> Return`, with the annotations as written in hookspecs.py
    (they stay strings there: the module uses `from __future__ import annotations`)."""
    signature = inspect.signature(function)
    arguments = ", ".join(
        f"{parameter.name}: {parameter.annotation}" for parameter in signature.parameters.values()
    )
    return f"{name}({arguments}) -> {signature.return_annotation}"


def docs() -> str:
    return DOCS.read_text(encoding="utf-8")


def test_the_hooks_are_found_and_their_annotations_are_the_source_text() -> None:
    found = hooks()
    assert {"register_formats", "on_event"} <= set(found)
    text = signature_text("register_formats", found["register_formats"])
    assert text == "register_formats(register: Callable[[Path], None]) -> None"


@pytest.mark.parametrize("name", sorted(hooks()))
def test_every_hook_is_documented_with_its_exact_signature(name: str) -> None:
    heading = f"### `{signature_text(name, hooks()[name])}`"
    assert heading in docs().splitlines(), f"docs/plugins.md needs the section: {heading}"


def test_the_docs_describe_no_hook_that_does_not_exist() -> None:
    documented = {match["name"] for match in HEADING.finditer(docs())}
    assert documented == set(hooks())


@pytest.mark.parametrize(
    "record",
    [
        value
        for value in vars(extensions).values()
        if attrs.has(value) and value.__module__ == extensions.__name__
    ],
    ids=lambda record: record.__name__,
)
def test_every_field_of_every_record_is_documented(record: type) -> None:
    text = docs()
    section = text.split(f"### `{record.__name__}`", 1)
    assert len(section) == 2, f"docs/plugins.md needs a section ### `{record.__name__}`"
    body = section[1].split("\n### ", 1)[0]
    for field in attrs.fields(record):
        assert f"| `{field.name}`" in body, f"{record.__name__}.{field.name} is not documented"


# -- every hook has a test --------------------------------------------------------------------


def files_with_tests() -> Iterator[Path]:
    """The project's tests and the tests of the first-party plugins, except this file."""
    roots = [ROOT / "tests", *sorted((ROOT / "plugins").glob("*/tests"))]
    for root in roots:
        for path in sorted(root.rglob("test_*.py")):
            if path.resolve() != Path(__file__).resolve():
                yield path


def functions_of_tests(path: Path) -> Iterator[tuple[str, str]]:
    """(name, source) of every test function in a file, methods of test classes included."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test_"
        ):
            yield node.name, ast.get_source_segment(source, node) or ""


@functools.cache
def hooks_named_by_tests() -> dict[str, list[str]]:
    """Hook name -> the tests that name it, in their own name (`test_register_roles_...`) or
    in their body (an implementation defined in the test, a plugin's source, a manager call).
    A name inside a longer identifier counts only where `_` separates it, so a hook never
    counts as tested because another hook's name begins with it."""
    named: dict[str, list[str]] = {name: [] for name in hooks()}
    words = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, named)) + r")(?![A-Za-z0-9])")
    for path in files_with_tests():
        for test, source in functions_of_tests(path):
            for hook in set(words.findall(source)):
                named[hook].append(f"{path.relative_to(ROOT)}::{test}")
    return named


@pytest.mark.parametrize("name", sorted(hooks()))
def test_every_hook_has_a_test(name: str) -> None:
    assert hooks_named_by_tests()[name], (
        f"no test names the hook {name}; add one to tests/plugins/test_hooks.py that implements "
        "it in a plugin and checks what formatkern does with it"
    )
