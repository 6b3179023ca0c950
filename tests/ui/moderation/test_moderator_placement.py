"""The moderator window on the creator's PC: signed in under the moderator's own name, and
opened where it does not cover the creator's window."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.protocol.payloads import ListInvites
from app.ui.moderation.appwiring import CreatorModeration
from app.ui.moderation.launcher import place_beside
from app.ui.moderation.modname import ModeratorNameDialog
from app.ui.moderation.network import ServerAddress
from app.ui.storerecovery import StoreRecovery
from tests.ui.consolekit import running_console
from tests.ui.moderation.harness import answer_name


def test_the_moderator_signs_in_under_their_own_name_and_cancel_opens_nothing(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            await rc.console.client.wait_caught_up(10)
            extras = CreatorModeration(
                rc.console,
                address=ServerAddress(rc.server.url),
                store_scope=rc.server.url,
                settings=rc.console.settings,
                recovery=StoreRecovery(),
            )
            try:
                asked: list[str] = []

                async def cancel(suggested: str) -> str | None:
                    asked.append(suggested)
                    return None

                extras.launcher.ask_name = cancel
                assert await extras.launcher.open() is None
                assert asked == [""]
                extras.launcher.ask_name = answer_name("Lena")
                moderator = await extras.launcher.open()
                assert moderator is not None
                await moderator.client.wait_caught_up(10)
                assert moderator.me is not None and moderator.me.name == "Lena"
                listed = await rc.console.client.request(ListInvites())
                assert listed.result is not None
                names = [(i.get("redeemed_by") or {}).get("name") for i in listed.result["invites"]]
                assert "Lena" in names and not any("mod window" in str(n) for n in names)
                assert rc.console.settings.get("mod_window_name") == "Lena"  # suggested next
            finally:
                await extras.close()

    qloop.run_until_complete(scenario())


def test_the_name_dialog_needs_a_name(qtbot: QtBot) -> None:
    dialog = ModeratorNameDialog("")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.name.setText("  Lena ")
    assert ok.isEnabled()


def test_the_window_opens_beside_the_creators_not_on_top(qtbot: QtBot) -> None:
    creator, moderator = QWidget(), QWidget()
    for w in (creator, moderator):
        qtbot.addWidget(w)
        w.resize(300, 240)
    creator.move(0, 0)
    creator.show()
    place_beside(moderator, creator)
    moderator.show()
    assert not moderator.frameGeometry().intersects(creator.frameGeometry())
