"""Reading format files: TOML text -> cattrs -> `model.Format`, or one `FormatError`.

Three layers, each collecting every problem it finds before giving up:
1. TOML syntax (the standard library's `tomllib`),
2. structure and types (cattrs with `forbid_extra_keys`, plus strict hooks for the shorthand
   forms: a text as a string, a duration as `"5m"`, an arrangement as `"plenum"`),
3. consistency across the file (`checks.py`: ids unique, references resolve, ranges ordered).
Each problem is reported as `file:line: key.path: what is wrong`.
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from formatkern import checks
from formatkern.errors import FormatError
from formatkern.model import (
    FORMAT_VERSIONS,
    LANGUAGES,
    Arrangement,
    ArrangementKind,
    Cast,
    Collect,
    Count,
    Duration,
    Format,
    OddPerson,
    Phase,
    Repeat,
    Role,
    Rotation,
    SizeRange,
    Text,
    Timer,
    When,
    parse_duration,
)
from formatkern.tomlpos import Path as KeyPath
from formatkern.tomlpos import key_lines, line_of, render_path

Problem = tuple[KeyPath, str]

_ENUMS: tuple[type[enum.Enum], ...] = (
    ArrangementKind,
    Cast,
    Collect,
    OddPerson,
    Repeat,
    Rotation,
    When,
)


class Invalid(Exception):
    """A value that does not fit its key; `subpath` points below the key when known."""

    def __init__(self, message: str, subpath: KeyPath = ()) -> None:
        super().__init__(message)
        self.message = message
        self.subpath = subpath


# -- strict hooks ------------------------------------------------------------------------------


def _type_name(value: object) -> str:
    names = {str: "a text", bool: "true/false", int: "a number", float: "a number"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), type(value).__name__)


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return _type_name(value)


def _strict_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise Invalid(f"must be a text in quotes, got {_show(value)}")
    return value


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"must be a whole number, got {_show(value)}")
    return value


def _strict_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, got {_show(value)}")
    return value


def _table(value: Any, allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(f"must be {what}, got {_show(value)}")
    for key in value:
        if key not in allowed:
            raise Invalid(_unknown_key_message(key, allowed), (key,))
    return value


def _unknown_key_message(key: str, allowed: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f'; did you mean "{close[0]}"?' if close else f" (allowed: {', '.join(allowed)})"
    return f"unknown key{hint}"


def _structure_text(value: Any, _: type) -> Text:
    if isinstance(value, str):
        return Text.same(value)
    table = _table(value, LANGUAGES, 'a text or a table like { de = "...", en = "..." }')
    for lang, text in table.items():
        if not isinstance(text, str):
            raise Invalid(f"must be a text in quotes, got {_show(text)}", (lang,))
    if not table:
        raise Invalid("must hold a text in at least one language (de, en)")
    return Text(de=table.get("de"), en=table.get("en"))


def _seconds(value: Any, subpath: KeyPath) -> int:
    if not isinstance(value, str):
        raise Invalid(
            f'must be a duration like "90s", "5m" or "1h30m", got {_show(value)}', subpath
        )
    try:
        seconds = parse_duration(value)
    except ValueError as exc:
        raise Invalid(str(exc), subpath) from None
    if seconds <= 0:
        raise Invalid(f'must be longer than zero, got "{value}"', subpath)
    return seconds


def _structure_duration(value: Any, _: type) -> Duration:
    if isinstance(value, str):
        return Duration.fixed(_seconds(value, ()))
    table = _table(value, ("default", "min", "max"), 'a duration like "5m" or a table')
    if "default" not in table:
        raise Invalid('needs a default, e.g. { default = "10m", min = "5m", max = "15m" }')
    default = _seconds(table["default"], ("default",))
    low = _seconds(table["min"], ("min",)) if "min" in table else default
    high = _seconds(table["max"], ("max",)) if "max" in table else default
    if not low <= default <= high:
        given = ", ".join(f'{k} "{table[k]}"' for k in ("min", "default", "max") if k in table)
        raise Invalid(f"must have min <= default <= max, got {given}")
    return Duration(default, low, high)


def _whole(value: Any, subpath: KeyPath, least: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"must be a whole number, got {_show(value)}", subpath)
    if value < least:
        raise Invalid(f"must be at least {least}, got {value}", subpath)
    return value


def _structure_count(value: Any, _: type) -> Count:
    if not isinstance(value, dict):
        number = _whole(value, ())
        return Count.fixed(number)
    table = _table(value, ("default", "min", "max"), "a number or a table")
    if not table:
        raise Invalid("needs at least a default, e.g. { default = 3, min = 3 }")
    default = _whole(table.get("default", table.get("min", 0)), ("default",))
    low = _whole(table["min"], ("min",)) if "min" in table else default
    high = _whole(table["max"], ("max",)) if "max" in table else None
    if low > default or (high is not None and default > high):
        raise Invalid(
            f"must have min <= default <= max, got min {low}, default {default}, max {high}"
        )
    return Count(default, low, high)


def _structure_size(value: Any, _: type) -> SizeRange:
    if not isinstance(value, dict):
        number = _whole(value, (), least=1)
        return SizeRange(number, number, number)
    table = _table(value, ("default", "min", "max"), "a number or a table")
    if not table:
        raise Invalid("needs a size, e.g. { default = 5, min = 4, max = 6 }")
    high_raw = table.get("max", table.get("default", table.get("min")))
    default = _whole(table.get("default", high_raw), ("default",), least=1)
    low = _whole(table.get("min", default), ("min",), least=1)
    high = _whole(table.get("max", default), ("max",), least=1)
    if not low <= default <= high:
        raise Invalid(
            f"must have min <= default <= max, got min {low}, default {default}, max {high}"
        )
    return SizeRange(default, low, high)


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    allowed = [member.value for member in cls]
    if isinstance(value, str):
        for member in cls:
            if member.value == value:
                return member
    choices = ", ".join(f'"{a}"' for a in allowed)
    raise Invalid(f"must be one of {choices}, got {_show(value)}")


def _tuple_hook_factory(conv: cattrs.Converter) -> Callable[[type], Callable[[Any, type], Any]]:
    def factory(cls: type) -> Callable[[Any, type], Any]:
        (item_type, _) = get_args(cls)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise Invalid(f"must be a list [ ... ], got {_show(value)}")
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(conv.structure(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        cattrs.errors.IterableValidationNote(
                            f"Structuring {cls} @ index {index}", index, item_type
                        ),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cls}", errors, cls)
            return tuple(items)

        return structure

    return factory


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _with_shorthand(
    conv: cattrs.Converter, cls: type, shorthand: Callable[[str], dict[str, Any]]
) -> Callable[[Any, type], Any]:
    """A hook for a class that may also be written as a single string."""
    full: Callable[[Any, type], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True
    )

    def structure(value: Any, _: type) -> Any:
        if isinstance(value, str):
            value = shorthand(value)
        if not isinstance(value, dict):
            raise Invalid(f"must be a text or a table, got {_show(value)}")
        return full(value, cls)

    return structure


def _timer_hook(conv: cattrs.Converter) -> Callable[[Any, type], Timer]:
    """A timer is a kind ("countdown") or a table whose per_person is a duration ("3m")."""
    full: Callable[[Any, type], Timer] = make_dict_structure_fn(
        Timer, conv, _cattrs_forbid_extra_keys=True
    )

    def structure(value: Any, _: type) -> Timer:
        if isinstance(value, str):
            return Timer(kind=value)
        if not isinstance(value, dict):
            raise Invalid(f'must be a timer kind like "countdown" or a table, got {_show(value)}')
        if "per_person" in value:
            value = {**value, "per_person": _seconds(value["per_person"], ("per_person",))}
        timer: Timer = full(value, Timer)
        return timer

    return structure


def _role_hook(conv: cattrs.Converter) -> Callable[[Any, type], Role]:
    """A role may take over a template registered by a plugin: `use = "id"`; the keys given
    in the file replace the template's."""
    full: Callable[[Any, type], Role] = make_dict_structure_fn(
        Role, conv, _cattrs_forbid_extra_keys=True
    )

    def structure(value: Any, _: type) -> Role:
        if not isinstance(value, dict) or "use" not in value:
            return full(value, Role)
        name = value["use"]
        templates = known_roles()
        if not isinstance(name, str) or name not in templates:
            known = ", ".join(sorted(templates)) or "none"
            raise Invalid(f"no role template {_show(name)} is known (known: {known})", ("use",))
        template = templates[name]
        given = {k: v for k, v in value.items() if k != "use"}
        role = full({"id": template.id, "title": "", **given}, Role)
        return attrs.evolve(template, **{key: getattr(role, key) for key in given})

    return structure


