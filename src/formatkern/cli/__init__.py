"""The `formatkern` command. Thin: parse, call the API, print.

Every error that is the user's to fix (a FormatkernError) ends as a one-paragraph message on
stderr and exit code 1; usage errors are click's, with exit code 2. The commands are in
`formatkern.cli.root`; `cli` is importable from here as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from formatkern.cli.root import cli

__all__ = ["cli", "main"]


def main() -> None:
    """The console script. The cyclic garbage collector waits while click and the command's
    modules load (many long-lived objects, nothing to collect); the root command lets it go
    on before any command runs, and the desk holds it back again until its first frame."""
    from formatkern.startup import pause_collection

    pause_collection()
    from formatkern.cli.root import cli

    cli(prog_name="formatkern")


def __getattr__(name: str) -> Any:
    if name == "cli":
        from formatkern.cli.root import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
