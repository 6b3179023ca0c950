"""A console started in the middle of a live session reads the session's gifts from the ledger."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core import roles
from app.protocol.frames import Ack
from app.protocol.payloads import ChatMessage, SendGift, StartLive, UserRef
from app.server.backend import Backend
from app.server.wsserver import LiveDeskServer
from app.store.localstore import LocalStore
from app.ui.alerts import install_alerts
from app.ui.console import Console
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import wait_until


def test_session_totals_survive_a_console_start_mid_session(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        backend = Backend(tmp_path / "server")
        await backend.start()
        server = LiveDeskServer(backend, "127.0.0.1", 0)
        await server.start()
        creator, token = backend.demo_creator()
        viewer, _ = backend.create_account("Noor", "viewer")
        await backend.execute(creator, "r0", StartLive(title="Long one"))
        for n, (gift_id, count) in enumerate([("lion", 1), ("rose", 25), ("corgi", 2)]):
            cmd = SendGift(gift_id=gift_id, combo_id=f"c{n}", count=count, end=True)
            assert isinstance(await backend.execute(viewer, f"g{n}", cmd), Ack)
        # Far more chat than the 200-event backlog a new console gets: the gifts are not in it.
        chatter = UserRef(id="chatter", name="chatter")
        for n in range(400):
            backend.hub.append(
                roles.PUBLIC,
                ChatMessage(message_id=f"m{n}", room="public", user=chatter, text=f"hi {n}"),
            )
        await backend.hub.durable()

        store = LocalStore(tmp_path / "creator.db")
        console = Console(
            ConsoleSettings(tmp_path / "s.ini"), url=server.url, token=token, store=store
        )
        qtbot.addWidget(console.window)
        alerts = install_alerts(console)
        try:
            await console.start()
            await wait_until(
                lambda: alerts.feed.diamonds == 29999 + 25 + 598, what="the ledger seed"
            )
            assert alerts.feed.gifts == 3
            assert [g.user.name for g in alerts.feed.top_gifters()] == ["Noor"]
            assert alerts.queue.current is None and not alerts.queue.pending  # no stale pop-ups
            # A gift.end of a seeded streak arriving later is not counted again.
            await asyncio.sleep(0.2)
            assert alerts.feed.diamonds == 29999 + 25 + 598
        finally:
            await console.stop()
            alerts.close()
            console.window.close()
            store.close()
            await server.close()
            await backend.close()

    qloop.run_until_complete(scenario())