def _normalise_phase(conv: cattrs.Converter) -> Callable[[Any, type], Phase]:
    full: Callable[[Any, type], Phase] = make_dict_structure_fn(
        Phase, conv, _cattrs_forbid_extra_keys=True
    )

    def structure(value: Any, _: type) -> Phase:
        if not isinstance(value, dict):
            raise Invalid(f"must be a table, got {_show(value)}")
        if isinstance(value.get("collect"), str):
            value = {**value, "collect": [value["collect"]]}
        return full(value, Phase)

    return structure


@functools.cache
def converter() -> cattrs.Converter:
    """The converter for format files: strict types, no unknown keys, shorthands allowed."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    # the enums are str subclasses: each needs its own exact hook to win over the str one
    for enum_cls in _ENUMS:
        conv.register_structure_hook(enum_cls, _structure_enum)
    conv.register_structure_hook(Text, _structure_text)
    conv.register_structure_hook(Duration, _structure_duration)
    conv.register_structure_hook(Count, _structure_count)
    conv.register_structure_hook(SizeRange, _structure_size)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory(conv))
    conv.register_structure_hook(
        Arrangement, _with_shorthand(conv, Arrangement, lambda kind: {"kind": kind})
    )
    conv.register_structure_hook(Timer, _timer_hook(conv))
    conv.register_structure_hook(Phase, _normalise_phase(conv))
    conv.register_structure_hook(Role, _role_hook(conv))
    return conv


# -- cattrs errors -> problems -----------------------------------------------------------------


def problems_from(exc: BaseException, path: KeyPath) -> list[Problem]:
    """The problems in a cattrs error (or an `Invalid`), each with its key path under `path`."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        problems: list[Problem] = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, cattrs.errors.AttributeValidationNote):
                    sub_path = (*path, note.name)
                    break
                if isinstance(note, cattrs.errors.IterableValidationNote):
                    sub_path = (*path, note.index) if isinstance(note.index, int) else path
                    break
            problems.extend(problems_from(sub, sub_path))
        return problems
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        return [
            ((*path, key), _unknown_key_message(key, allowed)) for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, Invalid):
        return [((*path, *exc.subpath), exc.message)]
    if isinstance(exc, KeyError):
        return [(path, "is required but missing")]
    return [(path, str(exc) or type(exc).__name__)]


