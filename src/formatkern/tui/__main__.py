"""`python -m formatkern.tui`: the control desk without the `formatkern` command.

For the benchmark and the end-to-end tests (and for trying the desk before the CLI wires it):
the same `run_tui` the CLI calls, with the same options.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from formatkern.startup import pause_collection, resume_collection


def main(argv: list[str] | None = None) -> None:
    pause_collection()  # before the imports, which make most of the start-up's objects
    try:
        _main(argv)
    finally:
        resume_collection()


def _main(argv: list[str] | None) -> None:
    from formatkern.participants import parse_people
    from formatkern.plan import parse_clock
    from formatkern.tui.app import THEMES, run_tui

    parser = argparse.ArgumentParser(prog="python -m formatkern.tui")
    parser.add_argument("format_ref", nargs="?", metavar="FORMAT")
    parser.add_argument("--participants", default=None, help="How many, or a file of names.")
    parser.add_argument("--session", type=Path, default=None, help="The new session file.")
    parser.add_argument("--resume", type=Path, default=None, help="A session file to resume.")
    parser.add_argument("--start", default=None, help="Planned start, HH:MM.")
    parser.add_argument("--end", default=None, help="The time the session must end by, HH:MM.")
    parser.add_argument("--lang", choices=["de", "en"], default=None)
    parser.add_argument("--theme", choices=sorted(THEMES), default="dark")
    parser.add_argument("--demo", action="store_true", help="World Café with twenty names.")
    parser.add_argument(
        "--first-frame",
        action="store_true",
        help="Run headless on an 80×24 terminal and quit after the first frame (for bench/tui.py).",
    )
    args = parser.parse_args(argv)
    people = parse_people(args.participants) if args.participants else None
    start = parse_clock(args.start) if args.start else None
    end = parse_clock(args.end) if args.end else None
    run_tui(
        args.format_ref,
        people,
        session_path=args.session,
        resume=args.resume,
        lang=args.lang,
        theme=args.theme,
        start=start,
        end=end,
        demo=args.demo,
        first_frame=args.first_frame,
    )


if __name__ == "__main__":
    main()
