"""The plugin manager: built-ins, installed plugins, loose files, and what each registers.

Loading order: the built-in modules (`DEFAULT_PLUGINS`), then installed distributions with an
entry point in the group "formatkern" (all of them, or only those named in
`FORMATKERN_LOAD_PLUGINS`; an empty value loads none), then `*.py` files of `--plugins-dir`.
A plugin that fails to import, or implements a hook that does not exist, is reported by name
and left out; the others load. Two plugins that register the same name are refused with both
named.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import attrs
import pluggy

from formatkern import hookspecs
from formatkern.errors import FormatkernError
from formatkern.extensions import (
    ArrangementType,
    Effect,
    OutputType,
    RoleTemplate,
    TimerType,
)

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP: Final = "formatkern"
ENV_LOAD: Final = "FORMATKERN_LOAD_PLUGINS"
DEFAULT_PLUGINS: Final = (
    "formatkern.builtins.formats",
    "formatkern.builtins.arrangements",
    "formatkern.builtins.timers",
    "formatkern.builtins.roles",
    "formatkern.builtins.outputs",
)
BUILTIN_PREFIX: Final = "formatkern.builtins."


class PluginError(FormatkernError):
    """Plugins that cannot work together (two claim the same name)."""


@attrs.frozen
class PluginProblem:
    """A plugin that could not load or whose hook failed; shown, never fatal."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin}: {self.message}"


@attrs.frozen
class PluginInfo:
    name: str
    version: str | None
    source: str
    """ "built-in", "package DIST", or "file PATH"."""
    hooks: tuple[str, ...]


@attrs.frozen
class Registered:
    """One registered thing and the plugin that registered it."""

    item: Any
    plugin: str


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def is_builtin(plugin: str) -> bool:
    return plugin.startswith(BUILTIN_PREFIX)


