"""`formatkern serve`: the projector view in a browser, for the room."""

from __future__ import annotations

import click

from formatkern.cli.base import lang_option, theme_option


@click.command("serve")
@click.argument("session_ref", metavar="[SESSION]", required=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--public-url",
    default=None,
    help="The address people's browsers use, when --host is 0.0.0.0 (e.g. http://10.0.0.5:8000).",
)
@lang_option
@theme_option
def serve(
    session_ref: str | None,
    host: str,
    port: int,
    public_url: str | None,
    lang: str,
    theme: str,
) -> None:
    """Show the projector view of a running session in a browser (read-only, follows it)."""
    from formatkern.tui.serve import serve as serve_room

    serve_room(session_ref, host=host, port=port, lang=lang, theme=theme, public_url=public_url)
