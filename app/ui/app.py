"""The composition root: the one place that builds and tears down a console.

Start-up, top to bottom (`ConsoleApp._run`): settings (translator, theme) → the backend (a
remote server after sign-in, or the embedded one started here) → the account's local store
→ the `Console` (its window, its sync client and the store service every feature reads and
writes through) → the features for the role (`features.install_features`, which also
registers their actions) → the creator's moderation extras → show, connect. Shutdown runs
the same path backwards. This is the only module of `app.ui` that imports `app.server`
(tests/unit/test_layering.py holds it to that).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app.client.tokens import KeyringUnavailable, TokenVault, account_id_from_token
from app.core import roles
from app.protocol.payloads import TikTokConnection
from app.server.embedded import (
    EmbeddedServer,
    restart_when_failed,
    start_embedded,
    stop_embedded,
)
from app.server.listen import ListenPlan, local_only, plan_listen
from app.store.localstore import LocalStore
from app.store.paths import account_store_path, config_dir, data_dir
from app.ui.console import Console
from app.ui.features import install_features
from app.ui.gcguard import collect_on_gui_thread
from app.ui.i18n import install_translator, remove_translator
from app.ui.moderation.appwiring import (
    CreatorModeration,
    ask_moderator_token,
    configured_client_ssl,
)
from app.ui.moderation.network import ServerAddress
from app.ui.settings import ConsoleSettings
from app.ui.settingsdialog import SettingsDialog
from app.ui.signin import SignInDialog
from app.ui.singleinstance import ConsoleInstance, claim
from app.ui.storerecovery import StoreRecovery
from app.ui.tasks import BackgroundTasks
from app.ui.theme import apply_theme, follow_system_scheme
from app.ui.tiktok.feature import console_tiktok_options

if TYPE_CHECKING:
    from app.server.backend import Backend

log = logging.getLogger(__name__)

MODERATOR_NEEDS_SERVER = (
    "livedesk: --moderator needs the creator's address: livedesk --moderator --server "
    "ws://HOST:PORT/ws (the creator finds it under File → Moderators…). On the creator's "
    "own PC, use File → Open moderator window in the creator's console instead."
)


class ConsoleApp:
    """Runs one console until its window closes; `run()` returns the exit code."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.settings = ConsoleSettings(config_dir() / "livedesk.ini")
        self.embedded: EmbeddedServer | None = None
        self.tiktok: Any = None  # the creator's TikTok LIVE on the embedded backend, if set
        self.console: Console | None = None
        self.vault = TokenVault()
        self._closed = asyncio.Event()
        self.tasks = BackgroundTasks("console app")
        self._settings_dialog: SettingsDialog | None = None
        self.creator_moderation: CreatorModeration | None = None
        self._scheme_slot: Callable[..., None] | None = None
        self.recovery = StoreRecovery()  # a broken store gets a dialog, never a traceback
        self.instance: ConsoleInstance | None = None  # one console per account and folder
        self.translator: QTranslator | None = None  # this run's; a restart replaces it
        self._restarts = 0

    async def run(self) -> int:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # Cycles holding Qt objects must be freed on the GUI thread (see gcguard).
        collector = collect_on_gui_thread(app)
        role = "moderator" if self.args.moderator else "creator"
        claimed = claim(data_dir(), self.args.server or str(self.settings.get("server_url")), role)
        if not isinstance(claimed, ConsoleInstance):  # another console of this account runs
            collector.stop()
            return await claimed.tell()
        self.instance = claimed
        try:
            code = await self._run(app)
            while self.recovery.restart_requested():  # on a fresh store, after damage
                self._closed, self._settings_dialog = asyncio.Event(), None
                self._restarts += 1
                code = await self._run(app)
            return code
        finally:
            claimed.release()
            collector.stop()
            collector.deleteLater()
            if self._scheme_slot is not None:  # the app outlives this console (self-test)
                app.styleHints().colorSchemeChanged.disconnect(self._scheme_slot)
                self._scheme_slot = None
            self._remove_translator(app)

    def _remove_translator(self, app: QApplication) -> None:
        translator, self.translator = self.translator, None
        if translator is not None:
            remove_translator(app, translator)
            translator.deleteLater()

    async def _run(self, app: QApplication) -> int:
        self._remove_translator(app)  # the previous run's, when restarted on a fresh store
        self.translator = install_translator(app, str(self.settings.get("language")))
        apply_theme(app, str(self.settings.get("theme")))
        if self._scheme_slot is None:
            self._scheme_slot = follow_system_scheme(app, lambda: str(self.settings.get("theme")))
        app.setQuitOnLastWindowClosed(False)
        server_url = self.args.server or str(self.settings.get("server_url"))
        if self.args.moderator and not server_url:
            # The embedded backend belongs to the creator of this PC: a moderator here uses
            # File → Open moderator window in the creator's console instead.
            print(MODERATOR_NEEDS_SERVER, file=sys.stderr)
            return 2
        if server_url:
            signed_in = await self._sign_in(server_url)
            if signed_in is None:
                return 1
            url, token, demo = server_url, signed_in, False
            client_ssl = configured_client_ssl(self.settings)  # a creator's self-signed cert
            address = ServerAddress(url)
        else:
            # On this computer only, or on the network (TLS if configured) for moderators.
            # With a TikTok LIVE set in Settings, that is the audience: no simulated one.
            tiktok = bool(str(self.settings.get("tiktok_username")))
            self.embedded, plan = await start_embedded_backend(
                self.settings, data_dir() / "embedded-server", seed=self.args.seed, demo=not tiktok
            )
            port = self.embedded.server.port
            url, token, demo = plan.local_url(port), self.embedded.creator_token, True
            client_ssl = plan.client_ssl
            address = ServerAddress(url, plan, port)

        account_id = account_id_from_token(token) or "unknown"
        # The embedded backend listens on a new port each run: key its store by a stable name
        # so the demo creator's history carries over between runs.
        path = account_store_path("embedded-demo" if demo else url, account_id)
        store = await self.recovery.open(path)
        if store is None:
            if self.embedded is not None:
                await stop_embedded(self.embedded)
                self.embedded = None
            return 1
        if self.embedded is not None:  # once there is a store, so quitting above leaks none
            self.tiktok = await start_console_tiktok(self.settings, self.embedded.backend)
        role = "moderator" if self.args.moderator else "creator"
        options = {"ssl_context": client_ssl} if client_ssl is not None else None
        console = Console(
            self.settings,
            url=url,
            token=token,
            store=store,
            demo=demo,
            role=role,
            client_options=options,
        )
        self.console = console
        if role == "creator":  # the moderator window and Moderators…, then the features
            self.creator_moderation = CreatorModeration(
                console,
                address=address,
                store_scope="embedded-demo" if demo else url,
                settings=self.settings,
                recovery=self.recovery,
                client_ssl=client_ssl,
            )
        self.features = install_features(console)
        if role == "creator":
            from app.ui.fanpage import install_fanpage

            # File → Fan page…, and its QR code on the overlay's "fan" page
            self.fan_page = install_fanpage(console, address, self.features.get("overlay"))
        window = console.window
        self.recovery.watch(window)
        if self.instance is not None:
            self.instance.show_on_request(window)
        window.settings_requested.connect(self._open_settings)
        window.sign_out_requested.connect(lambda: self.tasks.spawn(self._sign_out(url)))
        window.destroyed.connect(lambda: self._closed.set())
        app.lastWindowClosed.connect(self._closed.set)
        window.show()
        window.restore_torn_panes()
        if os.environ.get("LIVEDESK_REPORT_FIRST_PAINT"):  # cold-start benchmark (app.bench)
            from app.ui.firstpaint import report_first_paint

            report_first_paint(window)
        if self.args.quit_after is not None:
            QTimer.singleShot(int(self.args.quit_after * 1000), window.close)
        await console.start()
        restarter = None
        if self.embedded is not None:
            restarter = self.tasks.spawn(self._restart_embedded_when_failed(console))
        # Start-up objects live as long as the app: full collections need not scan them
        # (measured while ingesting chat: gen-2 pauses of 40-65 ms became ~10 ms). Unfrozen
        # in _shutdown; on a restart the last run's console (garbage by now) is collected
        # first, or this freeze would keep it for good.
        if self._restarts:
            gc.collect()
        gc.freeze()
        try:
            await self._closed.wait()
        finally:
            # Cancelled here, while the loop runs: the window is destroyed later, when the
            # loop may already be closed.
            if restarter is not None:
                restarter.cancel()
            await self._shutdown(store)
        return 0

    async def _restart_embedded_when_failed(self, console: Console) -> None:
        """The embedded backend stops when its storage fails (PROTOCOL.md §8): it is started
        again on its port, the console resumes on its own and resends what was not acked."""
        while self.embedded is not None:
            try:
                self.embedded = await restart_when_failed(self.embedded)
            except Exception as exc:
                log.exception("the embedded backend could not be restarted")
                bar = console.window.session_bar
                bar.show_problem(
                    QCoreApplication.translate(
                        "ConsoleApp",
                        "The built-in server stopped; close LiveDesk and open it again.",
                    ),
                    seconds=24 * 3600,
                )
                bar.problem.setToolTip(str(exc))
                return
            if self.tiktok is not None:  # it read into the stopped backend
                await self.tiktok.stop()
                self.tiktok = await start_console_tiktok(self.settings, self.embedded.backend)
            console.window.session_bar.show_problem(
                QCoreApplication.translate(
                    "ConsoleApp",
                    "The built-in server could not save its data and was restarted.",
                ),
                seconds=30,
            )

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
        if self.args.moderator:
            # An invite code and a name, redeemed over GET /redeem for the token.
            token = await ask_moderator_token(server_url, self.settings, keyring_problem)
        else:
            dialog = SignInDialog(server_url, problem=keyring_problem)
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
            dialog = SettingsDialog(self.settings, self.console.window)
            window = self.console.window
            dialog.sign_out_requested.connect(window.sign_out_requested.emit)
            moderation = self.creator_moderation
            if moderation is not None:
                dialog.moderators.show()
                dialog.moderators_requested.connect(moderation.show_moderators)
            from app.ui.obs import ObsFeature, add_settings_rows

            obs = self.features.get("obs")
            if isinstance(obs, ObsFeature):  # the creator's console
                add_settings_rows(dialog, obs)
            self._settings_dialog = dialog
        if self._settings_dialog is not None:
            self._settings_dialog.show()
            self._settings_dialog.raise_()

    async def _shutdown(self, store: LocalStore) -> None:
        if self.creator_moderation is not None:
            await self.creator_moderation.close()  # the moderator window, before the backend
        if self.console is not None:
            await self.console.stop()
        store.close()
        if self.tiktok is not None:
            await self.tiktok.stop()
            self.tiktok = None
        if self.embedded is not None:
            await stop_embedded(self.embedded)
            self.embedded = None
        gc.unfreeze()  # this console's objects are garbage now, or soon


