"""A real backend, the creator's console with alerts and the overlay, and a scripted viewer."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from app.client.sync import SyncClient
from app.server.backend import Backend
from app.server.wsserver import LiveDeskServer
from app.store.localstore import LocalStore
from app.ui.alerts import AlertsFeature, install_alerts
from app.ui.console import Console
from app.ui.overlay import OverlayFeature, install_overlay
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import wait_until

QUIET_TIMEOUT_S = 0.3  # the server ends a quiet streak this soon


@dataclass
class Studio:
    backend: Backend
    server: LiveDeskServer
    console: Console
    alerts: AlertsFeature
    overlay: OverlayFeature
    viewer: SyncClient
    viewer_name: str

    def url(self, page: str) -> str:
        return self.overlay.url(page)

    def ws_url(self, key: str | None = None) -> str:
        port = self.overlay.server.port
        suffix = "" if key is None else f"?key={key}"
        return f"ws://127.0.0.1:{port}/overlay/ws{suffix}"


@contextlib.asynccontextmanager
async def studio(
    tmp_path: Path, *, viewer_name: str = "Mia", min_diamonds: int = 5, **settings: Any
) -> AsyncIterator[Studio]:
    backend = Backend(tmp_path / "server", streak_timeout_s=QUIET_TIMEOUT_S)
    await backend.start()
    server = LiveDeskServer(backend, "127.0.0.1", 0)
    await server.start()
    _, creator_token = backend.demo_creator()
    _, viewer_token = backend.create_account(viewer_name, "viewer")
    console_settings = ConsoleSettings(tmp_path / "settings.ini")
    console_settings.set("alert_min_diamonds", min_diamonds)
    console_settings.set("sound", False)
    console_settings.set("overlay_port", 0)
    for key, value in settings.items():
        console_settings.set(key, value)
    creator_store = LocalStore(tmp_path / "creator.db")
    viewer_store = LocalStore(tmp_path / "viewer.db")
    console = Console(
        console_settings, url=server.url, token=creator_token, store=creator_store, role="creator"
    )
    alerts = install_alerts(console)
    overlay = install_overlay(console, alerts)
    viewer = SyncClient(server.url, viewer_token, viewer_store)
    try:
        console.window.show()
        await console.start()
        await viewer.start()
        await console.client.wait_caught_up()
        await viewer.wait_caught_up()
        await wait_until(lambda: overlay.server.listening, what="the overlay server")
        yield Studio(backend, server, console, alerts, overlay, viewer, viewer_name)
    finally:
        await viewer.stop()
        await console.stop()
        alerts.close()
        console.window.close()
        console.window.deleteLater()
        creator_store.close()
        viewer_store.close()
        await server.close()
        await backend.close()


class PageSocket:
    """The overlay's websocket as a page sees it: the newest state, whole, on every change."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.states: list[dict[str, Any]] = []

    @property
    def latest(self) -> dict[str, Any]:
        return self.states[-1]

    async def next_state(self, timeout: float = 5.0) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            raw = await self.ws.recv()
        state: dict[str, Any] = json.loads(raw)
        self.states.append(state)
        return state

    async def until(self, condition: Any, timeout: float = 5.0, what: str = "state") -> Any:
        """Read states until `condition(state)` holds; returns that state."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        if self.states and condition(self.latest):
            return self.latest
        while True:
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"overlay never showed {what}; last: {self.states[-1:]}")
            try:
                state = await self.next_state(left)
            except TimeoutError:
                continue
            if condition(state):
                return state


@contextlib.asynccontextmanager
async def page_socket(url: str) -> AsyncIterator[PageSocket]:
    async with connect(url, compression=None, open_timeout=5) as ws:
        yield PageSocket(ws)
