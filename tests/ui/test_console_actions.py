"""Console actions as a creator sees them: on-camera queue across restarts, refusals said,
sends typed before the first connection, Below Room's pin kept from non-members."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.protocol.payloads import (
    ChatMessage,
    PinMessage,
    QueueOnCamera,
    SendMessage,
    Subscribe,
    UserRef,
)
from app.server.backend import DEMO_CREATOR_NAME
from app.server.embedded import start_embedded, stop_embedded
from app.ui.chat.model import ChatLine
from tests.ui.consolekit import console_on, running_console, viewer_client, wait_until


def test_on_camera_queue_survives_a_console_restart_and_answered_lines_are_marked(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = await start_embedded(tmp_path / "server", demo=False)
        backend = server.backend
        _, vip_token = backend.create_account("Vip", "viewer")
        vip, vip_store = await viewer_client(server.url, vip_token, tmp_path / "vip")
        try:
            assert (await vip.request(Subscribe(tier=1))).ok
            asked = []
            for text in ("first question?", "second question?"):
                reply = await vip.request(SendMessage(room="below", text=text))
                assert reply.ok and reply.result is not None
                asked.append(reply.result["message_id"])

            async def console_run(first: bool) -> None:
                async with console_on(server.url, server.creator_token, tmp_path) as console:
                    await console.client.wait_caught_up(10)
                    panel = console.window.oncamera
                    if first:
                        for mid in asked:
                            console.below_pane.answer_on_camera_requested.emit(mid)
                        await wait_until(lambda: panel.queued_ids() == asked, what="two queued")
                        return
                    # A new console (a restart mid-live): the queue comes back from the
                    # server, in order, and can still be answered.
                    await wait_until(lambda: panel.queued_ids() == asked, what="restored")
                    panel.answered_requested.emit(asked[0])
                    await wait_until(lambda: panel.queued_ids() == asked[1:], what="answered")

                    def answered() -> set[str]:
                        lines = console.below_pane.model.lines()
                        return {x.message_id for x in lines if x.answered_on_camera}

                    await wait_until(lambda: answered() == {asked[0]}, what="line marked")

            await console_run(first=True)
            await console_run(first=False)
        finally:
            await vip.stop()
            vip_store.close()
            await stop_embedded(server)

    qloop.run_until_complete(scenario())


def test_a_refused_action_is_said_in_the_session_bar(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c = rc.console
            await c.client.wait_caught_up(10)
            bar = c.window.session_bar
            assert bar.problem.isHidden()
            # A message the server no longer knows cannot be pinned: it refuses, and says why.
            c.public_pane.pin_requested.emit("m_gone")
            await wait_until(lambda: not bar.problem.isHidden(), what="the refusal shown")
            assert bar.problem.text().startswith("Pinning the message did not work: ")
            assert len(bar.problem.text()) > len("Pinning the message did not work: ") + 5

    qloop.run_until_complete(scenario())


def test_a_message_typed_before_the_first_connection_goes_out_once_connected(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = await start_embedded(tmp_path / "server", demo=False)
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        token = server.creator_token
        await stop_embedded(server)  # the backend is down when the console starts
        restarted = None
        try:
            async with console_on(server.url, token, tmp_path) as console:
                console.public_pane.compose.setText("typed before connecting")
                console.public_pane.compose.returnPressed.emit()

                def early() -> list[bool]:
                    lines = console.public_pane.model.lines()
                    return [x.pending for x in lines if x.text == "typed before connecting"]

                await wait_until(lambda: early() == [True], what="the line shown as pending")
                restarted = await start_embedded(tmp_path / "server", demo=False, port=port)
                await wait_until(
                    lambda: any(
                        x.text == "typed before connecting" and not x.pending
                        for x in console.public_pane.model.lines()
                    ),
                    timeout=15,
                    what="the early message sent",
                )
                copies = [
                    e
                    for e in restarted.backend.hub.read("public", 0, None, 1000)
                    if isinstance(e.data, ChatMessage) and e.data.text == "typed before connecting"
                ]
                assert len(copies) == 1
                # The line now is the server's copy: the creator's own name, not "You".
                [line] = [
                    x
                    for x in console.public_pane.model.lines()
                    if x.text == "typed before connecting"
                ]
                assert line.message_id == copies[0].data.message_id
                assert (line.user_id, line.user_name) == (copies[0].data.user.id, DEMO_CREATOR_NAME)
        finally:
            if restarted is not None:
                await stop_embedded(restarted)

    qloop.run_until_complete(scenario())


def test_below_room_pin_is_not_in_a_non_members_snapshot(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c, backend = rc.console, rc.server.backend
            await c.client.wait_caught_up(10)
            below = await c.client.request(SendMessage(room="below", text="members: code 1234"))
            assert below.ok and below.result is not None
            pin = PinMessage(message_id=below.result["message_id"])
            assert (await c.client.request(pin)).ok
            queued = QueueOnCamera(message_id=below.result["message_id"])
            assert (await c.client.request(queued)).ok
            fan, _ = backend.create_account("Fan", "viewer")
            vip, _ = backend.create_account("Vip", "viewer")
            backend.state.subscribe(vip.id, 1, 0)
            fan_snapshot, vip_snapshot = backend.snapshot(fan), backend.snapshot(vip)
            fan_rooms = {r.room: r for r in fan_snapshot.rooms}
            vip_rooms = {r.room: r for r in vip_snapshot.rooms}
            assert fan_rooms["below"].pinned_text is None
            assert vip_rooms["below"].pinned_text == "members: code 1234"
            assert [q.text for q in vip_snapshot.oncamera] == ["members: code 1234"]
            assert fan_snapshot.oncamera == ()

    qloop.run_until_complete(scenario())


def test_ctrl_end_jumps_to_the_newest_messages_while_typing(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            c = rc.console
            await c.client.wait_caught_up(10)
            pane = c.public_pane
            pane.push_lines(
                [
                    ChatLine.local_pending(f"r{n}", "public", UserRef(id="u", name="u"), f"m{n}")
                    for n in range(300)
                ]
            )
            await wait_until(lambda: pane.model.rowCount() == 300, what="300 lines")
            bar = pane.view.verticalScrollBar()
            bar.setValue(bar.maximum() // 2)
            assert not pane.view.following
            pane.compose.setFocus()
            qtbot.keyClick(pane.compose, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            await wait_until(lambda: pane.view.following, what="following again")
            assert bar.value() == bar.maximum()

    qloop.run_until_complete(scenario())
