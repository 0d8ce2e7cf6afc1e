"""Plans and formats as the CLI prints them: plain text, Markdown, JSON.

Pure functions from model and plan to strings; the TUI has its own widgets and the protocol
outputs their own modules.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from formatkern.i18n import pick, t
from formatkern.model import ArrangementKind, Day, Duration, Format, PartKind, Role, format_duration
from formatkern.plan import Plan, Step, format_clock, minutes


def describe_groups(step: Step, lang: str) -> str:
    """ "Plenum", "4 Tische à 5", "5 Tische: 3×5 + 2×4 (Gastgeber:innen bleiben)", ..."""
    arrangement = step.arrangement
    kind = arrangement.kind
    if kind is ArrangementKind.PLENUM:
        return t("plenum", lang)
    if kind is ArrangementKind.ALONE:
        return t("alone", lang)
    counts = Counter(step.groups)
    sizes = " + ".join(f"{n}×{size}" for size, n in sorted(counts.items(), reverse=True))
    text = f"{len(step.groups)} {t(kind.value, lang)}"
    if len(counts) == 1:
        text += f" à {step.groups[0]}" if lang == "de" else f" of {step.groups[0]}"
    else:
        text += f": {sizes}"
    if step.observers:
        text += f", {step.observers} {t('observer' if step.observers == 1 else 'observers', lang)}"
    if arrangement.hosts:
        text += f" ({t('hosts_stay', lang)})"
    return text


def step_title(step: Step, lang: str) -> str:
    title = pick(step.phase.title, lang)
    if step.case is not None:
        title = f"{t('case', lang)} {step.case}: {title}"
    if step.round is not None:
        title += f" · {t('round', lang)} {step.round}/{step.rounds}"
    return title


def describe_roles(fmt: Format, counts: dict[str, int], lang: str) -> str:
    parts: list[str] = []
    for role in fmt.roles:
        if role.within is not None:
            continue
        parts.append(_role_part(fmt, role, counts, lang))
    return " · ".join(parts)


def _role_part(fmt: Format, role: Role, counts: dict[str, int], lang: str) -> str:
    title = pick(role.title, lang)
    if role.voluntary:
        high = "+" if role.count.max is None else f"–{role.count.max}"
        text = f"{title} {role.count.min}{high} ({t('voluntary', lang)})"
    else:
        text = f"{title} {counts.get(role.id, 0)}"
    inner = [r for r in fmt.roles if r.within == role.id]
    if inner:
        names = ", ".join(f"{pick(r.title, lang)} {counts.get(r.id, 0)}" for r in inner)
        text += f" ({t('within', lang)} {names})"
    return text


def plan_text(plan: Plan, lang: str) -> str:
    fmt = plan.format
    people = plan.settings.people.count
    lines = [
        f"{pick(fmt.title, lang)} — {people} {t('participants', lang)} — "
        f"{format_clock(plan.start)}–{format_clock(plan.end)} "
        f"({minutes(plan.seconds)} {t('minutes', lang)})",
        "",
    ]
    width = max((len(step_title(s, lang)) for s in plan.steps), default=10)
    for step in plan.steps:
        heading = block_heading(plan, step.index, lang)
        if (heading or _block_ended(plan, step.index)) and lines[-1]:
            lines.append("")
        if heading:
            lines.append(heading)
        clock = f"{format_clock(plan.start + step.start)}–{format_clock(plan.start + step.end)}"
        length = f"{minutes(step.seconds)} {t('minutes', lang)}"
        title = step_title(step, lang)
        where = describe_groups(step, lang)
        part = plan.part(step.index)
        if part is not None and part.speaker:
            where += f" · {t('speaker', lang)}: {part.speaker}"
        lines.append(f"{clock}  {length:>9}  {title:<{width}}  {where}")
        question = pick(step.question, lang)
        if question:
            lines.append(f"{'':24}{t('question', lang)}: {question}")
    roles = roles_lines(plan, lang)
    if roles:
        lines.append("")
        lines += [f"{t('roles', lang)}{label}: {text}" for label, text in roles]
    if plan.late:
        lines += ["", *late_lines(plan, lang)]
    if plan.overrun:
        lines += [
            "",
            t(
                "plan_overrun",
                lang,
                minutes=minutes(plan.overrun),
                end=format_clock(plan.settings.end or 0),
            ),
        ]
    return "\n".join(lines)


def block_heading(plan: Plan, index: int, lang: str) -> str | None:
    """The title of a day's block of several phases, before its first step (else None)."""
    part = plan.part(index)
    if part is None or part.kind is not PartKind.FORMAT:
        return None
    if index > 0 and plan.steps[index - 1].part == plan.steps[index].part:
        return None
    return f"▸ {pick(part.title, lang)} ({part.format_id})"


def _block_ended(plan: Plan, index: int) -> bool:
    """Whether the step before `index` closed a day's block of several phases."""
    if index == 0 or plan.steps[index - 1].part == plan.steps[index].part:
        return False
    before = plan.part(index - 1)
    return before is not None and before.kind is PartKind.FORMAT


