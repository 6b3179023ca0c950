"""An event the client will not accept never stalls sync (real server, real store)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.protocol.payloads import ChatMessage, GiftInfo, GiftStreakEnded, SendMessage, UserRef
from tests.ui.consolekit import FAST_RETRY, running_console, wait_until


def test_events_the_client_rejects_are_kept_and_sync_goes_on_past_them(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, client_options=FAST_RETRY, features=True) as rc:
            c, backend, store = rc.console, rc.server.backend, rc.store
            await c.client.wait_caught_up(10)
            await asyncio.sleep(0.5)  # the features' start-up queries are answered
            outbox = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
            connections = c.client.stats.connections
            fan, _ = backend.create_account("Fan", "viewer")
            user = UserRef(id=fan.id, name="Fan")
            # Stored by the server as they are (a struct is not validated when built): a
            # text over the client's 500-character limit, a negative diamond count.
            too_long = ChatMessage(message_id="m-long", room="public", user=user, text="x" * 600)
            backend.hub.append("public", too_long)
            gift = GiftInfo(id="g", name="Rose", diamonds=1, streakable=False)
            negative = GiftStreakEnded(
                streak_id="s", gift=gift, user=user, count=1, diamonds_total=-5, reason="single"
            )
            backend.hub.append("public", negative)
            for i in range(30):
                await backend.execute(fan, f"after-{i}", SendMessage(room="public", text=f"a{i}"))
            await wait_until(
                lambda: bool(store.search_messages("a29")), timeout=15, what="events after them"
            )
            texts = {m.text for m in store.messages_before("public", None, 100)}
            assert {f"a{i}" for i in range(30)} <= texts
            kept = store.unreadable()
            assert [(ch, reason.split(" - ")[0][:40]) for ch, _seq, reason, _raw in kept] == [
                ("public", "Expected `str` of length <= 500"),
                ("public", "Expected `int` >= 0"),
            ]
            assert b"x" * 600 in kept[0][3]
            assert c.client.stats.connections - connections <= 1
            assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] <= outbox
            problem = c.window.session_bar.problem
            assert problem.isVisible()
            assert problem.text() == "Unreadable events skipped: 2 (kept locally)"
            c.window.grab().save(str(Path(__file__).parents[2] / "artifacts" / "unreadable.png"))

            # A restart resumes after them: nothing is asked for again, nothing re-reported.
            assert store.last_seqs()["public"] >= kept[1][1]  # type: ignore[operator]

    qloop.run_until_complete(scenario())