def listen_plan(settings: ConsoleSettings) -> ListenPlan:
    """Where the embedded backend listens, as the creator set it up in Moderators…."""
    return plan_listen(
        bool(settings.get("lan_enabled")),
        int(settings.get("lan_port")),
        str(settings.get("tls_cert")),
        str(settings.get("tls_key")),
    )


async def start_embedded_backend(
    settings: ConsoleSettings, data_dir: Path, *, seed: int | None = None, demo: bool = True
) -> tuple[EmbeddedServer, ListenPlan]:
    """Start the embedded backend as the creator set it up; if the network port cannot be
    opened, fall back to this computer only and say why in the plan's `problem`."""
    plan = listen_plan(settings)
    try:
        embedded = await start_embedded(
            data_dir,
            demo=demo,
            seed=seed,
            host=plan.host,
            port=plan.port,
            ssl_context=plan.server_ssl,
            audience_goes_live=False,  # the creator goes live (a first-run hint says how)
        )
    except OSError as exc:
        if not plan.on_network:
            raise
        reason = exc.strerror or str(exc)
        plan = local_only(
            plan,
            QCoreApplication.translate(
                "Moderation",
                "Port {0} could not be opened ({1}); the backend listens only on this computer.",
            ).format(plan.port, reason),
        )
        embedded = await start_embedded(data_dir, demo=demo, seed=seed, audience_goes_live=False)
    return embedded, plan


async def start_console_tiktok(settings: ConsoleSettings, backend: Backend) -> Any:
    """Read the creator's TikTok LIVE into the embedded backend, if Settings names one.

    The bridge's library is an optional part of LiveDesk (the `tiktok` extra, left out of the
    installers): without it the creator's session bar says so instead of connecting.
    """
    chosen = await console_tiktok_options(settings)
    if chosen is None:
        return None
    try:
        from app.server.tiktok.service import TikTokOptions, TikTokService
    except ImportError as exc:
        log.error("TikTok LIVE support is not installed: %s", exc)
        backend.emit(
            roles.CREATOR,
            TikTokConnection(
                state="off",
                username=chosen.username[:200],
                detail="TikTok LIVE support is not installed in this build "
                "(pip install 'livedesk[tiktok]').",
            ),
            None,
        )
        return None
    options = TikTokOptions(
        username=chosen.username, sign_key=chosen.sign_key, sign_url=chosen.sign_url
    )
    service = TikTokService(backend, options)
    service.start()
    return service
