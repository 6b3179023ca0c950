"""The session bar's TikTok chip: the state of the connection to the creator's TikTok LIVE and,
in its tooltip, what to do about it."""

from __future__ import annotations

import time
from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.protocol.payloads import TikTokActivity, TikTokConnection
from app.ui.formatting import number
from app.ui.safetext import plain_tooltip


def cannot_delete() -> str:
    return QCoreApplication.translate(
        "TikTok",
        "LiveDesk cannot delete a message on TikTok itself: blocked terms, holds and bans only "
        "decide what LiveDesk shows. Delete it in TikTok LIVE Studio or the TikTok app.",
    )


def cannot_delete_short() -> str:
    return QCoreApplication.translate(
        "TikTok",
        "TikTok LIVE: LiveDesk cannot delete a message on TikTok itself; blocked terms, holds "
        "and bans only hide it in LiveDesk. Applies at the next start.",
    )


def state_text(data: TikTokConnection) -> str:
    """The chip's words for a state (translated)."""
    user = f"@{data.username}" if data.username else ""
    return {
        "off": QCoreApplication.translate("TikTok", "TikTok: off"),
        "connecting": QCoreApplication.translate("TikTok", "TikTok: connecting…"),
        "connected": QCoreApplication.translate("TikTok", "TikTok ● {0}").format(user),
        "not_live": QCoreApplication.translate(
            "TikTok", "TikTok: {0} is not live — go live on TikTok"
        ).format(user),
        "refused": QCoreApplication.translate(
            "TikTok", "TikTok refused — check Settings → My TikTok LIVE"
        ),
        "signing_unreachable": QCoreApplication.translate(
            "TikTok", "TikTok: signing service unreachable — check the internet"
        ),
        "ended": QCoreApplication.translate("TikTok", "TikTok LIVE ended"),
    }[data.state]


def what_to_do(data: TikTokConnection) -> str:
    return {
        "off": QCoreApplication.translate(
            "TikTok", "Set your TikTok @username in Settings → My TikTok LIVE."
        ),
        "connecting": QCoreApplication.translate(
            "TikTok", "LiveDesk is connecting to your TikTok LIVE. Wait a moment."
        ),
        "connected": QCoreApplication.translate(
            "TikTok", "Chat, gifts and viewers of your TikTok LIVE arrive here."
        ),
        "not_live": QCoreApplication.translate(
            "TikTok", "Go live in TikTok LIVE Studio or the TikTok app; LiveDesk checks again."
        ),
        "refused": QCoreApplication.translate(
            "TikTok",
            "Check your @username and the signing key in Settings → My TikTok LIVE. "
            "LiveDesk tries again.",
        ),
        "signing_unreachable": QCoreApplication.translate(
            "TikTok",
            "Check the internet connection (and the signing service URL, if you set one). "
            "LiveDesk tries again.",
        ),
        "ended": QCoreApplication.translate(
            "TikTok", "Your TikTok LIVE ended; LiveDesk stopped reading it."
        ),
    }[data.state]


class TikTokChip(QLabel):
    """Hidden until the backend says something about TikTok."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tiktokChip")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.data: TikTokConnection | None = None
        # What viewers did on TikTok that is neither chat nor a gift, counted while connected.
        self.activity: Counter[str] = Counter()
        self._retry_at: float | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show)
        self.hide()

    def set_state(self, data: TikTokConnection) -> None:
        self.data = data
        if data.retry_in_s is not None:
            self._retry_at = time.monotonic() + data.retry_in_s
            self._countdown.start()
        else:
            self._retry_at = None
            self._countdown.stop()
        self.setProperty("state", data.state)
        self.style().unpolish(self)
        self.style().polish(self)
        self._show()
        self.setVisible(data.state != "off")

    def add_activity(self, data: TikTokActivity) -> None:
        self.activity[data.kind] += data.count
        self._show()

    def activity_text(self) -> str:
        a = self.activity
        if not a:
            return ""
        return f"♥ {number(a['like'])} · 👤+{number(a['follow'])} · ↗ {number(a['share'])}"

    def _show(self) -> None:
        data = self.data
        if data is None:
            return
        text = state_text(data)
        if data.state in ("connected", "ended") and self.activity:
            text += " · " + self.activity_text()
        if self._retry_at is not None:
            left = round(self._retry_at - time.monotonic())
            if left > 0:
                text += " · " + QCoreApplication.translate("TikTok", "next try in {0} s").format(
                    left
                )
        self.setText(text)
        lines = [what_to_do(data)]
        if self.activity:
            a = self.activity
            lines.append(
                QCoreApplication.translate(
                    "TikTok", "On TikTok: {0} likes, {1} new followers, {2} shares, {3} joined."
                ).format(*(number(a[kind]) for kind in ("like", "follow", "share", "join")))
            )
        if data.detail:
            lines.append(data.detail)  # the backend's words (English), shown as plain text
        lines.append(cannot_delete())
        self.setToolTip(plain_tooltip("\n\n".join(lines)))
