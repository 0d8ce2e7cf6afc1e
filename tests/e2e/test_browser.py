"""The room's view in a browser: `formatkern serve` on a loopback port, headless Chromium.

Chromium starts with an empty profile and no background networking, takes a screenshot, and
the test reads what the page's terminal was sent (a small script, injected by the test only,
keeps a copy of the bytes the page's websocket receives) to find the phase and the countdown.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from formatkern.catalog import Catalog
from formatkern.engine import Session
from formatkern.participants import People
from formatkern.plan import Settings, make_plan

from .conftest import ROOT, formatkern_command, need

pytestmark = pytest.mark.e2e

KEEP_TEXT = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__terminalText = "";
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__terminalText += decoder.decode(event.data, { stream: true });
      }
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  window.WebSocket = Recording;
})();
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)  # polling real processes
    raise AssertionError(f"{what} within {timeout} s")


@pytest.fixture
def running_cafe(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A World Café in its first round, written by this process as the control desk would."""
    entry = Catalog.default().entry(str(ROOT / "formats" / "world-cafe.toml"))
    names = [f"Person {n}" for n in range(1, 17)]
    plan = make_plan(entry.format, Settings(People.of_names(names), lang="de"))
    data = tmp_path / "data"
    path = tmp_path / "cafe.fksession"
    session = Session.create(
        plan, path=path, format_text=entry.path.read_text(encoding="utf-8"), seed=3
    )
    session.start()
    session.next()
    yield path, data
    session.close()


def _serve_command(session: Path, port: int) -> list[str]:
    command = [*formatkern_command(), "serve", "--help"]
    wired = subprocess.run(command, capture_output=True, text=True).returncode == 0
    arguments = [str(session), "--host", "127.0.0.1", "--port", str(port)]
    if wired:
        return [*formatkern_command(), "serve", *arguments, "--lang", "de"]
    return [sys.executable, "-m", "formatkern.tui.serve", *arguments, "--lang", "de"]


async def _cdp_page(debug_port: int, url: str, shot: Path) -> str:
    """Open `url` in the browser's page, wait for the phase to show, screenshot; the text."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{debug_port}/json/list") as answer:
            targets = await answer.json()
        page = next(t for t in targets if t.get("type") == "page")
        async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            counter = 0

            async def call(method: str, **params: Any) -> dict[str, Any]:
                nonlocal counter
                counter += 1
                await ws.send_str(json.dumps({"id": counter, "method": method, "params": params}))
                while True:
                    message = json.loads((await ws.receive()).data)
                    if message.get("id") == counter:
                        result: dict[str, Any] = message.get("result", {})
                        return result

            await call("Page.enable")
            await call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TEXT)
            await call("Page.navigate", url=url)
            text = ""
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                result = await call("Runtime.evaluate", expression="window.__terminalText || ''")
                text = str(result.get("result", {}).get("value", ""))
                if "Café-Runden" in text and "Tisch 1" in text and "noch" in text:
                    break
                await asyncio.sleep(0.2)  # the page's own pace; nothing of ours sleeps
            image = await call("Page.captureScreenshot", format="png")
            shot.write_bytes(base64.b64decode(image["data"]))
            return text


def test_the_room_sees_the_round_and_its_countdown_in_a_browser(
    running_cafe: tuple[Path, Path], tmp_path: Path
) -> None:
    chromium = need("chromium", "chromium-browser", "google-chrome")
    session, data = running_cafe
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(data), "FORMATKERN_LOAD_PLUGINS": ""}
    server = subprocess.Popen(
        _serve_command(session, port), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    profile = tmp_path / "profile"
    profile.mkdir()
    browser: subprocess.Popen[bytes] | None = None
    try:
        wait_until(lambda: _listening(port), 20, "the server did not listen")
        browser = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "--window-size=1280,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        wait_until(port_file.exists, 20, "Chromium did not open its debugging port")
        debug_port = int(port_file.read_text().splitlines()[0])
        shot = tmp_path / "room.png"
        text = asyncio.run(_cdp_page(debug_port, f"http://127.0.0.1:{port}/", shot))
    finally:
        if browser is not None:
            browser.terminate()
            browser.wait(10)
        server.terminate()
        server.wait(10)
    assert "Café-Runden · Runde 1/3" in text, "the phase title reached the page"
    assert "noch 20 Min." in text, "the countdown in words reached the page"
    assert "██" in text, "the big countdown's digits reached the page"
    assert "googleapis" not in (Path(__file__).parents[2] / "src").joinpath(
        "formatkern", "tui", "web", "app_index.html"
    ).read_text(encoding="utf-8")
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000, "a real screenshot was taken"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
