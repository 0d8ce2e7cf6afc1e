"""formatkern: runs meeting methods from declarative format files."""

from formatkern.hookspecs import hookimpl

__all__ = ["hookimpl"]
