"""Sign-in to a remote backend: asks for the token; the caller keeps it in the OS keyring."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.client.tokens import account_id_from_token


class SignInDialog(QDialog):
    """Token entry; `ask()` resolves to the token, or None when cancelled."""

    def __init__(
        self,
        server_url: str,
        *,
        moderator: bool = False,
        problem: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._server_url = server_url
        self.setWindowTitle(self.tr("Sign in — LiveDesk"))
        intro = QLabel(
            self.tr("Sign in to {0} as a moderator.").format(server_url)
            if moderator
            else self.tr("Sign in to {0}.").format(server_url),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("Paste the access token"))
        self.problem = QLabel(problem or "", self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("errorText")
        self.problem.setVisible(bool(problem))
        form = QFormLayout()
        form.addRow(self.tr("Token"), self.token)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._future: asyncio.Future[str | None] | None = None
        self.finished.connect(self._done)

    def _accept_if_valid(self) -> None:
        if account_id_from_token(self.token.text().strip()) is None:
            self.problem.setText(
                self.tr(
                    "That does not look like a LiveDesk token. An invite code from a creator is "
                    "for moderators: start LiveDesk with --moderator --server {0} to enter it."
                ).format(self._server_url)
            )
            self.problem.show()
            return
        self.accept()

    def _done(self, result: int) -> None:
        if self._future is not None and not self._future.done():
            accepted = result == QDialog.DialogCode.Accepted
            self._future.set_result(self.token.text().strip() if accepted else None)

    async def ask(self) -> str | None:
        self._future = asyncio.get_running_loop().create_future()
        self.show()
        return await self._future
