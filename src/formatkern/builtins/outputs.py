"""The built-in outputs (Markdown, JSON, HTML, CSV) register here once they exist."""

from __future__ import annotations

from collections.abc import Callable

from formatkern.extensions import OutputType
from formatkern.hookspecs import hookimpl


@hookimpl
def register_outputs(register: Callable[[OutputType], None]) -> None:
    """No built-in output yet; the protocol outputs come with the outputs work."""
