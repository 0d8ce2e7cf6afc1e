"""The room's view in a browser: the projector view of a session followed from its journal.

`formatkern serve` runs this module once per browser tab through textual-serve; it reads the
journal read-only and polls it twice a second, so the control desk in another process stays
the only writer. Run it by hand with `python -m formatkern.tui.room SESSION`.
"""

from __future__ import annotations

import argparse
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.screen import Screen

from formatkern.clock import Clock
from formatkern.i18n import lang_from_environment
from formatkern.tui import stylesheet
from formatkern.tui.app import THEMES
from formatkern.tui.follow import Follower
from formatkern.tui.screens.projector import ProjectorView
from formatkern.tui.strings import ui


class RoomScreen(Screen[None]):
    """The projector view and nothing to press: the browser view is read-only."""

    def __init__(self, follower: Follower, lang: str) -> None:
        super().__init__(id="room")
        self.follower = follower
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield ProjectorView(self.follower, self.lang, id="projector-view")


class RoomApp(App[None]):
    CSS_PATH: ClassVar[list[str | PurePath]] = [stylesheet("desk"), stylesheet("projector")]
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        path: Path,
        *,
        lang: str = "de",
        theme: str = "dark",
        clock: Clock | None = None,
        poll_interval: float | None = 0.5,
    ) -> None:
        super().__init__()
        self.follower = Follower(path, clock)
        self.lang = lang
        self.theme_choice = theme
        self.poll_interval = poll_interval
        self.title = ui("app.title", lang)

    def on_mount(self) -> None:
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = THEMES.get(self.theme_choice, THEMES["dark"]).name
        self.push_screen(RoomScreen(self.follower, self.lang))
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.poll)

    def poll(self) -> None:
        """Fold new events from the journal; redraw all on news, else only the clock."""
        view = self.screen.query_one(ProjectorView)
        if self.follower.poll():
            view.update_view()
        else:
            view.refresh_clock()

    def on_unmount(self) -> None:
        self.follower.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m formatkern.tui.room")
    parser.add_argument("session", type=Path)
    parser.add_argument("--lang", choices=["de", "en"], default=None)
    parser.add_argument("--theme", choices=sorted(THEMES), default="dark")
    args = parser.parse_args(argv)
    RoomApp(args.session, lang=args.lang or lang_from_environment(), theme=args.theme).run()


if __name__ == "__main__":
    main()
