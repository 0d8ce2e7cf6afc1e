"""The state is a fold of the events: replaying the journal gives exactly the live state."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formatkern.clock import FakeClock
from formatkern.engine import CommandError, Session
from formatkern.events import Entry
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan

from .room import TEAM, format_text

NAMES = st.sampled_from([*TEAM, "Zoe", "Yusuf", "anna"])

SIMPLE = ["next", "next", "back", "pause", "resume", "finish", "fit_to_end", "start"]

COMMAND = st.one_of(
    st.sampled_from(SIMPLE).map(lambda name: {"command": name}),
    st.sampled_from(SIMPLE).map(lambda name: {"command": name}),
    st.fixed_dictionaries(
        {"command": st.sampled_from(["extend", "shorten"]), "seconds": st.integers(1, 900)}
    ),
    st.fixed_dictionaries({"command": st.just("jump"), "step": st.integers(0, 24)}),
    st.fixed_dictionaries({"command": st.just("add_participant"), "name": NAMES}),
    st.fixed_dictionaries({"command": st.just("remove_participant"), "name": NAMES}),
    st.fixed_dictionaries({"command": st.just("note"), "text": st.text(max_size=8)}),
    st.fixed_dictionaries({"command": st.just("auto_advance"), "enabled": st.booleans()}),
    st.fixed_dictionaries(
        {
            "command": st.just("set_arrangement"),
            "kind": st.sampled_from(["plenum", "groups", "pairs", "tables"]),
            "count": st.sampled_from([None, 2, 3]),
        }
    ),
    st.fixed_dictionaries(
        {"command": st.just("choose"), "option": st.sampled_from(["hypothesen", "sharing"])}
    ),
    st.fixed_dictionaries(
        {
            "command": st.just("choose_cases"),
            "cases": st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=3),
        }
    ),
    st.fixed_dictionaries({"command": st.just("cast"), "roles": st.just({"moderator": ["Cem"]})}),
)

STEP = st.tuples(COMMAND, st.sampled_from([0, 0, 1, 30, 170, 299, 601, 3000]))


def _session(format_id: str, people: People, **extra: Any) -> tuple[Session, FakeClock]:
    clock = FakeClock.local(2026, 3, 2, 9, 0)
    text = format_text(format_id)
    plan = make_plan(parse_format(text), Settings(people=people, **extra))
    return Session.create(plan, clock=clock, format_text=text, seed=3, mix_seconds=0.05), clock


def _play(session: Session, clock: FakeClock, steps: list[tuple[dict[str, Any], float]]) -> None:
    session.start()
    for command, seconds in steps:
        with contextlib.suppress(CommandError):
            session.send({k: v for k, v in command.items() if v is not None})
        clock.advance(seconds)
        session.tick()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, max_size=30))
def test_any_sequence_of_commands_replays_to_the_same_state(
    steps: list[tuple[dict[str, Any], float]],
) -> None:
    session, clock = _session("kollegiale-beratung", People.of_names(list(TEAM)), cases=3)
    _play(session, clock, steps)
    replayed = Session.replay(session.journal, clock)
    assert replayed.state == session.state
    assert replayed.snapshot() == session.snapshot()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, max_size=15))
def test_a_world_cafe_with_comings_and_goings_replays_to_the_same_tables(
    steps: list[tuple[dict[str, Any], float]],
) -> None:
    session, clock = _session("world-cafe", People.of_names([*TEAM, *"GHIJKLMN"]))
    _play(session, clock, steps)
    assert Session.replay(session.journal, clock).state == session.state


def test_subscribers_hear_every_event_after_it_is_stored(kb: Session) -> None:
    heard: list[tuple[int, int]] = []
    kb.subscribe(lambda entry: heard.append((entry.seq, kb.journal.last_seq)))
    entries = kb.next()
    assert [seq for seq, _ in heard] == [e.seq for e in entries]
    assert all(stored >= seq for seq, stored in heard)


def test_a_subscriber_that_fails_never_ends_the_session(kb: Session) -> None:
    failures: list[str] = []
    kb.on_error = lambda exc, _subscriber: failures.append(str(exc))
    seen: list[Entry] = []

    def broken(entry: Entry) -> None:
        raise RuntimeError("the bell is broken")

    kb.subscribe(broken)
    kb.subscribe(seen.append)
    kb.pause()
    assert failures == ["the bell is broken"]
    assert [e.event.type for e in seen] == ["paused"]
    assert kb.state.paused


def test_unsubscribing_stops_the_events(kb: Session) -> None:
    seen: list[Entry] = []
    stop = kb.subscribe(seen.append)
    kb.pause()
    stop()
    kb.resume()
    assert len(seen) == 1


def test_a_journal_of_a_newer_version_is_not_resumed(kb: Session) -> None:
    from formatkern.journal import JournalMeta, MemoryJournal
    from formatkern.session_files import SessionError

    meta = kb.journal.meta
    newer = MemoryJournal(
        JournalMeta(meta.format_id, meta.format_text, meta.settings, meta.created_wall, 99)
    )
    with pytest.raises(SessionError, match="newer formatkern"):
        Session.replay(newer)


def test_an_unknown_event_in_the_journal_is_a_clear_error(kb: Session) -> None:
    from formatkern.session_files import SessionError

    kb.journal.append([{"type": "levitated", "at": 1.0}], wall=1.0, mono=1.0)
    with pytest.raises(SessionError, match="event 4 of this session cannot be read"):
        Session.replay(kb.journal)
