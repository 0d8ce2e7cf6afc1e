"""The panels of the running screen: agenda, groups, instructions, notes.

Each panel is given what to show by its screen (from `formatkern.tui.view`) and turns it into
Rich renderables; none of them talks to the session itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.columns import Columns
from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from formatkern.plan import Step
from formatkern.render import step_title
from formatkern.state import SessionState
from formatkern.tui import view
from formatkern.tui.strings import ui
from formatkern.tui.view import AgendaRow, Group

ROW_STYLE = {
    "done": "dim",
    "current": "bold reverse",
    "ahead": "",
    "skipped": "dim italic",
    "dropped": "dim strike",
}
ROW_MARK = {"done": "✓", "current": "▶", "ahead": " ", "skipped": "»", "dropped": "–"}


class AgendaView(Static):
    """The agenda: planned start, actual or projected start, minutes, title; current marked."""

    def show(self, rows: Sequence[AgendaRow], lang: str) -> None:
        table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
        table.add_column("", width=1, no_wrap=True)
        table.add_column(ui("run.planned", lang), no_wrap=True)
        table.add_column(ui("run.actual", lang), no_wrap=True)
        table.add_column("′", justify="right", no_wrap=True)
        table.add_column(ui("run.agenda", lang), ratio=1, overflow="ellipsis", no_wrap=True)
        for row in rows:
            table.add_row(
                ROW_MARK[row.state],
                row.planned,
                row.actual,
                str(row.minutes),
                row.title,
                style=ROW_STYLE[row.state],
            )
        self.update(table)


def group_block(group: Group, host_label: str) -> Text:
    """One table or group: its label, then the names, the host first and starred."""
    text = Text(group.label, style="bold")
    names = list(group.names)
    if group.host is not None and group.host in names:
        names.remove(group.host)
        text.append(f"\n★ {group.host}", style="bold")
        text.append(f" ({host_label})", style="dim")
    for name in names:
        text.append(f"\n  {name}")
    return text


class SeatingView(Static):
    """Who sits where this round: tables, groups, pairs or stations with their names."""

    def show(
        self,
        groups: Sequence[Group],
        observers: Sequence[str],
        lang: str,
        *,
        empty: str = "",
    ) -> None:
        if not groups:
            self.update(Text(empty, style="italic"))
            return
        host_label = ui("run.host", lang)
        blocks: list[RenderableType] = [group_block(g, host_label) for g in groups]
        parts: list[RenderableType] = [Columns(blocks, padding=(0, 2), expand=False)]
        if observers:
            parts.append(Text(f"\n{ui('run.observers', lang)}: {', '.join(observers)}"))
        self.update(RichGroup(*parts))


def phase_heading(state: SessionState, step: Step, lang: str) -> Text:
    """The step's title in bold, under its block's title in a day, and above the case (unless
    the case is confidential): the heading of the desk and of the projector."""
    heading = Text(step_title(step, lang), style="bold")
    block = view.block_line(state, step, lang)
    if block:
        heading = Text(f"{block}\n") + heading
    case = view.case_line(state, step, lang)
    if case and not view.is_confidential(state, step):
        heading.append(f"\n{case}")
    return heading
