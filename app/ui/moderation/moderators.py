"""File → Moderators: make an invite (its code is shown once), list and revoke moderators."""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.protocol.payloads import ListInvites, MintInvite, RevokeInvite
from app.ui.console import Console
from app.ui.moderation.describe import clock_text
from app.ui.moderation.network import NetworkSection, ServerAddress
from app.ui.settings import ConsoleSettings
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

_TIMEOUT_S = 8.0
CONFIRM_MS = 4000


def _plain(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def invite_message(code: str, server_url: str) -> str:
    """What the creator sends a new moderator (plain text, any messenger)."""
    return (
        f"Join my LiveDesk as a moderator.\n"
        f"Start LiveDesk with: livedesk --moderator --server {server_url}\n"
        f"Invite code (works once): {code}"
    )


class ModeratorsWindow(QWidget):
    """A non-modal window: invites and moderators, and (embedded backend) the network."""

    def __init__(
        self,
        console: Console,
        address: ServerAddress,
        settings: ConsoleSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.console = console
        self.address = address
        self.setObjectName("moderatorsWindow")
        self.setWindowTitle(self.tr("Moderators — LiveDesk"))
        self.tasks = BackgroundTasks("moderators window")
        self._code = ""

        intro = _plain(
            self.tr(
                "Moderators keep the chat clean: they see both rooms, held messages and the "
                "moderation log, and can delete, time out and ban. They never see earnings "
                "or your Service+ inbox."
            ),
            "hintText",
            self,
        )
        self.label = QLineEdit(self)
        self.label.setObjectName("inviteLabel")
        self.label.setMaxLength(60)
        self.label.setPlaceholderText(self.tr("Who is it for? (e.g. Sam)"))
        self.make = QPushButton(self.tr("Make invite"), self)
        self.make.setObjectName("makeInviteButton")
        self.make.clicked.connect(self.make_invite)
        self.label.returnPressed.connect(self.make_invite)

        self.code_box = QFrame(self)
        self.code_box.setObjectName("inviteCodeBox")
        self.code_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.code_title = _plain("", "paneTitle", self.code_box)
        self.code = QLineEdit(self.code_box)
        self.code.setObjectName("inviteCode")
        self.code.setReadOnly(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 10) * 1.3)
        self.code.setFont(mono)
        self.copy = QPushButton(self.tr("Copy invite"), self.code_box)
        self.copy.setObjectName("copyInviteButton")
        self.copy.clicked.connect(self.copy_invite)
        self.code_hint = _plain("", "hintText", self.code_box)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.copy)
        box = QVBoxLayout(self.code_box)
        box.addWidget(self.code_title)
        box.addLayout(code_row)
        box.addWidget(self.code_hint)
        self.code_box.hide()

        self.problem = _plain("", "errorText", self)
        self.problem.hide()
        self.invites = QTreeWidget(self)
        self.invites.setObjectName("inviteList")
        self.invites.setRootIsDecorated(False)
        self.invites.setAlternatingRowColors(True)
        self.invites.setHeaderLabels(
            [self.tr("Invite"), self.tr("Moderator"), self.tr("Made"), self.tr("Status"), ""]
        )
        header = self.invites.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)

        self.network = NetworkSection(address, self, settings)

        make_row = QHBoxLayout()
        make_row.addWidget(self.label, 1)
        make_row.addWidget(self.make)
        list_head = QHBoxLayout()
        list_head.addWidget(_plain(self.tr("Invites and moderators"), "paneTitle", self), 1)
        list_head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(_plain(self.tr("Invite a moderator"), "paneTitle", self))
        layout.addWidget(intro)
        layout.addLayout(make_row)
        layout.addWidget(self.code_box)
        layout.addWidget(self.problem)
        layout.addLayout(list_head)
        layout.addWidget(self.invites, 1)
        layout.addWidget(self.network)
        self.resize(720, 640)

    # --- invites ---------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: Any) -> None:
        self._forget_code()  # shown once: not again after the window was away
        super().hideEvent(event)

    def make_invite(self) -> None:
        label = " ".join(self.label.text().split())
        self.make.setEnabled(False)
        self._show_problem("")

        async def run() -> None:
            try:
                result = await self.console.client.request(MintInvite(label=label), _TIMEOUT_S)
            except TimeoutError:
                self._show_problem(self.tr("The backend did not answer; try again."))
                return
            finally:
                self.make.setEnabled(True)
            if not result.ok or result.result is None or "code" not in result.result:
                self._show_problem(result.message or self.tr("No invite was made."))
                return
            self._show_code(str(result.result["code"]), label)
            self.label.clear()
            self.refresh()

        self.tasks.spawn(run())

    def _show_code(self, code: str, label: str) -> None:
        self._code = code
        title = self.tr("Invite code for {0}").format(label) if label else self.tr("Invite code")
        self.code_title.setText(title)
        self.code.setText(code)
        url = self.address.moderator_url()
        if url:
            hint = self.tr(
                "Shown only now. The moderator starts LiveDesk with "
                "“livedesk --moderator --server {0}” and enters this code once. "
                "“Copy invite” copies both."
            ).format(url)
        else:
            hint = self.tr(
                "Shown only now. Moderators on other computers cannot reach this computer yet: "
                "turn on “Let moderators on the network connect” below."
            )
        self.code_hint.setText(hint)
        self.code_box.show()

    def copy_invite(self) -> None:
        if self._code:
            url = self.address.moderator_url() or self.address.local_url
            QGuiApplication.clipboard().setText(invite_message(self._code, url))
            self.copy.setText(self.tr("Copied"))

    def _forget_code(self) -> None:
        self._code = ""
        self.code.clear()
        self.code_box.hide()
        self.copy.setText(self.tr("Copy invite"))

    def refresh(self) -> None:
        async def run() -> None:
            try:
                result = await self.console.client.request(ListInvites(), _TIMEOUT_S)
            except TimeoutError:
                self._show_problem(self.tr("The backend did not answer; the list may be old."))
                return
            if result.ok and result.result is not None:
                self._fill(result.result.get("invites", []))
            else:
                self._show_problem(result.message)

        self.tasks.spawn(run())

    def _fill(self, invites: list[dict[str, Any]]) -> None:
        self.invites.clear()
        for invite in invites:
            moderator = invite.get("redeemed_by") or {}
            revoked = bool(invite.get("revoked"))
            if revoked:
                status = self.tr("Revoked")
            elif moderator:
                status = self.tr("Active")
            else:
                status = self.tr("Not used yet")
            item = QTreeWidgetItem(
                [
                    str(invite.get("label") or self.tr("(no label)")),
                    str(moderator.get("name", "")),
                    clock_text(int(invite.get("created_ms") or 0)),
                    status,
                    "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, invite.get("invite_id"))
            if revoked:
                font = QFont(self.invites.font())
                font.setStrikeOut(True)
                item.setFont(1, font)
            self.invites.addTopLevelItem(item)
            if not revoked:
                button = QPushButton(self.tr("Revoke"), self.invites)
                button.setObjectName("revokeButton")
                invite_id = str(invite.get("invite_id"))
                button.clicked.connect(lambda _=False, b=button, i=invite_id: self._confirm(b, i))
                self.invites.setItemWidget(item, 4, button)

    def _confirm(self, button: QPushButton, invite_id: str) -> None:
        """Revoking cuts a moderator off at once: it takes a second click (no modal dialog)."""
        if button.property("armed"):
            button.setEnabled(False)
            self.revoke(invite_id)
            return
        button.setProperty("armed", True)
        button.setText(self.tr("Click again to revoke"))

        def disarm() -> None:
            if shiboken6.isValid(button):
                button.setProperty("armed", False)
                button.setText(self.tr("Revoke"))

        QTimer.singleShot(CONFIRM_MS, disarm)

    def revoke(self, invite_id: str) -> None:
        async def run() -> None:
            try:
                result = await self.console.client.request(
                    RevokeInvite(invite_id=invite_id), _TIMEOUT_S
                )
            except TimeoutError:
                self._show_problem(self.tr("The backend did not answer; try again."))
                return
            if not result.ok:
                self._show_problem(result.message)
            self.refresh()

        self.tasks.spawn(run())

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def close_tasks(self) -> None:
        self.tasks.cancel()
