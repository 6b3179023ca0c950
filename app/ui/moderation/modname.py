"""Who moderates in the moderator window on the creator's PC: their name goes in the log."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

NAME_MAX = 64  # the protocol's limit on names


class ModeratorNameDialog(QDialog):
    """Asks once, when the window's moderator account is made: the moderation log, the chat
    and the creator's Moderators list show this name, not the creator's."""

    def __init__(self, suggested: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moderatorNameDialog")
        self.setWindowTitle(self.tr("Moderator window"))
        intro = QLabel(
            self.tr(
                "Who moderates in this window? Their name appears in the moderation log and "
                "beside what they write in chat."
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.name = QLineEdit(suggested, self)
        self.name.setObjectName("moderatorName")
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("Moderator's name"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self._future: asyncio.Future[str | None] | None = None
        self.finished.connect(self._done)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.name.text().strip()))

    def _done(self, result: int) -> None:
        if self._future is not None and not self._future.done():
            accepted = result == QDialog.DialogCode.Accepted
            self._future.set_result(self.name.text().strip() if accepted else None)

    async def ask(self) -> str | None:
        """The name, or None if the creator cancelled."""
        self._future = asyncio.get_running_loop().create_future()
        self.open()
        self.name.setFocus()
        return await self._future


async def ask_moderator_name(suggested: str, parent: QWidget | None) -> str | None:
    dialog = ModeratorNameDialog(suggested, parent)
    try:
        return await dialog.ask()
    finally:
        dialog.deleteLater()
