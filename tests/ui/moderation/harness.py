"""A creator console, the moderator window beside it, and viewers, on one real backend."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.client.sync import SyncClient
from app.protocol.payloads import SendMessage
from app.store.localstore import LocalStore
from app.ui.chat.model import ChatLine
from app.ui.chat.pane import ChatPane
from app.ui.console import Console
from app.ui.moderation.appwiring import CreatorModeration
from app.ui.moderation.feature import ModerationFeature
from app.ui.moderation.network import ServerAddress
from app.ui.storerecovery import StoreRecovery
from tests.ui.consolekit import RunningConsole, running_console, wait_until


@dataclass
class Viewer:
    client: SyncClient
    store: LocalStore
    account_id: str

    async def say(self, text: str, room: str = "public") -> str:
        result = await self.client.request(SendMessage(room=room, text=text))  # type: ignore[arg-type]
        assert result.ok, result
        assert result.result is not None
        return str(result.result["message_id"])


@dataclass
class Desk:
    """The creator's console (with features) and the moderator window opened from it."""

    rc: RunningConsole
    extras: CreatorModeration
    moderator: Console
    viewers: list[Viewer] = field(default_factory=list)

    @property
    def creator(self) -> Console:
        return self.rc.console

    def feature(self, console: Console) -> ModerationFeature:
        if console is self.creator:
            assert self.rc.features is not None
            found = self.rc.features.get("moderation")
        else:
            found = self.extras.launcher.features.get("moderation")  # type: ignore[attr-defined]
        assert isinstance(found, ModerationFeature)
        return found

    async def viewer(self, name: str, tmp_path: Path) -> Viewer:
        account, token = self.rc.server.backend.create_account(name, "viewer")
        store = LocalStore(tmp_path / f"viewer-{name}.db")
        client = SyncClient(self.rc.server.url, token, store, backoff_base_s=0.05)
        await client.start()
        await client.wait_caught_up(10)
        viewer = Viewer(client, store, account.id)
        self.viewers.append(viewer)
        return viewer


def line(pane: ChatPane, message_id: str) -> ChatLine | None:
    return pane.model.line_by_id(message_id)


async def shown(pane: ChatPane, message_id: str, timeout: float = 5.0) -> ChatLine:
    await wait_until(lambda: line(pane, message_id) is not None, timeout, f"{message_id} shown")
    found = line(pane, message_id)
    assert found is not None
    return found


async def within(condition: object, what: str, timeout: float = 5.0) -> float:
    """Wait for `condition()`; returns the seconds it took."""
    start = time.perf_counter()
    await wait_until(condition, timeout, what)  # type: ignore[arg-type]
    return time.perf_counter() - start


def answer_name(name: str) -> Callable[[str], Awaitable[str | None]]:
    """Answers the moderator window's "who moderates here?" with `name`."""

    async def answer(_suggested: str) -> str | None:
        return name

    return answer


@contextlib.asynccontextmanager
async def desk(tmp_path: Path) -> AsyncIterator[Desk]:
    async with running_console(tmp_path, features=True) as rc:
        await rc.console.client.wait_caught_up(10)
        extras = CreatorModeration(
            rc.console,
            address=ServerAddress(rc.server.url),
            store_scope=rc.server.url,
            settings=rc.console.settings,
            recovery=StoreRecovery(),
        )
        extras.launcher.ask_name = answer_name("Sam")
        moderator = await extras.launcher.open()
        assert moderator is not None
        await moderator.client.wait_caught_up(10)
        d = Desk(rc, extras, moderator)
        try:
            yield d
        finally:
            for viewer in d.viewers:
                await viewer.client.stop()
                viewer.store.close()
            await extras.close()
            for name in ("moderation", "inbox", "alerts"):
                feature = rc.features.get(name) if rc.features else None
                close = getattr(feature, "close", None)
                if callable(close):
                    close()
