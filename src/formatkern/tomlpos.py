"""Line numbers of the keys in a TOML text.

The standard library's `tomllib` gives values but no positions; error messages must name the
line of the key that is wrong. This module walks a text that `tomllib` has already accepted and
records, for every key path (`("phases", 4, "duration")`), the line on which it starts.
It only needs to be right for valid TOML, so it skips over values rather than reading them.
"""

from __future__ import annotations

Path = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self._array_counts: dict[Path, int] = {}

    # -- low level -----------------------------------------------------------------------------

    def _peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def _advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.pos < len(self.text):
                if self.text[self.pos] == "\n":
                    self.line += 1
                self.pos += 1

    def _skip_blank(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            char = self._peek()
            if char in " \t\r" or (newlines and char == "\n"):
                self._advance()
            elif char == "#":
                while self.pos < len(self.text) and self._peek() != "\n":
                    self._advance()
            else:
                return

    def _read_string(self) -> str:
        quote = self._peek()
        triple = self.text.startswith(quote * 3, self.pos)
        if triple:
            self._advance(3)
            end = self.text.find(quote * 3, self.pos)
            # a closing run may hold up to two more quotes that belong to the content
            while end != -1 and self.text.startswith(quote, end + 3):
                end += 1
            content = self.text[self.pos : end] if end != -1 else self.text[self.pos :]
            self._advance(len(content) + 3)
            return content
        self._advance()
        chars: list[str] = []
        while self.pos < len(self.text) and self._peek() != quote:
            if quote == '"' and self._peek() == "\\":
                chars.append(self._peek(1))
                self._advance(2)
                continue
            chars.append(self._peek())
            self._advance()
        self._advance()
        return "".join(chars)

    def _read_key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self._skip_blank(newlines=False)
            if self._peek() in "\"'":
                parts.append(self._read_string())
            else:
                start = self.pos
                while self._peek() and self._peek() in _BARE_KEY_CHARS:
                    self._advance()
                parts.append(self.text[start : self.pos])
            self._skip_blank(newlines=False)
            if self._peek() == ".":
                self._advance()
                continue
            return parts

    # -- values --------------------------------------------------------------------------------

    def _value(self, path: Path) -> None:
        char = self._peek()
        if char in "\"'":
            self._read_string()
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            while self._peek() and self._peek() not in ",]}\n#":
                self._advance()

    def _array(self, path: Path) -> None:
        self._advance()  # [
        index = 0
        while True:
            self._skip_blank(newlines=True)
            if self._peek() in ("]", ""):
                self._advance()
                return
            self.lines.setdefault((*path, index), self.line)
            self._value((*path, index))
            index += 1
            self._skip_blank(newlines=True)
            if self._peek() == ",":
                self._advance()

    def _inline_table(self, path: Path) -> None:
        self._advance()  # {
        while True:
            self._skip_blank(newlines=True)
            if self._peek() in ("}", ""):
                self._advance()
                return
            self._key_value(path)
            self._skip_blank(newlines=True)
            if self._peek() == ",":
                self._advance()

    def _key_value(self, table: Path) -> None:
        line = self.line
        key = self._read_key()
        full = (*table, *key)
        for depth in range(len(table) + 1, len(full) + 1):
            self.lines.setdefault(full[:depth], line)
        self._skip_blank(newlines=False)
        if self._peek() == "=":
            self._advance()
        self._skip_blank(newlines=False)
        self._value(full)

    # -- document ------------------------------------------------------------------------------

    def scan(self) -> dict[Path, int]:
        table: Path = ()
        while True:
            self._skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return self.lines
            if self._peek() == "[":
                line = self.line
                is_array = self._peek(1) == "["
                self._advance(2 if is_array else 1)
                key = tuple(self._read_key())
                self._advance(2 if is_array else 1)
                table = (*self._resolve(key[:-1]), key[-1])
                if not is_array and table in self._array_counts:
                    table = (*table, self._array_counts[table] - 1)
                if is_array:
                    index = self._array_counts.get(table, 0)
                    self._array_counts[table] = index + 1
                    self.lines.setdefault(table, line)
                    table = (*table, index)
                self.lines.setdefault(table, line)
            else:
                self._key_value(table)

    def _resolve(self, key: tuple[str, ...]) -> Path:
        """Map a header's dotted key onto the latest element of any array of tables in it."""
        path: Path = ()
        for part in key:
            path = (*path, part)
            if path in self._array_counts:
                path = (*path, self._array_counts[path] - 1)
        return path


def key_lines(text: str) -> dict[Path, int]:
    """For every key path of a valid TOML text, the 1-based line on which it starts."""
    return _Scanner(text).scan()


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    for depth in range(len(path), 0, -1):
        line = lines.get(path[:depth])
        if line is not None:
            return line
    return None


def render_path(path: Path) -> str:
    """`("phases", 4, "duration")` -> `phases[4].duration`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
