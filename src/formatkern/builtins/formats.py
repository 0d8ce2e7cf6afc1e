"""The built-in method library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from formatkern.catalog import builtin_dir
from formatkern.hookspecs import hookimpl


@hookimpl
def register_formats(register: Callable[[Path], None]) -> None:
    register(builtin_dir())
