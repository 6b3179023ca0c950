"""The moderator window on the creator's PC: a second console, signed in as a moderator.

It redeems an invite like any remote moderator: the creator's client mints one
(`invite.mint`), this machine redeems it over GET /redeem, and the token goes to the keyring.
One code path for local and remote moderators, the same audit trail (the name asked when the
window's account is made did it), and the creator can revoke it in File → Moderators like
any other.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QWidget

from app.client.redeem import RedeemError, redeem_invite
from app.client.tokens import KeyringUnavailable, TokenVault, account_id_from_token
from app.protocol.payloads import ListInvites, MintInvite
from app.store.localstore import LocalStore
from app.store.paths import account_store_path, config_dir
from app.ui.console import Console
from app.ui.moderation.modname import ask_moderator_name
from app.ui.settings import ConsoleSettings
from app.ui.settingsdialog import SettingsDialog
from app.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from app.ui.storerecovery import StoreRecovery

log = logging.getLogger(__name__)

INVITE_LABEL = "Moderator window on the creator's PC"
SETTINGS_FILE = "livedesk-moderator-window.ini"
_SHARED_SETTINGS = ("theme", "font_size", "scrollback", "language")
_REQUEST_TIMEOUT_S = 8.0


class LaunchError(Exception):
    """The moderator window could not be opened; str() is for the creator."""


class ModeratorWindowLauncher(QObject):
    """Opens (or raises) the moderator window; `close()` before the backend stops."""

    opened = Signal(object)  # the moderator's Console
    failed = Signal(str)

    def __init__(
        self,
        creator: Console,
        *,
        url: str,
        store_scope: str,
        recovery: StoreRecovery,
        client_ssl: ssl.SSLContext | None = None,
        vault: TokenVault | None = None,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(creator)
        self.creator = creator
        self.url = url
        self.store_scope = store_scope  # "embedded-demo" or the server URL: picks the store
        self.recovery = recovery  # the app's: a broken store gets its dialog, not a traceback
        self.client_ssl = client_ssl
        self.vault = vault or TokenVault()
        self.client_options = dict(client_options or {})
        if client_ssl is not None:
            self.client_options["ssl_context"] = client_ssl
        self.console: Console | None = None
        self.features: object = None
        self._store: LocalStore | None = None
        self.tasks = BackgroundTasks("moderator window")
        self._opening: asyncio.Task[Console | None] | None = None
        self._teardown: asyncio.Task[None] | None = None
        self._settings_dialog: SettingsDialog | None = None
        self._forgetting: asyncio.Future[None] | None = None
        # Asks who moderates here (a dialog; tests answer it with a name of their own).
        self.ask_name: Callable[[str], Awaitable[str | None]] = lambda suggested: (
            ask_moderator_name(suggested, creator.window)
        )
        creator.window.closing.connect(self._creator_closing)

    @property
    def token_key(self) -> str:
        return f"{self.store_scope}|moderator-window"

    # --- opening ---------------------------------------------------------------------

    def request_open(self) -> None:
        """Slot for File → Open moderator window: open it, or bring it to the front."""
        if self.console is not None:
            self.console.window.raise_()
            self.console.window.activateWindow()
            return
        if self._opening is None or self._opening.done():
            self._opening = self.tasks.spawn(self.open())

    async def open(self) -> Console | None:
        """Sign in as the local moderator and show the window; None (and `failed`) if not."""
        if self.console is not None:
            return self.console
        if self._teardown is not None:
            await self._teardown
        try:
            token = await self._token()
        except LaunchError as exc:
            log.warning("moderator window not opened: %s", exc)
            self.failed.emit(str(exc))
            return None
        account_id = account_id_from_token(token) or "moderator"
        path = account_store_path(self.store_scope, account_id)
        store = await self.recovery.open(path, parent=self.creator.window)
        if store is None:  # the creator chose not to go on with this store
            self.failed.emit(
                QCoreApplication.translate(
                    "ModeratorWindow",
                    "The moderator window was not opened: its local store cannot be used.",
                )
            )
            return None
        return await self._show(token, store)

    async def _token(self) -> str:
        keyring_ok = True
        token: str | None = None
        try:
            token = await self.vault.aget(self.token_key)
        except KeyringUnavailable as exc:
            keyring_ok = False
            log.warning("moderator window token not read: %s", exc)
        if token and not await self._still_valid(token):
            token = None
        if token:
            return token
        token = await self._new_token()
        if keyring_ok:
            try:
                await self.vault.aset(self.token_key, token)
            except KeyringUnavailable as exc:  # it still works for this run
                log.warning("moderator window token not saved: %s", exc)
        return token

    async def _still_valid(self, token: str) -> bool:
        """False once the creator revoked this window's invite (File → Moderators)."""
        account_id = account_id_from_token(token)
        try:
            listed = await self.creator.client.request(ListInvites(), _REQUEST_TIMEOUT_S)
        except TimeoutError:
            return True  # offline: try the token; a refused one shows in the window
        if not listed.ok or listed.result is None:
            return True
        for invite in listed.result.get("invites", []):
            redeemed_by = invite.get("redeemed_by") or {}
            if redeemed_by.get("id") == account_id:
                return not invite.get("revoked")
        return False

    async def _new_token(self) -> str:
        try:
            minted = await self.creator.client.request(
                MintInvite(label=INVITE_LABEL), _REQUEST_TIMEOUT_S
            )
        except TimeoutError:
            raise LaunchError(
                QCoreApplication.translate(
                    "ModeratorWindow", "The backend did not answer; is the console connected?"
                )
            ) from None
        if not minted.ok or minted.result is None or "code" not in minted.result:
            raise LaunchError(
                minted.message
                or QCoreApplication.translate(
                    "ModeratorWindow", "The backend would not make an invite."
                )
            )
        # The moderator's own name: the log must say who did what (not "Creator (mod window)").
        name = await self.ask_name(str(self.creator.settings.get("mod_window_name")))
        if not name:
            raise LaunchError(
                QCoreApplication.translate(
                    "ModeratorWindow", "The moderator window needs the moderator's name."
                )
            )
        self.creator.settings.set("mod_window_name", name)
        try:
            redeemed = await redeem_invite(
                self.url, str(minted.result["code"]), name, ssl_context=self.client_ssl
            )
        except RedeemError as exc:
            raise LaunchError(str(exc)) from None
        return redeemed.token

    async def _show(self, token: str, store: LocalStore) -> Console:
        from app.ui.features import install_features  # features imports this package

        console = Console(
            self._settings(),
            url=self.url,
            token=token,
            store=store,
            demo=self.creator.demo,
            role="moderator",
            client_options=self.client_options or None,
        )
        self.console, self._store = console, store
        self.features = install_features(console)
        window = console.window
        if console.settings.layout_blob("geometry") is None:
            place_beside(window, self.creator.window)  # first time: not over the creator's
        window.closing.connect(lambda: self._moderator_closing(console))
        window.sign_out_requested.connect(self._sign_out)
        window.settings_requested.connect(self._open_settings)
        window.show()
        window.restore_torn_panes()
        await console.start()
        self.opened.emit(console)
        return console

    def _settings(self) -> ConsoleSettings:
        path = config_dir() / SETTINGS_FILE
        first_time = not path.exists()
        settings = ConsoleSettings(path)
        if first_time:  # start from the creator's look; the window's layout is its own
            for key in _SHARED_SETTINGS:
                settings.set(key, self.creator.settings.get(key))
            settings.set("sound", False)  # the creator's window already plays the alerts
        return settings

    # --- closing ---------------------------------------------------------------------

    def _moderator_closing(self, console: Console) -> None:
        if console is self.console:
            self._teardown = self.tasks.spawn(self._stop())

    def _creator_closing(self) -> None:
        if self.console is not None:
            self.console.window.close()  # quitting the console closes both windows

    async def _stop(self) -> None:
        console, store = self.console, self._store
        self.console, self._store, self.features = None, None, None
        if console is None:
            return
        try:
            await console.stop()
        finally:
            if store is not None:
                store.close()
            self._settings_dialog = None  # a child of the window: deleted with it
            console.window.deleteLater()

    async def close(self) -> None:
        """Close the moderator window (if open) and wait until it has disconnected."""
        if self._opening is not None and not self._opening.done():
            self._opening.cancel()
        if self.console is not None:
            self.console.window.close()
        if self._teardown is not None:
            await self._teardown

    def _sign_out(self) -> None:
        """Forget this window's token; the next "Open moderator window" makes a new one."""

        async def forget() -> None:
            try:
                await self.vault.adelete(self.token_key)
            except KeyringUnavailable as exc:
                log.warning("moderator window token not deleted: %s", exc)
            if self.console is not None:
                self.console.window.close()

        self._forgetting = self.tasks.spawn(forget())

    def _open_settings(self) -> None:
        if self.console is None:
            return
        if self._settings_dialog is None:
            dialog = SettingsDialog(self.console.settings, self.console.window)
            for form in dialog.findChildren(QFormLayout):
                form.setRowVisible(dialog.server, False)  # the window follows the console
            self._settings_dialog = dialog
        self._settings_dialog.show()
        self._settings_dialog.raise_()


def place_beside(window: QWidget, creator: QWidget) -> None:
    """Open the moderator window where it does not cover the creator's: on another screen if
    there is one, else at the other side of the creator's screen."""
    here = creator.screen()
    others = [s for s in QGuiApplication.screens() if s is not here]
    area = (others[0] if others else here).availableGeometry()
    size = window.frameGeometry().size().boundedTo(area.size())
    if others:
        x = area.left()
    else:
        # The half of the screen the creator's window leaves more of.
        left_room = creator.frameGeometry().left() - area.left()
        right_room = area.right() - creator.frameGeometry().right()
        x = area.right() - size.width() + 1 if right_room >= left_room else area.left()
    window.move(x, area.top())
