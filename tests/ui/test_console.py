"""The creator console on a real embedded backend: panes, sends, offline queue, memory, looks."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.client.state import CommandResult
from app.client.sync import SyncClient
from app.client.tokens import account_id_from_token
from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, SendMessage, Subscribe, UserRef
from app.server.embedded import start_embedded, stop_embedded
from app.store.localstore import LocalStore
from app.ui.chat.model import ChatLine
from app.ui.settings import ConsoleSettings
from app.ui.theme import apply_theme
from tests.ui.consolekit import console_on, running_console, viewer_client, wait_until

SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


def _texts(pane) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.text for line in pane.model.lines()]


def test_demo_console_shows_simulated_chat_in_the_right_panes(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, demo=True, seed=3) as rc:
            c = rc.console
            await wait_until(
                lambda: c.public_pane.model.rowCount() >= 10 and c.below_pane.model.rowCount() >= 1,
                timeout=20,
                what="demo chat in both panes",
            )
            assert c.window.session_bar.demo_chip.isVisibleTo(c.window)
            assert all(line.room == "public" for line in c.public_pane.model.lines())
            assert all(line.room == "below" for line in c.below_pane.model.lines())
            assert c.window.session_bar.connection.property("status") == "connected"

    qloop.run_until_complete(scenario())


def test_viewer_and_member_messages_reach_their_panes_and_markup_stays_text(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            _, fan_token = backend.create_account("Fan", "viewer")
            _, vip_token = backend.create_account("Vip", "viewer")
            fan, fan_store = await viewer_client(rc.server.url, fan_token, tmp_path / "fan")
            vip, vip_store = await viewer_client(rc.server.url, vip_token, tmp_path / "vip")
            try:
                markup = "<b>hi</b><img src=x>"
                assert (await fan.request(SendMessage(room="public", text=markup))).ok
                refused = await fan.request(SendMessage(room="below", text="let me in"))
                assert not refused.ok and refused.error_code == "members_only"
                assert (await vip.request(Subscribe(tier=2))).ok
                assert (await vip.request(SendMessage(room="below", text="members hi"))).ok
                await wait_until(
                    lambda: (
                        markup in _texts(c.public_pane) and "members hi" in _texts(c.below_pane)
                    ),
                    what="both messages shown",
                )
                assert "let me in" not in _texts(c.below_pane) + _texts(c.public_pane)
                row = _texts(c.public_pane).index(markup)
                index = c.public_pane.model.index(row, 0)
                assert c.public_pane.model.data(index).endswith(markup)
                vip_line = next(x for x in c.below_pane.model.lines() if x.text == "members hi")
                assert "member:2" in vip_line.badges
            finally:
                for client, store in ((fan, fan_store), (vip, vip_store)):
                    await client.stop()
                    store.close()

    qloop.run_until_complete(scenario())


def test_compose_send_reaches_a_second_client_and_shows_sent(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c = rc.console
            await c.client.wait_caught_up(10)
            _, token = rc.server.backend.create_account("Watcher", "viewer")
            seen: list[str] = []
            store = LocalStore(tmp_path / "watcher.db")
            watcher = SyncClient(
                rc.server.url,
                token,
                store,
                on_events=lambda evs: seen.extend(
                    e.data.text for e in evs if isinstance(e.data, ChatMessage)
                ),
            )
            await watcher.start()
            await watcher.wait_caught_up(10)
            try:
                c.public_pane.compose.setText("hello from the creator")
                c.public_pane.compose.returnPressed.emit()
                assert c.public_pane.compose.text() == ""
                await wait_until(lambda: "hello from the creator" in seen, what="watcher got it")
                await wait_until(
                    lambda: any(
                        x.text == "hello from the creator" and not x.pending
                        for x in c.public_pane.model.lines()
                    ),
                    what="own line marked sent",
                )
                mine = [
                    x for x in c.public_pane.model.lines() if x.text == "hello from the creator"
                ]
                assert len(mine) == 1, "the server's copy must replace the pending line"
                assert "creator" in mine[0].badges
            finally:
                await watcher.stop()
                store.close()

    qloop.run_until_complete(scenario())


def test_send_while_backend_is_down_is_delivered_once_after_restart(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = await start_embedded(tmp_path / "server", demo=False)
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        token = server.creator_token
        restarted = None
        try:
            async with console_on(server.url, token, tmp_path) as console:
                await console.client.wait_caught_up(10)
                await stop_embedded(server)
                await wait_until(
                    lambda: console.client.state.status in {"reconnecting", "offline"},
                    what="console notices the backend is gone",
                )
                console.public_pane.compose.setText("sent while offline")
                console.public_pane.compose.returnPressed.emit()
                await wait_until(lambda: console.client.state.queued == 1, what="queued=1")
                assert "queued" in console.window.session_bar.connection.text()
                await wait_until(
                    lambda: any(
                        x.text == "sent while offline" and x.pending
                        for x in console.public_pane.model.lines()
                    ),
                    what="the queued line shown as pending",
                )

                restarted = await start_embedded(tmp_path / "server", demo=False, port=port)
                await wait_until(
                    lambda: any(
                        x.text == "sent while offline" and not x.pending
                        for x in console.public_pane.model.lines()
                    ),
                    timeout=15,
                    what="queued message delivered",
                )
                stored = restarted.backend.hub.read("public", 0, None, 10_000)
                copies = [
                    e
                    for e in stored
                    if isinstance(e.data, ChatMessage) and e.data.text == "sent while offline"
                ]
                assert len(copies) == 1
                assert console.client.state.queued == 0
        finally:
            if restarted is not None:
                await stop_embedded(restarted)

    qloop.run_until_complete(scenario())


def test_pane_memory_stays_bounded_after_100k_messages(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        settings = ConsoleSettings(tmp_path / "cfg.ini")
        settings.set("scrollback", 1500)
        async with running_console(tmp_path, settings=settings) as rc:
            c = rc.console
            user = UserRef(id="u1", name="Flood")
            seq = 10_000
            for _ in range(200):
                batch = []
                for _ in range(500):
                    seq += 1
                    batch.append(
                        Event(
                            ch="public",
                            seq=seq,
                            id=f"flood-{seq}",
                            ts=1_700_000_000_000 + seq,
                            data=ChatMessage(
                                message_id=f"m{seq}", room="public", user=user, text=f"msg {seq}"
                            ),
                        )
                    )
                c._on_events(batch)
                await asyncio.sleep(0)  # let Qt run (never processEvents() inside a coroutine)
            await asyncio.sleep(0.1)
            assert c.public_pane.model.rowCount() <= 1500
            assert c.public_pane.model.lines()[-1].text == f"msg {seq}"

    qloop.run_until_complete(scenario())


def test_tear_off_dock_back_and_layout_is_remembered(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "cfg.ini")

    async def first_run() -> None:
        async with running_console(tmp_path, settings=settings) as rc:
            window = rc.console.window
            window.below_dock.tear_off()
            assert window.below_dock.is_torn
            assert rc.console.below_pane.window() is not window
            window.splitter.setSizes([700, 300, 280])
            window.save_layout()

    async def second_run() -> None:
        async with running_console(tmp_path / "again", settings=settings) as rc:
            window = rc.console.window
            window.restore_torn_panes()
            assert window.below_dock.is_torn
            window.below_dock.dock()
            assert not window.below_dock.is_torn
            assert rc.console.below_pane.window() is window

    qloop.run_until_complete(first_run())
    qloop.run_until_complete(second_run())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_main_window_screenshot(
    qloop: asyncio.AbstractEventLoop, qapp: QApplication, tmp_path: Path, theme: str
) -> None:
    """Writes artifacts/screens/console-<theme>.png (not committed): look at it."""

    async def scenario() -> None:
        apply_theme(qapp, theme)
        async with running_console(tmp_path, demo=True, seed=7, features=True) as rc:
            c = rc.console
            c.window.resize(1400, 820)
            await wait_until(
                lambda: c.public_pane.model.rowCount() >= 25 and c.below_pane.model.rowCount() >= 3,
                timeout=25,
                what="a screenful of demo chat",
            )
            await asyncio.sleep(1.5)  # an alert on screen
            image = c.window.grab()
            assert not image.isNull()
            SCREENS.mkdir(parents=True, exist_ok=True)
            assert image.save(str(SCREENS / f"console-{theme}.png"))
        apply_theme(qapp, "light")

    qloop.run_until_complete(scenario())


def test_account_id_comes_from_the_token() -> None:
    assert account_id_from_token("abc123.secretpart") == "abc123"
    assert account_id_from_token("no-dot") is None
    assert account_id_from_token(".x") is None
    assert account_id_from_token("../etc.x") is None


def test_failed_send_is_marked_failed(qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c = rc.console
            await c.client.wait_caught_up(10)
            assert c.me is not None
            c.public_pane.append_lines([ChatLine.local_pending("rid-x", "public", c.me, "nope")])
            c._pending["rid-x"] = "public"
            c._on_result(
                CommandResult(rid="rid-x", ok=False, error_code="slow_mode", message="slow")
            )
            await asyncio.sleep(0.05)
            line = c.public_pane.model.line_by_id("rid-x")
            assert line is not None and line.failed

    qloop.run_until_complete(scenario())


def test_features_hear_of_chat_only_if_they_ask(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    """Chat floods stay with the panes: a listener without chat=True is not called for them."""
    from app.protocol.payloads import GiftStreakEnded, SendGift

    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            plain: list[list[Event]] = []
            everything: list[Event] = []
            c.add_event_listener(plain.append)
            c.add_event_listener(everything.extend, chat=True)
            _, fan_token = backend.create_account("Fan", "viewer")
            fan, fan_store = await viewer_client(rc.server.url, fan_token, tmp_path / "fan")
            try:
                for n in range(20):
                    assert (await fan.request(SendMessage(room="public", text=f"m{n}"))).ok
                await wait_until(lambda: "m19" in _texts(c.public_pane), what="the chat")
                assert plain == []  # twenty chat batches, no call
                assert sum(isinstance(e.data, ChatMessage) for e in everything) == 20
                assert (await fan.request(SendGift(gift_id="lion", combo_id="c1", end=True))).ok
                await wait_until(
                    lambda: any(isinstance(e.data, GiftStreakEnded) for b in plain for e in b),
                    what="the gift",
                )
                assert all(not isinstance(e.data, ChatMessage) for b in plain for e in b)
                assert any(isinstance(e.data, GiftStreakEnded) for e in everything)
            finally:
                await fan.stop()
                fan_store.close()

    qloop.run_until_complete(scenario())
