"""The start: choose a method, say who comes and when, see whether it fits; or resume.

A preview shows the phases with their clock times, the roles and the groups as the plan makes
them for the people entered, and a warning when the agenda ends after the end given. Nothing
here decides anything the plan does not: the preview is `make_plan`'s, the words `render`'s.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from formatkern.catalog import Catalog, Entry
from formatkern.errors import FormatkernError
from formatkern.i18n import pick
from formatkern.journal import list_sessions
from formatkern.participants import People, read_names
from formatkern.plan import (
    Plan,
    Settings,
    fixed_start,
    format_clock,
    make_plan,
    minutes,
    parse_clock,
)
from formatkern.render import (
    describe_groups,
    describe_roles,
    duration_range,
    group_size_range,
    step_title,
)
from formatkern.tui.strings import ui

if TYPE_CHECKING:
    from formatkern.clock import Clock
    from formatkern.tui.app import FormatkernApp


def people_from_text(text: str) -> People:
    """What the facilitator typed or pasted: a number, or names one per line (or by commas).

    Raises ValueError with the name given twice, since two people of one name must be told
    apart before the tables are printed.
    """
    stripped = text.strip()
    if stripped.isdigit():
        return People(int(stripped))
    lines = stripped.splitlines()
    if len(lines) == 1 and "," in stripped:
        lines = stripped.split(",")
    names: list[str] = []
    seen: set[str] = set()
    for raw in lines:
        name = raw.strip().lstrip("-•*").strip()
        if not name:
            continue
        if name.casefold() in seen:
            raise ValueError(name)
        seen.add(name.casefold())
        names.append(name)
    return People.of_names(names)


def next_five_minutes(wall: float) -> int:
    """Seconds after midnight of the next full five minutes from `wall` (a sensible start)."""
    moment = datetime.fromtimestamp(wall)
    seconds = moment.hour * 3600 + moment.minute * 60 + (1 if moment.second else 0)
    return -(-seconds // 300) * 300 % (24 * 3600)


class StartScreen(Screen[None]):
    def __init__(
        self,
        catalog: Catalog,
        lang: str,
        clock: Clock,
        *,
        format_ref: str | None = None,
        people: People | None = None,
        start: int | None = None,
        end: int | None = None,
        sessions_folder: Path | None = None,
        cases: int | None = None,
        rounds: dict[str, int] | None = None,
        skip: tuple[str, ...] = (),
    ) -> None:
        super().__init__(id="start")
        self.cases = cases
        self.rounds = dict(rounds or {})
        self.skip = skip
        self._bindings = BindingsMap(
            [
                Binding("ctrl+s", "go", ui("start.go", lang), id="formatkern.start_go"),
                Binding("ctrl+r", "resume", ui("start.resume", lang), id="formatkern.resume"),
            ]
        )
        self.catalog = catalog
        self.lang = lang
        self.clock = clock
        self.entries: list[Entry] = list(catalog)
        self.chosen: Entry | None = None
        self.plan: Plan | None = None
        self.sessions_folder = sessions_folder
        self.format_ref = format_ref
        self.initial_people = people
        self.start = start if start is not None else next_five_minutes(clock.now())
        self.end = end
        if format_ref is not None:
            try:
                self.chosen = catalog.entry(format_ref)
            except FormatkernError:
                self.chosen = None
            if self.chosen is not None and self.chosen.id not in [e.id for e in self.entries]:
                self.entries.insert(0, self.chosen)
            first = fixed_start(self.chosen.format) if self.chosen is not None else None
            if start is None and first is not None:  # a day whose first block has a time
                self.start = first

    @property
    def desk_app(self) -> FormatkernApp:
        from formatkern.tui.app import FormatkernApp

        assert isinstance(self.app, FormatkernApp)
        return self.app

    def compose(self) -> ComposeResult:
        lang = self.lang
        people = self.initial_people
        names = ""
        if people is not None:
            names = "\n".join(people.names) if people.names else str(people.count)
        with Horizontal(id="start-columns"):
            with Vertical(id="start-left"):
                yield Label(ui("start.formats", lang), classes="section")
                yield Input(placeholder=ui("start.search", lang), id="search", compact=True)
                yield OptionList(id="formats", compact=True)
                yield Label(ui("start.unfinished", lang), classes="section")
                yield OptionList(id="sessions", compact=True)
            with Vertical(id="start-right"):
                yield Label(ui("start.people", lang), classes="section")
                text_area = TextArea(names, id="names", soft_wrap=False, compact=True)
                text_area.cursor_blink = False
                yield text_area
                yield Static(ui("start.people_hint", lang), classes="hint")
                with Horizontal(classes="row"):
                    yield Input(placeholder=ui("start.file", lang), id="file", compact=True)
                    yield Button(ui("start.load", lang), id="load", compact=True)
                with Horizontal(classes="row"):
                    yield Label(ui("start.begin", lang), classes="field")
                    yield Input(format_clock(self.start), id="begin", max_length=5, compact=True)
                    yield Label(ui("start.end", lang), classes="field", id="end-label")
                    end = format_clock(self.end) if self.end is not None else ""
                    yield Input(end, id="end", max_length=5, placeholder="HH:MM", compact=True)
                with Horizontal(classes="row"):
                    yield Button(ui("start.go", lang), id="go", variant="primary", compact=True)
                    yield Static(id="fit")
                with VerticalScroll(id="preview-box"):
                    yield Static(id="preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = False
        self._fill_formats("")
        self._fill_sessions()
        self._update_preview()
        if self.chosen is not None and self.initial_people is not None:
            self.query_one("#go", Button).focus()
        elif self.chosen is not None:
            self.query_one("#names", TextArea).focus()
        else:
            self.query_one("#search", Input).focus()

    # -- the list of formats -----------------------------------------------------------------

    def _fill_formats(self, search: str) -> None:
        words = search.casefold().split()
        listing = self.query_one("#formats", OptionList)
        listing.clear_options()
        shown = []
        for entry in self.entries:
            fmt = entry.format
            haystack = " ".join(
                [fmt.id, pick(fmt.title, "de"), pick(fmt.title, "en"), *fmt.tags]
            ).casefold()
            if all(word in haystack for word in words):
                shown.append(entry)
                listing.add_option(Option(pick(fmt.title, self.lang), id=entry.id))
        if not shown:
            listing.add_option(Option(ui("start.no_format", self.lang), disabled=True))
            return
        ids = [e.id for e in shown]
        if self.chosen is not None and self.chosen.id in ids:
            listing.highlighted = ids.index(self.chosen.id)
        else:
            listing.highlighted = 0
            self.chosen = shown[0]

    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        self._fill_formats(event.value)
        self._update_preview()

    @on(OptionList.OptionHighlighted, "#formats")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = next((e for e in self.entries if e.id == event.option.id), None)
        if entry is not None and entry is not self.chosen:
            self.chosen = entry
            self._update_preview()

    @on(OptionList.OptionSelected, "#formats")
    def _format_selected(self) -> None:
        self.query_one("#names", TextArea).focus()

    # -- unfinished sessions -----------------------------------------------------------------

    def _fill_sessions(self) -> None:
        """The unfinished sessions in the sessions folder, newest first."""
        from formatkern.session_files import resumable

        listing = self.query_one("#sessions", OptionList)
        infos = [i for i in list_sessions(self.sessions_folder) if resumable(i)]
        for info in infos[:20]:
            when = datetime.fromtimestamp(info.created_wall).strftime("%d.%m. %H:%M")
            title = info.format_id
            with contextlib.suppress(FormatkernError):
                title = pick(self.catalog.get(info.format_id).title, self.lang)
            phase = f" · {info.current_phase}" if info.current_phase else ""
            listing.add_option(Option(f"{when} {title}{phase}", id=str(info.path)))
        if not infos:
            listing.add_option(Option(ui("start.no_unfinished", self.lang), disabled=True))

    @on(OptionList.OptionSelected, "#sessions")
    def _session_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._resume(Path(event.option.id))

    def action_resume(self) -> None:
        listing = self.query_one("#sessions", OptionList)
        if listing.highlighted is None:
            return
        option = listing.get_option_at_index(listing.highlighted)
        if option.id:
            self._resume(Path(option.id))

    def _resume(self, path: Path) -> None:
        try:
            self.desk_app.resume(path)
        except FormatkernError as exc:
            self.notify(str(exc), severity="error", timeout=12)

    # -- participants, times, preview ----------------------------------------------------------

    @on(Button.Pressed, "#load")
    @on(Input.Submitted, "#file")
    def _load_file(self) -> None:
        raw = self.query_one("#file", Input).value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        try:
            people = read_names(path)
        except FormatkernError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.query_one("#names", TextArea).text = "\n".join(people.names)
        self.notify(ui("start.loaded", self.lang, n=people.count, file=path.name))

    @on(TextArea.Changed, "#names")
    @on(Input.Changed, "#begin")
    @on(Input.Changed, "#end")
    def _inputs_changed(self) -> None:
        self._update_preview()

    def _settings(self) -> Settings:
        """The settings as entered; raises FormatkernError or ValueError with the reason."""
        text = self.query_one("#names", TextArea).text
        if not text.strip():
            raise FormatkernError(ui("start.need_people", self.lang))
        try:
            people = people_from_text(text)
        except ValueError as exc:
            raise FormatkernError(ui("start.duplicate", self.lang, name=str(exc))) from None
        begin = parse_clock(self.query_one("#begin", Input).value or "09:00")
        end_text = self.query_one("#end", Input).value.strip()
        end = parse_clock(end_text) if end_text else None
        return Settings(
            people=people,
            start=begin,
            end=end,
            cases=self.cases,
            rounds=self.rounds,
            skip=self.skip,
            lang=self.lang,
        )

    def _update_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        fit = self.query_one("#fit", Static)
        entry = self.chosen
        if entry is None:
            preview.update(ui("start.no_format", self.lang))
            return
        lang = self.lang
        fmt = entry.format
        text = Text(pick(fmt.title, lang), style="bold")
        upper = f"–{fmt.participants.max}" if fmt.participants.max is not None else "+"
        text.append(
            f"\n{ui('start.people', lang)} {fmt.participants.min}{upper} · "
            f"{ui('start.group_size', lang)} {group_size_range(fmt)} · "
            f"{ui('start.duration', lang)} {duration_range(fmt)}\n",
            style="dim",
        )
        summary = pick(fmt.summary, lang)
        if summary:
            text.append(f"{summary}\n")
        self.plan = None
        fit.update("")
        fit.set_classes("")
        try:
            settings = self._settings()
            self.plan = make_plan(fmt, settings)
        except FormatkernError as exc:
            for number, phase in enumerate(fmt.phases, start=1):
                text.append(f"\n{number}. {pick(phase.title, lang)}")
            if self.query_one("#names", TextArea).text.strip():
                fit.update(str(exc))
                fit.set_classes("-problem")
            preview.update(text)
            return
        plan = self.plan
        for step in plan.steps:
            clock = format_clock(plan.start + step.start)
            text.append(f"\n{clock}  {minutes(step.seconds):>3}′  {step_title(step, lang)}")
            text.append(f"  {describe_groups(step, lang)}", style="dim")
        if fmt.roles:
            text.append(f"\n\n{describe_roles(fmt, plan.roles, lang)}", style="dim")
        preview.update(text)
        count = ui("start.count", lang, n=plan.settings.people.count)
        if plan.overrun:
            end = format_clock(plan.settings.end or 0)
            fit.update(
                f"{count} · {ui('start.overrun', lang, minutes=minutes(plan.overrun), end=end)}"
            )
            fit.set_classes("-warning")
        else:
            fit.update(f"{count} · {ui('start.fits', lang, end=format_clock(plan.end))}")
            fit.set_classes("-ok")

    @on(Button.Pressed, "#go")
    def action_go(self) -> None:
        self._update_preview()
        if self.plan is None or self.chosen is None:
            problem = self.query_one("#fit", Static).render()
            self.notify(str(problem) or ui("start.need_people", self.lang), severity="error")
            return
        try:
            self.desk_app.begin(self.plan, self.chosen)
        except FormatkernError as exc:
            self.notify(str(exc), severity="error", timeout=12)