def roles_lines(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """The roles and how many hold each: one line for a format; for a day, one per block
    with roles, labelled " (block title)"."""
    fmt = plan.format
    if not isinstance(fmt, Day):
        return [("", describe_roles(fmt, plan.roles, lang))] if fmt.roles else []
    found: list[tuple[str, str]] = []
    for part in fmt.parts:
        if not part.roles or part.continues is not None:
            continue
        roles = tuple(fmt.role(r) for r in part.roles)
        shown = describe_roles(attrs.evolve(fmt, roles=roles), plan.roles, lang)
        found.append((f" ({pick(part.title, lang)})", shown))
    return found


def late_lines(plan: Plan, lang: str) -> list[str]:
    """Blocks of a day that cannot start at their fixed clock time."""
    fmt = plan.format
    if not isinstance(fmt, Day):
        return []
    lines: list[str] = []
    for block_id, seconds in plan.late:
        part = fmt.part(block_id)
        at = format_clock(part.at or 0)
        title = pick(part.title, lang)
        lines.append(t("plan_late", lang, block=title, at=at, minutes=minutes(seconds)))
    return lines


def plan_markdown(plan: Plan, lang: str) -> str:
    fmt = plan.format
    lines = [
        f"# {pick(fmt.title, lang)}",
        "",
        f"{plan.settings.people.count} {t('participants', lang)}, "
        f"{format_clock(plan.start)}–{format_clock(plan.end)} "
        f"({minutes(plan.seconds)} {t('minutes', lang)})",
        "",
        f"| | {t('minutes', lang)} | {t('phases', lang)} | {t('groups', lang)} |",
        "|---|---:|---|---|",
    ]
    for step in plan.steps:
        clock = f"{format_clock(plan.start + step.start)}–{format_clock(plan.start + step.end)}"
        title = step_title(step, lang).replace("|", "\\|")
        lines.append(
            f"| {clock} | {minutes(step.seconds)} | {title} | {describe_groups(step, lang)} |"
        )
    roles = roles_lines(plan, lang)
    if roles:
        lines.append("")
        lines += [f"**{t('roles', lang)}{label}:** {text}  " for label, text in roles]
    if plan.late:
        lines += ["", *late_lines(plan, lang)]
    if plan.overrun:
        end = format_clock(plan.settings.end or 0)
        lines += ["", t("plan_overrun", lang, minutes=minutes(plan.overrun), end=end)]
    return "\n".join(lines) + "\n"


def plan_data(plan: Plan, lang: str) -> dict[str, Any]:
    """The JSON form of a plan (documented in docs/format-reference.md)."""
    data: dict[str, Any] = {
        "format": plan.format.id,
        "title": pick(plan.format.title, lang),
        "lang": lang,
        "participants": plan.settings.people.count,
        "start": format_clock(plan.start),
        "end": format_clock(plan.end),
        "minutes": minutes(plan.seconds),
        "planned_end": format_clock(plan.settings.end) if plan.settings.end is not None else None,
        "overrun_minutes": minutes(plan.overrun),
        "roles": plan.roles,
        "steps": [
            {
                "index": step.index,
                "phase": step.phase.id,
                "title": pick(step.phase.title, lang),
                "round": step.round,
                "rounds": step.rounds,
                "case": step.case,
                "start": format_clock(plan.start + step.start),
                "end": format_clock(plan.start + step.end),
                "minutes": minutes(step.seconds),
                "arrangement": step.arrangement.kind.value,
                "groups": list(step.groups),
                "observers": step.observers,
                "question": pick(step.question, lang) or None,
            }
            for step in plan.steps
        ],
    }
    day = day_data(plan, lang)
    if day:
        blocks = day.pop("step_blocks")
        for step, block in zip(data["steps"], blocks, strict=True):
            step["block"] = block
        data.update(day)
    return data


def day_data(plan: Plan, lang: str) -> dict[str, Any]:
    """What the JSON of a day's plan adds: its blocks, the block of each step, late blocks."""
    fmt = plan.format
    if not isinstance(fmt, Day):
        return {}
    return {
        "blocks": [
            {
                "id": part.id,
                "title": pick(part.title, lang),
                "kind": part.kind.value,
                "format": part.format_id,
                "at": format_clock(part.at) if part.at is not None else None,
                "speaker": part.speaker,
                "participants": len(part.people) or plan.settings.people.count,
            }
            for part in fmt.parts
        ],
        "step_blocks": [
            fmt.parts[step.part].id if step.part is not None else None for step in plan.steps
        ],
        "late": [{"block": block, "minutes": minutes(seconds)} for block, seconds in plan.late],
    }


def plan_json(plan: Plan, lang: str) -> str:
    import json  # not for the desk's preview, which renders the plan as text

    return json.dumps(plan_data(plan, lang), ensure_ascii=False, indent=2)


def duration_text(duration: Duration) -> str:
    if duration.min == duration.max:
        return format_duration(duration.default)
    return (
        f"{format_duration(duration.default)} "
        f"({format_duration(duration.min)}–{format_duration(duration.max)})"
    )


def _show_heading(fmt: Format, lang: str) -> list[str]:
    """The top of `formatkern show`: title, summary, participants, then an empty line."""
    lines = [pick(fmt.title, lang)]
    summary = pick(fmt.summary, lang)
    if summary:
        lines.append(summary)
    upper = f"–{fmt.participants.max}" if fmt.participants.max is not None else "+"
    return [*lines, "", f"{t('participants', lang)}: {fmt.participants.min}{upper}", ""]


def day_text(day: Day, lang: str) -> str:
    """`formatkern show` of a day: its blocks in order, each method with its phases."""
    lines = [*_show_heading(day, lang), f"{t('blocks_heading', lang)}:"]
    for number, part in enumerate(day.parts, start=1):
        facts = [part.format_id or t(f"part.{part.kind.value}", lang)]
        if part.cases.default > 1 or part.continues:
            facts.append(t("n_cases", lang, n=part.cases.default))
        if part.continues:
            facts.append(t("continues", lang, block=part.continues))
        if part.people:
            facts.append(f"{len(part.people)} {t('participants', lang)}")
        if part.speaker:
            facts.append(f"{t('speaker', lang)}: {part.speaker}")
        at = f"{format_clock(part.at)}  " if part.at is not None else ""
        lines.append(f"  {number}. {at}{pick(part.title, lang)} — {', '.join(facts)}")
        if part.kind is PartKind.FORMAT:
            for phase_id in part.phases:
                phase = day.phase(phase_id)
                lines.append(f"       {pick(phase.title, lang)} — {duration_text(phase.duration)}")
        else:
            phase = day.phase(part.phases[0])
            lines.append(f"       {duration_text(phase.duration)}")
    if day.sources:
        lines += ["", f"{t('sources', lang)}:"]
        lines += [f"  - {source}" for source in day.sources]
    return "\n".join(lines)


def format_text(fmt: Format, lang: str) -> str:
    """`formatkern show`: the phases with durations, the roles, rules and modules."""
    if isinstance(fmt, Day):
        return day_text(fmt, lang)
    lines = [*_show_heading(fmt, lang), f"{t('phases', lang)}:"]
    for number, phase in enumerate(fmt.phases, start=1):
        flags = []
        if phase.rounds is not None:
            count = phase.rounds.count
            rounds = "×" if phase.rounds.each_station else f"{count.default}×"
            flags.append(f"{rounds} {t('round', lang)}")
        if phase.repeat.value == "per-case":
            flags.append(f"{t('case', lang)} ×")
        if fmt.is_confidential(phase):
            flags.append(t("confidential", lang))
        extra = f"  [{', '.join(flags)}]" if flags else ""
        lines.append(
            f"  {number}. {pick(phase.title, lang)} — {duration_text(phase.duration)}"
            f" — {t(phase.arrangement.kind.value, lang)}{extra}"
        )
        if phase.speaking:
            speakers = ", ".join(pick(fmt.role(r).title, lang) for r in phase.speaking)
            lines.append(f"     {t('speaking', lang)}: {speakers}")
        if phase.collect:
            collects = ", ".join(t(f"collect.{c.value}", lang) for c in phase.collect)
            lines.append(f"     {t('collects', lang)}: {collects}")
    if fmt.roles:
        lines += ["", f"{t('roles', lang)}:"]
        for role in fmt.roles:
            task = pick(role.task, lang)
            lines.append(f"  - {pick(role.title, lang)}" + (f": {task}" if task else ""))
    if fmt.rules:
        lines += ["", f"{t('rules', lang)}:"]
        lines += [f"  - {pick(rule.text, lang)}" for rule in fmt.rules]
    if fmt.modules:
        lines += ["", f"{t('modules', lang)}:"]
        lines += [f"  - {pick(module.title, lang)}" for module in fmt.modules]
    if fmt.sources:
        lines += ["", f"{t('sources', lang)}:"]
        lines += [f"  - {source}" for source in fmt.sources]
    return "\n".join(lines)


def duration_range(fmt: Format) -> str:
    """The shortest and longest run of a format with its defaults for rounds and cases."""
    low = high = 0
    for phase in fmt.phases:
        rounds = phase.rounds.count if phase.rounds and not phase.rounds.each_station else None
        times_low = rounds.min if rounds else 1
        times_high = (rounds.max or rounds.default) if rounds else 1
        if phase.repeat.value == "per-case":
            times_low *= fmt.cases.min
            times_high *= fmt.cases.max
        if phase.when.value == "several-cases" and fmt.cases.min <= 1:
            times_low = 0
        low += phase.duration.min * times_low
        high += phase.duration.max * times_high
    return f"{format_duration(low)}–{format_duration(high)}"


def group_size_range(fmt: Format) -> str:
    """The smallest and largest group a format's phases in groups ask for, e.g. "3–5"."""
    sizes = [
        p.arrangement.size
        for p in fmt.phases
        if p.arrangement.size is not None and p.arrangement.kind is not ArrangementKind.PLENUM
    ]
    if not sizes:
        return "–"
    low = min(s.min for s in sizes)
    high = max(s.max for s in sizes)
    return f"{low}–{high}" if low != high else str(low)
