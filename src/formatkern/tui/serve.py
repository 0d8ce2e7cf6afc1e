"""`formatkern serve`: the room's view in browsers on the local network, via textual-serve.

Each browser tab gets its own read-only `formatkern.tui.room` process following the session's
journal. The page is our own template: textual-serve's default loads a web font from the
internet, which a community centre's network often does not have, so ours uses the font that
textual-serve ships in its static folder.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Final

from formatkern.i18n import lang_from_environment
from formatkern.tui.follow import running_session
from formatkern.tui.strings import ui

TEMPLATES: Final = Path(__file__).parent / "web"


def room_command(path: Path, lang: str, theme: str) -> str:
    """The command textual-serve starts per browser tab."""
    return shlex.join(
        [sys.executable, "-m", "formatkern.tui.room", str(path), "--lang", lang, "--theme", theme]
    )


def serve(
    session: str | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    lang: str | None = None,
    theme: str = "dark",
    sessions_folder: Path | None = None,
    public_url: str | None = None,
) -> None:
    """Serve the projector view of `session` (default: the one running now) until Ctrl+C.

    Raises SessionError (a FormatkernError) when there is no such session.
    """
    from textual_serve.server import Server

    path = running_session(session, sessions_folder)
    language = lang or lang_from_environment()
    server = Server(
        room_command(path.resolve(), language, theme),
        host=host,
        port=port,
        title=ui("app.title", language),
        public_url=public_url,
        templates_path=TEMPLATES,
    )
    server.serve()


def main(argv: list[str] | None = None) -> None:
    """`python -m formatkern.tui.serve [SESSION] [--host] [--port]`, as `formatkern serve`."""
    import argparse

    from formatkern.errors import FormatkernError

    parser = argparse.ArgumentParser(prog="python -m formatkern.tui.serve")
    parser.add_argument("session", nargs="?", default=None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--lang", choices=["de", "en"], default=None)
    parser.add_argument("--theme", choices=["dark", "light"], default="dark")
    args = parser.parse_args(argv)
    try:
        serve(args.session, host=args.host, port=args.port, lang=args.lang, theme=args.theme)
    except FormatkernError as exc:
        raise SystemExit(f"error: {exc}") from None


if __name__ == "__main__":
    main()
