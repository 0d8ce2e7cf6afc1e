"""The start: choose a method, say who comes and when, see whether it fits; or resume.

A preview shows the phases with their clock times, the roles and the groups as the plan makes
them for the people entered, and a warning when the agenda ends after the end given. Nothing
here decides anything the plan does not: the preview is `make_plan`'s, the words `render`'s.

The list offers the methods and, after them, the example days (whole agendas).

The first frame shows the format asked for (found by id, without reading the others) and its
preview; the names field comes right after it, and the whole catalog, the example days and the
unfinished sessions are read by a worker and fill their lists a moment later.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from formatkern.catalog import Catalog, Entry
from formatkern.errors import FormatkernError
from formatkern.i18n import pick
from formatkern.model import Day, Format
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
from formatkern.tui.strings_start import ui

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from formatkern.clock import Clock
    from formatkern.journal import SessionInfo
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


class CountProblem(FormatkernError):
    """A field for cases or rounds holds no number the method allows."""


CASES = "cases"
"""The key of the cases field among the count fields (the others are phase ids)."""


class CountField(NamedTuple):
    """A number the facilitator may choose for a method: its cases, or a phase's rounds."""

    key: str
    """`CASES`, or the id of the phase that runs in rounds."""
    label: str
    low: int
    high: int | None
    default: int

    def parse(self, text: str, lang: str) -> int:
        """The number typed, or CountProblem saying which numbers are allowed."""
        stripped = text.strip()
        value = int(stripped) if stripped.isdigit() else None
        if value is None or value < self.low or (self.high is not None and value > self.high):
            if self.high is None:
                message = ui("start.bad_count_open", lang, label=self.label, low=self.low)
            else:
                message = ui(
                    "start.bad_count", lang, label=self.label, low=self.low, high=self.high
                )
            raise CountProblem(message)
        return value

    def caption(self, lang: str) -> str:
        """The label with the range: "Runden (3–5)"."""
        if self.high is None:
            return ui("start.range_open", lang, label=self.label, low=self.low)
        return ui("start.range", lang, label=self.label, low=self.low, high=self.high)


def count_fields(fmt: Format, lang: str) -> list[CountField]:
    """What the start screen asks besides people and times: the cases, where the method runs
    for several (Kollegiale Beratung 1–4), and the rounds of each phase whose rounds have a
    range (World Café 3–5). A day sets its cases per block in its file."""
    fields: list[CountField] = []
    if not isinstance(fmt, Day) and fmt.cases.max > fmt.cases.min:
        cases = fmt.cases
        fields.append(
            CountField(CASES, ui("start.cases", lang), cases.min, cases.max, cases.default)
        )
    ranged = [
        phase
        for phase in fmt.phases
        if phase.rounds is not None
        and not phase.rounds.each_station
        and (phase.rounds.count.max is None or phase.rounds.count.max > phase.rounds.count.min)
    ]
    for phase in ranged:
        assert phase.rounds is not None
        count = phase.rounds.count
        label = ui("start.rounds", lang) if len(ranged) == 1 else pick(phase.title, lang)
        fields.append(CountField(phase.id, label, count.min, count.max, count.default))
    return fields


def _count_id(key: str) -> str:
    """The widget id of a count field: `cases`, `rounds-runden`; in a day
    `rounds-vormittag__runden` (a widget id may not hold a dot)."""
    if key == CASES:
        return CASES
    return "rounds-" + re.sub(r"[^A-Za-z0-9_-]", "_", key.replace(".", "__"))


