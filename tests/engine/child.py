"""A `formatkern` child process spoken to over pipes, for the headless and crash tests.

Reading waits on the pipe with a deadline (select), never with sleeps, and fails with the
child's stderr when it ends or hangs.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import formatkern

SOURCE = str(Path(formatkern.__file__).resolve().parents[1])


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SOURCE, env.get("PYTHONPATH")]))
    return env


class Child:
    """One running `python -m formatkern ...` with JSON lines in and out."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "formatkern", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment(),
        )
        assert self.process.stdout is not None
        self._fd = self.process.stdout.fileno()
        self._pending = b""
        self._stderr = ""
        self.lines: list[dict[str, Any]] = []

    def send(self, *commands: dict[str, Any] | str) -> None:
        assert self.process.stdin is not None
        data = "".join(
            (c if isinstance(c, str) else json.dumps(c)) + "\n" for c in commands
        ).encode()
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def close_input(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()

    def read(self, timeout: float = 15.0) -> dict[str, Any] | None:
        """The next line, or None at the end of the output."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._fd], [], [], left)[0]:
                self.kill()
                raise AssertionError(f"the child said nothing for {timeout} s:\n{self.stderr()}")
            chunk = os.read(self._fd, 65536)
            if not chunk:
                if self._pending:
                    break
                return None
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        data: dict[str, Any] = json.loads(line)
        self.lines.append(data)
        return data

    def read_until(self, kind: str, timeout: float = 15.0) -> dict[str, Any]:
        while True:
            line = self.read(timeout)
            if line is None:
                raise AssertionError(f"the child ended before a {kind!r} line:\n{self.stderr()}")
            if line["type"] == kind:
                return line

    def wait(self) -> int:
        code = self.process.wait(timeout=30)
        self._close()
        return code

    def kill(self) -> None:
        """SIGKILL: no cleanup runs in the child, as with a crash or a pulled plug."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._close()

    def stderr(self) -> str:
        return self._stderr if self.process.poll() is not None else "(still running)"

    def _close(self) -> None:
        stderr = self.process.stderr
        if stderr is not None and not stderr.closed:
            self._stderr = stderr.read().decode(errors="replace")
        for stream in (self.process.stdin, self.process.stdout, stderr):
            if stream is not None and not stream.closed:
                with contextlib.suppress(BrokenPipeError):
                    stream.close()
