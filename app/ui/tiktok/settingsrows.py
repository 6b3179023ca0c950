"""Settings → "My TikTok LIVE": the creator's @username and the signing service's key."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QMessageBox, QWidget

from app.client.tokens import KeyringUnavailable, TokenVault
from app.core.tiktok_names import normalize_username
from app.ui.settings import ConsoleSettings
from app.ui.tasks import BackgroundTasks
from app.ui.tiktok.chip import cannot_delete_short
from app.ui.tiktok.feature import SIGN_KEY_ACCOUNT

log = logging.getLogger(__name__)


class TikTokSettingsRows(QObject):
    """Adds its rows to a settings form; `load()` and `accept()` follow the dialog's."""

    def __init__(
        self,
        form: QFormLayout,
        settings: ConsoleSettings,
        parent: QWidget,
        vault: TokenVault | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.vault = vault or TokenVault()
        self._parent = parent
        self.username = QLineEdit(parent)
        self.username.setObjectName("tiktokUsername")
        self.username.setPlaceholderText(self.tr("@username — empty: no TikTok LIVE"))
        self.username.setToolTip(
            self.tr(
                "LiveDesk reads chat, gifts and viewers of this account's TikTok LIVE (needs "
                "the internet). Applies the next time LiveDesk starts."
            )
        )
        self.sign_key = QLineEdit(parent)
        self.sign_key.setObjectName("tiktokSignKey")
        self.sign_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_key.setPlaceholderText(self.tr("optional; kept in the system keyring"))
        self.sign_key.setToolTip(
            self.tr(
                "An API key of the signing service (Euler Stream) raises its connection limit. "
                "Left empty, a key saved before is kept."
            )
        )
        self.hint = QLabel(cannot_delete_short(), parent)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hintText")
        form.addRow(self.tr("My TikTok LIVE"), self.username)
        form.addRow(self.tr("TikTok signing key"), self.sign_key)
        form.addRow(self.hint)  # the whole width: read before typing a username
        self.saving: asyncio.Future[None] | None = None
        self._tasks = BackgroundTasks("TikTok settings")

    def load(self) -> None:
        name = str(self.settings.get("tiktok_username"))
        self.username.setText(f"@{name}" if name else "")
        self.sign_key.clear()

    def accept(self) -> None:
        self.settings.set("tiktok_username", normalize_username(self.username.text()))
        key = self.sign_key.text().strip()
        self.sign_key.clear()
        if key:
            self.saving = self._tasks.spawn(self._save_key(key))

    async def _save_key(self, key: str) -> None:
        try:
            await self.vault.aset(SIGN_KEY_ACCOUNT, key)
        except (KeyringUnavailable, ValueError) as exc:
            log.warning("TikTok signing key not saved: %s", exc)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("TikTok signing key"), "")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(self.tr("The signing key was not saved: {0}").format(str(exc)))
            box.open()
