"""The JSON Schema of format files, derived from the attrs classes of `model.py`.

Derived rather than written by hand so that it cannot drift from what the loader accepts.
Editors (e.g. Taplo, VS Code's Even Better TOML) use it for completion and checks.
"""

from __future__ import annotations

import enum
from typing import Any, get_args, get_origin

import attrs

from formatkern.model import (
    FORMAT_VERSIONS,
    Arrangement,
    Count,
    Duration,
    Format,
    SizeRange,
    Text,
    Timer,
)

_DURATION_PATTERN = r"^\s*(\d+\s*h)?\s*(\d+\s*m(in)?)?\s*(\d+\s*s)?\s*$"

_TEXT: dict[str, Any] = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"de": {"type": "string"}, "en": {"type": "string"}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
    "description": 'A text, or a table of languages: { de = "...", en = "..." }',
}
_DURATION_STRING: dict[str, Any] = {"type": "string", "pattern": _DURATION_PATTERN}
_DURATION: dict[str, Any] = {
    "oneOf": [
        _DURATION_STRING,
        {
            "type": "object",
            "properties": dict.fromkeys(("default", "min", "max"), _DURATION_STRING),
            "required": ["default"],
            "additionalProperties": False,
        },
    ],
    "description": 'A duration like "90s", "5m", "1h30m", or { default, min, max }',
}


def _range(minimum: int) -> dict[str, Any]:
    number = {"type": "integer", "minimum": minimum}
    return {
        "oneOf": [
            number,
            {
                "type": "object",
                "properties": dict.fromkeys(("default", "min", "max"), number),
                "additionalProperties": False,
                "minProperties": 1,
            },
        ]
    }


_SPECIAL: dict[Any, dict[str, Any]] = {
    Text: _TEXT,
    Duration: _DURATION,
    Count: _range(0),
    SizeRange: _range(1),
}


def _type_schema(tp: Any) -> dict[str, Any]:
    if tp in _SPECIAL:
        return _SPECIAL[tp]
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    origin = get_origin(tp)
    args = [a for a in get_args(tp) if a is not type(None)]
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if args and len(args) == 1:  # X | None
        return _type_schema(args[0])
    if attrs.has(tp):
        schema = _class_schema(tp)
        if tp in (Arrangement, Timer):  # may be written as a bare kind: "plenum", "countdown"
            return {"oneOf": [_type_schema(attrs.fields(tp).kind.type), schema]}
        return schema
    return {}


def _class_schema(cls: type) -> dict[str, Any]:
    fields = attrs.fields(cls)
    hints = attrs.resolve_types(cls)
    properties = {f.name: _type_schema(attrs.fields_dict(hints)[f.name].type) for f in fields}
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def format_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a format file."""
    schema = _class_schema(Format)
    schema["properties"]["format"] = {"enum": list(FORMAT_VERSIONS)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "formatkern format file",
        **schema,
    }
