"""The record outputs are made from: a plain, JSON-able dict with a schema version.

Outputs (built-in and plugins') never see the engine's objects, only this record, so that an
output written today still works when the engine changes, and so that confidential content can
be taken out before any output sees it. A record of a planned session has the agenda only;
a record of a session that ran adds what happened (the outputs work extends it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from formatkern.model import Text
from formatkern.plan import Plan, Step

RECORD_SCHEMA: Final = 1


def text_data(text: Text | None) -> dict[str, str]:
    """A bilingual text as {"de": ..., "en": ...} (missing languages fall back to the other)."""
    if text is None or not text:
        return {"de": "", "en": ""}
    return {"de": text.get("de"), "en": text.get("en")}


def _clock(day: dt.date, start: int, offset: int) -> str:
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=start + offset)
    return moment.isoformat(timespec="minutes")


def step_data(plan: Plan, step: Step, day: dt.date) -> dict[str, Any]:
    return {
        "index": step.index,
        "phase": step.phase.id,
        "title": text_data(step.phase.title),
        "round": step.round,
        "rounds": step.rounds,
        "case": step.case,
        "start": _clock(day, plan.start, step.start),
        "end": _clock(day, plan.start, step.end),
        "seconds": step.seconds,
        "arrangement": step.arrangement.kind.value,
        "groups": list(step.groups),
        "question": text_data(step.question) if step.question else None,
    }


def plan_record(plan: Plan, day: dt.date) -> dict[str, Any]:
    """The record of a planned session on `day`: the format and the timed agenda."""
    fmt = plan.format
    return {
        "schema": RECORD_SCHEMA,
        "kind": "plan",
        "format": {"id": fmt.id, "title": text_data(fmt.title), "sources": list(fmt.sources)},
        "date": day.isoformat(),
        "start": _clock(day, plan.start, 0),
        "end": _clock(day, plan.start, plan.seconds),
        "participants": {"count": plan.settings.people.count},
        "agenda": [step_data(plan, step, day) for step in plan.steps],
    }
