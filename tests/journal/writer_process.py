"""A stand-in for a running formatkern: the journal tests start it, then kill it with SIGKILL.

Usage: python writer_process.py PATH create|resume|hold
`create`/`resume` append commands of 1-3 events and print `ack FIRST LAST` after each append
returned; `hold` opens the session, prints `ready` and waits for stdin to close.
Every event carries `n` equal to the seq it should get, so a test can spot misplaced events.
"""

from __future__ import annotations

import sys
from pathlib import Path

from formatkern.journal import JournalMeta, SqliteJournal

MAX_COMMANDS = 100_000
"""A safety stop, should the test die before killing this process."""


def main(path: Path, mode: str) -> None:
    if mode == "create":
        meta = JournalMeta("kollegiale-beratung", "format = 1\n", {"participants": 6}, 0.0)
        journal = SqliteJournal.create(path, meta)
    else:
        journal = SqliteJournal.open(path)
    if mode == "hold":
        print("ready", flush=True)
        sys.stdin.read()
        return
    for command in range(MAX_COMMANDS):
        first = journal.last_seq + 1
        count = command % 3 + 1
        events = [{"type": "note", "n": first + i} for i in range(count)]
        last = first + count - 1
        journal.append(
            events,
            wall=float(last),
            mono=float(last),
            status={"state": "running", "current_phase": f"phase-{last}"},
        )
        print(f"ack {first} {last}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
