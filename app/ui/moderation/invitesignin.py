"""A remote moderator's first sign-in: invite code and display name, redeemed for a token."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.redeem import MAX_NAME_CHARS, RedeemError, redeem_invite
from app.ui.tasks import BackgroundTasks

SslFactory = Callable[[str], ssl.SSLContext | None]  # certificate path ("" = none) -> context


class InviteSignInDialog(QDialog):
    """Shown before the console exists; `ask()` resolves to the new token, or None.

    The code is redeemed here (GET /redeem), so a wrong or used code is said at once and the
    moderator can correct it without starting over.
    """

    def __init__(
        self,
        server_url: str,
        *,
        problem: str | None = None,
        ca_file: str = "",
        ssl_factory: SslFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.server_url = server_url
        self._ssl_factory = ssl_factory
        self.setObjectName("inviteSignIn")
        self.setWindowTitle(self.tr("Join as a moderator — LiveDesk"))
        intro = QLabel(
            self.tr(
                "Join {0} as a moderator. Enter the invite code the creator gave you (it "
                "works once) and the name others will see in the moderation log."
            ).format(server_url),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.code = QLineEdit(self)
        self.code.setObjectName("inviteCodeInput")
        self.code.setPlaceholderText(self.tr("Invite code"))
        self.name = QLineEdit(self)
        self.name.setObjectName("displayNameInput")
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setPlaceholderText(self.tr("e.g. Sam"))
        self.ca_file = QLineEdit(ca_file, self)
        self.ca_file.setObjectName("caFileInput")
        self.ca_file.setPlaceholderText(
            self.tr("only if the creator sent you a certificate file (.pem)")
        )
        self._wants_ca = server_url.startswith("wss://")
        self.ca_file.setVisible(self._wants_ca)
        self.problem = QLabel(problem or "", self)
        self.problem.setObjectName("errorText")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        form = QFormLayout()
        form.addRow(self.tr("Invite code"), self.code)
        form.addRow(self.tr("Your name"), self.name)
        if self._wants_ca:
            form.addRow(self.tr("Certificate"), self.ca_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.join = QPushButton(self.tr("Join"), self)
        self.join.setObjectName("joinButton")
        self.join.setDefault(True)
        self.buttons.addButton(self.join, QDialogButtonBox.ButtonRole.ActionRole)
        self.join.clicked.connect(self._join)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.token: str | None = None
        self._future: asyncio.Future[str | None] | None = None
        self.tasks = BackgroundTasks("invite sign-in")
        self._task: asyncio.Task[None] | None = None
        self.finished.connect(self._done)

    def certificate_path(self) -> str:
        return self.ca_file.text().strip() if self._wants_ca else ""

    def _join(self) -> None:
        if self._task is not None and not self._task.done():
            return
        self._task = self.tasks.spawn(self._redeem())

    async def _redeem(self) -> None:
        self.join.setEnabled(False)
        self._say(self.tr("Joining…"), error=False)
        try:
            context = None
            if self._ssl_factory is not None:
                context = self._ssl_factory(self.certificate_path())
            redeemed = await redeem_invite(
                self.server_url, self.code.text(), self.name.text(), ssl_context=context
            )
        except (RedeemError, OSError, ssl.SSLError) as exc:
            self._say(str(exc), error=True)
            return
        finally:
            self.join.setEnabled(True)
        self.token = redeemed.token
        self.accept()

    def _say(self, text: str, *, error: bool) -> None:
        self.problem.setText(text)
        self.problem.setObjectName("errorText" if error else "hintText")
        self.problem.style().unpolish(self.problem)
        self.problem.style().polish(self.problem)
        self.problem.setVisible(bool(text))

    def _done(self, result: int) -> None:
        if self._future is not None and not self._future.done():
            accepted = result == QDialog.DialogCode.Accepted
            self._future.set_result(self.token if accepted else None)

    async def ask(self) -> str | None:
        self._future = asyncio.get_running_loop().create_future()
        self.show()
        return await self._future
