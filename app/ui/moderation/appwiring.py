"""Moderation pieces the composition root (app.py) uses: TLS trust, a moderator's invite
sign-in, and the creator's moderation extras (moderator window, Moderators window)."""

from __future__ import annotations

import logging
import ssl
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout

from app.ui.actions import FIRST
from app.ui.console import Console
from app.ui.moderation.invitesignin import InviteSignInDialog
from app.ui.moderation.launcher import ModeratorWindowLauncher
from app.ui.moderation.moderators import ModeratorsWindow
from app.ui.moderation.network import LanWarningChip, ServerAddress
from app.ui.settings import ConsoleSettings

if TYPE_CHECKING:
    from app.ui.storerecovery import StoreRecovery

log = logging.getLogger(__name__)

STATUS_MESSAGE_MS = 15_000


def remote_client_ssl(ca_file: str) -> ssl.SSLContext | None:
    """Trust the system's CAs plus `ca_file` (a self-signed creator certificate); None = default.

    Raises OSError or ssl.SSLError if the file cannot be used.
    """
    if not ca_file.strip():
        return None
    context = ssl.create_default_context()
    context.load_verify_locations(cafile=ca_file.strip())
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context


def configured_client_ssl(settings: ConsoleSettings) -> ssl.SSLContext | None:
    """The remote backend's extra trust from the settings (logged and ignored if broken)."""
    try:
        return remote_client_ssl(str(settings.get("server_ca_file")))
    except (OSError, ssl.SSLError) as exc:
        log.warning("the server certificate file cannot be used: %s", exc)
        return None


async def ask_moderator_token(
    server_url: str, settings: ConsoleSettings, problem: str | None = None
) -> str | None:
    """Ask for an invite code and a name, redeem them; the token, or None if cancelled."""
    dialog = InviteSignInDialog(
        server_url,
        problem=problem,
        ca_file=str(settings.get("server_ca_file")),
        ssl_factory=remote_client_ssl,
    )
    try:
        token = await dialog.ask()
        if token and server_url.startswith("wss://"):
            settings.set("server_ca_file", dialog.certificate_path())
        return token
    finally:
        dialog.deleteLater()


class CreatorModeration:
    """The creator's moderator window, File → Moderators, and the unencrypted-network chip."""

    def __init__(
        self,
        console: Console,
        *,
        address: ServerAddress,
        store_scope: str,
        settings: ConsoleSettings,
        recovery: StoreRecovery,
        client_ssl: ssl.SSLContext | None = None,
    ) -> None:
        self.console = console
        self.address = address
        self.settings = settings
        self.moderators: ModeratorsWindow | None = None
        window = console.window
        self.launcher = ModeratorWindowLauncher(
            console,
            url=address.local_url,
            store_scope=store_scope,
            recovery=recovery,
            client_ssl=client_ssl,
        )
        window.moderator_window_requested.connect(self.launcher.request_open)
        self.launcher.failed.connect(self._say)
        # No key of its own (a set-up window): Ctrl+Shift+O is the stream overlay's.
        window.add_menu_action(
            QCoreApplication.translate("Moderation", "Moderators…"),
            None,
            self.show_moderators,
            menu="file",
            name="file.moderators",
            order=FIRST + 20,
        )
        self.warning: LanWarningChip | None = None
        plan = address.plan
        if plan is not None and plan.exposed_without_tls:
            self.warning = LanWarningChip(window.session_bar)
            self.warning.clicked.connect(self.show_moderators)
            bar = window.session_bar
            layout = bar.layout()
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(layout.indexOf(bar.demo_chip), self.warning)
        if plan is not None and plan.problem:
            self._say(plan.problem)

    def show_moderators(self) -> None:
        if self.moderators is None:
            self.moderators = ModeratorsWindow(
                self.console, self.address, self.settings, self.console.window
            )
        self.moderators.show()
        self.moderators.raise_()
        self.moderators.activateWindow()

    def _say(self, text: str) -> None:
        self.console.window.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    async def close(self) -> None:
        """Before the backend stops: close the moderator window and its connection."""
        if self.moderators is not None:
            self.moderators.close_tasks()
            self.moderators.close()
        await self.launcher.close()
