"""Offline: stale figures say so, End live waits for the server, "Reconnect now" does not wait
out the backoff, and the chat says what the resume filled in (a real server, stopped and
restarted)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app.protocol.payloads import SendMessage, StartLive
from app.server.embedded import start_embedded, stop_embedded
from app.store.localstore import LocalStore
from app.ui.console import RECONNECT_WAIT_CAP_S, Console
from app.ui.reconnectnote import reconnect_text
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import wait_until


def test_the_console_caps_its_retry_wait() -> None:
    assert RECONNECT_WAIT_CAP_S <= 5.0


def test_reconnect_text_counts_and_says_nothing_missed(qapp: object) -> None:
    assert reconnect_text(12.4, 37) == "Reconnected after 12 s · 37 missed messages filled in"
    assert reconnect_text(0.2, 1) == "Reconnected after 1 s · 1 missed message filled in"
    assert reconnect_text(300, 0) == "Reconnected after 5 min · no messages missed"


def test_offline_marks_stale_figures_and_reconnect_now_fills_the_gap(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = await start_embedded(tmp_path / "server", demo=False)
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        creator, token = server.backend.demo_creator()
        viewer, _ = server.backend.create_account("Vic", "viewer")
        restarted = None
        store = LocalStore(tmp_path / "console.db")
        # A long wait between attempts, so that only "Reconnect now" can explain a quick one.
        console = Console(
            ConsoleSettings(tmp_path / "cfg.ini"),
            url=server.url,
            token=token,
            store=store,
            client_options={"backoff_base_s": 60.0, "backoff_max_s": 60.0},
        )
        console.client._backoff._rand = lambda: 1.0  # no jitter: every wait is the full 60 s
        bar = console.window.session_bar
        console.window.show()
        try:
            await console.start()
            await console.client.wait_caught_up(10)
            await server.backend.execute(creator, "go", StartLive(title="Evening"))
            await wait_until(lambda: bar.is_live and bar.live_button.isEnabled(), what="live")
            assert not bar.reconnect.isVisible()

            await stop_embedded(server)
            await wait_until(
                lambda: console.client.state.status in {"reconnecting", "offline"}
                and bar.reconnect.isVisible(),
                what="the console notices, offers Reconnect now",
            )
            for stat in (bar.elapsed, bar.viewers, bar.diamonds):
                assert stat.value.property("stale") is True
                assert "Not updated since" in stat.value.toolTip()
            assert "as of" in bar.elapsed.caption.text()  # said once, beside the timer
            assert not bar.live_button.isEnabled()  # End live needs the server
            frozen = bar.elapsed.value.text()
            await asyncio.sleep(1.3)
            assert bar.elapsed.value.text() == frozen  # the timer does not run on

            restarted = await start_embedded(tmp_path / "server", demo=False, port=port)
            for n in range(3):
                said = SendMessage(room="public", text=f"while you were away {n}")
                await restarted.backend.execute(viewer, f"v{n}", said)
            await asyncio.sleep(0.5)
            assert console.client.state.status != "connected"  # still waiting out the 60 s
            clicked = time.monotonic()
            bar.reconnect.click()
            await wait_until(lambda: console.client.state.status == "connected", 10)
            assert time.monotonic() - clicked < 5

            def note() -> str:
                notes = [x.text for x in console.public_pane.model.lines() if x.is_gap]
                return notes[-1] if notes else ""

            await wait_until(lambda: "filled in" in note(), 10, "the reconnect note")
            assert "3 missed messages filled in" in note()
            texts = [x.text for x in console.public_pane.model.lines()]
            assert texts.index("while you were away 2") < len(texts) - 1  # the note is below
            below = [x.text for x in console.below_pane.model.lines() if x.is_gap]
            assert below and "no messages missed" in below[-1]
            for stat in (bar.elapsed, bar.viewers, bar.diamonds):
                assert stat.value.property("stale") is False
                assert "as of" not in stat.caption.text()
            assert bar.live_button.isEnabled() and not bar.reconnect.isVisible()
            await wait_until(lambda: bar.elapsed.value.text() != frozen, 3, "the timer runs")
        finally:
            await console.stop()
            console.window.close()
            console.window.deleteLater()
            store.close()
            if restarted is not None:
                await stop_embedded(restarted)

    qloop.run_until_complete(scenario())
