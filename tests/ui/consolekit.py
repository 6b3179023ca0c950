"""Test helpers: a real Console on a real embedded backend, and a way to wait for conditions."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.client.sync import SyncClient
from app.client.tokens import account_id_from_token
from app.server.embedded import EmbeddedServer, start_embedded, stop_embedded
from app.store.localstore import LocalStore
from app.store.paths import account_store_path, config_dir
from app.ui.console import Console
from app.ui.features import Features, install_features
from app.ui.settings import ConsoleSettings


async def wait_until(
    condition: Callable[[], bool], timeout: float = 10.0, what: str = "condition"
) -> None:
    """Poll `condition` while the (qasync) loop keeps Qt and asyncio running."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)


@dataclass
class RunningConsole:
    console: Console
    server: EmbeddedServer
    store: LocalStore
    features: Features | None = None


@contextlib.asynccontextmanager
async def running_console(
    data_dir: Path,
    *,
    demo: bool = False,
    seed: int | None = 1,
    port: int = 0,
    settings: ConsoleSettings | None = None,
    show: bool = True,
    features: bool = False,
    client_options: dict[str, Any] | None = None,
    audience_live: bool = True,
) -> AsyncIterator[RunningConsole]:
    """An embedded backend (optionally with the simulated audience) and a console on it;
    `audience_live=False` starts off-air as the console's demo does."""
    server = await start_embedded(
        data_dir / "server", demo=demo, seed=seed, port=port, audience_goes_live=audience_live
    )
    token = server.creator_token
    store = LocalStore(account_store_path(server.url, account_id_from_token(token) or "x"))
    settings = settings or ConsoleSettings(config_dir() / "livedesk.ini")
    console = Console(
        settings,
        url=server.url,
        token=token,
        store=store,
        demo=demo,
        client_options=client_options,
    )
    installed = install_features(console) if features else None
    if show:
        console.window.show()
    await console.start()
    try:
        yield RunningConsole(console, server, store, installed)
    finally:
        await console.stop()
        console.window.close()
        console.window.deleteLater()
        store.close()
        with contextlib.suppress(Exception):
            await stop_embedded(server)
        await asyncio.sleep(0)


async def viewer_client(url: str, token: str, store_dir: Path) -> tuple[SyncClient, LocalStore]:
    """A started, caught-up sync client of a viewer (no window), reconnecting fast."""
    store = LocalStore(store_dir / "viewer.db")
    client = SyncClient(url, token, store, backoff_base_s=0.05, backoff_max_s=0.2)
    await client.start()
    await client.wait_caught_up(10)
    return client, store


FAST_RETRY = {"backoff_base_s": 0.05, "backoff_max_s": 0.3}


@contextlib.asynccontextmanager
async def console_on(url: str, token: str, folder: Path) -> AsyncIterator[Console]:
    """A started console (no features) on a backend the test runs itself, reconnecting
    fast; its store and settings live in `folder` and survive a second console there."""
    store = LocalStore(folder / "console.db")
    console = Console(
        ConsoleSettings(folder / "cfg.ini"),
        url=url,
        token=token,
        store=store,
        client_options=FAST_RETRY,
    )
    await console.start()
    try:
        yield console
    finally:
        await console.stop()
        console.window.deleteLater()
        store.close()