# -- entry points ------------------------------------------------------------------------------


def format_problems(name: str, text: str, problems: list[Problem]) -> FormatError:
    """One FormatError of `problems` in file order, each as `name:line: key.path: message`."""
    lines = key_lines(text)
    rendered: list[str] = []
    seen: set[str] = set()
    for path, message in sorted(problems, key=lambda p: line_of(lines, p[0]) or 0):
        line = line_of(lines, path)
        where = f"{name}:{line}" if line else name
        entry = f"{where}: {render_path(path)}: {message}" if path else f"{where}: {message}"
        if entry not in seen:
            seen.add(entry)
            rendered.append(entry)
    return FormatError(rendered)


_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The TOML document, or a FormatError that names file and line of the syntax error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        reason = _TOML_POSITION.sub("", message).strip()
        if match and match.group(1):
            where = f"{name}:{match.group(1)}"
        else:
            where = f"{name}:{text.count(chr(10)) + 1}"
        raise FormatError([f"{where}: not valid TOML: {reason}"]) from None


def read_text(path: Path, name: str | None = None) -> str:
    """The UTF-8 text of a file, or a FormatError saying why it cannot be read."""
    shown = name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormatError([f"{shown}: no such file"]) from None
    except IsADirectoryError:
        raise FormatError([f"{shown}: is a folder, not a format file"]) from None
    except OSError as exc:
        raise FormatError([f"{shown}: cannot be read ({exc.strerror})"]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError([f"{shown}:{line}: not UTF-8 text (save the file as UTF-8)"]) from None


def parse_format(text: str, name: str = "<format>") -> Format:
    """A Format from the text of a format file; `name` is how errors refer to the file."""
    data = parse_toml(text, name)
    version = data.get("format")
    if version is None:
        raise format_problems(name, text, [((), "the key `format = 1` is missing at the top")])
    if isinstance(version, bool) or version not in FORMAT_VERSIONS:
        known = ", ".join(str(v) for v in FORMAT_VERSIONS)
        raise format_problems(
            name,
            text,
            [(("format",), f"version {_show(version)} is unknown; this formatkern reads {known}")],
        )
    try:
        fmt = _case_giver_by_id(converter().structure(data, Format))
    except Exception as exc:
        raise format_problems(name, text, problems_from(exc, ())) from None
    problems = checks.check_format(fmt, known_timers())
    if problems:
        raise format_problems(name, text, problems)
    return fmt


CASE_GIVERS_BY_ID: Final = ("fallerzaehler", "fallgeber", "case-giver", "client")
"""Role ids that bring the case in files written before `brings_case` existed (and in the
journals that keep such files): when no role of a format says `brings_case`, the first role
with one of these ids does."""


def _case_giver_by_id(fmt: Format) -> Format:
    if any(role.brings_case for role in fmt.roles):
        return fmt
    for index, role in enumerate(fmt.roles):
        if role.id in CASE_GIVERS_BY_ID:
            roles = (
                *fmt.roles[:index],
                attrs.evolve(role, brings_case=True),
                *fmt.roles[index + 1 :],
            )
            return attrs.evolve(fmt, roles=roles)
    return fmt


def known_roles() -> dict[str, Role]:
    """Role templates registered by the built-ins and plugins."""
    from formatkern.plugins import get_plugins

    return get_plugins().roles()


def known_timers() -> tuple[str, ...]:
    """Timer kinds registered by the built-ins and plugins."""
    from formatkern.plugins import get_plugins

    return tuple(get_plugins().timers())


def load_format(path: str | Path, name: str | None = None) -> Format:
    """A Format from a file. Every problem of the file is in the one FormatError raised."""
    file = Path(path)
    return parse_format(read_text(file, name), name or str(path))


def structure(data: Mapping[str, Any], cls: type[Any]) -> Any:
    """Structure other documents (agendas, settings) with the same strict rules."""
    return converter().structure(dict(data), cls)


__all__ = ["ArrangementKind", "Invalid", "load_format", "parse_format", "read_text"]
