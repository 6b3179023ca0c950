"""A real backend on 127.0.0.1, real consoles and a real viewer client, on one qasync loop."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from app.client.sync import SyncClient
from app.protocol.frames import Event
from app.protocol.payloads import CreatorProfile, Service, SetServices, StartLive
from app.server.backend import Account, Backend
from app.server.wsserver import LiveDeskServer
from app.store.localstore import LocalStore
from app.ui.console import Console
from app.ui.inbox import InboxFeature, install_inbox
from app.ui.settings import ConsoleSettings

SERVICES = (
    Service(
        id="mix",
        title="Mix feedback on your track",
        category="consulting",
        description="I listen to your mix and send notes.",
        price_cents=2500,
        duration_min=30,
        license_free_confirmed=True,
    ),
    Service(
        id="lesson",
        title="1:1 guitar lesson",
        category="skill_training",
        price_cents=3500,
        currency="EUR",
        duration_min=45,
        license_free_confirmed=True,
    ),
    Service(id="print", title="Signed print", category="shop_offer", license_free_confirmed=True),
)


@dataclass
class Desk:
    backend: Backend
    server: LiveDeskServer
    creator: Account
    creator_token: str
    root: Path

    @property
    def url(self) -> str:
        return self.server.url

    def token(self) -> str:
        """A fresh token of the creator (each console its own)."""
        return self.backend.issue_token(self.creator.id)


@contextlib.asynccontextmanager
async def running_desk(
    root: Path, *, live: bool = True, clock: Callable[[], float] = time.time
) -> AsyncIterator[Desk]:
    """Backend + server with the demo services, an eligible profile, and a live session."""
    backend = Backend(root / "server", clock=clock)
    await backend.start()
    server = LiveDeskServer(backend, "127.0.0.1", 0)
    try:
        await server.start()
        creator, token = backend.demo_creator()
        backend.set_profile(CreatorProfile(followers=12_400, adult_confirmed=True))
        await backend.execute(creator, "setup-services", SetServices(services=SERVICES))
        if live:
            await backend.execute(creator, "setup-live", StartLive(title="Friday night mix"))
        yield Desk(backend, server, creator, token, root)
    finally:
        try:
            await server.close()
        finally:
            await backend.close()


async def wait_until(predicate: Callable[[], object], timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        await asyncio.sleep(0.02)


@dataclass
class OpenConsole:
    console: Console
    feature: InboxFeature
    store: LocalStore


async def open_console(
    desk: Desk, name: str, *, token: str | None = None, role: str = "creator"
) -> OpenConsole:
    folder = desk.root / name
    settings = ConsoleSettings(folder / "livedesk.ini")
    store = LocalStore(folder / "store.db")
    console = Console(settings, url=desk.url, token=token or desk.token(), store=store, role=role)
    feature = install_inbox(console)
    console.window.resize(1280, 800)
    console.window.show()
    await console.start()
    await console.client.wait_caught_up(10)
    return OpenConsole(console, feature, store)


async def close_console(opened: OpenConsole) -> None:
    window = opened.console.window
    window.close()
    await opened.console.stop()
    opened.store.close()
    window.deleteLater()


@contextlib.asynccontextmanager
async def viewer_client(desk: Desk, name: str) -> AsyncIterator[tuple[SyncClient, list[Event]]]:
    """A real sync client signed in as a new viewer; yields it and the events it received."""
    _account, token = desk.backend.create_account(name, "viewer")
    store = LocalStore(desk.root / f"viewer-{name}" / "store.db")
    received: list[Event] = []
    client = SyncClient(desk.url, token, store, on_events=received.extend, client_name="viewer")
    await client.start()
    try:
        await client.wait_caught_up(10)
        yield client, received
    finally:
        await client.stop()
        store.close()
