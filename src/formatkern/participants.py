"""Who takes part: a number, or names read from a file (one per line)."""

from __future__ import annotations

from pathlib import Path

import attrs

from formatkern.errors import ParticipantsError


@attrs.frozen
class People:
    """The participants of a session. Without names, people are only counted."""

    count: int
    names: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @classmethod
    def of_names(cls, names: list[str] | tuple[str, ...]) -> People:
        return cls(len(names), tuple(names))

    def labels(self) -> tuple[str, ...]:
        """A name for everyone: the real names, or numbers "1".."n" when there are none."""
        return self.names or tuple(str(i + 1) for i in range(self.count))


DEMO_NAMES: tuple[str, ...] = (
    "Aylin", "Bernd", "Chiara", "Dominik", "Elif", "Frieder", "Gül", "Hannes", "Ines", "Jonas",
    "Katja", "Lukas", "Mira", "Nils", "Olga", "Paul", "Rana", "Sven", "Tanja", "Yusuf",
)  # fmt: skip
"""Twenty names for `make demo` (a World Café of four tables)."""


def read_names(path: Path) -> People:
    """Names from a UTF-8 file, one per line; `#` starts a comment.

    Blank lines are skipped with a warning; a name given twice is an error naming both lines,
    because two people of the same name must be told apart before tables are printed.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParticipantsError(
            f"{path}: the participants file cannot be read ({exc.strerror})."
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParticipantsError(
            f"{path}:{line}: the participants file is not UTF-8 text; save it as UTF-8."
        ) from None
    names: list[str] = []
    first_line: dict[str, int] = {}
    warnings: list[str] = []
    problems: list[str] = []
    lines = text.splitlines()
    last_content = max((i for i, raw in enumerate(lines) if raw.strip()), default=-1)
    for number, raw in enumerate(lines, start=1):
        name = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
        if not name:
            if number - 1 < last_content and not raw.lstrip().startswith("#"):
                warnings.append(f"{path}:{number}: blank line skipped")
            continue
        key = name.casefold()
        if key in first_line:
            problems.append(
                f"{path}:{number}: {name!r} is already on line {first_line[key]}; "
                "add something to tell them apart (e.g. an initial)"
            )
            continue
        first_line[key] = number
        names.append(name)
    if problems:
        raise ParticipantsError("\n".join(problems))
    if not names:
        raise ParticipantsError(f"{path}: the participants file holds no names.")
    return People(len(names), tuple(names), tuple(warnings))


def parse_people(value: str) -> People:
    """`--participants`: a whole number, or the path of a file with one name per line."""
    text = value.strip()
    if text.isdigit():
        count = int(text)
        if count < 1:
            raise ParticipantsError(f"--participants: must be at least 1, got {count}.")
        return People(count)
    path = Path(value)
    if not path.exists():
        raise ParticipantsError(
            f"--participants: {value!r} is neither a number nor an existing file of names."
        )
    return read_names(path)
