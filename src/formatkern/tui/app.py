"""The control desk app, its factory, and `run_tui`, the one function the CLI calls.

The app owns the real clock and the refresh loop: several times a second it lets the engine
emit due timer events (`Session.tick`) and redraws the countdown from the clock. Everything else
is the session's: the app only turns keys into commands (through the `Desk`) and events into
pictures. Tests build the same app with `make_app(clock=FakeClock(...), tick_interval=None)`.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Final

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from formatkern.catalog import Catalog, Entry
from formatkern.clock import Clock, SystemClock
from formatkern.errors import FormatkernError
from formatkern.extensions import Effect
from formatkern.i18n import lang_from_environment
from formatkern.participants import DEMO_NAMES, People
from formatkern.plan import Plan
from formatkern.plugins import Plugins, get_plugins
from formatkern.startup import pause_collection, resume_collection
from formatkern.tui import stylesheet
from formatkern.tui.keys import ENV_KEYMAP, RUNNING_KEYS, load_keymap
from formatkern.tui.strings import ui

if TYPE_CHECKING:
    from formatkern.engine import Session
    from formatkern.events import Entry as Stored
    from formatkern.tui.desk import Desk

THEMES: Final = {
    "dark": Theme(
        name="formatkern-dark",
        primary="#4FA3E0",
        secondary="#7FB77E",
        accent="#E0A84F",
        warning="#F2A33A",
        error="#F0524F",
        success="#5CC98A",
        foreground="#E8EAED",
        background="#111418",
        surface="#1A1F25",
        panel="#232A33",
        dark=True,
    ),
    "light": Theme(
        name="formatkern-light",
        primary="#1F5FA8",
        secondary="#3C7A3B",
        accent="#9A5B00",
        warning="#B85C00",
        error="#C0201D",
        success="#1E7A45",
        foreground="#15191E",
        background="#FAFAF7",
        surface="#F0F0EA",
        panel="#E2E4DC",
        dark=False,
    ),
}
"""Two themes with strong contrast: a projector washes colours out, so warning and alarm differ
in brightness as well as hue."""


class FormatkernApp(App[None]):
    """The facilitator's control desk."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [stylesheet("desk"), stylesheet("start")]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        *,
        catalog: Catalog | None = None,
        clock: Clock | None = None,
        plugins: Plugins | None = None,
        lang: str = "de",
        theme: str = "dark",
        format_ref: str | None = None,
        people: People | None = None,
        start: int | None = None,
        end: int | None = None,
        session_path: Path | None = None,
        sessions_folder: Path | None = None,
        resume: Path | None = None,
        seed: int | None = None,
        tick_interval: float | None = 0.2,
        keymap: Mapping[str, str] | None = None,
        memory: bool = False,
        cases: int | None = None,
        rounds: Mapping[str, int] | None = None,
        skip: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.cases = cases
        self.rounds = dict(rounds or {})
        self.skip = skip
        self.catalog = catalog
        self.clock: Clock = clock or SystemClock()
        self.plugins = plugins
        self.lang = lang
        self.theme_choice = theme
        self.format_ref = format_ref
        self.people = people
        self.start_at = start
        self.end_at = end
        self.session_path = session_path
        self.sessions_folder = sessions_folder
        self.resume_path = resume
        self.seed = seed
        self.tick_interval = tick_interval
        self.memory = memory
        self.desk: Desk | None = None
        self._summary_shown = False
        self.title = ui("app.title", lang)
        if keymap:
            self.set_keymap(dict(keymap))
        self._choose_theme(THEMES.get(theme, THEMES["dark"]))

    def _choose_theme(self, chosen: Theme) -> None:
        """Register the themes and choose one before the app runs, so that the stylesheet is
        parsed once, with the theme's colours: set in on_mount (or through the watcher, which
        refreshes the CSS), Textual parses and applies all of it a second time."""
        for choice in THEMES.values():
            self.register_theme(choice)
        if chosen.dark and self.current_theme.dark:
            # Nothing is parsed or drawn yet, so the stylesheet's colours and the theme's class
            # are all the watcher would change (a dark theme keeps the dark ANSI colours).
            self.set_reactive(App.theme, chosen.name)
            self.stylesheet.set_variables(self.get_css_variables())
            self.set_class(True, f"-theme-{chosen.name}", update=False)
        else:
            self.theme = chosen.name

    # -- start-up ----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The start screen is the app's first (no empty screen to lay out and draw before it);
        when a session is resumed, an empty one until the running screen comes."""
        if self.resume_path is not None:
            return super().get_default_screen()
        return self._start_screen()

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collection)  # held back by run_tui while starting
        if self.tick_interval:
            self.set_interval(self.tick_interval, self.tick)
        if self.resume_path is not None:
            try:
                self.resume(self.resume_path)
                return
            except FormatkernError as exc:
                self.notify(str(exc), severity="error", timeout=15)
            self.push_screen(self._start_screen())

    def _start_screen(self) -> Screen[None]:
        from formatkern.tui.screens.start import StartScreen

        return StartScreen(
            self.get_catalog(),
            self.lang,
            self.clock,
            format_ref=self.format_ref,
            people=self.people,
            start=self.start_at,
            end=self.end_at,
            sessions_folder=self.sessions_folder,
            cases=self.cases,
            rounds=self.rounds,
            skip=self.skip,
        )

    def get_catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = Catalog.default()
        return self.catalog

    def get_plugins(self) -> Plugins:
        if self.plugins is None:
            self.plugins = get_plugins()
        return self.plugins

    def folder(self) -> Path:
        from formatkern.journal import sessions_dir  # not at start: it imports sqlite3

        return self.sessions_folder if self.sessions_folder is not None else sessions_dir()

    # -- sessions ------------------------------------------------------------------------------

    def begin(self, plan: Plan, entry: Entry) -> None:
        """Make a new session of `plan`, start it, and show it running."""
        from formatkern.engine import Session
        from formatkern.journal import new_session_path

        seed = self.seed if self.seed is not None else random.randrange(1, 10**6)
        path: Path | None = None
        if not self.memory:
            path = self.session_path or new_session_path(
                plan.format.id, self.clock.now(), self.folder()
            )
        session = Session.create(
            plan,
            clock=self.clock,
            path=path,
            format_text=_read_text(entry.path),
            seed=seed,
        )
        self._use_session(session)
        assert self.desk is not None
        self.desk.run("start")
        self._show_running(casting=_castable(plan))

    def resume(self, path: Path) -> None:
        """Continue an unfinished session where the real clock says it stands."""
        from formatkern.engine import Session
        from formatkern.state import Mode

        session = Session.open(path, self.clock)
        self._use_session(session)
        assert self.desk is not None
        if session.state.mode is Mode.READY:
            self.desk.run("start")
        self._show_running(casting=False)

    def _use_session(self, session: Session) -> None:
        from formatkern.tui.desk import Desk

        self.lang = session.plan.settings.lang or self.lang
        self.desk = Desk(
            session,
            plugins=self.get_plugins(),
            on_refused=lambda text: self.notify(
                ui("error.command", self.lang, error=text), severity="warning", timeout=6
            ),
            on_effect=self.perform,
            lang=self.lang,
        )
        self.desk.listen(self._heard)

    def _show_running(self, *, casting: bool) -> None:
        from formatkern.tui.screens.casting import CastingScreen
        from formatkern.tui.screens.running import RunningScreen

        assert self.desk is not None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(RunningScreen(self.desk))
        if casting:
            self.push_screen(CastingScreen(self.desk))
        self._check_finished()

    def _heard(self, entries: list[Stored]) -> None:
        from formatkern import events as ev

        for entry in entries:
            if isinstance(entry.event, ev.TimeUp):
                self.bell()
                self.notify(ui("run.time_up", self.lang), timeout=4)
        self._redraw_others()
        self._check_finished()

    def _redraw_others(self) -> None:
        """Screens under the top one (a projector over the desk) follow too."""
        for screen in self.screen_stack:
            update = getattr(screen, "update_view", None)
            if callable(update) and screen is not self.screen:
                update()
        update = getattr(self.screen, "update_view", None)
        if callable(update) and self.screen.id == "projector":
            update()

    def _check_finished(self) -> None:
        from formatkern.state import Mode
        from formatkern.tui.screens.summary import SummaryScreen

        if self.desk is None or self._summary_shown:
            return
        if self.desk.state.mode is Mode.FINISHED:
            self._summary_shown = True
            self.push_screen(SummaryScreen(self.desk))

    # -- the clock -----------------------------------------------------------------------------

    def tick(self) -> None:
        """Let the engine emit due timer events, then redraw what moves with the clock."""
        if self.desk is not None:
            self.desk.tick()
        for screen in self.screen_stack[-2:]:
            refresh = getattr(screen, "refresh_clock", None)
            if callable(refresh):
                refresh()

    # -- effects of plugins --------------------------------------------------------------------

    def perform(self, effect: Effect) -> None:
        """A bell, a brief flash of the screen, or a notice asked for by a plugin's on_event."""
        if effect.kind == "bell":
            self.bell()
        elif effect.kind == "flash":
            screen = self.screen
            screen.add_class("-flash")
            self.set_timer(0.6, lambda: screen.remove_class("-flash"))
        if effect.text:
            self.notify(effect.text, timeout=6)

    # -- export and projector ------------------------------------------------------------------

    def export(self) -> None:
        """Write the protocol with one of the installed outputs, or say that none is there."""
        from formatkern.tui.screens.dialogs import ExportDialog

        outputs = self.get_plugins().outputs()
        if not outputs:
            self.notify(ui("export.none", self.lang), severity="warning", timeout=10)
            return

        def chosen(name: str | None) -> None:
            if name:
                self.export_to(name)

        self.push_screen(ExportDialog(outputs, self.lang), chosen)

    def export_to(self, name: str) -> Path | None:
        """Write the session with output `name` into a file beside the session's journal:
        from the redacted record, atomically, owner-only when it names people."""
        from formatkern.outputs import write_export

        assert self.desk is not None
        session = self.desk.session
        folder = self.session_path.parent if self.session_path else self.folder()
        stem = self.session_path.stem if self.session_path else session.plan.format.id
        journal_path = getattr(session.journal, "path", None)
        if isinstance(journal_path, Path):
            folder, stem = journal_path.parent, journal_path.stem
        suffix = self.get_plugins().outputs()[name].suffix.lstrip(".")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = write_export(
                session,
                folder / f"{stem}.{suffix}",
                to=name,
                lang=self.lang,
                force=True,
                plugins=self.get_plugins(),
            )
        except Exception as exc:  # a failing output (a plugin's too) must not end the session
            self.notify(ui("export.failed", self.lang, error=exc), severity="error")
            return None
        self.notify(ui("export.done", self.lang, path=target), timeout=8)
        return target

    def toggle_projector(self) -> None:
        from formatkern.tui.screens.projector import ProjectorScreen

        if self.screen.id == "projector":
            self.pop_screen()
        elif self.desk is not None:
            self.push_screen(ProjectorScreen(self.desk, self.lang))

    # -- command palette -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from formatkern.tui.screens.running import RunningScreen

        if isinstance(screen, RunningScreen):
            for key in RUNNING_KEYS:
                yield SystemCommand(
                    ui(f"key.{key.label}", self.lang),
                    ui(f"help.{key.label}", self.lang),
                    getattr(screen, f"action_{key.action}"),
                )
        yield from super().get_system_commands(screen)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _castable(plan: Plan) -> bool:
    """Whether the facilitator has roles to look at before going on (Moderator, case giver);
    in a day, roles of the first block."""
    roles = plan.format.roles
    part = plan.part(0) if plan.steps else None
    if part is not None:
        roles = tuple(r for r in roles if r.id in part.roles)
    return any(not r.rest and not r.per_group for r in roles)


