"""Starting and killing writer_process.py from the tests, without sleeping."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import formatkern

WRITER = Path(__file__).with_name("writer_process.py")


def start_writer(path: Path, mode: str) -> subprocess.Popen[str]:
    """Start a writer process that finds this checkout's formatkern even if not installed."""
    env = dict(os.environ)
    source = str(Path(formatkern.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_line(process: subprocess.Popen[str]) -> str:
    """The next line the writer printed; fails with its stderr if it ended instead."""
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        assert process.stderr is not None
        raise AssertionError(f"the writer process ended early:\n{process.stderr.read()}")
    return line.strip()


def kill_hard(process: subprocess.Popen[str]) -> None:
    """SIGKILL, as a power cut would do to the process: no cleanup runs, nothing is flushed."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()
