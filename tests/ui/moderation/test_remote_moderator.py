"""A remote moderator: the creator makes an invite in File → Moderators, the moderator joins
with code and name, the creator revokes them: cut off at once, and never back with it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from app.client.sync import SyncClient
from app.client.tokens import account_id_from_token
from app.store.localstore import LocalStore
from app.ui.console import Console
from app.ui.features import install_features
from app.ui.moderation.appwiring import CreatorModeration
from app.ui.moderation.invitesignin import InviteSignInDialog
from app.ui.moderation.network import ServerAddress
from app.ui.settings import ConsoleSettings
from app.ui.storerecovery import StoreRecovery
from tests.ui.consolekit import running_console, wait_until


def test_invite_join_revoke_and_no_way_back(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            await rc.console.client.wait_caught_up(10)
            extras = CreatorModeration(
                rc.console,
                address=ServerAddress(rc.server.url),
                store_scope=rc.server.url,
                settings=rc.console.settings,
                recovery=StoreRecovery(),
            )
            extras.show_moderators()
            window = extras.moderators
            assert window is not None
            window.label.setText("Sam")
            window.make.click()
            await wait_until(lambda: window.code_box.isVisible(), what="the code is shown")
            code = window.code.text()
            assert len(code) >= 20
            assert rc.server.url in window.code_hint.text()
            window.copy.click()
            copied = QGuiApplication.clipboard().text()
            assert code in copied and f"--moderator --server {rc.server.url}" in copied
            await wait_until(lambda: window.invites.topLevelItemCount() == 1, what="listed")
            assert window.invites.topLevelItem(0).text(3) == "Not used yet"
            # Shown once: after the window was away, the code is gone.
            window.hide()
            window.show()
            assert not window.code_box.isVisible() and window.code.text() == ""

            # The moderator's side: code and name, redeemed over GET /redeem.
            dialog = InviteSignInDialog(rc.server.url)
            asking = asyncio.ensure_future(dialog.ask())
            dialog.code.setText("not-the-code")
            dialog.name.setText("Sam")
            dialog.join.click()
            await wait_until(lambda: "not valid" in dialog.problem.text(), what="wrong code")
            assert dialog.isVisible()  # corrected in place, no starting over
            dialog.code.setText(code)
            dialog.join.click()
            token = await asyncio.wait_for(asking, 10)
            dialog.deleteLater()
            assert token is not None

            store = LocalStore(tmp_path / "sam.db")
            moderator = Console(
                ConsoleSettings(tmp_path / "sam.ini"),
                url=rc.server.url,
                token=token,
                store=store,
                role="moderator",
            )
            installed = install_features(moderator)
            assert set(installed.installed) == {"alerts", "moderation"}
            await moderator.start()
            try:
                await moderator.client.wait_caught_up(10)
                assert moderator.me is not None and moderator.me.name == "Sam"
                window.refresh()
                await wait_until(
                    lambda: window.invites.topLevelItem(0).text(1) == "Sam", what="used by Sam"
                )
                assert window.invites.topLevelItem(0).text(3) == "Active"
                # Revoke takes two clicks; the moderator is cut off at once.
                button = window.invites.itemWidget(window.invites.topLevelItem(0), 4)
                button.click()
                assert button.text() == "Click again to revoke"
                assert moderator.client.state.status == "connected"
                button.click()
                await wait_until(
                    lambda: moderator.client.state.status == "failed", what="cut off", timeout=3
                )
                assert "revoked" in moderator.client.state.detail.lower()
                await wait_until(
                    lambda: (
                        window.invites.topLevelItemCount() == 1
                        and window.invites.topLevelItem(0).text(3) == "Revoked"
                    ),
                    what="shown revoked",
                )
            finally:
                installed.close()
                await moderator.stop()
                moderator.window.close()
                moderator.window.deleteLater()
                store.close()

            # The same token cannot connect again, and the invite cannot be used again.
            retry_store = LocalStore(tmp_path / "retry.db")
            retry = SyncClient(rc.server.url, token, retry_store, backoff_base_s=0.05)
            await retry.start()
            try:
                await wait_until(lambda: retry.state.status == "failed", what="refused")
            finally:
                await retry.stop()
                retry_store.close()
            again = InviteSignInDialog(rc.server.url)
            asking = asyncio.ensure_future(again.ask())
            again.code.setText(code)
            again.name.setText("Sam")
            again.join.click()
            await wait_until(lambda: "revoked" in again.problem.text(), what="invite dead")
            again.reject()
            assert await asking is None
            again.deleteLater()
            assert not rc.server.backend.accounts.is_active(account_id_from_token(token) or "")
            window.close()
            await extras.close()

    qloop.run_until_complete(scenario())
