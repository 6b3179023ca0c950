"""Every store call of the console and its features runs off the GUI thread, in order."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from app.core.historyquery import HistoryQuery
from app.protocol.payloads import SendMessage
from app.server.embedded import start_embedded, stop_embedded
from app.store.localstore import LocalStore
from app.ui.console import Console
from app.ui.features import install_features
from app.ui.inbox.feature import InboxFeature
from app.ui.moderation.feature import ModerationFeature
from app.ui.moderation.usercard import CardSubject
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import wait_until


def test_the_gui_thread_never_touches_sqlite(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    """A trace on the store's connection records every statement's thread, from before the
    features are installed until the console has stopped: none may be the GUI thread."""

    async def scenario() -> None:
        server = await start_embedded(tmp_path / "server", demo=False, seed=1)
        store = LocalStore(tmp_path / "console.db")  # opening (schema) is start-up, before
        gui = threading.get_ident()
        on_gui: list[str] = []
        seen: list[str] = []

        def trace(sql: str) -> None:
            (on_gui if threading.get_ident() == gui else seen).append(sql)

        store.db.conn.set_trace_callback(trace)
        settings = ConsoleSettings(tmp_path / "cfg.ini")
        console = Console(settings, url=server.url, token=server.creator_token, store=store)
        features = install_features(console)
        try:
            await console.start()
            await console.client.wait_caught_up(10)
            assert console.me is not None
            await console.client.request(SendMessage(room="public", text="hello"), 10)
            await console.client.wait_caught_up(10)
            found = await console._search_history(HistoryQuery(text="hello"), 10)
            assert [m.text for m in found] == ["hello"]
            moderation = features.get("moderation")
            assert isinstance(moderation, ModerationFeature)
            moderation.open_card(CardSubject(console.me.id, console.me.name), None)
            await wait_until(lambda: moderation.card.messages.count() == 1, what="card history")
            moderation.save_note(console.me.id, "the host")
            assert await moderation.note_of(console.me.id) == "the host"  # after the write
            inbox = features.get("inbox")
            assert isinstance(inbox, InboxFeature)
            inbox.inbox.marks.dirty = True
            inbox.save_now()
            console.window.close()
        finally:
            await console.stop()
            console.window.deleteLater()
            store.db.conn.set_trace_callback(None)
            store.close()
            await stop_embedded(server)
        assert seen, "the trace saw no statement at all"
        assert not on_gui, f"SQL on the GUI thread: {on_gui[:5]}"

    qloop.run_until_complete(scenario())
