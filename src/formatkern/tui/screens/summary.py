"""The end: what was held and when, compared with the plan, and the way to the protocol."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from formatkern.i18n import pick
from formatkern.tui import stylesheet, view
from formatkern.tui.desk import Desk
from formatkern.tui.strings import ui
from formatkern.tui.widgets.panels import AgendaView

if TYPE_CHECKING:
    from formatkern.tui.app import FormatkernApp


class SummaryScreen(Screen[None]):
    CSS_PATH = stylesheet("dialogs")

    def __init__(self, desk: Desk) -> None:
        super().__init__(id="summary")
        self.desk = desk
        self.lang = desk.lang
        self._bindings = BindingsMap(
            [
                Binding("e", "export", ui("key.export", self.lang), id="formatkern.summary_export"),
                Binding("q", "quit_app", ui("key.quit", self.lang), id="formatkern.summary_quit"),
            ]
        )

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="summary-box"):
            yield Label(ui("end.title", lang), classes="screen-title")
            yield Static(self._summary(), id="summary-text")
            with VerticalScroll(id="summary-agenda"):
                agenda = AgendaView(id="agenda-done")
                yield agenda
            with Horizontal(classes="buttons"):
                yield Button(ui("key.export", lang), id="export", variant="primary")
                yield Button(ui("end.quit", lang), id="quit")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        state = self.desk.state
        now = state.finished_at or self.desk.clock.now()
        self.query_one(AgendaView).show(view.agenda_rows(state, now, self.lang), self.lang)

    def _summary(self) -> Text:
        state = self.desk.state
        lang = self.lang
        started = state.started_at or 0.0
        finished = state.finished_at or self.desk.clock.now()
        held = len({index for index, _at in state.history})
        text = Text(
            ui(
                "end.summary",
                lang,
                title=pick(state.plan.format.title, lang),
                steps=held,
                start=view.hhmm(started),
                end=view.hhmm(finished),
                minutes=view.whole_minutes(finished - started),
                notes=len(state.collecting.notes),
            )
        )
        if state.planned_end is not None:
            text.append("\n" + ui("end.planned", lang, end=view.hhmm(state.planned_end)))
        path = getattr(self.desk.session.journal, "path", None)
        if isinstance(path, Path):
            text.append("\n" + ui("end.journal", lang, path=path.name), style="dim")
        return text

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        from formatkern.tui.app import FormatkernApp

        app = self.app
        if isinstance(app, FormatkernApp):
            desk_app: FormatkernApp = app
            desk_app.export()

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        self.app.exit()
