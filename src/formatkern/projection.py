"""The schedule from here on: when each remaining step will start and end, given how it went so far.

The current step ends when its countdown says (or now, in overtime); every later step follows
with its planned length, except the buffer before a block at a fixed clock time in a day, which
shrinks or grows so that the block (lunch at 12:30) starts on time while it can.
"Behind by 4 min, projected end 12:04" compares that with the agenda.
`fit` finds shorter lengths for the later steps, never below their minimum, to end on time.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import attrs

from formatkern.state import SessionState

DAY = 24 * 3600


def on_the_day(at: float, seconds_after_midnight: int) -> float:
    """The wall time of a clock time on the day nearest to `at` (local time).

    "09:00" for a session started at 08:55 is today's 09:00; for one started at 00:05 a planned
    start of 23:55 means yesterday's.
    """
    moment = datetime.fromtimestamp(at)
    midnight = datetime(moment.year, moment.month, moment.day)
    candidates = [
        (midnight + timedelta(days=days, seconds=seconds_after_midnight)).timestamp()
        for days in (-1, 0, 1)
    ]
    return min(candidates, key=lambda wall: abs(wall - at))


def planned_times(state: SessionState, at: float) -> tuple[float, float]:
    """Planned start and the end the session must keep, as wall times for a start at `at`."""
    settings = state.plan.settings
    start = on_the_day(at, settings.start)
    if settings.end is None:
        return start, start + state.plan.seconds
    return start, start + (settings.end - settings.start) % DAY


@attrs.frozen
class ProjectedStep:
    index: int
    start: float
    end: float
    planned_start: float
    planned_end: float

    @property
    def behind(self) -> float:
        """Seconds this step starts later than the agenda said (negative: earlier)."""
        return self.start - self.planned_start


@attrs.frozen
class Projection:
    """Where the session is heading, as wall times."""

    now: float
    steps: tuple[ProjectedStep, ...]
    """The current step (if one runs) and every step still ahead."""
    end: float
    agenda_end: float
    """When the agenda as planned ends."""
    must_end: float
    """The end the session must keep: the settings' end, else the agenda's."""

    @property
    def behind(self) -> float:
        """Seconds the projected end lies after the agenda's end (negative: ahead)."""
        return self.end - self.agenda_end

    @property
    def overrun(self) -> float:
        """Seconds the projected end lies past the end the session must keep (0 if none)."""
        return max(0.0, self.end - self.must_end)


def project(state: SessionState, now: float) -> Projection:
    """The schedule as it stands at `now`."""
    plan = state.plan
    if state.planned_start is not None and state.planned_end is not None:
        start, must_end = state.planned_start, state.planned_end
    else:
        start, must_end = planned_times(state, now)
    agenda_end = start + plan.seconds
    if state.finished_at is not None:
        return Projection(now, (), state.finished_at, agenda_end, must_end)
    steps: list[ProjectedStep] = []
    cursor = now
    timer = state.timer
    if timer is not None:
        step = plan.steps[timer.step]
        cursor = now + max(0.0, timer.remaining(now))
        steps.append(
            ProjectedStep(
                timer.step, timer.started_at, cursor, start + step.start, start + step.end
            )
        )
    for index in state.upcoming():
        step = plan.steps[index]
        end = cursor + state.seconds_of(index)
        if plan.is_buffer(index):  # it gives way, so the block after it keeps its clock time
            end = max(cursor, start + step.end)
        steps.append(ProjectedStep(index, cursor, end, start + step.start, start + step.end))
        cursor = end
    return Projection(now, tuple(steps), cursor, agenda_end, must_end)


@attrs.frozen
class Fit:
    """The outcome of fitting to the end: new lengths, or by how much it cannot be done."""

    seconds: dict[int, int]
    """New length per step, only for the steps that change."""
    short_by: float = 0.0
    """Seconds the remaining steps would still run over at their minimum (0 when it fits)."""
    fits_already: bool = False


def fit(state: SessionState, now: float) -> Fit:
    """Shorten the steps ahead proportionally, none below its minimum, to end at `must_end`."""
    projection = project(state, now)
    ahead = state.upcoming()
    current_end = projection.steps[0].end if state.timer is not None else now
    available = math.floor(projection.must_end - current_end)
    projected = {item.index: math.floor(item.end - item.start) for item in projection.steps}
    buffers = {i for i in ahead if state.plan.is_buffer(i)}
    lengths = {i: projected[i] if i in buffers else state.seconds_of(i) for i in ahead}
    if sum(lengths.values()) <= available:
        return Fit({}, fits_already=True)
    floors = {
        i: 0 if i in buffers else min(lengths[i], state.plan.steps[i].min_seconds) for i in ahead
    }
    if sum(floors.values()) > available:
        return Fit({}, short_by=float(sum(floors.values()) - available))
    factor = _factor(lengths, floors, available)
    exact = {i: max(floors[i], factor * lengths[i]) for i in ahead}
    new = {i: max(floors[i], math.floor(exact[i])) for i in ahead}
    spare = available - sum(new.values())
    by_fraction = sorted(
        (i for i in ahead if new[i] < lengths[i]), key=lambda i: (new[i] - exact[i], i)
    )
    for i in by_fraction[: max(0, spare)]:
        new[i] += 1
    return Fit({i: s for i, s in new.items() if s != state.seconds_of(i)})


def _factor(lengths: dict[int, int], floors: dict[int, int], available: int) -> float:
    """The scale f with sum(max(floor, f * length)) == available, found by bisection."""
    low, high = 0.0, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        total = sum(max(floors[i], middle * lengths[i]) for i in lengths)
        if total > available:
            high = middle
        else:
            low = middle
    return low
