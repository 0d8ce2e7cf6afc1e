"""The projector view: what the room may see, on the wall or in a browser.

The big countdown, the phase and round, the question of the round, and who sits where. Nothing
private: no notes, no instructions meant for the facilitator, and no case titles in a
confidential phase. The same widget serves the control desk's `p` screen and the read-only
browser view of `formatkern serve`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from formatkern.i18n import pick
from formatkern.model import ArrangementKind
from formatkern.tui import stylesheet, view
from formatkern.tui.desk import Source
from formatkern.tui.strings import ui
from formatkern.tui.widgets.countdown import Countdown
from formatkern.tui.widgets.panels import SeatingView, phase_heading


class ProjectorView(Vertical):
    """The room's view of a session, redrawn from `source` on every call to `update_view`."""

    def __init__(self, source: Source, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="projector")
        self.source = source
        self.lang = lang
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Static(id="proj-title")
        yield Static(id="proj-question")
        yield Countdown(id="proj-countdown", largest=6)
        yield Static(id="proj-left")
        with VerticalScroll(id="proj-groups-box"):
            yield SeatingView(id="proj-groups")
            matches = Static(id="proj-matches")
            matches.display = False
            yield matches

    def on_mount(self) -> None:
        self._ready = True
        self.update_view()

    def update_view(self) -> None:
        if not self._ready:
            return
        state = self.source.state
        lang = self.lang
        step = state.step
        title = self.query_one("#proj-title", Static)
        question = self.query_one("#proj-question", Static)
        seating = self.query_one("#proj-groups", SeatingView)
        if step is None:
            done = state.finished_at is not None
            title.update(
                Text(pick(state.plan.format.title, lang), style="bold")
                + Text("\n" + ui("proj.finished" if done else "proj.waiting", lang))
            )
            question.update("")
            seating.show([], [], lang)
            self.query_one("#proj-matches", Static).display = False
            self.refresh_clock()
            return
        heading = phase_heading(state, step, lang)
        title.update(heading)
        asked = view.question_of(step, lang)
        question.update(Text(asked, style="italic") if asked else "")
        kind = state.arrangement_kind(step.index)
        empty = ui("run.alone", lang) if kind is ArrangementKind.ALONE else ui("run.plenum", lang)
        seating.show(
            view.groups_of(state, step.index, lang),
            view.observers_of(state, step.index),
            lang,
            empty=empty,
        )
        self._show_matches(step.index)
        self.refresh_clock()

    def _show_matches(self, index: int) -> None:
        """Why the pairs of a matched round sit together: the offer and the need that meet
        (names and card texts only; cards of a confidential phase never)."""
        found = view.pair_matches(self.source.state, index)
        widget = self.query_one("#proj-matches", Static)
        widget.display = bool(found)
        if found:
            lines = "\n".join(view.match_line(m, self.lang) for m in found)
            widget.update(Text(f"\n{lines}", justify="center"))

    def refresh_clock(self) -> None:
        if not self._ready:
            return
        state = self.source.state
        now = self.source.clock.now()
        remaining = state.remaining(now)
        length = state.timer.length if state.timer is not None else 0
        self.query_one("#proj-countdown", Countdown).show(remaining, length, state.paused)
        left = self.query_one("#proj-left", Static)
        if remaining is None:
            left.update("")
            return
        words = view.left_text(remaining, self.lang)
        if remaining > 0 and not state.paused:
            words += f" · {ui('run.until', self.lang, end=view.hhmm(now + remaining))}"
        if state.paused:
            words = f"{ui('run.paused', self.lang)} · {words}"
        left.update(Text(words, justify="center"))


class ProjectorScreen(Screen[None]):
    """The projector view full screen on the control desk's own terminal (key p)."""

    CSS_PATH = stylesheet("projector")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p,escape", "close", "Esc", show=False, id="formatkern.projector_close"),
        Binding("space", "pause", show=False),
        Binding("n", "next", show=False),
        Binding("plus", "plus", show=False),
    ]

    def __init__(self, source: Source, lang: str) -> None:
        super().__init__(id="projector")
        self.source = source
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield ProjectorView(self.source, self.lang, id="projector-view")

    def update_view(self) -> None:
        self.query_one(ProjectorView).update_view()

    def refresh_clock(self) -> None:
        self.query_one(ProjectorView).refresh_clock()

    def action_close(self) -> None:
        self.dismiss(None)

    def _on_desk(self, action: str) -> None:
        """The projector keeps the three keys a facilitator needs while facing the room."""
        from formatkern.tui.screens.running import RunningScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, RunningScreen):
                getattr(screen, f"action_{action}")()

    def action_pause(self) -> None:
        self._on_desk("pause")

    def action_next(self) -> None:
        self._on_desk("next")

    def action_plus(self) -> None:
        self._on_desk("plus")
