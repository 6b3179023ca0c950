"""Closing the creator's window cancels the earnings feature's background work."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.store.localstore import LocalStore
from app.ui.console import Console
from app.ui.earnings import install_earnings
from app.ui.earnings.feature import EarningsFeature
from app.ui.settings import ConsoleSettings


def test_closing_the_window_cancels_a_pending_ledger_load(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        store = LocalStore(tmp_path / "creator.db")
        # Nothing listens there: the feature's requests wait in the outbox, as offline.
        console = Console(
            ConsoleSettings(tmp_path / "creator.ini"),
            url="ws://127.0.0.1:9/",
            token="t",
            store=store,
            role="creator",
        )
        feature = install_earnings(console)
        assert isinstance(feature, EarningsFeature)
        try:
            loading = feature.start_load()
            await asyncio.sleep(0.05)
            assert not loading.done()  # asking for the ledger, no answer yet
            console.window.close()
            await asyncio.sleep(0)
            assert loading.cancelled()
            await asyncio.sleep(0.01)  # its done-callback runs on the next pass
            assert len(feature.tasks) == 0
        finally:
            await console.stop()
            console.window.deleteLater()
            store.close()

    qloop.run_until_complete(scenario())
