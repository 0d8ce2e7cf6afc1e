"""Small dialogs over the running screen; each ends in one session command (or none).

Change the arrangement, choose an option (the module of the Methodenwahl), enter a dot vote on
the cases, take in a late arrival or let someone leave, jump to a step, confirm the end, pick an
export. They hold no rules: what is allowed is for the engine to say, and its refusal is shown
as it words it; where the desk sees a refusal coming (`view.*_problem`), it says so itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from formatkern.builtins.arrangements import TITLES
from formatkern.extensions import OutputType
from formatkern.i18n import pick
from formatkern.model import ArrangementKind
from formatkern.tui import stylesheet, view
from formatkern.tui.desk import Desk
from formatkern.tui.strings import ui
from formatkern.tui.widgets.panels import ROW_MARK, ROW_STYLE

_CHOOSABLE = (
    ArrangementKind.PLENUM,
    ArrangementKind.PAIRS,
    ArrangementKind.GROUPS,
    ArrangementKind.TABLES,
    ArrangementKind.ALONE,
)


class Dialog(ModalScreen[bool]):
    """A dialog that Escape closes without doing anything."""

    CSS_PATH = stylesheet("dialogs")

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Esc", show=False)]

    def action_close(self) -> None:
        self.dismiss(False)


class DeskDialog(Dialog):
    """A dialog that sends its outcome to the session through the desk."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(classes="dialog")
        self.desk = desk
        self.lang = desk.lang


