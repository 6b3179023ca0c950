"""DNS rebinding in a real browser: Chromium resolves evil.example to this server (as a rebound
name would), and the page of that name gets nothing from it: no page, no sign-up, no socket."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import running_server
from tests.ui.fan.browser import PHONE, FanBrowser

EVIL = "evil.example"

SIGN_UP = """() => fetch('/fan/api/signup', {headers: {'X-LiveDesk-Fan': '1',
    'X-LiveDesk-Name': 'Eve'}}).then(r => r.status)"""
SOCKET = """() => new Promise(done => {
    const ws = new WebSocket(`ws://${location.host}/fan/ws`);
    ws.onopen = () => done('open'); ws.onerror = () => done('refused');
})"""


@pytest.mark.slow
def test_a_page_of_a_rebound_name_gets_nothing_from_the_server(tmp_path: Path) -> None:
    async def scenario() -> None:
        browser = FanBrowser([f"--host-resolver-rules=MAP {EVIL} 127.0.0.1"])
        await browser.start()
        try:
            async with running_server(tmp_path / "srv") as (backend, server):
                page = await browser.page(PHONE)

                def visit(host: str) -> dict[str, Any]:
                    response = page.goto(f"http://{host}:{server.port}/fan/")
                    return {
                        "status": response.status,
                        "text": page.inner_text("body"),
                        "signup": page.evaluate(SIGN_UP),
                        "socket": page.evaluate(SOCKET),
                    }

                evil = await browser.call(lambda: visit(EVIL))
                assert evil["status"] == 421
                assert "does not answer to that name" in evil["text"]
                assert evil["signup"] == 421
                assert evil["socket"] == "refused"
                assert backend.fans.fans() == []
                # The same server by its own name: the page, a sign-up and its socket work.
                own = await browser.call(lambda: visit("localhost"))
                assert (own["status"], own["signup"], own["socket"]) == (200, 200, "open")
                assert len(backend.fans.fans()) == 1
        finally:
            await browser.stop()

    asyncio.run(scenario())