def make_app(
    format_ref: str | None = None,
    people: People | None = None,
    *,
    lang: str | None = None,
    theme: str = "dark",
    clock: Clock | None = None,
    keymap: Mapping[str, str] | None = None,
    **options: Any,
) -> FormatkernApp:
    """The app as the CLI and the tests make it: language from the locale unless given, the
    keymap from FORMATKERN_KEYMAP unless given."""
    if keymap is None and os.environ.get(ENV_KEYMAP):
        keymap = load_keymap(Path(os.environ[ENV_KEYMAP]))
    return FormatkernApp(
        format_ref=format_ref,
        people=people,
        lang=lang or lang_from_environment(),
        theme=theme,
        clock=clock,
        keymap=keymap,
        **options,
    )


def run_tui(
    format_ref: str | None = None,
    people: People | None = None,
    *,
    session_path: Path | None = None,
    resume: Path | None = None,
    lang: str | None = None,
    theme: str = "dark",
    start: int | None = None,
    end: int | None = None,
    cases: int | None = None,
    rounds: Mapping[str, int] | None = None,
    skip: tuple[str, ...] = (),
    seed: int | None = None,
    catalog: Catalog | None = None,
    plugins: Plugins | None = None,
    demo: bool = False,
    headless: bool = False,
    first_frame: bool = False,
) -> None:
    """Run the control desk until the facilitator quits.

    `formatkern run FORMAT` passes the format (and the participants, if given); `formatkern
    resume SESSION` passes `resume`; `formatkern demo` passes `demo=True`, which opens World
    Café with twenty names filled in. `first_frame` draws the first frame on Textual's headless
    driver at 80×24 and quits, keeping nothing (for bench/tui.py).
    """
    pause_collection()  # the desk starts faster; resumed after its first frame (on_mount)
    try:
        if demo:
            format_ref = format_ref or "world-cafe"
            people = people or People.of_names(list(DEMO_NAMES))
        app = make_app(
            format_ref,
            people,
            lang=lang,
            theme=theme,
            session_path=session_path,
            resume=resume,
            start=start,
            end=end,
            cases=cases,
            rounds=rounds,
            skip=skip,
            seed=seed,
            catalog=catalog,
            plugins=plugins,
            memory=first_frame,
        )
        if first_frame:
            app.call_after_refresh(app.exit)
            app.run(headless=True, size=(80, 24))
            return
        app.run(headless=headless)
    finally:
        resume_collection()