def unfinished_sessions(folder: Path | None) -> list[SessionInfo]:
    """The sessions in `folder` (None: the default folder) that could be continued here, newest
    first. It opens every session file, so the start screen calls it in a thread."""
    from formatkern.journal import list_sessions
    from formatkern.session_files import resumable

    try:
        infos = list_sessions(folder)
    except OSError:  # a folder that cannot be read has nothing to resume
        return []
    return [info for info in infos if resumable(info)]


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
        self.typed: dict[str, dict[str, str]] = {}
        """The count fields' texts per format id, kept when another format is looked at."""
        self._counts_shown: str | None = None
        self._count_inputs: list[Input] = []
        self.loaded = False
        """Whether the whole catalog is listed (it is read just after the first frame)."""
        self._listed = asyncio.Event()
        self._previewed: tuple[object, ...] | None = None
        self.names_area: TextArea | None = None
        """The names field: in the first frame where typing starts there, else mounted just
        after it (see `_mount_names`)."""
        self._names_draft = ""
        """The names field's text until it is mounted."""
        if people is not None:
            self._names_draft = "\n".join(people.names) if people.names else str(people.count)
        self._focus_names = False
        self._bindings = BindingsMap(
            [
                Binding("ctrl+s", "go", ui("start.go", lang), id="formatkern.start_go"),
                Binding("ctrl+r", "resume", ui("start.resume", lang), id="formatkern.resume"),
            ]
        )
        self.catalog = catalog
        self.lang = lang
        self.clock = clock
        self.entries: list[Entry] = []
        self.chosen: Entry | None = None
        self.plan: Plan | None = None
        self.sessions_folder = sessions_folder
        self.format_ref = format_ref
        self.initial_people = people
        self.start = start if start is not None else next_five_minutes(clock.now())
        self.end = end
        self.given_id: str | None = None
        """The id of the format given on the command line; its options are the command line's."""
        if format_ref is not None:
            try:
                self.chosen = catalog.entry(format_ref)
            except FormatkernError:
                self.chosen = None
            if self.chosen is not None:
                self.entries.append(self.chosen)
                self.given_id = self.chosen.id
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
        with Horizontal(id="start-columns"):
            with Vertical(id="start-left"):
                yield Label(ui("start.formats", lang), classes="section")
                yield Input(placeholder=ui("start.search", lang), id="search", compact=True)
                yield OptionList(id="formats", compact=True)
                yield Label(ui("start.unfinished", lang), classes="section")
                yield Static(ui("start.loading_sessions", lang), id="sessions-wait")
            with Vertical(id="start-right"):
                yield Label(ui("start.people", lang), classes="section")
                if self.chosen is not None and self.initial_people is None:
                    yield self._names_field()  # where typing starts: there from the first frame
                else:
                    yield Static(Text(self._names_draft), id="names-draft")
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
                fields = self._count_widgets()
                with Horizontal(classes="row", id="counts") as counts:
                    counts.display = bool(fields)
                    yield from fields
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
        self._update_preview()
        # Focused at once (not through `focus()`, which waits a turn): the first frame shows
        # the focus where it stays, instead of on the first field and then here.
        if self.chosen is not None and self.initial_people is not None:
            self.set_focus(self.query_one("#go", Button))
        elif self.names_area is not None:
            self.set_focus(self.names_area)
        else:
            self.set_focus(self.query_one("#search", Input))
        # Through the app, so that what the app asked to run after the first frame runs first
        # (the collector's resumption; the exit of bench/tui.py's --first-frame).
        self.app.call_after_refresh(self._read_lists)

    # -- after the first frame: the catalog and the unfinished sessions ------------------------

    def _read_lists(self) -> None:
        if self.app.return_code is not None:  # quitting already (bench/tui.py's first frame)
            return
        self.run_worker(self._lists(), name="start-lists", group="start-lists", exclusive=True)

    def _names_field(self) -> TextArea:
        from textual.widgets import TextArea  # its module is not needed for every first frame

        area = TextArea(self._names_draft, id="names", soft_wrap=False, compact=True)
        area.cursor_blink = False
        self.names_area = area
        return area

    async def _mount_names(self) -> None:
        """The names field in place of its draft, a text of the same look in the first frame.

        A TextArea costs the first frame about 15 ms (its module, styles and first render), so
        it comes just after it, unless typing starts there (a method given, no names): the
        focus is elsewhere then, and nobody gets there in the few milliseconds until it comes.
        """
        if self.names_area is not None:
            return
        draft = self.query_one("#names-draft", Static)
        area = self._names_field()
        await self.mount(area, before=draft)
        await draft.remove()
        if self._focus_names:
            area.focus()

    def names(self) -> str:
        """What the names field holds (before it is mounted, what it will start with)."""
        return self.names_area.text if self.names_area is not None else self._names_draft

    def _set_names(self, text: str) -> None:
        if self.names_area is not None:
            self.names_area.text = text  # says Changed, which updates the preview
            return
        self._names_draft = text
        self.query_one("#names-draft", Static).update(Text(text))
        self._update_preview()

    def _to_names(self) -> None:
        """Focus the names field, now or as soon as it is there."""
        if self.names_area is not None:
            self.names_area.focus()
        else:
            self._focus_names = True

    async def wait_for_lists(self) -> None:
        """Until the catalog and the unfinished sessions are listed (for tests and scripts)."""
        await self._listed.wait()

    async def _lists(self) -> None:
        """Read the catalog file by file, giving the screen the loop in between, and its
        example days; then list the unfinished sessions (whose files are opened in a thread)."""
        try:
            if self._shown():
                await self._mount_names()
            for _ in self.catalog.loading():
                await asyncio.sleep(0)
            if self._shown():
                self._formats_loaded()
                infos = await asyncio.to_thread(unfinished_sessions, self.sessions_folder)
                if self._shown():
                    await self._fill_sessions(infos)
        finally:
            self._listed.set()

    def _shown(self) -> bool:
        """Whether this screen is still there to fill (a session may have started meanwhile)."""
        return self.is_attached and self in self.app.screen_stack

    def _formats_loaded(self) -> None:
        entries = [*self.catalog, *self.catalog.days()]
        chosen = self.chosen
        if chosen is not None and chosen not in entries:
            entries.insert(0, chosen)  # a file or a day given by path
        self.entries = entries
        self.loaded = True
        self._fill_formats(self.query_one("#search", Input).value)
        if self.chosen is not chosen:
            self._update_preview()

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
                label = pick(fmt.title, self.lang)
                if isinstance(fmt, Day):
                    label = f"{label} · {ui('start.day', self.lang)}"
                listing.add_option(Option(label, id=entry.id))
        if not self.loaded:
            key = "start.loading_formats" if self.entries else "start.loading"
            listing.add_option(Option(ui(key, self.lang), disabled=True))
        elif not shown:
            listing.add_option(Option(ui("start.no_format", self.lang), disabled=True))
        if not shown:
            return
        ids = [e.id for e in shown]
        if self.chosen is not None and self.chosen.id in ids:
            listing.highlighted = ids.index(self.chosen.id)
        else:
            listing.highlighted = 0
            self._choose(shown[0])

    def _choose(self, entry: Entry) -> None:
        """Look at another format: its preview, and its fields for cases and rounds."""
        self.chosen = entry
        if self._counts_shown != entry.id:
            self.call_later(self._show_counts)

    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        self._fill_formats(event.value)
        self._update_preview()

    @on(OptionList.OptionHighlighted, "#formats")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = next((e for e in self.entries if e.id == event.option.id), None)
        if entry is not None and entry != self.chosen:
            self._choose(entry)
            self._update_preview()

    @on(OptionList.OptionSelected, "#formats")
    def _format_selected(self) -> None:
        self._to_names()

    # -- unfinished sessions -----------------------------------------------------------------

    async def _fill_sessions(self, infos: list[SessionInfo]) -> None:
        """The unfinished sessions in the sessions folder, newest first, in a list that takes
        the place of "Looking …" (the first frame needs no second list, which costs it time)."""
        waiting = self.query("#sessions-wait")
        if waiting:
            listing = OptionList(id="sessions", compact=True)
            await self.mount(listing, before=waiting.first())
            await waiting.remove()
        else:
            listing = self.query_one("#sessions", OptionList)
            listing.clear_options()
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
        found = self.query("#sessions")
        if not found:
            return  # not looked up yet
        listing = found.first(OptionList)
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
        self._set_names("\n".join(people.names))
        self.notify(ui("start.loaded", self.lang, n=people.count, file=path.name))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self.names_area:
            self._update_preview()

    @on(Input.Changed, "#begin")
    @on(Input.Changed, "#end")
    def _inputs_changed(self) -> None:
        self._update_preview()

    # -- cases and rounds ----------------------------------------------------------------------

    def _given(self, fmt: Format) -> bool:
        """Whether the command line's cases, rounds and phases to leave out are meant for
        `fmt`: the format it named (or every format, when it named none)."""
        return self.given_id is None or fmt.id == self.given_id

    def _typed_for(self, fmt: Format) -> dict[str, str]:
        """The count fields' texts for `fmt`: as typed, else the command line's, else the
        method's defaults."""
        if fmt.id not in self.typed:
            given = self._given(fmt)
            texts: dict[str, str] = {}
            for field in count_fields(fmt, self.lang):
                value = field.default
                if given and field.key == CASES and self.cases is not None:
                    value = self.cases
                elif given and field.key in self.rounds:
                    value = self.rounds[field.key]
                texts[field.key] = str(value)
            self.typed[fmt.id] = texts
        return self.typed[fmt.id]

    def _count_widgets(self) -> list[Widget]:
        """The labels and inputs of the chosen format's count fields."""
        if self.chosen is None:
            return []
        fmt = self.chosen.format
        texts = self._typed_for(fmt)
        widgets: list[Widget] = []
        self._count_inputs = []
        for field in count_fields(fmt, self.lang):
            widgets.append(Label(field.caption(self.lang), classes="field"))
            field_input = Input(
                texts[field.key],
                id=_count_id(field.key),
                name=field.key,
                classes="count",
                max_length=3,
                compact=True,
            )
            field_input.cursor_blink = False
            widgets.append(field_input)
            self._count_inputs.append(field_input)
        self._counts_shown = self.chosen.id
        return widgets

    async def _show_counts(self) -> None:
        """The chosen format's fields in place of the last one's (one call at a time, from the
        screen's queue: the old fields are gone before new ones of the same id come)."""
        if self.chosen is None or self._counts_shown == self.chosen.id:
            return
        row = self.query_one("#counts", Horizontal)
        await row.remove_children()
        widgets = self._count_widgets()
        row.display = bool(widgets)
        if widgets:
            await row.mount_all(widgets)

    @on(Input.Changed, ".count")
    def _count_changed(self, event: Input.Changed) -> None:
        if self.chosen is None or event.input not in self._count_inputs:
            return  # a field of the format looked at before, on its way out
        texts = self._typed_for(self.chosen.format)
        if event.input.name in texts:
            texts[event.input.name] = event.value
            self._update_preview()

    def _counts(self, fmt: Format) -> tuple[int | None, dict[str, int], tuple[str, ...]]:
        """Cases, rounds and phases to leave out for `fmt`, from the fields and the command
        line; CountProblem when a field holds no allowed number."""
        given = self._given(fmt)
        cases = self.cases if given else None
        rounds = dict(self.rounds) if given else {}
        texts = self._typed_for(fmt)
        for field in count_fields(fmt, self.lang):
            value = field.parse(texts[field.key], self.lang)
            if field.key == CASES:
                if value != field.default or cases is not None:
                    cases = value
            elif value != field.default or field.key in rounds:
                rounds[field.key] = value
        return cases, rounds, self.skip if given else ()

    # -- the settings and the preview ------------------------------------------------------------

    def _settings(self) -> Settings:
        """The settings as entered; raises FormatkernError or ValueError with the reason."""
        assert self.chosen is not None
        cases, rounds, skip = self._counts(self.chosen.format)
        text = self.names()
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
            cases=cases,
            rounds=rounds,
            skip=skip,
            lang=self.lang,
        )

    def _update_preview(self) -> None:
        """Plan and show the chosen format for what is entered; nothing to do when that is
        what the preview shows already (each field says it changed once when it appears)."""
        entry = self.chosen
        shown = (
            entry,
            self.loaded,
            self.names(),
            self.query_one("#begin", Input).value,
            self.query_one("#end", Input).value,
            tuple(self._typed_for(entry.format).items()) if entry is not None else (),
        )
        if shown == self._previewed:
            return
        self._previewed = shown
        preview = self.query_one("#preview", Static)
        fit = self.query_one("#fit", Static)
        if entry is None:
            preview.update(ui("start.no_format" if self.loaded else "start.loading", self.lang))
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
            if self.names().strip() or isinstance(exc, CountProblem):
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
