"""How fast the session journal appends and replays, as it is configured for real sessions.

Run from the repository root:  .venv/bin/python bench/journal.py [--events N] [--dir DIR]

SQLite runs with WAL and synchronous=FULL, so every append waits for an fsync: the figures depend
on the disk under DIR (default: a temporary folder in the current directory, not /tmp, which may
be a RAM disk). A pattern that runs longer than --budget seconds stops there, and its lines say
how many events were measured and how long all of them would take.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from formatkern.journal import Journal, JournalMeta, MemoryJournal, SqliteJournal

META = JournalMeta("kollegiale-beratung", "format = 1\n" * 40, {"participants": 8}, 0.0)


def commands(total: int, batch: int | None) -> Iterator[list[dict[str, Any]]]:
    """Commands of 1-3 events as the engine produces them, or fixed batches of `batch` events."""
    made, command = 0, 0
    while made < total:
        size = batch if batch else command % 3 + 1
        size = min(size, total - made)
        yield [
            {
                "type": "note_added",
                "phase": "spontanerzaehlung",
                "by": f"p{(made + i) % 8}",
                "text": f"Beobachtung {made + i}: die Übergabe war unklar",
            }
            for i in range(size)
        ]
        made, command = made + size, command + 1


def append_all(
    journal: Journal, total: int, batch: int | None, budget: float = float("inf")
) -> tuple[float, int, int]:
    """Seconds, appends (transactions) and events stored; stops early when over `budget` s."""
    appends = events_done = 0
    start = time.perf_counter()
    for events in commands(total, batch):
        now = float(appends)
        journal.append(events, wall=now, mono=now, status={"state": "running"})
        appends += 1
        events_done += len(events)
        if time.perf_counter() - start > budget:
            break
    return time.perf_counter() - start, appends, events_done


def replay(journal: Journal) -> tuple[float, int]:
    start = time.perf_counter()
    count = sum(1 for _ in journal.read())
    return time.perf_counter() - start, count


def duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} events/s" if seconds > 0 else "           - events/s"


def sqlite_run(folder: Path, name: str, total: int, batch: int | None, budget: float) -> list[str]:
    path = folder / f"{name}.fksession"
    with SqliteJournal.create(path, META) as journal:
        append_seconds, appends, stored = append_all(journal, total, batch, budget)
    with SqliteJournal.open_readonly(path) as reader:
        replay_seconds, replayed = replay(reader)
    assert replayed == stored, (replayed, stored)
    size = path.stat().st_size
    lines = []
    if stored < total:
        lines.append(
            f"  NOTE: stopped after the {budget:g} s budget: {stored:,} of {total:,} events "
            f"measured; all {total:,} would take about "
            f"{duration(append_seconds * total / stored)} at this rate."
        )
    return [
        *lines,
        f"  append  {rate(stored, append_seconds)}   {stored:,} events in {appends:,} "
        f"transactions, {append_seconds:.1f} s ({appends / append_seconds:,.0f} commits/s)",
        f"  replay  {rate(stored, replay_seconds)}   {replay_seconds:.2f} s (read-only open)",
        f"  file    {size / 1e6:>12.1f} MB        {size / stored:.0f} bytes per event",
    ]


def memory_run(total: int) -> list[str]:
    journal = MemoryJournal(META)
    append_seconds, appends, _ = append_all(journal, total, None)
    replay_seconds, _ = replay(journal)
    return [
        f"  append  {rate(total, append_seconds)}   {appends:,} commands of 1-3 events",
        f"  replay  {rate(total, replay_seconds)}",
    ]


def section(title: str, lines: Callable[[], list[str]]) -> None:
    print(title, flush=True)
    for line in lines():
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path.cwd(), help="where the temp folder goes")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per pattern, at most")
    args = parser.parse_args()
    total: int = args.events

    print(
        f"formatkern journal benchmark: Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}"
    )
    with tempfile.TemporaryDirectory(prefix=".bench-journal-", dir=args.dir) as tmp:
        folder = Path(tmp)
        print(f"files in {folder} (WAL, synchronous=FULL)\n", flush=True)
        section(
            f"SQLite, one transaction per command of 1-3 events ({total:,} events):",
            lambda: sqlite_run(folder, "per-command", total, None, args.budget),
        )
        section(
            f"SQLite, batched: 1,000 events per transaction ({total:,} events):",
            lambda: sqlite_run(folder, "batched", total, 1000, args.budget),
        )
        section(
            f"Memory journal, commands of 1-3 events ({total:,} events):",
            lambda: memory_run(total),
        )


if __name__ == "__main__":
    main()
