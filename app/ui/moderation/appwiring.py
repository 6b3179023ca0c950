"""Start-up pieces app.py uses: where the embedded backend listens, TLS trust, a moderator's
invite sign-in, and the creator's moderation extras (moderator window, Moderators window)."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QMenu

from app.server.embedded import EmbeddedServer, start_embedded
from app.server.listen import ListenPlan, local_only, plan_listen
from app.ui.console import Console
from app.ui.moderation.invitesignin import InviteSignInDialog
from app.ui.moderation.launcher import ModeratorWindowLauncher
from app.ui.moderation.moderators import ModeratorsWindow
from app.ui.moderation.network import LanWarningChip, ServerAddress
from app.ui.settings import ConsoleSettings

log = logging.getLogger(__name__)

STATUS_MESSAGE_MS = 15_000


def listen_plan(settings: ConsoleSettings) -> ListenPlan:
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
        client_ssl: ssl.SSLContext | None = None,
    ) -> None:
        self.console = console
        self.address = address
        self.settings = settings
        self.moderators: ModeratorsWindow | None = None
        window = console.window
        self.launcher = ModeratorWindowLauncher(
            console, url=address.local_url, store_scope=store_scope, client_ssl=client_ssl
        )
        window.moderator_window_requested.connect(self.launcher.request_open)
        self.launcher.failed.connect(self._say)
        action = window.add_menu_action(
            QCoreApplication.translate("Moderation", "Moderators…"),
            "Ctrl+Shift+O",
            self.show_moderators,
            menu="file",
        )
        _move_after_moderator_window(action)
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


def _move_after_moderator_window(action: object) -> None:
    """File menu order: Settings…, Open moderator window, Moderators…, Sign out, Quit."""
    from PySide6.QtGui import QAction

    if not isinstance(action, QAction):
        return
    menus = [o for o in action.associatedObjects() if isinstance(o, QMenu)]
    if not menus:
        return
    menu = menus[0]
    actions = menu.actions()
    anchor = next((a for a in actions if a.shortcut().toString() == "Ctrl+Shift+M"), None)
    if anchor is None:
        return
    following = actions[actions.index(anchor) + 1 :]
    if following and following[0] is not action:
        menu.removeAction(action)
        menu.insertAction(following[0], action)