@attrs.define
class Plugins:
    """One plugin manager with everything it loaded, for one process (or one test)."""

    plugins_dir: Path | None = None
    load_installed: bool = True
    pm: pluggy.PluginManager = attrs.field(init=False)
    problems: list[PluginProblem] = attrs.field(factory=list, init=False)
    _sources: dict[str, str | EntryPoint] = attrs.field(factory=dict, init=False)
    """Plugin name -> where it came from; an installed plugin's entry point, whose
    distribution's name and version are read from its metadata file only when `info` asks."""
    _cache: dict[str, dict[str, Registered]] = attrs.field(factory=dict, init=False)
    _loaded: bool = attrs.field(default=False, init=False)

    def __attrs_post_init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> Plugins:
        """Load every plugin once; later calls return at once."""
        if self._loaded:
            return self
        self._loaded = True
        for name in DEFAULT_PLUGINS:
            self._register(importlib.import_module(name), name, "built-in")
        if self.load_installed:
            self._load_entry_points()
        if self.plugins_dir is not None:
            self._load_directory(self.plugins_dir)
        return self

    def register_module(self, module: object, name: str, source: str = "code") -> None:
        """Register a plugin object directly (tests, embedding applications)."""
        self.load()
        self._register(module, name, source)
        self._cache.clear()

    def _register(self, module: object, name: str, source: str | EntryPoint) -> None:
        try:
            self.pm.register(module, name=name)
            self._check_pending(name)
        except pluggy.PluginValidationError as exc:
            if self.pm.is_registered(module):
                self.pm.unregister(module)
            self.problems.append(PluginProblem(name, f"left out: {exc}"))
            return
        except ValueError as exc:  # the same name twice
            self.problems.append(PluginProblem(name, f"left out: {exc}"))
            return
        self._sources[name] = source

    def _check_pending(self, name: str) -> None:
        """Like `pm.check_pending()`, but for one plugin, so the others still load."""
        plugin = self.pm.get_plugin(name)
        for hook_name in dir(plugin):
            if hook_name.startswith("_"):
                continue
            value = getattr(plugin, hook_name, None)
            opts = getattr(value, f"{hookspecs.PROJECT}_impl", None)
            if opts is not None and not hasattr(hookspecs, hook_name):
                raise pluggy.PluginValidationError(
                    plugin, f"it implements {hook_name!r}, which is not a formatkern hook"
                )

    def _wanted(self) -> set[str] | None:
        raw = os.environ.get(ENV_LOAD)
        if raw is None:
            return None
        return {_normalise(part) for part in raw.split(",") if part.strip()}

    def _load_entry_points(self) -> None:
        wanted = self._wanted()
        seen: set[str] = set()
        for point in entry_points(group=ENTRY_POINT_GROUP):
            if wanted is not None:  # a distribution's name is read from its metadata file
                seen.add(_normalise(_dist_name(point)))
                if _normalise(_dist_name(point)) not in wanted:
                    continue
            self._load_entry_point(point)
        for missing in sorted((wanted or set()) - seen):
            self.problems.append(PluginProblem(missing, f"named in {ENV_LOAD} but not installed"))

    def _load_entry_point(self, point: EntryPoint) -> None:
        try:
            module = point.load()
        except Exception as exc:  # a broken plugin must not stop the others
            self.problems.append(
                PluginProblem(
                    _dist_name(point), f"could not be loaded: {type(exc).__name__}: {exc}"
                )
            )
            return
        self._register(module, point.name, point)

    def _load_directory(self, folder: Path) -> None:
        if not folder.is_dir():
            self.problems.append(PluginProblem(str(folder), "--plugins-dir is not a folder"))
            return
        for path in sorted(folder.glob("*.py")):
            name = f"formatkern_plugins_dir.{path.stem}"
            try:
                module = _import_file(name, path)
            except Exception as exc:
                self.problems.append(
                    PluginProblem(path.name, f"could not be loaded: {type(exc).__name__}: {exc}")
                )
                continue
            self._register(module, path.stem, f"file {path}")

    # -- what plugins register -----------------------------------------------------------------

    def _collect(
        self, hook_name: str, what: str, key: Callable[[Any], str] | None = None
    ) -> dict[str, Registered]:
        self.load()
        if hook_name in self._cache:
            return self._cache[hook_name]
        found: dict[str, Registered] = {}
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            items: list[Any] = []
            try:
                impl.function(items.append)
            except Exception as exc:
                self.problems.append(PluginProblem(impl.plugin_name, f"{hook_name} failed: {exc}"))
                continue
            for item in items:
                name = key(item) if key else str(getattr(item, "name", None) or item.id)
                if name in found:
                    raise PluginError(
                        f'the {what} "{name}" is registered by two plugins, '
                        f"{found[name].plugin} and {impl.plugin_name}; uninstall one of them, "
                        f"or choose with {ENV_LOAD}=name,name which plugins load."
                    )
                found[name] = Registered(item, impl.plugin_name)
        self._cache[hook_name] = found
        return found

    def format_paths(self) -> list[Registered]:
        """Folders or files of formats, in loading order; `item` is a Path."""
        found = self._collect("register_formats", "format folder", key=lambda p: str(p))
        return list(found.values())

    def timers(self) -> dict[str, TimerType]:
        return {k: r.item for k, r in self._collect("register_timers", "timer").items()}

    def arrangements(self) -> dict[str, ArrangementType]:
        found = self._collect("register_arrangements", "arrangement")
        return {k: r.item for k, r in found.items()}

    def outputs(self) -> dict[str, OutputType]:
        return {k: r.item for k, r in self._collect("register_outputs", "output").items()}

    def roles(self) -> dict[str, RoleTemplate]:
        return {k: r.item for k, r in self._collect("register_roles", "role").items()}

    def add_commands(self, cli: Any) -> None:
        self.load()
        for impl in self.pm.hook.register_commands.get_hookimpls():
            try:
                impl.function(cli)
            except Exception as exc:
                self.problems.append(
                    PluginProblem(impl.plugin_name, f"register_commands failed: {exc}")
                )

    def dispatch(self, session: Any, event: Any) -> list[Effect]:
        """Give an event to every `on_event` hook; a hook that raises is reported, not fatal."""
        self.load()
        effects: list[Effect] = []
        for impl in self.pm.hook.on_event.get_hookimpls():
            arguments = {"session": session, "event": event}
            try:
                result = impl.function(*(arguments[name] for name in impl.argnames))
            except Exception as exc:
                problem = PluginProblem(
                    impl.plugin_name,
                    f"on_event raised {type(exc).__name__} at "
                    f"{getattr(event, 'type', event)!s}: {exc}",
                )
                self.problems.append(problem)
                log.warning("%s", problem)
                # an error may carry the effects its plugin still wants (the bell still rings)
                effects.extend(e for e in getattr(exc, "effects", ()) if isinstance(e, Effect))
                effects.append(Effect("notice", str(problem)))
                continue
            if isinstance(result, list | tuple):
                effects.extend(e for e in result if isinstance(e, Effect))
        return effects

    def attach(self, session: Any, perform: Callable[[Any, Effect], None]) -> Callable[[], None]:
        """Give every event of `session` to the plugins' `on_event`, after it is stored, and
        hand the effects (bell, flash, notices of failing plugins) to `perform(entry, effect)`.
        Returns the function that detaches again."""

        def hear(entry: Any) -> None:
            for effect in self.dispatch(session, entry.event):
                perform(entry, effect)

        detach: Callable[[], None] = session.subscribe(hear)
        return detach

    # -- what is installed ---------------------------------------------------------------------

    def info(self) -> list[PluginInfo]:
        """Every loaded plugin with its version, where it came from and which hooks it uses."""
        self.load()
        rows: list[PluginInfo] = []
        for name, plugin in self.pm.list_name_plugin():
            hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or ()))
            source = self._sources.get(name, "code")
            version = None
            if isinstance(source, EntryPoint):
                version = source.dist.version if source.dist is not None else None
                source = f"package {_dist_name(source)}"
            rows.append(PluginInfo(name, version, source, hooks))
        return rows

    def registered_by(self) -> dict[str, list[tuple[str, str]]]:
        """Plugin name -> [(kind, name)] of everything it registers, for `formatkern plugins`."""
        kinds: Iterable[tuple[str, str, str]] = (
            ("register_formats", "formats", "format folder"),
            ("register_timers", "timer", "timer"),
            ("register_arrangements", "arrangement", "arrangement"),
            ("register_outputs", "output", "output"),
            ("register_roles", "role", "role"),
        )
        result: dict[str, list[tuple[str, str]]] = {}
        for hook_name, label, what in kinds:
            key = (lambda p: str(p)) if hook_name == "register_formats" else None
            for name, registered in self._collect(hook_name, what, key).items():
                result.setdefault(registered.plugin, []).append((label, name))
        return result


def _dist_name(point: EntryPoint) -> str:
    """The name of the distribution that installed `point` (else the entry point's name)."""
    return point.dist.name if point.dist is not None else point.name


def _import_file(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


_current: Plugins | None = None


def get_plugins() -> Plugins:
    """The process's plugin manager, made on first use with no --plugins-dir."""
    global _current
    if _current is None:
        _current = Plugins()
    return _current


def use_plugins(plugins: Plugins) -> Plugins:
    """Make `plugins` the process's manager (the CLI does this for --plugins-dir; tests too)."""
    global _current
    _current = plugins
    return plugins


def reset_plugins() -> None:
    global _current
    _current = None


OnEvent = Callable[[Any, Any], list[Effect] | None]
