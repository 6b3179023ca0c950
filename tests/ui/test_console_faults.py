"""The console under faults: a full disk says so, loses nothing, and recovers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.protocol.payloads import SendMessage
from tests.ui.consolekit import running_console, wait_until


def test_full_disk_is_shown_and_nothing_is_lost_when_space_returns(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        fast = {"backoff_base_s": 0.05, "backoff_max_s": 0.3}
        async with running_console(tmp_path, client_options=fast) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            fan, _ = backend.create_account("Fan", "viewer")
            # A real SQLITE_FULL: the store may not grow past its current size.
            pages = rc.store.db.execute("PRAGMA page_count").fetchone()[0]
            rc.store.db.execute(f"PRAGMA max_page_count = {pages}")
            for i in range(300):
                await backend.execute(fan, f"r{i}", SendMessage(room="public", text=f"m{i} " * 20))
            label = c.window.session_bar.connection
            await wait_until(lambda: "full" in label.text().lower(), what="disk-full shown")
            assert c.window.isVisible()

            rc.store.db.execute("PRAGMA max_page_count = 1073741823")
            await wait_until(
                lambda: (
                    c.client.state.status == "connected" and rc.store.count_events("public") >= 300
                ),
                timeout=20,
                what="caught up after space returned",
            )
            texts = [m.text for m in rc.store.search_messages("m299")]
            assert len(texts) == 1
            assert rc.store.count_events("public") == len(
                {e.seq for e in rc.store.events("public", 0, 100_000)}
            )

    qloop.run_until_complete(scenario())


@pytest.mark.slow
def test_a_full_disk_backs_off_and_says_so_in_one_line(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        # The default reconnect delays, capped at 8 s so that the test ends soon.
        async with running_console(tmp_path, client_options={"backoff_max_s": 8.0}) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            fan, _ = backend.create_account("Fan", "viewer")
            # A real SQLITE_FULL: the store may not grow past its current size.
            pages = rc.store.db.execute("PRAGMA page_count").fetchone()[0]
            rc.store.db.execute(f"PRAGMA max_page_count = {pages}")
            before = c.client.stats.connections
            caplog.clear()
            for i in range(300):
                await backend.execute(fan, f"r{i}", SendMessage(room="public", text=f"m{i} " * 20))
            label = c.window.session_bar.connection
            await wait_until(lambda: "full" in label.text().lower(), what="disk-full shown")
            await asyncio.sleep(6)
            sessions = c.client.stats.connections - before
            text = label.text()
            c.window.grab().save(str(Path(__file__).parents[2] / "artifacts" / "diskfull.png"))
            print(f"sessions in ~6 s of full disk: {sessions}; label: {text!r}")
            assert sessions <= 8  # windows of 0.5, 1, 2, 4, 8 s (full jitter); was 24
            assert text.count("Could not save events") == 1
            assert "the disk is full" in text
            tracebacks = [r for r in caplog.records if r.exc_info]
            assert not tracebacks, [r.getMessage() for r in tracebacks]
            rc.store.db.execute("PRAGMA max_page_count = 1073741823")
            await wait_until(
                lambda: rc.store.count_events("public") >= 300, timeout=20, what="caught up"
            )

    qloop.run_until_complete(scenario())
