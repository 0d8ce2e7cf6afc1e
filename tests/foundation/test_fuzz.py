"""Whatever a method author throws at the loader, the answer is a FormatError, never a crash."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formatkern.errors import FormatError
from formatkern.loader import parse_format

FORMATS = sorted((Path(__file__).resolve().parents[2] / "formats").glob("*.toml"))
SEEDS = [p.read_text(encoding="utf-8") for p in FORMATS]

_scalars = st.one_of(
    st.integers(-3, 200),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["5m", "90s", "1h30m", "plenum", "tables", "mix", "per-case", "notes", ""]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _dump(value: Any) -> str:
    """A tiny TOML writer for inline values (enough for mutated documents)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_dump(v) for v in value) + "]"
    items = ", ".join(f"{_dump(str(k))} = {_dump(v)}" for k, v in value.items())
    return "{ " + items + " }"


def _document(data: dict[str, Any]) -> str:
    return "\n".join(f"{_dump(str(k))} = {_dump(v)}" for k, v in data.items()) + "\n"


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, sub in value.items():
            found += _paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            found += _paths(sub, (*prefix, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


def _delete(value: Any, path: tuple[Any, ...]) -> Any:
    head, rest = path[0], path[1:]
    if not rest:
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k != head}
        return [v for i, v in enumerate(value) if i != head]
    if isinstance(value, dict):
        return {**value, head: _delete(value[head], rest)}
    copy = list(value)
    copy[head] = _delete(copy[head], rest)
    return copy


def _only_format_errors(text: str) -> None:
    problems: list[str] = []
    try:
        parse_format(text, "fuzz.toml")
    except FormatError as exc:
        problems = exc.problems or ["<a FormatError without a message>"]
    assert all(p.startswith("fuzz.toml") for p in problems), problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_only_ever_raises_format_error(text: str) -> None:
    _only_format_errors(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(max_size=10), _values, max_size=8))
def test_random_documents_only_ever_raise_format_error(data: dict[str, Any]) -> None:
    _only_format_errors(_document({"format": 1, **data}))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_built_in_formats_only_ever_raise_format_error(data: st.DataObject) -> None:
    seed = tomllib.loads(data.draw(st.sampled_from(SEEDS)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(seed) if p]
        path = data.draw(st.sampled_from(paths))
        if data.draw(st.booleans()):
            seed = _delete(seed, path)
        else:
            seed = _replace(seed, path, data.draw(_values))
    _only_format_errors(_document(seed))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_cut_and_spliced_format_files_only_ever_raise_format_error(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(SEEDS))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    insert = data.draw(st.text(max_size=20))
    _only_format_errors(text[:start] + insert + text[end:])