class ArrangementDialog(DeskDialog):
    """Plenum instead of two small groups, or tables of another number: decided in the room."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        current = self.desk.state.step
        kind = self.desk.state.arrangement_kind(current.index) if current else None
        with Vertical(classes="dialog-box"):
            yield Label(ui("arr.title", lang), classes="dialog-title")
            yield Static(ui("arr.intro", lang))
            options = [Option(pick(TITLES[k], lang), id=k.value) for k in _CHOOSABLE]
            listing = OptionList(*options, id="kinds")
            if kind in _CHOOSABLE:
                listing.highlighted = _CHOOSABLE.index(kind)
            yield listing
            yield Input(placeholder=ui("arr.count", lang), id="count", type="integer")
            yield Button(ui("arr.ok", lang), id="ok", variant="primary")

    @on(OptionList.OptionSelected, "#kinds")
    @on(Button.Pressed, "#ok")
    def _apply(self) -> None:
        listing = self.query_one("#kinds", OptionList)
        if listing.highlighted is None:
            return
        kind = _CHOOSABLE[listing.highlighted]
        raw = self.query_one("#count", Input).value.strip()
        count = int(raw) if raw.isdigit() and int(raw) > 0 else None
        if kind not in (ArrangementKind.GROUPS, ArrangementKind.TABLES):
            count = None
        arguments: dict[str, object] = {"kind": kind.value}
        if count is not None:
            arguments["count"] = count
        if self.desk.run("set_arrangement", **arguments) is not None:
            self.notify(ui("arr.done", self.lang, kind=pick(TITLES[kind], self.lang)))
            self.dismiss(True)


class ChoiceDialog(DeskDialog):
    """The option the group chose, e.g. the module of the consultation."""

    def __init__(self, desk: Desk, step: int) -> None:
        super().__init__(desk)
        self.step = step

    def _options(self) -> list[tuple[str, str]]:
        fmt = self.desk.state.plan.format
        choice = self.desk.state.plan.steps[self.step].phase.choice
        ids = (choice.options if choice else ()) or tuple(m.id for m in fmt.modules)
        titles = {m.id: pick(m.title, self.lang) for m in fmt.modules}
        return [(i, titles.get(i, i)) for i in ids]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(ui("choice.title", self.lang), classes="dialog-title")
            yield Static(ui("choice.intro", self.lang))
            chosen = self.desk.state.options.get(self.step)
            options = self._options()
            listing = OptionList(*[Option(title, id=i) for i, title in options], id="options")
            ids = [i for i, _ in options]
            if chosen in ids:
                listing.highlighted = ids.index(chosen)
            yield listing

    @on(OptionList.OptionSelected, "#options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option = event.option.id or ""
        if self.desk.run("choose", option=option, step=self.step) is not None:
            title = dict(self._options()).get(option, option)
            self.notify(ui("choice.done", self.lang, option=title))
            self.dismiss(True)


_VOTE_LINE = re.compile(
    r"^(?P<title>.*?)(?:\s+[–-]\s+(?P<giver>[^=]+?))?(?:\s*=\s*(?P<points>\S+))?$"
)


def parse_vote(text: str) -> list[tuple[str, str | None, int]]:
    """Lines "title – giver = points" (giver and points optional) as (title, giver, points).

    Raises ValueError naming the text that is not a number of points.
    """
    rows: list[tuple[str, str | None, int]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _VOTE_LINE.match(line)
        assert match is not None  # the pattern matches every line
        points = match.group("points")
        if points is not None and not points.isdigit():
            raise ValueError(points)
        giver = match.group("giver")
        rows.append(
            (match.group("title").strip(), giver.strip() if giver else None, int(points or 0))
        )
    return rows


def points_per_person(options: int, people: int) -> int:
    """Dot voting: at least a(a-1)/(2n) points for a options and n people, at least one."""
    if options < 2 or people < 1:
        return 1
    return max(1, math.ceil(options * (options - 1) / (2 * people)))


class VoteDialog(DeskDialog):
    """The cases named in the round and their dots; the most dotted are consulted, in order."""

    def __init__(self, desk: Desk, step: int) -> None:
        super().__init__(desk)
        self.step = step

    def _choose(self) -> int:
        """As many cases as the session was planned for (the facilitator set that at the start)."""
        state = self.desk.state
        return max((s.case for s in state.plan.steps if s.case is not None), default=1)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Label(ui("vote.title", lang), classes="dialog-title")
            yield Static(ui("vote.intro", lang))
            existing = "\n".join(
                f"{c.title} – {c.giver}" if c.giver else c.title for c in self.desk.state.cases
            )
            yield TextArea(existing, id="cases")
            yield Static(id="rule")
            yield Button(ui("arr.ok", lang), id="ok", variant="primary")

    def on_mount(self) -> None:
        self._update_rule()

    @on(TextArea.Changed, "#cases")
    def _update_rule(self) -> None:
        try:
            rows = parse_vote(self.query_one("#cases", TextArea).text)
        except ValueError:
            rows = []
        people = len(self.desk.state.people)
        vote = self.desk.state.plan.steps[self.step].phase.vote
        points = vote.points if vote is not None and vote.points else None
        points = points or points_per_person(len(rows), people)
        self.query_one("#rule", Static).update(
            ui("vote.points", self.lang, points=points, choose=self._choose())
        )

    @on(Button.Pressed, "#ok")
    def _apply(self) -> None:
        """Send what was entered to the session: the proposals not yet known, then, where dots
        were counted, the vote with its tally; the engine ranks and names the cases."""
        try:
            rows = parse_vote(self.query_one("#cases", TextArea).text)
        except ValueError as exc:
            self.notify(ui("vote.bad_points", self.lang, text=str(exc)), severity="error")
            return
        people = set(self.desk.state.people)
        known = {p.text for p in self.desk.state.collecting.proposals}
        for title, giver, _points in rows:
            if title not in known:
                owner = giver if giver in people else None
                if self.desk.run("propose", text=title, owner=owner) is None:
                    return
        if not any(points for *_rest, points in rows):
            self.dismiss(True)
            return
        if self.desk.state.collecting.vote(self.step) is None and (
            self.desk.run("open_vote") is None  # the options are the proposals, with owners
        ):
            return
        opened = self.desk.state.collecting.vote(self.step)
        dots = {title: points for title, _giver, points in rows}
        counts = [dots.get(option, 0) for option in (opened.options if opened else ())]
        if self.desk.run("tally", counts=counts) is None:
            return
        if self.desk.run("close_vote") is None:
            return
        vote = self.desk.state.collecting.vote(self.step)
        chosen = [vote.options[i - 1] for i in vote.winners or ()] if vote else []
        self.notify(ui("vote.done", self.lang, cases=", ".join(chosen)))
        self.dismiss(True)


class ArrivalDialog(DeskDialog):
    """Someone arrives late: their name, and the engine seats them in the running round."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Label(ui("people.arrive_title", lang), classes="dialog-title")
            yield Static(ui("people.arrive_intro", lang))
            yield Input(placeholder=ui("people.name", lang), id="arrival")
            yield Button(ui("people.arrive_ok", lang), id="ok", variant="primary")

    @on(Input.Submitted, "#arrival")
    @on(Button.Pressed, "#ok")
    def _apply(self) -> None:
        name = self.query_one("#arrival", Input).value.strip()
        problem = view.arrival_problem(self.desk.state, name, self.lang)
        if problem is not None:
            self.desk.refuse(problem)  # the name stays, to add an initial to
            return
        before = self.desk.state
        if self.desk.run("add_participant", name=name or None) is not None:
            self.notify(view.arrival_news(before, self.desk.state, self.lang), timeout=8)
            self.dismiss(True)


