"""History search page over the real local store, and unpin from the pinned banner."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.protocol.frames import Ack
from app.protocol.payloads import PinMessage, SendMessage, Subscribe
from tests.ui.consolekit import running_console, wait_until


def test_history_search_finds_past_messages_by_text_user_and_room(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            mia, _ = backend.create_account("Mia", "viewer")
            bo, _ = backend.create_account("Bo", "viewer")
            assert isinstance(await backend.execute(mia, "s1", Subscribe(tier=1)), Ack)
            for rid, who, room, text in [
                ("a", mia, "public", "what is the price of coaching?"),
                ("b", bo, "public", "price check <b>pls</b>"),
                ("c", mia, "below", "members price question"),
                ("d", bo, "public", "unrelated"),
            ]:
                await backend.execute(who, rid, SendMessage(room=room, text=text))
            await wait_until(lambda: c.below_pane.model.rowCount() >= 1, what="messages synced")
            await wait_until(lambda: c.public_pane.model.rowCount() >= 3, what="public synced")
            page = c.history
            found: list[int] = []
            page.searched.connect(found.append)

            async def search(query: str) -> list[str]:
                found.clear()
                page.query.setText(query)
                page.run_search()
                await wait_until(lambda: bool(found), what=f"results for {query!r}")
                return [page.model.row(i).text for i in range(page.model.rowCount())]

            assert sorted(await search("price")) == sorted(
                [
                    "what is the price of coaching?",
                    "price check <b>pls</b>",
                    "members price question",
                ]
            )
            assert await search("price from:mia in:below") == ["members price question"]
            assert await search('price "AND (') == []
            # markup is shown as the literal characters
            results = await search("from:Bo check")
            assert results == ["price check <b>pls</b>"]
            index = page.model.index(0, 3)
            assert page.model.data(index) == "price check <b>pls</b>"

    qloop.run_until_complete(scenario())


def test_unpin_from_the_pinned_banner(qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            fan, _ = backend.create_account("Fan", "viewer")
            ack = await backend.execute(fan, "m1", SendMessage(room="public", text="pin me"))
            message_id = ack.result["message_id"]  # type: ignore[union-attr]
            assert (await c.client.request(PinMessage(message_id=message_id))).ok
            await wait_until(lambda: c.public_pane.pinned_label.isVisibleTo(c.public_pane))
            assert "pin me" in c.public_pane.pinned_label.full_text()
            c.public_pane.unpin_requested.emit("public")
            await wait_until(
                lambda: not c.public_pane.pinned_label.isVisibleTo(c.public_pane),
                what="banner gone after unpin",
            )

    qloop.run_until_complete(scenario())
