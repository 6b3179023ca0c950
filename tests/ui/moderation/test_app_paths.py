"""The two ways in, through the real start-up code (app.py): `livedesk --moderator --server`
with an invite, and the creator's File → Open moderator window on the embedded backend."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.__main__ import parse_args
from app.server.embedded import start_embedded, stop_embedded
from app.ui.app import ConsoleApp
from app.ui.moderation.feature import ModerationFeature
from app.ui.moderation.invitesignin import InviteSignInDialog
from app.ui.moderation.modname import ModeratorNameDialog
from tests.ui.consolekit import wait_until


def _dialog() -> InviteSignInDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, InviteSignInDialog) and widget.isVisible():
            return widget
    return None


def test_remote_moderator_signs_in_with_an_invite_and_signs_out(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, memory_keyring: object
) -> None:
    async def scenario() -> None:
        server = await start_embedded(tmp_path / "server", demo=False)
        try:
            _, code = server.backend.accounts.mint_invite("Sam")
            console_app = ConsoleApp(parse_args(["--moderator", "--server", server.url]))
            running = asyncio.ensure_future(console_app.run())
            await wait_until(lambda: _dialog() is not None, what="the invite sign-in")
            dialog = _dialog()
            assert dialog is not None
            dialog.code.setText(code)
            dialog.name.setText("Sam")
            dialog.join.click()
            await wait_until(lambda: console_app.console is not None, what="the console")
            console = console_app.console
            assert console is not None
            await console.client.wait_caught_up(10)
            assert console.role == "moderator" and console.me is not None
            assert console.me.name == "Sam"
            assert set(console_app.features.installed) == {"alerts", "moderation"}
            assert isinstance(console_app.features.get("moderation"), ModerationFeature)
            assert console_app.creator_moderation is None
            secrets = memory_keyring.secrets  # type: ignore[attr-defined]
            assert secrets[("LiveDesk", server.url)]  # kept in the keyring by server URL
            console.window.sign_out_requested.emit()
            assert await asyncio.wait_for(running, 15) == 0
            assert ("LiveDesk", server.url) not in secrets  # sign-out deleted it
            console.window.deleteLater()  # the real app exits here; the test goes on
        finally:
            await stop_embedded(server)

    qloop.run_until_complete(scenario())


def test_creator_opens_the_moderator_window_from_the_menu(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        console_app = ConsoleApp(parse_args(["--seed", "3"]))
        running = asyncio.ensure_future(console_app.run())
        await wait_until(lambda: console_app.console is not None, what="the creator's console")
        creator = console_app.console
        assert creator is not None
        await creator.client.wait_caught_up(15)
        extras = console_app.creator_moderation
        assert extras is not None and extras.warning is None  # local only by default
        file_menu = creator.window.menuBar().actions()[0].menu()
        texts = [a.text() for a in file_menu.actions() if a.text()]  # type: ignore[union-attr]
        at = texts.index("Open moderator window")
        assert texts[at + 1] == "Moderators…"
        creator.window.moderator_window_requested.emit()

        def name_dialog() -> ModeratorNameDialog | None:
            found = creator.window.findChildren(ModeratorNameDialog)
            return found[0] if found and found[0].isVisible() else None

        await wait_until(lambda: name_dialog() is not None, 15, "who moderates here?")
        dialog = name_dialog()
        assert dialog is not None
        dialog.name.setText("Lena")
        dialog.accept()
        await wait_until(lambda: extras.launcher.console is not None, 15, "moderator window")
        moderator = extras.launcher.console
        assert moderator is not None
        await moderator.client.wait_caught_up(15)
        assert moderator.role == "moderator" and moderator.window.isVisible()
        assert moderator.me is not None and moderator.me.name == "Lena"  # not "Creator (…)"
        assert moderator.settings.get("sound") is False  # the creator's window plays alerts
        creator.window.close()  # quitting closes both windows and stops cleanly
        assert await asyncio.wait_for(running, 20) == 0
        assert extras.launcher.console is None
        creator.window.deleteLater()  # the real app exits here; the test goes on

    qloop.run_until_complete(scenario())


def test_moderator_without_a_server_is_told_how_to_join_and_starts_nothing(
    qloop: asyncio.AbstractEventLoop, capsys: object
) -> None:
    from app.store.paths import data_dir

    console_app = ConsoleApp(parse_args(["--moderator"]))
    assert qloop.run_until_complete(console_app.run()) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "--moderator --server" in err and "Open moderator window" in err
    assert console_app.console is None and console_app.embedded is None
    assert not (data_dir() / "embedded-server").exists()  # no creator backend was started
