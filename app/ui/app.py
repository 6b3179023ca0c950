"""Start-up and shutdown of the console: backend choice, sign-in, store, window."""

from __future__ import annotations

import argparse
import asyncio
import logging
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.client.tokens import KeyringUnavailable, TokenVault, account_id_from_token
from app.store.localstore import LocalStore
from app.store.paths import account_store_path, config_dir, data_dir
from app.ui.console import Console
from app.ui.features import install_features
from app.ui.i18n import install_translator
from app.ui.settings import ConsoleSettings
from app.ui.settingsdialog import SettingsDialog
from app.ui.signin import SignInDialog
from app.ui.theme import apply_theme

log = logging.getLogger(__name__)


class ConsoleApp:
    """Runs one console until its window closes; `run()` returns the exit code."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.settings = ConsoleSettings(config_dir() / "livedesk.ini")
        self.embedded: Any = None
        self.console: Console | None = None
        self.vault = TokenVault()
        self._closed = asyncio.Event()
        self._settings_dialog: SettingsDialog | None = None

    async def run(self) -> int:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_translator(app, str(self.settings.get("language")))
        apply_theme(app, str(self.settings.get("theme")))
        app.setQuitOnLastWindowClosed(False)

        server_url = self.args.server or str(self.settings.get("server_url"))
        if server_url:
            signed_in = await self._sign_in(server_url)
            if signed_in is None:
                return 1
            url, token, demo = server_url, signed_in, False
        else:
            from app.server.embedded import start_embedded

            self.embedded = await start_embedded(
                data_dir() / "embedded-server", demo=True, seed=self.args.seed
            )
            url, token, demo = self.embedded.url, self.embedded.creator_token, True

        account_id = account_id_from_token(token) or "unknown"
        # The embedded backend listens on a new port each run: key its store by a stable name
        # so the demo creator's history carries over between runs.
        store = LocalStore(account_store_path("embedded-demo" if demo else url, account_id))
        role = "moderator" if self.args.moderator else "creator"
        console = Console(self.settings, url=url, token=token, store=store, demo=demo, role=role)
        self.console = console
        self.features = install_features(console)
        window = console.window
        window.settings_requested.connect(self._open_settings)
        window.sign_out_requested.connect(lambda: asyncio.ensure_future(self._sign_out(url)))
        window.destroyed.connect(lambda: self._closed.set())
        app.lastWindowClosed.connect(self._closed.set)
        window.show()
        window.restore_torn_panes()
        if self.args.quit_after is not None:
            QTimer.singleShot(int(self.args.quit_after * 1000), window.close)
        await console.start()
        try:
            await self._closed.wait()
        finally:
            await self._shutdown(store)
        return 0

    async def _sign_in(self, server_url: str) -> str | None:
        try:
            token = await self.vault.aget(server_url)
        except KeyringUnavailable as exc:
            token = None
            keyring_problem: str | None = str(exc)
        else:
            keyring_problem = None
        if token:
            return token
        dialog = SignInDialog(server_url, moderator=self.args.moderator, problem=keyring_problem)
        token = await dialog.ask()
        if token and keyring_problem is None:
            try:
                await self.vault.aset(server_url, token)
            except KeyringUnavailable as exc:
                log.warning("token not saved: %s", exc)
        return token

    async def _sign_out(self, url: str) -> None:
        if self.embedded is None:
            try:
                await self.vault.adelete(url)
            except KeyringUnavailable as exc:
                log.warning("sign-out could not reach the keyring: %s", exc)
        if self.console is not None:
            self.console.window.close()

    def _open_settings(self) -> None:
        if self._settings_dialog is None and self.console is not None:
            self._settings_dialog = SettingsDialog(self.settings, self.console.window)
        if self._settings_dialog is not None:
            self._settings_dialog.show()
            self._settings_dialog.raise_()

    async def _shutdown(self, store: LocalStore) -> None:
        if self.console is not None:
            await self.console.stop()
        store.close()
        if self.embedded is not None:
            from app.server.embedded import stop_embedded

            await stop_embedded(self.embedded)
