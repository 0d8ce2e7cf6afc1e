"""The big countdown: block digits that grow with the space they get.

The colour steps follow what facilitators know from SessionLab and termdown: a warning colour
at 20 % of the time left, an alarm colour at 5 %, and in overtime a "+" that keeps counting, so
the room sees how far over it is rather than a frozen 00:00.
"""

from __future__ import annotations

import math
from typing import Final

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

WARNING_AT: Final = 0.20
ALARM_AT: Final = 0.05

_FONT: Final[dict[str, tuple[str, ...]]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": ("##.", ".#.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
}
"""A 3×5 pixel font of our own; each pixel is drawn two cells wide to look square."""

ROWS: Final = 5


def clock_text(remaining: float) -> str:
    """What the countdown shows: "19:58" counting down, "+01:05" in overtime.

    Counting down it rounds up, so "00:00" appears exactly when time is up; in overtime it
    rounds down, so "+00:01" appears one second after.
    """
    if remaining >= 0:
        whole = math.ceil(remaining - 1e-9)
        sign = ""
    else:
        whole = math.floor(-remaining)
        sign = "+"
    hours, rest = divmod(whole, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes:02d}:{seconds:02d}"


def level_of(remaining: float, length: float) -> str:
    """ "normal", "warning" (20 % left), "alarm" (5 % left) or "overtime"."""
    if remaining < 0:
        return "overtime"
    if length > 0 and remaining <= length * ALARM_AT:
        return "alarm"
    if length > 0 and remaining <= length * WARNING_AT:
        return "warning"
    return "normal"


def block_width(text: str, scale: int) -> int:
    """Cells the block digits of `text` need at `scale` (gaps between glyphs included)."""
    pixels = sum(len(_FONT[ch][0]) for ch in text) + max(0, len(text) - 1)
    return pixels * 2 * scale


def block_lines(text: str, scale: int) -> list[str]:
    """The rows of `text` in block digits, `ROWS * scale` rows tall."""
    rows: list[str] = []
    for row in range(ROWS):
        pixels = ".".join(_FONT[ch][row] for ch in text)
        line = "".join("█" * (2 * scale) if p == "#" else " " * (2 * scale) for p in pixels)
        rows.extend([line] * scale)
    return rows


def fit_scale(text: str, width: int, height: int, largest: int = 4) -> int:
    """The largest scale at which `text` fits in `width`×`height`; 0 if not even at 1."""
    for scale in range(largest, 0, -1):
        if block_width(text, scale) <= width and ROWS * scale <= height:
            return scale
    return 0


class Countdown(Widget):
    """The remaining time of the current phase in digits as big as the widget allows."""

    remaining: reactive[float | None] = reactive(None)
    length: reactive[float] = reactive(0.0)
    paused: reactive[bool] = reactive(False)

    DEFAULT_CSS = """
    Countdown { height: auto; min-height: 5; content-align: center middle; }
    Countdown.-normal { color: $success; }
    Countdown.-warning { color: $warning; }
    Countdown.-alarm, Countdown.-overtime { color: $error; }
    Countdown.-overtime { text-style: bold; }
    Countdown.-paused { color: $text-muted; }
    """
    """Its colours go with it, so that every screen that shows it (the desk's, the projector,
    the browser's) colours it alike."""

    def __init__(self, *, largest: int = 4, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.largest = largest

    @property
    def text(self) -> str:
        """The time as characters, also what a screen reader or a test reads."""
        return "--:--" if self.remaining is None else clock_text(self.remaining)

    @property
    def level(self) -> str:
        return "normal" if self.remaining is None else level_of(self.remaining, self.length)

    def show(self, remaining: float | None, length: float, paused: bool) -> None:
        """Update all three values at once; classes follow so the stylesheet picks the colour."""
        self.remaining = remaining
        self.length = length
        self.paused = paused
        level = self.level
        for name in ("normal", "warning", "alarm", "overtime"):
            self.set_class(level == name, f"-{name}")
        self.set_class(paused, "-paused")

    def render(self) -> RenderResult:
        text = self.text.replace("--", "00") if self.remaining is None else self.text
        width, height = self.content_region.size
        scale = fit_scale(text, width, height, self.largest)
        if scale == 0:
            return Text(self.text, style="bold", justify="center")
        return Text("\n".join(block_lines(text, scale)), justify="center", no_wrap=True)
