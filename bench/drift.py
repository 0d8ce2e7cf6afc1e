"""How far the shown remaining time strays from the truth over a whole session.

Run from the repository root:  .venv/bin/python bench/drift.py [--speed 60] [--fps 30]

A 90-minute World Café for 20 people runs on the real clock, compressed (`--speed` times
faster), with every phase going on by itself when its time is up, a two-minute pause in the
first round and a minute added to the second. A screen refreshes at `--fps` and shows the time
left as the engine computes it. Beside it the script keeps its own account of the ideal from
the moments the facilitator acted, and, for comparison, a countdown that subtracts one frame's
time per frame, as a naive timer would. Errors are in session seconds.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from formatkern.clock import ScaledClock
from formatkern.engine import Session
from formatkern.journal import MemoryJournal
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Plan, Settings, make_plan
from formatkern.session_files import session_meta

FORMAT = Path(__file__).resolve().parents[1] / "formats" / "world-cafe.toml"
PAUSE_AT, PAUSE_FOR, EXTEND_AT, EXTEND_BY = 25 * 60, 120, 50 * 60, 60
"""The facilitator's actions, in session seconds from the start."""


class FrameClock:
    """The scaled real clock, read once per frame, as a screen reads it before drawing."""

    def __init__(self, base: ScaledClock) -> None:
        self.base = base
        self._now = base.now()

    def frame(self) -> float:
        self._now = self.base.now()
        return self._now

    def now(self) -> float:
        return self._now

    def monotonic(self) -> float:
        return self.base.monotonic()


class Ideal:
    """The remaining time worked out from the plan and the actions alone, step by step."""

    def __init__(self, plan: Plan, start: float) -> None:
        self.lengths = [float(step.seconds) for step in plan.steps]
        self.step = 0
        self.deadline = start + self.lengths[0]
        self.paused_at: float | None = None

    def remaining(self, now: float) -> float:
        return self.deadline - (self.paused_at if self.paused_at is not None else now)

    def advance(self, now: float) -> bool:
        """Move on where time is up; False after the last step."""
        while self.paused_at is None and now >= self.deadline:
            self.step += 1
            if self.step == len(self.lengths):
                return False
            self.deadline += self.lengths[self.step]
        return True


def run(speed: float, fps: float) -> None:
    text = FORMAT.read_text(encoding="utf-8")
    plan = make_plan(parse_format(text), Settings(People(20)))
    clock = FrameClock(ScaledClock(speed))
    session = Session(plan, clock, MemoryJournal(session_meta(plan, text, clock.now())))
    session.auto_advance(True)
    session.start()
    assert session.state.started_at is not None
    start = session.state.started_at  # the moment the facilitator pressed start
    ideal = Ideal(plan, start)
    naive = float(plan.steps[0].seconds)
    naive_step = 0
    frame = 1 / fps
    worst = worst_naive = 0.0
    wrong_seconds = frames = 0
    paused = extended = False
    real_start = time.perf_counter()
    next_frame = real_start
    while session.state.finished_at is None:
        next_frame += frame
        time.sleep(max(0.0, next_frame - time.perf_counter()))
        now = clock.frame()
        t = now - start
        if not paused and t >= PAUSE_AT:
            session.pause()
            ideal.paused_at = now
            paused = True
        elif paused and ideal.paused_at is not None and t >= PAUSE_AT + PAUSE_FOR:
            session.resume()
            ideal.deadline += now - ideal.paused_at
            ideal.paused_at = None
        if not extended and t >= EXTEND_AT:
            session.extend(EXTEND_BY)
            ideal.deadline += EXTEND_BY
            naive += EXTEND_BY
            extended = True
        session.tick()
        if not ideal.advance(now) or session.state.finished_at is not None:
            break
        shown = session.state.remaining(now)
        assert shown is not None and session.state.step is not None
        if session.state.step.index != ideal.step:
            raise SystemExit(
                f"the engine is in step {session.state.step.index}, the ideal in {ideal.step}"
            )
        error = abs(shown - ideal.remaining(now))
        worst = max(worst, error)
        wrong_seconds += math.ceil(shown) != math.ceil(ideal.remaining(now))
        if naive_step != ideal.step:  # the naive timer is told when a step starts, nothing else
            naive_step = ideal.step
            naive = plan.steps[naive_step].seconds
        elif not session.state.paused:
            naive -= frame * speed
        worst_naive = max(worst_naive, abs(naive - ideal.remaining(now)))
        frames += 1
    real = time.perf_counter() - real_start
    end_error = abs((session.state.finished_at or clock.now()) - ideal.deadline)
    minutes = (clock.now() - start) / 60
    print(f"simulated {minutes:.1f} min of World Café at {speed:g}x in {real:.1f} s real,")
    print(
        f"  {frames} frames at {fps:g} Hz, pause {PAUSE_FOR} s, one step extended by {EXTEND_BY} s"
    )
    print(f"largest error of the shown remaining time: {worst:.6f} s")
    print(f"frames showing a wrong whole second:        {wrong_seconds}")
    print(f"end of the session off the ideal by:        {end_error:.6f} s")
    print(f"a countdown that counts frames drifted:     {worst_naive:.1f} s")
    print(f"  (a frame came every {real / frames * 1000:.2f} ms, not {1000 / fps:.2f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--speed", type=float, default=60.0, help="time runs this many times faster"
    )
    parser.add_argument("--fps", type=float, default=30.0, help="screen refreshes per second")
    arguments = parser.parse_args()
    run(arguments.speed, arguments.fps)


if __name__ == "__main__":
    main()
