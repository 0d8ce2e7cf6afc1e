"""The facilitator's control desk: a Textual front end on a running `Session`.

Nothing outside this package imports it (the CLI calls `formatkern.tui.app.run_tui`), so the
engine and the headless runner never load Textual.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Hold the cyclic garbage collector back while the desk starts.

    Starting makes many objects that live as long as the desk (modules, classes, widgets,
    styles, the formats), and the collector would look through them again and again, a tenth
    of the start-up time. `resume_collection` lets it go on once the first screen is drawn.
    """
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Let the collector go on, if `pause_collection` held it back; what start-up made stays
    out of its later rounds (`gc.freeze`), so these stay short while a session runs."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
