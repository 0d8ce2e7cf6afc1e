"""The control desk's keys: one table for the bindings, the footer, the help and the palette.

Every key has an id ("formatkern.next", ...) so a facilitator can move it elsewhere with a
keymap (`App.set_keymap`, read from the file named in FORMATKERN_KEYMAP); the help screen and
the command palette show the key as it is after remapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs
from textual.binding import Binding

from formatkern.errors import FormatkernError
from formatkern.tui.strings import ui

ENV_KEYMAP: Final = "FORMATKERN_KEYMAP"


@attrs.frozen
class Key:
    id: str
    key: str
    action: str
    label: str
    """Key of the short footer label in `strings.UI` (the long help text is "help.<label>")."""
    show: bool = True
    display: str | None = None

    @property
    def binding_id(self) -> str:
        return f"formatkern.{self.id}"


RUNNING_KEYS: Final[tuple[Key, ...]] = (
    Key("pause", "space", "pause", "pause", display="␣"),
    Key("next", "n", "next", "next"),
    Key("back", "b", "back", "back"),
    Key("goto", "s", "goto", "goto", show=False),
    Key("plus", "plus", "plus", "plus", display="+"),
    Key("minus", "minus", "minus", "minus", display="-"),
    Key("fit", "f", "fit", "fit"),
    Key("auto", "t", "auto", "auto", show=False),
    Key("regroup", "g", "regroup", "regroup"),
    Key("arrangement", "a", "arrangement", "arrangement"),
    Key("arrive", "j", "arrive", "arrive", show=False),
    Key("leave", "l", "leave", "leave", show=False),
    Key("export", "e", "export", "export"),
    Key("projector", "p", "projector", "projector"),
    Key("help", "question_mark", "help", "help", display="?"),
    Key("roles", "r", "roles", "roles"),
    Key("choose", "o", "choose", "choose"),
    Key("note", "w", "note", "note"),
    Key("panel", "v", "panel", "panel"),
    Key("finish", "x", "finish", "finish"),
)
"""The running screen's keys, in the order the footer and the help list them.

The footer of an 80-column terminal has room for the first few only; keys a facilitator needs
now and then (jump, auto-advance, arrivals and leaves) stay out of it and are in the help and
the command palette."""


def bindings(keys: tuple[Key, ...], lang: str) -> list[Binding]:
    """Textual bindings with labels in `lang`."""
    return [
        Binding(
            k.key,
            k.action,
            ui(f"key.{k.label}", lang),
            show=k.show,
            key_display=k.display,
            id=k.binding_id,
            tooltip=ui(f"help.{k.label}", lang),
        )
        for k in keys
    ]


def load_keymap(path: Path) -> dict[str, str]:
    """A keymap file: `next = "right"`, `pause = "space,k"` (ids with or without the prefix)."""
    import tomllib  # only when FORMATKERN_KEYMAP names a file

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FormatkernError(f"{path}: the keymap cannot be read ({exc}).") from None
    return normalise_keymap(data, str(path))


def normalise_keymap(data: Mapping[str, object], where: str = "keymap") -> dict[str, str]:
    known = {k.id for k in RUNNING_KEYS}
    result: dict[str, str] = {}
    for name, value in data.items():
        short = name.removeprefix("formatkern.")
        if short not in known:
            raise FormatkernError(
                f"{where}: {name!r} is no key of the control desk; ids: {', '.join(sorted(known))}."
            )
        if not isinstance(value, str) or not value.strip():
            raise FormatkernError(f'{where}: {name} needs keys as text, e.g. "right".')
        result[f"formatkern.{short}"] = value
    return result
