"""A moderation act from the chat menu takes the user card's path: the same command, its
reason carried, a refusal said in the session bar (there is no card to say it in)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.ui.consolekit import running_console, wait_until


def test_chat_menu_ban_and_timeout_go_the_card_path_and_refusals_reach_the_bar(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            c = rc.console
            await c.client.wait_caught_up(10)
            backend = rc.server.backend
            viewer, _token = backend.create_account("Spam Bot", "viewer")
            c.public_pane.timeout_requested.emit(viewer.id, 600)
            await wait_until(lambda: viewer.id in backend.state.timeouts, what="timeout")
            c.public_pane.ban_requested.emit(viewer.id)
            await wait_until(lambda: viewer.id in backend.state.bans, what="the ban")
            assert backend.state.bans[viewer.id] == ""  # the card's command, with no reason
            bar = c.window.session_bar
            assert bar.problem.isHidden()
            c.public_pane.ban_requested.emit("acc_nobody")  # the server refuses it
            await wait_until(lambda: not bar.problem.isHidden(), what="the refusal shown")
            assert bar.problem.text().startswith("The ban did not work: ")
            c.public_pane.delete_requested.emit("m_gone")
            await wait_until(
                lambda: bar.problem.text().startswith("Deleting the message did not work: "),
                what="the delete refusal",
            )

    qloop.run_until_complete(scenario())
