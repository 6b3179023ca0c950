"""The user card: who this is, their recent messages, private notes, timeout / ban / unban."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.moderation import UserStatus
from app.store.history import StoredMessage
from app.ui.moderation.describe import TIMEOUT_CHOICES_S, clock_text, duration_text

CARD_SIZE = QSize(370, 540)
# palette() follows the light/dark theme; the accent border sets the card off the chat.
CARD_STYLE = """
QFrame#userCard {
    background: palette(base); border: 2px solid palette(highlight); border-radius: 10px;
}
QLabel#cardCaption { color: palette(placeholder-text); font-weight: 600; }
QLabel#cardState { color: #c92a2a; font-weight: 700; }
QLabel#cardFeedback[error="true"] { color: #c92a2a; }
QListWidget#cardMessages, QPlainTextEdit#cardNote { border: 1px solid palette(mid); }
"""
NOTE_SAVE_DELAY_MS = 600
_STAFF_BADGES = frozenset({"creator", "moderator"})


@dataclass(frozen=True)
class CardSubject:
    """Whom the card is about, and the message it was opened from (if any)."""

    user_id: str
    name: str
    badges: tuple[str, ...] = ()
    message_id: str | None = None
    message_deleted: bool = False

    @property
    def is_staff(self) -> bool:
        return bool(_STAFF_BADGES & set(self.badges))


def badge_text(badge: str) -> str:
    """ "member:2" -> "Member · tier 2"; plain words for the other badges."""
    kind, _, tier = badge.partition(":")
    words = {
        "creator": QT_TRANSLATE_NOOP("UserCard", "Creator"),
        "moderator": QT_TRANSLATE_NOOP("UserCard", "Moderator"),
        "member": QT_TRANSLATE_NOOP("UserCard", "Member"),
        "top_gifter": QT_TRANSLATE_NOOP("UserCard", "Top gifter"),
        "fan": QT_TRANSLATE_NOOP("UserCard", "Fan page"),
    }
    text = QCoreApplication.translate("UserCard", str(words[kind])) if kind in words else kind
    if not tier:
        return text
    return QCoreApplication.translate("UserCard", "{0} · tier {1}").format(text, tier)


def _plain(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and messages come from viewers
    return label


class UserCard(QFrame):
    """A card floating over the console window (no modal dialog while live; Esc closes)."""

    timeout_requested = Signal(str, int, str)  # user id, seconds, reason
    ban_requested = Signal(str, str)  # user id, reason
    unban_requested = Signal(str)  # user id
    delete_requested = Signal(str)  # message id
    note_changed = Signal(str, str)  # user id, note (after a short pause in typing)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(CARD_STYLE)
        self.subject: CardSubject | None = None
        self._loading_note = False
        self._note_typed = False  # typed since the card was opened for this user

        self.name = _plain("", "cardName", self)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("cardClose")
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.clicked.connect(self.dismiss)
        self.badges = _plain("", "cardBadges", self)
        self.badges.setWordWrap(True)
        self.state = _plain("", "cardState", self)
        self.state.setWordWrap(True)

        self.reason = QLineEdit(self)
        self.reason.setObjectName("cardReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Reason (optional, shown in the log)"))
        self.timeout_buttons: dict[int, QPushButton] = {}
        timeouts = QGridLayout()
        timeouts.setSpacing(6)
        self.timeout_caption = _plain(self.tr("Timeout"), "cardCaption", self)
        timeouts.addWidget(self.timeout_caption, 0, 0)
        for column, seconds in enumerate(TIMEOUT_CHOICES_S, start=1):
            button = QPushButton(duration_text(seconds), self)
            button.setObjectName(f"timeout{seconds}Button")
            button.clicked.connect(lambda _=False, s=seconds: self._timeout(s))
            timeouts.addWidget(button, 0, column)
            self.timeout_buttons[seconds] = button
        self.ban = QPushButton(self.tr("Ban"), self)
        self.ban.setObjectName("banButton")
        self.ban.clicked.connect(self._ban)
        self.unban = QPushButton(self.tr("Unban"), self)
        self.unban.setObjectName("unbanButton")
        self.unban.clicked.connect(self._unban)
        self.delete = QPushButton(self.tr("Delete this message"), self)
        self.delete.setObjectName("deleteMessageButton")
        self.delete.clicked.connect(self._delete)
        actions = QHBoxLayout()
        actions.addWidget(self.delete)
        actions.addStretch(1)
        actions.addWidget(self.unban)
        actions.addWidget(self.ban)
        self.feedback = _plain("", "cardFeedback", self)
        self.feedback.setWordWrap(True)

        self.messages = QListWidget(self)
        self.messages.setObjectName("cardMessages")
        self.messages.setWordWrap(True)
        self.messages.setAlternatingRowColors(True)
        self.messages.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.messages.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("cardNote")
        self.note.setPlaceholderText(
            self.tr("Private notes about this user (kept on this computer only)")
        )
        self.note.setMaximumHeight(84)
        self.note.textChanged.connect(self._note_edited)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self._hand_over_note)

        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.badges)
        layout.addWidget(self.state)
        layout.addWidget(self.reason)
        layout.addLayout(timeouts)
        layout.addLayout(actions)
        layout.addWidget(self.feedback)
        layout.addWidget(_plain(self.tr("Recent messages"), "cardCaption", self))
        layout.addWidget(self.messages, 1)
        layout.addWidget(_plain(self.tr("Private notes"), "cardCaption", self))
        layout.addWidget(self.note)
        # Esc closes the card wherever the focus is in its window (its note, its reason, the
        # compose box the creator went back to); a hidden card takes no keys.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.dismiss)
        self.resize(CARD_SIZE)
        self.hide()

    # --- showing a user -------------------------------------------------------------

    def show_user(
        self,
        subject: CardSubject,
        status: UserStatus,
        near: QPoint | None,
        beside: QRect | None = None,
    ) -> None:
        """Fill the card for `subject` and show it at the height of `near`, beside the
        `beside` area (the clicked pane) so the chat it came from stays in sight; both in
        the parent's coordinates."""
        if self.subject is not None and self.subject.user_id != subject.user_id:
            self.flush_note()
        same_user = self.subject is not None and self.subject.user_id == subject.user_id
        self.subject = subject
        self.name.setText(subject.name)
        self.name.setToolTip("")
        self.badges.setText(" · ".join(badge_text(b) for b in subject.badges) or self.tr("Viewer"))
        self.set_status(status)
        if not same_user:
            self.reason.clear()
            self.feedback.clear()
            self.messages.clear()
            self._set_note_text("")
            self._note_typed = False
            self.messages.addItem(self.tr("Loading…"))
        staff = subject.is_staff
        for button in self.timeout_buttons.values():
            button.setVisible(not staff)
        self.timeout_caption.setVisible(not staff)
        self.reason.setVisible(not staff)
        self.delete.setVisible(subject.message_id is not None)
        self.delete.setEnabled(not subject.message_deleted)
        if staff:
            text = self.tr("The creator and moderators cannot be timed out or banned.")
            self.feedback.setText(text)
        self._place(near, beside)
        self.show()
        self.raise_()

    def set_status(self, status: UserStatus) -> None:
        now_ms = int(time.time() * 1000)
        if status.banned:
            reason = f" — {status.ban_reason}" if status.ban_reason else ""
            text = self.tr("Banned") + reason
        elif status.timed_out(now_ms):
            until = clock_text(status.timed_out_until_ms or 0)
            text = self.tr("Timed out until {0}").format(until)
        else:
            text = ""
        self.state.setText(text)
        self.state.setVisible(bool(text))
        staff = self.subject is not None and self.subject.is_staff
        # Ban when not banned; unban (which also ends a timeout) when there is something to lift.
        self.ban.setVisible(not staff and not status.banned)
        self.unban.setVisible(not staff and (status.banned or status.timed_out(now_ms)))

    def set_messages(self, messages: list[StoredMessage]) -> None:
        """Newest first, as the store gives them; shown oldest at the top, newest below."""
        self.messages.clear()
        if not messages:
            self.messages.addItem(self.tr("No messages from this user on this computer yet."))
            return
        for message in reversed(messages):
            room = self.tr("Below") if message.room == "below" else ""
            prefix = " · ".join(p for p in (clock_text(message.ts), room) if p)
            item = QListWidgetItem(f"{prefix}  {message.text}")
            item.setToolTip("")
            if message.deleted:
                font = QFont(self.messages.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setText(f"{prefix}  {message.text}  " + self.tr("(deleted)"))
            self.messages.addItem(item)
        self.messages.scrollToBottom()

    def set_note(self, user_id: str, text: str) -> None:
        """The stored note, unless the moderator already started typing a new one."""
        if self.subject is not None and self.subject.user_id == user_id and not self._note_typed:
            self._set_note_text(text)

    def set_feedback(self, text: str, *, error: bool = False) -> None:
        self.feedback.setText(text)
        self.feedback.setProperty("error", error)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def mark_message_deleted(self, message_id: str) -> None:
        if self.subject is not None and self.subject.message_id == message_id:
            self.delete.setEnabled(False)

    def dismiss(self) -> None:
        self.flush_note()
        self.hide()
        self.closed.emit()

    def flush_note(self) -> None:
        """Hand a pending note edit over now (closing the card, switching user)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._hand_over_note()

    def _hand_over_note(self) -> None:
        if self.subject is not None:
            self.note_changed.emit(self.subject.user_id, self.note.toPlainText())

    # --- internals -------------------------------------------------------------------

    def _place(self, near: QPoint | None, beside: QRect | None) -> None:
        host = self.parentWidget()
        if host is None:
            return
        area = host.rect()
        width = min(CARD_SIZE.width(), max(280, area.width() - 16))
        height = min(CARD_SIZE.height(), max(320, area.height() - 16))
        self.resize(width, height)
        if near is None:
            near = QPoint(area.width() - width - 16, 60)
        if beside is not None and beside.right() + 8 + width <= area.right():
            x = beside.right() + 8  # right of the pane: the clicked chat stays visible
        elif beside is not None and beside.left() - 8 - width >= area.left():
            x = beside.left() - 8 - width
        else:
            x = near.x() + 24
        x = min(max(8, x), area.width() - width - 8)
        y = min(max(8, near.y() - height // 3), area.height() - height - 8)
        self.move(x, y)

    def _set_note_text(self, text: str) -> None:
        self._loading_note = True
        try:
            self.note.setPlainText(text)
        finally:
            self._loading_note = False

    def _note_edited(self) -> None:
        if not self._loading_note:
            self._note_typed = True
            self._note_timer.start()

    def _reason(self) -> str:
        return " ".join(self.reason.text().split())

    def _timeout(self, seconds: int) -> None:
        if self.subject is not None:
            self.set_feedback(self.tr("Timing out for {0}…").format(duration_text(seconds)))
            self.timeout_requested.emit(self.subject.user_id, seconds, self._reason())

    def _ban(self) -> None:
        if self.subject is not None:
            self.set_feedback(self.tr("Banning…"))
            self.ban_requested.emit(self.subject.user_id, self._reason())

    def _unban(self) -> None:
        if self.subject is not None:
            self.set_feedback(self.tr("Lifting ban and timeout…"))
            self.unban_requested.emit(self.subject.user_id)

    def _delete(self) -> None:
        if self.subject is not None and self.subject.message_id is not None:
            self.set_feedback(self.tr("Deleting the message…"))
            self.delete_requested.emit(self.subject.message_id)
