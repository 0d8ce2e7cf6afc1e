"""The help screen: every key of the running screen, as it is after remapping, with its id."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from formatkern.tui import stylesheet
from formatkern.tui.keys import RUNNING_KEYS
from formatkern.tui.strings import ui


def key_label(key: str) -> str:
    """How a key is written on the help screen: "space" as ␣, "question_mark" as ?."""
    names = {"space": "␣", "question_mark": "?", "plus": "+", "minus": "-"}
    return ", ".join(names.get(part.strip(), part.strip()) for part in key.split(","))


class HelpScreen(ModalScreen[None]):
    CSS_PATH = stylesheet("dialogs")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Esc", show=False),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(id="help", classes="dialog")
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        keymap = self.app._keymap
        table = Table(box=None, expand=True, padding=(0, 1))
        table.add_column(ui("help.key", lang), style="bold", no_wrap=True)
        table.add_column(ui("help.what", lang), ratio=1)
        table.add_column(ui("help.id", lang), style="dim", no_wrap=True)
        for key in RUNNING_KEYS:
            table.add_row(
                key_label(keymap.get(key.binding_id, key.key)),
                ui(f"help.{key.label}", lang),
                key.binding_id,
            )
        with Vertical(classes="dialog-box"):
            yield Label(ui("help.title", lang), classes="dialog-title")
            with VerticalScroll():
                yield Static(table, id="keys")
                yield Static(ui("help.intro", lang), id="help-intro")
                yield Static(f"\n{ui('help.market', lang)}", id="help-market")

    def action_close(self) -> None:
        self.dismiss(None)
