"""Casting: who holds which role, as the engine proposed it, changed by the facilitator.

The engine fills the roles when the session (or a case) starts; here the facilitator types the
names the group agreed on. Roles left as proposed are not sent, so the engine fills them around
the changed ones. Voluntary roles (an observer in Team-Tango) start empty: whoever wants one
takes it, and nobody is asked why.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from formatkern.i18n import pick
from formatkern.model import Role
from formatkern.tui import stylesheet, view
from formatkern.tui.desk import Desk
from formatkern.tui.strings import ui


def split_names(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


class CastingScreen(Screen[bool]):
    CSS_PATH = stylesheet("casting")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Esc", show=False),
        Binding("ctrl+s", "apply", "OK", show=False),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__(id="casting")
        self.desk = desk
        self.lang = desk.lang
        state = desk.state
        self.held = view.holders(state, state.step)
        step = state.step or (state.plan.steps[0] if state.plan.steps else None)
        self.shown: tuple[Role, ...] = view.roles_now(state, step)
        """The roles of the format running (in a day: of the block running, or the first)."""
        self.roles: list[Role] = [r for r in self.shown if not r.rest and not r.per_group]

    def compose(self) -> ComposeResult:
        lang = self.lang
        state = self.desk.state
        yield Label(ui("cast.title", lang), classes="screen-title")
        yield Static(ui("cast.intro", lang), id="cast-intro")
        with VerticalScroll(id="cast-roles"):
            if not self.shown:
                yield Static(ui("cast.none", lang))
            for role in self.shown:
                hint = pick(role.task, lang)
                if role.voluntary:
                    hint = ui("cast.voluntary", lang)
                elif role.per_group:
                    hint = ui("cast.per_group", lang)
                elif role.rest:
                    hint = ui("cast.rest", lang)
                with Vertical(classes="cast-role"):
                    yield Label(pick(role.title, lang), classes="role-title")
                    if role in self.roles:
                        yield Input(
                            ", ".join(self.held.get(role.id, ())),
                            id=_field_id(role.id),
                            placeholder=hint,
                        )
                    else:
                        names = view.roles_lines(state, state.step, lang)
                        shown = dict(names).get(pick(role.title, lang), "–")
                        yield Static(f"{shown}  ({hint})", classes="role-fixed")
        with Horizontal(classes="buttons"):
            yield Button(ui("cast.ok", lang), id="apply", variant="primary")
            yield Button(ui("cast.cancel", lang), id="cancel")
        yield Footer(compact=True)

    def changed(self) -> dict[str, list[str]]:
        """The roles whose names the facilitator changed, with the new names."""
        result: dict[str, list[str]] = {}
        for role in self.roles:
            names = split_names(self.query_one(f"#{_field_id(role.id)}", Input).value)
            if names != tuple(self.held.get(role.id, ())):
                result[role.id] = list(names)
        return result

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        changes = self.changed()
        people = set(self.desk.state.people)
        for names in changes.values():
            for name in names:
                if name not in people:
                    self.notify(ui("cast.unknown", self.lang, name=name), severity="error")
                    return
        if changes and self.desk.run("cast", roles=changes) is None:
            return
        self.dismiss(bool(changes))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def _field_id(role_id: str) -> str:
    """The widget id of a role's field: `role-moderator`; in a day `role-vormittag__moderator`
    (a widget id may not hold the dot of a day's role ids)."""
    return f"role-{role_id.replace('.', '__')}"
