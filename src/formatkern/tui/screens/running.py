"""The main screen while a session runs: countdown, phase, instructions, groups, notes, agenda.

It shows what the session's state says and sends every key as a session command through the
desk. A refusal the desk sees coming (back at the first step, fit when it fits, someone joining
who is already there) is said in the desk's words before anything is sent; any other refusal is
the engine's sentence, shown as a notice. On a wide terminal all panels are visible at once; at
80×24 they are tabs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, Static, Tab, Tabs

from formatkern import events as ev
from formatkern.events import Entry
from formatkern.i18n import pick
from formatkern.model import ArrangementKind, Collect
from formatkern.render import describe_groups
from formatkern.state import Mode
from formatkern.tui import stylesheet, view
from formatkern.tui.desk import Desk
from formatkern.tui.keys import RUNNING_KEYS, bindings
from formatkern.tui.strings import ui
from formatkern.tui.widgets.countdown import Countdown
from formatkern.tui.widgets.panels import AgendaView, SeatingView, phase_heading

if TYPE_CHECKING:
    from formatkern.tui.app import FormatkernApp

_TIME_ONLY = (ev.Extended, ev.Paused, ev.Resumed, ev.TimerWarning, ev.TimeUp)
"""Events after which only the countdown, the schedule and the top line change."""

PANELS = ("instructions", "groups", "notes", "agenda")
WIDE_AT = (120, 36)
"""Columns and rows from which every panel is shown at once."""


class RunningScreen(Screen[None]):
    """The facilitator's view of the running session."""

    CSS_PATH = stylesheet("running")

    def __init__(self, desk: Desk) -> None:
        super().__init__(id="running")
        self.desk = desk
        self.lang = desk.lang
        self._bindings = BindingsMap(bindings(RUNNING_KEYS, self.lang))
        self.panel = "instructions"
        self._note_tables = 0
        self._ready = False
        self._agenda_rows: list[view.AgendaRow] = []

    @property
    def desk_app(self) -> FormatkernApp:
        from formatkern.tui.app import FormatkernApp

        assert isinstance(self.app, FormatkernApp)
        return self.app

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(id="topline")
        with Horizontal(id="top"):
            yield Countdown(id="countdown", largest=2)
            with Vertical(id="info"):
                yield Static(id="phase")
                yield Static(id="question")
                yield Static(id="schedule")
                yield Static(id="who")
        tabs = Tabs(
            Tab(ui("run.instructions", lang), id="tab-instructions"),
            Tab(ui("run.groups", lang), id="tab-groups"),
            Tab(ui("run.notes", lang), id="tab-notes"),
            Tab(ui("run.agenda", lang), id="tab-agenda"),
            id="tabs",
        )
        tabs.can_focus = False  # left and right stay free for a keymap; v and clicks switch
        yield tabs
        with Container(id="body"):
            with VerticalScroll(id="p-agenda", classes="panel"):
                yield AgendaView(id="agenda")
            with VerticalScroll(id="p-instructions", classes="panel -active"):
                yield Static(id="instructions")
            with VerticalScroll(id="p-groups", classes="panel"):
                yield SeatingView(id="seating")
                pair_matches = Static(id="pair-matches")
                pair_matches.display = False
                yield pair_matches
            with Vertical(id="p-notes", classes="panel"):
                with Horizontal(id="note-row"):
                    yield Select[int](
                        [(ui("run.note_all", lang), 0)],
                        id="note-table",
                        allow_blank=False,
                        compact=True,
                        value=0,
                    )
                    yield Input(placeholder=ui("run.note_placeholder", lang), id="note-input")
                with VerticalScroll(id="note-scroll"):
                    yield Static(id="note-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._ready = True
        self.desk.listen(self._heard)
        self._fit_layout(self.size.width, self.size.height)
        self.update_view()

    def _heard(self, entries: list[Entry]) -> None:
        """Redraw after a command: only the clock when only the time changed (+, -, space),
        so the countdown answers a key at once; everything when the step or room changed."""
        if all(isinstance(e.event, _TIME_ONLY) for e in entries):
            self._update_topline()
            self.refresh_clock()
        else:
            self.update_view()

    # -- layout ------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._fit_layout(event.size.width, event.size.height)

    def _fit_layout(self, width: int, height: int) -> None:
        wide = width >= WIDE_AT[0] and height >= WIDE_AT[1]
        self.set_class(wide, "-wide")
        self.query_one(Countdown).largest = 2 if wide else 1

    @on(Tabs.TabActivated, "#tabs")
    def _tab_chosen(self, event: Tabs.TabActivated) -> None:
        tab_id = event.tab.id or "tab-instructions"
        self.show_panel(tab_id.removeprefix("tab-"))

    def show_panel(self, name: str) -> None:
        """Bring a panel to the front (on a narrow terminal only one is visible)."""
        self.panel = name
        for panel in PANELS:
            self.query_one(f"#p-{panel}").set_class(panel == name, "-active")
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{name}":
            tabs.active = f"tab-{name}"

    # -- showing the state ---------------------------------------------------------------------

    def update_view(self) -> None:
        """Redraw everything from the session's state (after a command or an event)."""
        if not self._ready:
            return
        state = self.desk.state
        lang = self.lang
        step = state.step
        self._update_topline()
        self._agenda_rows = []
        if step is None:
            self.query_one("#phase", Static).update(ui("run.not_started", lang))
            self.refresh_clock()
            return
        title = phase_heading(state, step, lang)
        if view.is_confidential(state, step):
            title.append(f"\n🔒 {ui('run.confidential', lang)}", style="italic")
        self.query_one("#phase", Static).update(title)
        question = view.question_of(step, lang)
        self.query_one("#question", Static).update(
            Text(f"{ui('run.question', lang)}: {question}") if question else ""
        )
        self.query_one("#who", Static).update(self._who(step.index))
        instructions = pick(state.instructions(step.index), lang)
        roles = view.roles_lines(state, step, lang)
        body = Text()
        body.append(f"{ui('run.read_out', lang)}\n", style="bold")
        body.append(instructions or "–")
        if roles:
            body.append(f"\n\n{ui('run.roles', lang)}\n", style="bold")
            for role_title, names in roles:
                body.append(f"{role_title}: ", style="bold")
                body.append(f"{names}\n")
        self.query_one("#instructions", Static).update(body)
        kind = state.arrangement_kind(step.index)
        empty = ui("run.alone", lang) if kind is ArrangementKind.ALONE else ui("run.plenum", lang)
        groups = view.groups_of(state, step.index, lang)
        seating = self.query_one("#seating", SeatingView)
        seating.show(groups, view.observers_of(state, step.index), lang, empty=empty)
        self._update_pair_matches(step.index)
        self.query_one("#tab-groups", Tab).label = Text(
            f"{ui('run.groups', lang)} ({len(groups)})" if groups else ui("run.groups", lang)
        )
        self._update_notes(len(groups) if kind is ArrangementKind.TABLES else 0)
        self.refresh_clock()

    def _update_topline(self) -> None:
        state = self.desk.state
        lang = self.lang
        step = state.step
        top = Text(pick(state.plan.format.title, lang), style="bold")
        if step is not None:
            total = len(state.plan.steps)
            top.append(f"  ·  {ui('run.step', lang, n=step.index + 1, total=total)}")
        if step is not None and view.auto_advancing(state):
            top.append(f"  ·  {ui('run.auto', lang)}", style="bold")
        if state.paused:
            top.append(f"  ·  {ui('run.paused', lang)}", style="bold reverse")
        self.query_one("#topline", Static).update(top)

    def _who(self, index: int) -> Text:
        state = self.desk.state
        lang = self.lang
        step = state.plan.steps[index]
        text = Text(describe_groups(step, lang) if index not in state.arrangements else "")
        if index in state.arrangements:
            text = Text(ui("arr.done", lang, kind=_kind_title(state.arrangement_kind(index), lang)))
        speaking = view.speaking_of(state, step, lang)
        if speaking.titles:
            names = ", ".join(speaking.speakers) or ", ".join(speaking.titles)
            text.append(f"\n{ui('run.speaking', lang)}: ", style="bold")
            text.append(names)
            if speaking.listeners:
                listeners = ", ".join(speaking.listeners)
                if len(speaking.listeners) > 6:
                    listeners = f"{len(speaking.listeners)} {ui('cast.rest', lang)}"
                text.append(f"\n{ui('run.listening', lang)}: ", style="bold")
                text.append(listeners)
        return text

    def _update_notes(self, tables: int) -> None:
        state = self.desk.state
        lang = self.lang
        select: Select[int] = self.query_one("#note-table", Select)
        if tables != self._note_tables:
            self._note_tables = tables
            options = [(ui("run.note_all", lang), 0)] + [
                (ui("run.table", lang, n=n), n) for n in range(1, tables + 1)
            ]
            select.set_options(options)
            select.value = 0
        select.display = tables > 0
        current = state.timer.step if state.timer is not None else None
        market = current is not None and view.is_market(state, current)
        placeholder = "run.market_placeholder" if market else "run.note_placeholder"
        self.query_one("#note-input", Input).placeholder = ui(placeholder, lang)
        notes = [n for n in state.collecting.notes if n.step == current]
        listing = self._market_listing() if market else Text()
        for note in notes:
            where = ui("run.table", lang, n=note.table) if note.table else ui("run.note_all", lang)
            listing.append(f"{view.hhmm(note.at)} {where}: ", style="dim")
            listing.append(f"{note.text}\n")
        if market and not notes:
            listing.append(ui("run.no_notes", lang), style="dim")
        self.query_one("#note-list", Static).update(listing or ui("run.no_notes", lang))

    def _market_listing(self) -> Text:
        """The offers and needs, and the matches, above the notes of a market step."""
        lang = self.lang
        market = view.market_of(self.desk.state, lang)
        listing = Text()
        listing.append(f"{ui('run.matches', lang)}\n", style="bold")
        for line in market.matches or (ui("run.no_matches", lang),):
            listing.append(f"{line}\n")
        listing.append(f"\n{ui('run.cards', lang)}\n", style="bold")
        for line in market.cards or (ui("run.no_cards", lang),):
            listing.append(f"{line}\n")
        listing.append(f"{ui('run.market_how', lang)}\n", style="dim")
        listing.append(f"\n{ui('run.notes', lang)}\n", style="bold")
        return listing

    def _update_pair_matches(self, index: int) -> None:
        """Below the pairs of a matched round: which offer meets which need in them."""
        lang = self.lang
        found = view.pair_matches(self.desk.state, index)
        widget = self.query_one("#pair-matches", Static)
        widget.display = bool(found)
        if found:
            text = Text()
            text.append(f"\n{ui('run.pair_matches', lang)}\n", style="bold")
            for match in found:
                text.append(f"{view.match_line(match, lang)}\n")
            widget.update(text)

    def refresh_clock(self) -> None:
        """The part that moves every fraction of a second: countdown and schedule line."""
        if not self._ready:
            return
        state = self.desk.state
        now = self.desk.clock.now()
        remaining = state.remaining(now)
        length = state.timer.length if state.timer is not None else 0
        self.query_one(Countdown).show(remaining, length, state.paused)
        rows = view.agenda_rows(state, now, self.lang)
        if rows != self._agenda_rows:  # projected starts move at most once a minute
            self._agenda_rows = rows
            self.query_one("#agenda", AgendaView).show(rows, self.lang)
        if state.mode in (Mode.RUNNING, Mode.PAUSED):
            projection = self.desk.session.projection()
            schedule = view.schedule_text(projection, self.lang)
            if remaining is not None:
                schedule = f"{view.left_text(remaining, self.lang)} · {schedule}"
            turn = view.turn_text(self.desk.session.turn(), self.lang)
            if turn:
                schedule = f"{turn} · {schedule}"
            self.query_one("#schedule", Static).update(schedule)

    # -- notes -------------------------------------------------------------------------------

    @on(Input.Submitted, "#note-input")
    def _note_written(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        current = self.desk.state.timer.step if self.desk.state.timer is not None else None
        command = view.market_command(text) if current is not None else None
        if command is not None and current is not None and view.is_market(self.desk.state, current):
            name, arguments = command
            if self.desk.run(name, **arguments) is not None:
                event.input.value = ""
            return
        table = self.query_one("#note-table", Select).value
        chosen = table if isinstance(table, int) and table > 0 else None
        if self.desk.run("note", text=text, table=chosen) is not None:
            event.input.value = ""

    def key_escape(self) -> None:
        """Leave the notes field so the single-letter keys work again."""
        self.set_focus(None)

    # -- actions (each one a session command, or a dialog that ends in one) -------------------

    def action_pause(self) -> None:
        self.desk.run("resume" if self.desk.state.paused else "pause")

    def action_next(self) -> None:
        self.desk.run("next")

    def action_back(self) -> None:
        problem = view.back_problem(self.desk.state, self.lang)
        if problem is not None:
            self.desk.refuse(problem)
            return
        self.desk.run("back")

    def action_goto(self) -> None:
        """The agenda as a list, to pick the step the session goes on with."""
        from formatkern.tui.screens.dialogs import JumpDialog

        if self.desk.state.step is None:
            return
        self.app.push_screen(JumpDialog(self.desk))

    def action_plus(self) -> None:
        self.desk.run("extend", seconds=60)

    def action_minus(self) -> None:
        now = self.desk.clock.now()
        problem = view.shorten_problem(self.desk.state, now, 60, self.lang)
        if problem is not None:
            self.desk.refuse(problem)
            return
        self.desk.run("shorten", seconds=60)

    def action_fit(self) -> None:
        problem = view.fit_problem(self.desk.state, self.desk.clock.now(), self.lang)
        if problem is not None:
            self.desk.refuse(problem)
            return
        if self.desk.run("fit_to_end") is not None:
            end = view.hhmm(self.desk.session.projection().end)
            self.notify(ui("run.fitted", self.lang, end=end))

    def action_regroup(self) -> None:
        """Mix the groups of this round anew; if the mixer gives the same groups, say so."""
        state = self.desk.state
        step = state.step
        if step is None or step.index not in state.seating:
            self.notify(ui("run.no_groups", self.lang), severity="warning")
            return
        before = state.seating[step.index]
        if self.desk.run("regroup") is None:
            return
        after = self.desk.state.seating.get(step.index)
        same = after is not None and after.groups == before.groups
        self.notify(ui("run.regroup_same" if same else "run.regrouped", self.lang))
        self.show_panel("groups")

    def action_auto(self) -> None:
        """Auto-advance on or off; the top line shows the mode."""
        enabled = not view.auto_advancing(self.desk.state)
        if self.desk.run("auto_advance", enabled=enabled) is not None:
            self.notify(ui("run.auto_on" if enabled else "run.auto_off", self.lang))

    def action_arrive(self) -> None:
        from formatkern.tui.screens.dialogs import ArrivalDialog

        self.app.push_screen(ArrivalDialog(self.desk), self._people_changed)

    def action_leave(self) -> None:
        from formatkern.tui.screens.dialogs import LeaveDialog

        self.app.push_screen(LeaveDialog(self.desk), self._people_changed)

    def _people_changed(self, changed: bool | None) -> None:
        """After an arrival or a leave: the new groups, or where there are none, the roles."""
        state = self.desk.state
        if changed and state.step is not None:
            self.show_panel("groups" if state.step.index in state.seating else "instructions")

    def action_arrangement(self) -> None:
        from formatkern.tui.screens.dialogs import ArrangementDialog

        if self.desk.state.step is None:
            return
        self.app.push_screen(ArrangementDialog(self.desk))

    def action_export(self) -> None:
        self.desk_app.export()

    def action_projector(self) -> None:
        self.desk_app.toggle_projector()

    def action_help(self) -> None:
        from formatkern.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang))

    def action_roles(self) -> None:
        from formatkern.tui.screens.casting import CastingScreen

        self.app.push_screen(CastingScreen(self.desk))

    def action_choose(self) -> None:
        from formatkern.tui.screens.dialogs import ChoiceDialog, VoteDialog

        step = self.desk.state.step
        if step is None:
            return
        if step.phase.choice is not None:
            self.app.push_screen(ChoiceDialog(self.desk, step.index))
        elif step.phase.vote is not None or Collect.CASES in step.phase.collect:
            self.app.push_screen(VoteDialog(self.desk, step.index))
        else:
            self.notify(ui("run.no_choice", self.lang), severity="warning")

    def action_note(self) -> None:
        self.show_panel("notes")
        self.query_one("#note-input", Input).focus()

    def action_panel(self) -> None:
        index = PANELS.index(self.panel) if self.panel in PANELS else 0
        self.show_panel(PANELS[(index + 1) % len(PANELS)])

    def action_finish(self) -> None:
        from formatkern.tui.screens.dialogs import ConfirmDialog

        def finish(sure: bool | None) -> None:
            if sure:
                self.desk.run("finish")

        self.app.push_screen(ConfirmDialog(ui("run.finish_confirm", self.lang), self.lang), finish)


def _kind_title(kind: ArrangementKind, lang: str) -> str:
    from formatkern.builtins.arrangements import TITLES

    return pick(TITLES[kind], lang)
