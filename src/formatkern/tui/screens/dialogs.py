"""Small dialogs over the running screen; each ends in one session command (or none).

Change the arrangement, choose an option (the module of the Methodenwahl), enter a dot vote on
the cases, confirm the end, pick an export. They hold no rules: what is allowed is for the
engine to say, and its refusal is shown as it words it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import ClassVar

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
from formatkern.tui.desk import Desk
from formatkern.tui.strings import ui

_CHOOSABLE = (
    ArrangementKind.PLENUM,
    ArrangementKind.PAIRS,
    ArrangementKind.GROUPS,
    ArrangementKind.TABLES,
    ArrangementKind.ALONE,
)


class Dialog(ModalScreen[bool]):
    """A dialog that Escape closes without doing anything."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Esc", show=False)]

    def action_close(self) -> None:
        self.dismiss(False)


class ArrangementDialog(Dialog):
    """Plenum instead of two small groups, or tables of another number: decided in the room."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(classes="dialog")
        self.desk = desk
        self.lang = desk.lang

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


class ChoiceDialog(Dialog):
    """The option the group chose, e.g. the module of the consultation."""

    def __init__(self, desk: Desk, step: int) -> None:
        super().__init__(classes="dialog")
        self.desk = desk
        self.step = step
        self.lang = desk.lang

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


class VoteDialog(Dialog):
    """The cases named in the round and their dots; the most dotted are consulted, in order."""

    def __init__(self, desk: Desk, step: int) -> None:
        super().__init__(classes="dialog")
        self.desk = desk
        self.step = step
        self.lang = desk.lang

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
