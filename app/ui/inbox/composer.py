"""The reply box of a thread: Ctrl+Enter sends, Enter adds a line, "/code" + Tab inserts a reply."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import quick_replies as qr
from app.ui import formatting
from app.ui.inbox.look import plain_label

MAX_REPLY = 4000


def _is_send(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


class ReplyBox(QPlainTextEdit):
    """Plain text only (pasted markup stays literal); emits `send_requested`, `escape_pressed`."""

    send_requested = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxReply")
        self.setTabChangesFocus(True)
        self.replies: tuple[qr.QuickReply, ...] = qr.DEFAULT_QUICK_REPLIES
        self.fields: Callable[[], dict[str, str]] = dict

    def event(self, event: QEvent) -> bool:
        # QWidget.event moves the focus on Tab before keyPressEvent sees it.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and not event.modifiers()
            and self.expand_code()
        ):
            return True
        # Ctrl+Return is also a window shortcut (on-camera "answered"); in here it sends.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (_is_send(event) or event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Escape))
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_send(event):
            self.send_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    def expand_code(self) -> bool:
        """Expand the "/code" before the cursor; False if there is none (Tab moves on)."""
        cursor = self.textCursor()
        text = self.toPlainText()
        result = qr.expand_at(text, cursor.position(), self.replies, self.fields())
        if result is None:
            return False
        new_text, position = result
        # One edit block, so a single Ctrl+Z takes the expansion back.
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(new_text)
        cursor.endEditBlock()
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        return True


class Composer(QWidget):
    """ReplyBox + Send button + a hint line that shows quick replies while "/..." is typed."""

    send_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = ReplyBox(self)
        self.box.setFixedHeight(92)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("inboxSend")
        self.send_button.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.hint = plain_label("", self, "inboxHint")
        self.counter = plain_label("", self, "inboxHint")

        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.box, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        hints = QHBoxLayout()
        hints.addWidget(self.hint, 1)
        hints.addWidget(self.counter)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 6, 12, 10)
        column.setSpacing(4)
        column.addLayout(row)
        column.addLayout(hints)

        self.box.send_requested.connect(self._send)
        self.send_button.clicked.connect(self._send)
        self.box.textChanged.connect(self._update_hints)
        self.box.cursorPositionChanged.connect(self._update_hints)
        self._update_hints()

    def set_recipient(self, name: str) -> None:
        self.box.setPlaceholderText(
            self.tr(
                "Reply to {name} — Ctrl+Enter sends, Enter starts a new line, /price then Tab "
                "inserts a quick reply"
            ).replace("{name}", name)
        )

    def _send(self) -> None:
        text = self.box.toPlainText().strip()
        if not text or len(text) > MAX_REPLY:
            return
        self.send_requested.emit(text)
        self.box.clear()

    def _update_hints(self) -> None:
        text = self.box.toPlainText()
        length = len(text)
        counter = f"{formatting.number(length)} / {formatting.number(MAX_REPLY)}"
        self.counter.setText(counter if length > MAX_REPLY * 0.8 else "")
        self.send_button.setEnabled(0 < len(text.strip()) <= MAX_REPLY)
        typed = qr.code_being_typed(text, self.box.textCursor().position())
        if typed is None:
            self.hint.setText(self.tr("Ctrl+Enter sends · Esc goes back to the list"))
            return
        matches = qr.completions(self.box.replies, typed)
        if not matches:
            self.hint.setText(
                self.tr("No quick reply starts with /{code}").replace("{code}", typed)
            )
            return
        first = matches[0]
        preview = qr.fill(first.text, self.box.fields()).replace("\n", " ")
        others = "  ".join("/" + m.code for m in matches[1:4])
        self.hint.setText(
            self.tr("Tab inserts /{code}: {preview}")
            .replace("{code}", first.code)
            .replace("{preview}", preview[:80])
            + (f"   ({others})" if others else "")
        )


def install_escape(widget: QObject, on_escape: Callable[[], None]) -> None:
    """Call `on_escape` when Escape is pressed in `widget` (used by inline editors)."""

    class _Filter(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                on_escape()
                return True
            return False

    f = _Filter(widget)
    widget.installEventFilter(f)
