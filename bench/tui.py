"""How fast the control desk starts and answers a key, next to a minimal Textual app.

Run from the repository root:  .venv/bin/python bench/tui.py [--runs N] [--presses N]

1. Start-up: the time from process start until the first frame of `formatkern run world-cafe
   --participants 20` (its hidden --first-frame option draws that frame on Textual's headless
   driver and quits), next to the same for a minimal Textual app in the same run; the figure
   is the median ratio (target: at most 1.5). Both draw on an 80×24 terminal, given as a real
   terminal gives it (see `SIZE`), and both times include the interpreter's start and exit.
2. Key to countdown: the time from pressing + or - until the countdown widget has rendered
   its new time (target: under 50 ms median), measured in-process on the headless driver.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import time

SIZE = (80, 24)
"""The terminal both apps draw on. Given, as a terminal reports it: without a terminal and a
size, Textual starts at Rich's 80×25 and then takes the headless driver's 80×24, laying out and
drawing everything a second time, which a terminal never asks for."""

MINIMAL_APP = f"""
from textual.app import App
from textual.widgets import Static

class Minimal(App[None]):
    def compose(self):
        yield Static("20:00")

app = Minimal()
app.call_after_refresh(app.exit)
app.run(headless=True, size={SIZE})
"""

DESK = [sys.executable, "-m", "formatkern", "run", "world-cafe", "--participants", "20"]
"""`formatkern run`, as the console script runs it (`python -m formatkern` is the same code)."""


def first_frame_seconds(command: list[str], *, warm_up: bool = False) -> float:
    """Wall time of a process that exits right after its first frame.

    The warm-up run may write bytecode even where PYTHONDONTWRITEBYTECODE is set, so that the
    measured runs load the project's modules as an installed package does, instead of
    compiling every file edited since bytecode was last written.
    """
    env = dict(os.environ)
    if warm_up:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - began


def start_up(runs: int) -> tuple[float, float, float]:
    """Median seconds for the desk and the minimal app, and the median of the paired ratios.

    Both run once first, unmeasured (the file cache, and the bytecode of files edited since the
    last run). Each pair runs back to back, in turns desk first and minimal first, so that a
    machine that gets busier or quieter during the run weighs on both alike.
    """
    desk, minimal, ratios = [], [], []
    first_frame_seconds([sys.executable, "-c", MINIMAL_APP], warm_up=True)
    first_frame_seconds([*DESK, "--first-frame"], warm_up=True)
    for index in range(runs):
        if index % 2 == 0:
            ours = first_frame_seconds([*DESK, "--first-frame"])
            theirs = first_frame_seconds([sys.executable, "-c", MINIMAL_APP])
        else:
            theirs = first_frame_seconds([sys.executable, "-c", MINIMAL_APP])
            ours = first_frame_seconds([*DESK, "--first-frame"])
        desk.append(ours)
        minimal.append(theirs)
        ratios.append(ours / theirs)
    return statistics.median(desk), statistics.median(minimal), statistics.median(ratios)


async def key_latencies(presses: int) -> list[float]:
    """Milliseconds from a key press to the countdown's render of the new time."""
    from formatkern.clock import FakeClock
    from formatkern.participants import People
    from formatkern.tui.app import DEMO_NAMES, make_app
    from formatkern.tui.widgets.countdown import Countdown

    clock = FakeClock.local(2026, 3, 2, 13, 55)
    people = People.of_names(list(DEMO_NAMES))
    app = make_app(
        "world-cafe", people, lang="de", clock=clock, tick_interval=None, memory=True, seed=1
    )
    latencies: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.press("n")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        rendered: list[tuple[float, str]] = []
        original = countdown.render

        def render() -> object:
            result = original()
            rendered.append((time.perf_counter(), countdown.text))
            return result

        countdown.render = render  # type: ignore[method-assign]
        for index in range(presses):
            before = countdown.text
            rendered.clear()
            pressed = time.perf_counter()
            await pilot.press("plus" if index % 2 == 0 else "minus")
            new = [at for at, text in rendered if at >= pressed and text != before]
            if new:
                latencies.append((new[0] - pressed) * 1000)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="start-ups of each app")
    parser.add_argument("--presses", type=int, default=60, help="key presses to time")
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    desk, minimal, ratio = start_up(args.runs)
    print(
        f"start-up to first frame (median of {args.runs}): control desk {desk * 1000:.0f} ms, "
        f"minimal Textual app {minimal * 1000:.0f} ms, ratio {ratio:.2f} (target <= 1.5)"
    )
    latencies = asyncio.run(key_latencies(args.presses))
    cuts = statistics.quantiles(latencies, n=10)
    print(
        f"key to updated countdown ({len(latencies)} presses of + and -): "
        f"median {statistics.median(latencies):.1f} ms, p90 {cuts[-1]:.1f} ms, "
        f"max {max(latencies):.1f} ms (target: median < 50 ms)"
    )


if __name__ == "__main__":
    main()
