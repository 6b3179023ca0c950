"""The live's totals have one owner fed by the server: the session bar, the alerts' summary
and a window opened mid-live (the moderator's) show the same figure, written the same way,
and Go live / End live start them again from zero. The figure is a hostile server's."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from app.protocol.payloads import EndLive, GiftInfo, GiftStreakEnded, StartLive
from app.server.backend import Backend
from app.server.handlers_earnings import count_gift
from app.store.localstore import LocalStore
from app.ui.alerts import AlertsFeature
from app.ui.console import Console
from app.ui.features import Features, install_features
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import running_console, wait_until

HOSTILE = 10_000_001
RESET = "💎 0 · 0 gifts · 0 new members"


def huge_gift(backend: Backend, streak_id: str) -> None:
    """What a hostile (or buggy) server may send: a gift.end worth 10,000,001 diamonds that
    its gift and count do not add up to."""
    user = backend.user_ref(backend.create_account(f"whale-{streak_id}", "viewer")[0].id)
    gift = GiftInfo(id="rose", name="Rose", diamonds=1, streakable=True)
    ended = GiftStreakEnded(
        streak_id=streak_id, gift=gift, user=user, count=2, diamonds_total=HOSTILE, reason="marker"
    )
    count_gift(backend, ended, None)


def shown(console: Console, features: Features) -> tuple[str, str]:
    alerts = features.get("alerts")
    assert isinstance(alerts, AlertsFeature)
    return console.window.session_bar.diamonds.value.text(), alerts.area.summary.text()


@contextlib.asynccontextmanager
async def second_console(
    backend: Backend, url: str, folder: Path, role: str
) -> AsyncIterator[tuple[Console, Features]]:
    if role == "creator":
        _, token = backend.demo_creator()
    else:
        _, token = backend.create_account(f"Second {role}", role)  # type: ignore[arg-type]
    store = LocalStore(folder / f"{role}.db")
    console = Console(
        ConsoleSettings(folder / f"{role}.ini"), url=url, token=token, store=store, role=role
    )
    features = install_features(console)
    await console.start()
    try:
        await console.client.wait_caught_up(10)
        yield console, features
    finally:
        features.close()
        await console.stop()
        console.window.close()
        console.window.deleteLater()
        store.close()


def test_one_figure_everywhere_from_the_servers_snapshot_and_reset_by_the_live(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            c, backend = rc.console, rc.server.backend
            assert rc.features is not None
            await c.client.wait_caught_up(10)
            assert (await c.client.request(StartLive(title=""), 10)).ok
            huge_gift(backend, "st_whale")
            text = f"{HOSTILE:,}"  # "10,000,001"
            await wait_until(lambda: shown(c, rc.features)[0] == text, what="the session bar")
            await wait_until(lambda: text in shown(c, rc.features)[1], what="the summary")
            assert "1 gift" in shown(c, rc.features)[1]

            # Opened after the gift: the figures come from the snapshot, not from events seen.
            folder = tmp_path / "later"
            async with second_console(backend, rc.server.url, folder, "creator") as (late, lf):
                await wait_until(lambda: shown(late, lf)[0] == text, what="a late creator")
                await wait_until(lambda: text in shown(late, lf)[1], what="its summary")
                async with second_console(backend, rc.server.url, folder, "moderator") as (
                    mod,
                    mf,
                ):
                    await wait_until(lambda: "1 gift" in shown(mod, mf)[1], what="mod: 1 gift")
                    assert "💎" not in shown(mod, mf)[1]  # no money for moderators

                    assert (await c.client.request(EndLive(), 10)).ok
                    for console, feats in ((c, rc.features), (late, lf)):
                        await wait_until(
                            lambda c=console, f=feats: shown(c, f) == ("0", RESET),
                            what="End live resets the bar and the summary",
                        )
                    await wait_until(lambda: "0 gifts" in shown(mod, mf)[1], what="mod reset")

            huge_gift(backend, "st_between")  # off air: counted since End live
            await wait_until(lambda: shown(c, rc.features)[0] == text, what="off-air gift")
            assert (await c.client.request(StartLive(title=""), 10)).ok
            alerts = rc.features.get("alerts")
            assert isinstance(alerts, AlertsFeature)
            await wait_until(
                lambda: (
                    shown(c, rc.features) == ("0", RESET)
                    and alerts.area.session_title.text().startswith("This live · since")
                ),
                what="Go live starts from zero",
            )

    qloop.run_until_complete(scenario())