class LeaveDialog(DeskDialog):
    """Someone leaves early: picked from those present, by the first letters or the list."""

    DEFAULT_CSS = """
    LeaveDialog #present {
        height: auto;
        max-height: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Label(ui("people.leave_title", lang), classes="dialog-title")
            yield Static(ui("people.leave_intro", lang))
            yield Input(placeholder=ui("people.name", lang), id="leaving")
            listing = OptionList(*self._options(""), id="present")
            listing.highlighted = None  # nobody is marked until a name is typed or chosen
            yield listing

    def _options(self, typed: str) -> list[Option]:
        return [Option(name, id=name) for name in view.people_matching(self.desk.state, typed)]

    @on(Input.Changed, "#leaving")
    def _narrow(self, event: Input.Changed) -> None:
        listing = self.query_one("#present", OptionList)
        listing.clear_options()
        listing.add_options(self._options(event.value))
        # the first who fits is marked once something is typed; Enter alone picks nobody
        listing.highlighted = 0 if listing.option_count and event.value.strip() else None

    def action_move(self, by: int) -> None:
        """Up and down move through the list while the name is typed."""
        listing = self.query_one("#present", OptionList)
        if listing.option_count:
            current = listing.highlighted if listing.highlighted is not None else -by
            listing.highlighted = max(0, min(listing.option_count - 1, current + by))

    @on(Input.Submitted, "#leaving")
    def _typed(self, event: Input.Submitted) -> None:
        """Enter: the name as typed, else the one marked in the list."""
        listing = self.query_one("#present", OptionList)
        name = view.find_person(self.desk.state, event.value)
        if name is None and listing.highlighted is not None:
            name = listing.get_option_at_index(listing.highlighted).id
        if name is None and not event.value.strip():
            return
        self._leave(name or event.value)

    @on(OptionList.OptionSelected, "#present")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._leave(event.option.id or "")

    def _leave(self, name: str) -> None:
        problem = view.leave_problem(self.desk.state, name, self.lang)
        if problem is not None:
            self.desk.refuse(problem)
            return
        before = self.desk.state
        if self.desk.run("remove_participant", name=name) is not None:
            self.notify(view.leave_news(before, self.desk.state, self.lang), timeout=8)
            self.dismiss(True)


class JumpDialog(DeskDialog):
    """The agenda as a list: the step picked starts now, the ones between are skipped."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        rows = view.agenda_rows(self.desk.state, self.desk.clock.now(), lang)
        options = [
            Option(
                Text(
                    f"{ROW_MARK[row.state]} {row.actual or row.planned}  {row.minutes:>3}′  "
                    f"{row.title}",
                    style="bold" if row.state == "current" else ROW_STYLE[row.state],
                ),
                id=str(row.index),
            )
            for row in rows
        ]
        listing = OptionList(*options, id="steps")
        ahead = [i for i, row in enumerate(rows) if row.state == "ahead"]
        current = [i for i, row in enumerate(rows) if row.state == "current"]
        # the step after the current one, so that Enter never restarts the running step
        after = [i for i in ahead if not current or i > current[0]]
        listing.highlighted = (after or current or [0])[0] if rows else None
        with Vertical(classes="dialog-box"):
            yield Label(ui("jump.title", lang), classes="dialog-title")
            yield Static(ui("jump.intro", lang))
            yield listing

    @on(OptionList.OptionSelected, "#steps")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        state = self.desk.state
        problem = view.jump_problem(state, index, self.lang)
        if problem is not None:
            self.desk.refuse(problem)
            return
        again = state.step is not None and state.step.index == index
        if self.desk.run("jump", step=index) is not None:
            title = view.agenda_title(state.plan.steps[index], self.lang)
            self.notify(ui("jump.again" if again else "jump.done", self.lang, title=title))
            self.dismiss(True)


class ConfirmDialog(Dialog):
    def __init__(self, question: str, lang: str) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(ui("run.yes", self.lang), id="yes", variant="error")
                yield Button(ui("run.no", self.lang), id="no")

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ExportDialog(ModalScreen[str | None]):
    """Which of the installed outputs to write."""

    CSS_PATH = stylesheet("dialogs")

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Esc", show=False)]

    def __init__(self, outputs: Mapping[str, OutputType], lang: str) -> None:
        super().__init__(classes="dialog")
        self.outputs = outputs
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(ui("export.title", self.lang), classes="dialog-title")
            yield OptionList(
                *[
                    Option(f"{pick(o.title, self.lang)} (.{o.suffix.lstrip('.')})", id=name)
                    for name, o in sorted(self.outputs.items(), key=_protocol_first)
                ],
                id="outputs",
            )

    @on(OptionList.OptionSelected, "#outputs")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


_PREFERRED = ("md", "html", "csv", "json")
"""The protocol first: it is what a facilitator exports at the end of nearly every session."""


def _protocol_first(item: tuple[str, OutputType]) -> tuple[int, str]:
    name = item[0]
    return (_PREFERRED.index(name) if name in _PREFERRED else len(_PREFERRED), name)
