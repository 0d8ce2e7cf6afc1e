"""Killing the runner at random moments loses nothing it acknowledged, and resuming is exact.

A child process runs a Kollegiale Beratung for three cases from the headless runner; the test
feeds it a burst of commands, reads a random number of acknowledgements (event lines with a
seq), then kills it with SIGKILL while it is still working through the rest. After each kill
the journal must open for writing, hold every acknowledged event, and the next runner that
resumes it must stand exactly where a replay of the journal stands.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from formatkern.clock import SystemClock
from formatkern.engine import Session
from formatkern.journal import JournalError, SqliteJournal

from .child import Child

SEEDS = range(13)
KILLS_PER_SEED = 4
"""13 x 4 = 52 kills in all, with fixed seeds."""

PEOPLE = "Anna,Ben,Cem,Dora,Emil,Fatma,Gül"

COMPARED = (
    "seq",
    "state",
    "step",
    "phase",
    "round",
    "case",
    "case_title",
    "paused",
    "finished",
    "people",
    "groups",
    "roles",
    "length",
    "instructions",
)
"""What a resumed runner reports that does not depend on the moment it is asked."""


def _commands(rng: random.Random) -> list[dict[str, Any] | str]:
    pool: list[dict[str, Any] | str] = [
        {"command": "next"},
        {"command": "next"},
        {"command": "next"},
        {"command": "back"},
        {"command": "pause"},
        {"command": "resume"},
        {"command": "extend", "seconds": rng.randrange(10, 300)},
        {"command": "shorten", "seconds": rng.randrange(1, 30)},
        {"command": "note", "text": f"Notiz {rng.randrange(1000)}"},
        {"command": "add_participant", "name": rng.choice(["Hans", "Ida", "Jo"])},
        {"command": "remove_participant", "name": rng.choice(["Hans", "Ida", "Gül"])},
        {"command": "choose_cases", "cases": ["Kita", "Verein", "Schule"]},
        {"command": "choose", "option": rng.choice(["hypothesen", "sharing"])},
        {"command": "set_arrangement", "kind": "groups", "count": 2},
        {"command": "state"},
        "not json at all",
    ]
    return [rng.choice(pool) for _ in range(rng.randrange(6, 16))]


def _replayed_snapshot(path: Path) -> dict[str, Any]:
    """Open the journal as a writer (the lock must be free after a kill) and replay it."""
    with SqliteJournal.open(path) as journal:
        return Session.replay(journal, SystemClock()).snapshot()


def _stored(path: Path) -> dict[int, str] | None:
    """seq -> type of every stored event; None when the file never became a journal."""
    try:
        journal = SqliteJournal.open_readonly(path)
    except JournalError:
        return None
    with journal:
        records = list(journal.read())
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    return {r.seq: str(r.event["type"]) for r in records}


@pytest.mark.e2e
@pytest.mark.parametrize("seed", SEEDS)
def test_a_killed_session_loses_no_acknowledged_command(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "beratung.fksession"
    acknowledged: dict[int, str] = {}
    expected: dict[str, Any] | None = None
    for kill in range(KILLS_PER_SEED):
        if expected is None:
            child = Child(
                "run", "kollegiale-beratung", "--headless", "--cases", "3", "--seed", str(seed),
                "--participants", _names_file(tmp_path), "--session", str(path),
            )  # fmt: skip
        else:
            child = Child("resume", str(path), "--headless")
            state = child.read_until("state")
            assert {k: state[k] for k in COMPARED} == {k: expected[k] for k in COMPARED}
            if state["paused"]:
                assert state["remaining"] == expected["remaining"]
        child.send(*_commands(rng))
        for _ in range(rng.randrange(0, 8) if kill else rng.randrange(0, 4)):
            line = child.read()
            if line is None:
                break
            if line["type"] not in ("session", "state", "agenda", "error", "closed"):
                acknowledged[line["seq"]] = line["type"]
        child.kill()
        stored = _stored(path)
        if stored is None:  # killed while the file was being created: nothing was acknowledged
            assert acknowledged == {}
            for leftover in tmp_path.glob(f"{path.name}*"):
                leftover.unlink()
            expected = None
            continue
        missing = {seq: kind for seq, kind in acknowledged.items() if stored.get(seq) != kind}
        assert missing == {}, f"kill {kill}: acknowledged but not stored: {missing}"
        expected = _replayed_snapshot(path)


def _names_file(folder: Path) -> str:
    file = folder / "team.txt"
    file.write_text("\n".join(PEOPLE.split(",")) + "\n", encoding="utf-8")
    return str(file)


@pytest.mark.e2e
def test_a_whole_beratung_for_three_cases_survives_a_kill_halfway(tmp_path: Path) -> None:
    """The facilitator runs case 1 and half of case 2, the laptop dies, the session goes on."""
    path = tmp_path / "dienstag.fksession"
    names = _names_file(tmp_path)
    first = Child(
        "run", "kollegiale-beratung", "--headless", "--cases", "3", "--participants", names,
        "--session", str(path),
    )  # fmt: skip
    first.send(
        {"command": "note", "text": "Fälle: Kita, Verein, Schule"},
        {"command": "next"},
        {"command": "choose_cases", "cases": ["Kita", "Verein", "Schule"],
         "givers": ["Anna", "Ben", "Cem"]},
        *[{"command": "next"}] * 4,
        {"command": "choose", "option": "hypothesen"},
        *[{"command": "next"}] * 5,
        {"command": "extend", "seconds": 120},
        {"command": "note", "text": "Verein: Schlüsselfrage steht"},
        {"command": "state"},
    )  # fmt: skip
    halfway = first.read_until("state")
    assert (halfway["case"], halfway["phase"]) == (2, "schluesselfrage")
    first.kill()
    acknowledged = {line["seq"]: line["type"] for line in first.lines if line["seq"] and
                    line["type"] not in ("state", "error")}  # fmt: skip

    second = Child("resume", str(path), "--headless")
    again = second.read_until("state")
    assert {k: again[k] for k in COMPARED} == {k: halfway[k] for k in COMPARED}
    second.send(*[{"command": "next"}] * 4, {"command": "note", "text": "Schule: Danke"})
    second.send(*[{"command": "next"}] * 6, {"command": "quit"})
    assert second.read_until("finished")
    second.read_until("closed")
    assert second.wait() == 0

    stored = _stored(path)
    assert stored is not None
    assert all(stored[seq] == kind for seq, kind in acknowledged.items())
    with SqliteJournal.open_readonly(path) as journal:
        state = Session.replay(journal).state
    assert state.finished_at is not None
    assert [n.text for n in state.collecting.notes] == [
        "Fälle: Kita, Verein, Schule",
        "Verein: Schlüsselfrage steht",
        "Schule: Danke",
    ]
    assert [state.roles[case]["fallerzaehler"] for case in (1, 2, 3)] == [
        ("Anna",),
        ("Ben",),
        ("Cem",),
    ]
    assert state.options == {5: "hypothesen"}
    held = [state.plan.steps[i] for i, _ in state.history]
    assert [(s.case, s.phase.id) for s in held][-6:] == [
        (3, p)
        for p in (
            "casting", "spontanerzaehlung", "schluesselfrage", "methodenwahl", "beratung",
            "abschluss",
        )
    ]  # fmt: skip
