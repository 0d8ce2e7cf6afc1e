"""The example in docs/embedding.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "embedding.md"


def test_the_embedding_example_runs_and_prints_what_the_comments_say(
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "docs/embedding.md has no python example"
    exec(compile(blocks[0], str(DOC), "exec"), {"__name__": "embedding_example"})
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "The session is not paused; there is nothing to resume.",
        "beratung 600.0 09:19",
    ]


def test_every_command_and_event_is_documented() -> None:
    from formatkern.commands import SPEC
    from formatkern.events import EVENT_CLASSES

    text = DOC.read_text(encoding="utf-8")
    for name in [*SPEC, "state", "agenda", "quit"]:
        if name != "tick":
            assert f"`{name}`" in text, f"command {name} is not in docs/embedding.md"
    for event in EVENT_CLASSES:
        assert f"`{event.type}`" in text, f"event {event.type} is not in docs/embedding.md"
