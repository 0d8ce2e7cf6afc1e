"""What every journal promises the engine, in memory and on disk alike."""

from __future__ import annotations

import math
import time

import pytest

from formatkern.journal import Journal, JournalError, Record


def test_a_commands_events_get_contiguous_seqs_from_one_and_come_back_in_order(
    journal: Journal,
) -> None:
    first = journal.append(
        [{"type": "session_started"}, {"type": "phase_started", "phase": "spontanerzaehlung"}],
        wall=1000.0,
        mono=0.0,
    )
    second = journal.append([{"type": "note", "text": "Fall: Übergabe"}], wall=1061.5, mono=61.5)

    assert (first, second) == ([1, 2], [3])
    assert journal.last_seq == 3
    assert list(journal.read()) == [
        Record(1, 1000.0, 0.0, {"type": "session_started"}),
        Record(2, 1000.0, 0.0, {"type": "phase_started", "phase": "spontanerzaehlung"}),
        Record(3, 1061.5, 61.5, {"type": "note", "text": "Fall: Übergabe"}),
    ]


def test_a_follower_reading_after_seq_n_sees_only_what_came_later(journal: Journal) -> None:
    journal.append([{"n": 1}, {"n": 2}], wall=1.0, mono=1.0)
    seen = [record.seq for record in journal.read()]
    journal.append([{"n": 3}], wall=2.0, mono=2.0)

    assert [record.event for record in journal.read(after=seen[-1])] == [{"n": 3}]
    assert list(journal.read(after=3)) == []


def test_what_was_appended_cannot_be_changed_afterwards_through_the_callers_dict(
    journal: Journal,
) -> None:
    event = {"type": "idea", "tags": ["a"]}
    journal.append([event], wall=1.0, mono=1.0)
    event["tags"].append("b")
    event["type"] = "changed"

    assert next(journal.read()).event == {"type": "idea", "tags": ["a"]}


def test_a_command_with_one_unstorable_event_stores_none_of_its_events(journal: Journal) -> None:
    journal.append([{"n": 1}], wall=1.0, mono=1.0)
    with pytest.raises(TypeError, match="event 1"):
        journal.append([{"n": 2}, {"when": object()}], wall=2.0, mono=2.0)

    assert journal.last_seq == 1
    assert journal.append([{"n": 2}], wall=3.0, mono=3.0) == [2]


def test_a_time_that_is_not_a_number_is_refused_before_anything_is_stored(
    journal: Journal,
) -> None:
    with pytest.raises(ValueError, match="finite"):
        journal.append([{"n": 1}], wall=math.nan, mono=0.0)
    assert journal.last_seq == 0


def test_the_status_shows_what_the_latest_append_with_a_summary_said(journal: Journal) -> None:
    assert journal.status == {}
    journal.append(
        [{"n": 1}], wall=1.0, mono=1.0, status={"state": "running", "current_phase": "a"}
    )
    journal.append([{"n": 2}], wall=2.0, mono=2.0)
    assert journal.status == {"state": "running", "current_phase": "a"}

    journal.append([{"n": 3}], wall=3.0, mono=3.0, status={"state": "paused"})
    assert journal.status == {"state": "paused"}


def test_an_empty_command_adds_no_event(journal: Journal) -> None:
    assert journal.append([], wall=1.0, mono=1.0) == []
    assert journal.last_seq == 0
    assert list(journal.read()) == []


def test_the_journal_takes_its_times_from_the_engines_clock_never_its_own(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_clock() -> float:
        raise AssertionError("the journal read the clock")

    monkeypatch.setattr(time, "time", no_clock)
    monkeypatch.setattr(time, "monotonic", no_clock)
    journal.append([{"n": 1}], wall=123.25, mono=4.5)

    record = next(journal.read())
    assert (record.wall, record.mono) == (123.25, 4.5)


def test_a_closed_journal_refuses_new_events_with_a_journal_error(journal: Journal) -> None:
    journal.close()
    with pytest.raises(JournalError, match="closed"):
        journal.append([{"n": 1}], wall=1.0, mono=1.0)
    with pytest.raises(JournalError, match="closed"):
        journal.read()
    journal.close()  # closing twice is harmless


def test_the_session_metadata_comes_back_as_given(journal: Journal) -> None:
    assert journal.meta.format_id == "kollegiale-beratung"
    assert "Fallarbeit" in journal.meta.format_text
    assert journal.meta.settings["participants"][3] == "Dörte"
