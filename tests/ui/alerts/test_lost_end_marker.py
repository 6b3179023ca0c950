"""End to end: 25 roses whose end marker never comes -> one alert, 25 diamonds everywhere.

A real Backend (short quiet timeout) and LiveDeskServer on 127.0.0.1, the creator's real
Console with the alerts and earnings features installed, and a viewer's real SyncClient that
sends gift.send 25 times and never the end marker.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from app.client.sync import SyncClient
from app.protocol.payloads import EarningsLedger, LedgerEntry, SendGift, StartLive
from app.server.backend import Backend
from app.server.wsserver import LiveDeskServer
from app.store.localstore import LocalStore
from app.ui.alerts import install_alerts
from app.ui.alerts.sound import PLAYER_ENV
from app.ui.console import Console
from app.ui.earnings import install_earnings
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import wait_until

QUIET_TIMEOUT_S = 0.4


def test_a_streak_without_end_marker_is_one_alert_and_25_diamonds(
    qloop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    played = tmp_path / "played.log"
    player = tmp_path / "player.py"
    player.write_text(f"import sys\nopen({str(played)!r}, 'a').write(sys.argv[1] + '\\n')\n")
    monkeypatch.setenv(PLAYER_ENV, f"{sys.executable} {player}")

    async def scenario() -> None:
        backend = Backend(tmp_path / "server", streak_timeout_s=QUIET_TIMEOUT_S)
        await backend.start()
        server = LiveDeskServer(backend, "127.0.0.1", 0)
        await server.start()
        _, creator_token = backend.demo_creator()
        _, viewer_token = backend.create_account("Mia", "viewer")
        settings = ConsoleSettings(tmp_path / "settings.ini")
        settings.set("alert_min_diamonds", 5)
        creator_store = LocalStore(tmp_path / "creator.db")
        viewer_store = LocalStore(tmp_path / "viewer.db")
        console = Console(
            settings, url=server.url, token=creator_token, store=creator_store, role="creator"
        )
        qtbot.addWidget(console.window)
        alerts = install_alerts(console)
        earnings = install_earnings(console)
        assert earnings is not None
        viewer = SyncClient(server.url, viewer_token, viewer_store)
        try:
            console.window.show()
            await console.start()
            await viewer.start()
            await console.client.wait_caught_up()
            live = await console.client.request(StartLive(title="Rose rain"))
            assert live.ok and live.result is not None
            session_id = live.result["session_id"]
            await wait_until(lambda: alerts.feed.session_id == session_id, what="live start")
            await viewer.wait_caught_up()

            streak_ids = set()
            for count in range(1, 26):
                reply = await viewer.request(SendGift(gift_id="rose", combo_id="c-1", count=count))
                assert reply.ok and reply.result is not None and not reply.result["ended"]
                streak_ids.add(reply.result["streak_id"])
            [streak_id] = streak_ids

            # The server closes the quiet streak; the console hears gift.end and ledger.entry.
            await wait_until(lambda: alerts.feed.diamonds == 25, timeout=10, what="gift.end")
            earnings.set_period("live")
            await wait_until(
                lambda: earnings.report is not None and earnings.report.totals.gift_diamonds == 25,
                timeout=10,
                what="the ledger line in the earnings view",
            )
            await asyncio.sleep(QUIET_TIMEOUT_S * 3)  # nothing more may come

            # One alert, grown in place to 25, final; one sound.
            queue = alerts.queue
            shown = [*queue.played, *queue.pending]
            if queue.current is not None:
                shown.append(queue.current.alert)
            assert {a.alert_id for a in shown} == {streak_id}
            alert = queue.alert(streak_id)
            assert alert is not None and (alert.count, alert.final, alert.diamonds) == (
                25,
                True,
                25,
            )
            assert queue.stats.played + (queue.current is not None) == 1
            await wait_until(lambda: played.exists(), what="the alert sound")
            assert len(played.read_text().splitlines()) == 1

            # The backend's ledger: one line of 25 diamonds for this streak, in this session.
            ledger = await console.client.request(EarningsLedger(session_id=session_id))
            assert ledger.ok and ledger.result is not None
            lines = [msgspec.convert(r["entry"], LedgerEntry) for r in ledger.result["entries"]]
            assert [(e.kind, e.diamonds, e.ref) for e in lines] == [("gift", 25, streak_id)]

            # The session total: the feed, the top gifter and the session bar.
            assert (alerts.feed.diamonds, alerts.feed.gifts) == (25, 1)
            [top] = alerts.feed.top_gifters()
            assert (top.user.name, top.diamonds) == ("Mia", 25)
            assert console.window.session_bar.diamonds.value.text() == "25"
            alerts.refresh_lists()
            await wait_until(lambda: alerts.model.rowCount() == 1, what="one feed line")

            # The earnings view of this live session.
            report = earnings.report
            assert report is not None
            assert (report.totals.gift_diamonds, report.totals.gifts, report.entries) == (25, 1, 1)
            assert report.money.gift_cents == 12  # 25 diamonds at 200 per dollar, rounded down
            assert "25" in earnings.page.cards["gifts"].detail.text()
            assert earnings.page.table_model.rows[-1][1] == "25"
        finally:
            await viewer.stop()
            await console.stop()
            alerts.close()
            console.window.close()
            creator_store.close()
            viewer_store.close()
            await server.close()
            await backend.close()

    qloop.run_until_complete(scenario())
