"""The facilitator's control desk: a Textual front end on a running `Session`.

Nothing outside this package imports it (the CLI calls `formatkern.tui.app.run_tui`), so the
engine and the headless runner never load Textual.
"""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).parent / "styles"
"""The desk's stylesheets: `desk.tcss` and `start.tcss` for the app, one more per screen."""


def stylesheet(name: str) -> Path:
    """A screen's stylesheet, e.g. `stylesheet("running")`, for its CSS_PATH: Textual reads it
    when the screen first shows, so the desk's first frame parses only what the start needs."""
    return STYLES / f"{name}.tcss"
