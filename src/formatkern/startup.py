"""Starting fast: the cyclic garbage collector held back while a command's modules load.

Starting makes many objects that live as long as the process (modules, classes, widgets,
styles, the formats); the collector would look through them again and again, and find nothing
to free. `formatkern`'s `main()` holds it back while click and the command's modules load, the
root command lets it go on, and the desk holds it back again until its first frame is drawn.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Hold the cyclic garbage collector back (if it runs) until `resume_collection`."""
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
