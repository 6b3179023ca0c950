"""Held for review: messages that matched a blocked term, each with Approve and Remove."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.moderation import HeldItem
from app.ui.moderation.describe import clock_text

MAX_ROWS_SHOWN = 100  # the queue holds more; a moderator works from the top anyway
# palette() follows the theme; the orange edge is the "held" colour of the chat pills.
HELD_STYLE = """
QFrame#heldRow {
    background: palette(alternate-base); border: 1px solid palette(mid);
    border-left: 4px solid #e67700; border-radius: 6px;
}
QPushButton#heldUserName { font-weight: 700; text-align: left; border: none; padding: 0 2px; }
QPushButton#heldUserName:hover { text-decoration: underline; }
QLabel#heldMeta { color: palette(placeholder-text); }
QPushButton#approveButton { font-weight: 600; }
"""


def _plain(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # held text is exactly what a viewer typed
    return label


class HeldRow(QFrame):
    """One held message: who, where, which term, the text; Approve / Remove."""

    approve_requested = Signal(str)
    remove_requested = Signal(str)
    user_requested = Signal(object)  # HeldItem

    def __init__(self, item: HeldItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("heldRow")
        room = self.tr("Below Room") if item.room == "below" else self.tr("Public chat")
        meta = " · ".join(
            [room, self.tr("matched “{0}”").format(item.term), clock_text(item.created_ms)]
        )
        self.name = QPushButton(item.user.name, self)
        self.name.setObjectName("heldUserName")
        self.name.setFlat(True)
        self.name.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name.setToolTip(self.tr("Open the user card"))
        self.name.clicked.connect(lambda: self.user_requested.emit(self.item))
        self.meta = _plain(meta, "heldMeta", self)
        self.text = _plain(item.text, "heldText", self)
        self.text.setWordWrap(True)
        bigger = self.text.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.1)
        self.text.setFont(bigger)
        self.approve = QPushButton(self.tr("Approve"), self)
        self.approve.setObjectName("approveButton")
        self.approve.setToolTip(self.tr("Publish the message in the room"))
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("removeButton")
        self.remove.setToolTip(self.tr("Drop the message; nobody else ever sees it"))
        self.approve.clicked.connect(self._approve)
        self.remove.clicked.connect(self._remove)
        head = QHBoxLayout()
        head.setSpacing(6)
        head.addWidget(self.name)
        head.addWidget(self.meta, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.approve)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.text)
        layout.addLayout(buttons)

    def set_busy(self, busy: bool) -> None:
        self.approve.setEnabled(not busy)
        self.remove.setEnabled(not busy)

    def _approve(self) -> None:
        self.set_busy(True)
        self.approve_requested.emit(self.item.message_id)

    def _remove(self) -> None:
        self.set_busy(True)
        self.remove_requested.emit(self.item.message_id)


class HeldPanel(QWidget):
    """The queue, oldest first. Rows are rebuilt from the HeldQueue by `set_items`."""

    approve_requested = Signal(str)
    remove_requested = Signal(str)
    user_requested = Signal(object)  # HeldItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldPanel")
        self.setStyleSheet(HELD_STYLE)
        self._rows: dict[str, HeldRow] = {}
        self.empty = _plain(
            self.tr("Nothing held. Messages that match a blocked term wait here for review."),
            "emptyState",
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more = _plain("", "hintText", self)
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.feedback = _plain("", "errorText", self)
        self.feedback.setWordWrap(True)
        self.feedback.hide()
        self._list = QWidget()
        self._list.setObjectName("heldList")
        self._column = QVBoxLayout(self._list)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(6)
        self._column.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.feedback)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.more)
        self.set_items([])

    def set_items(self, items: list[HeldItem]) -> None:
        """Show these held messages (oldest first); existing rows are kept, not rebuilt."""
        shown = items[:MAX_ROWS_SHOWN]
        wanted = {item.message_id for item in shown}
        for message_id in [m for m in self._rows if m not in wanted]:
            row = self._rows.pop(message_id)
            self._column.removeWidget(row)
            row.deleteLater()
        for position, item in enumerate(shown):
            existing = self._rows.get(item.message_id)
            if existing is None:
                row = HeldRow(item, self._list)
                row.approve_requested.connect(self.approve_requested)
                row.remove_requested.connect(self.remove_requested)
                row.user_requested.connect(self.user_requested)
                self._rows[item.message_id] = row
            else:
                row = existing
            self._column.insertWidget(position, row)
        hidden = len(items) - len(shown)
        self.more.setText(self.tr("%Ln more waiting", "", hidden) if hidden else "")
        self.more.setVisible(hidden > 0)
        self.scroller.setVisible(bool(items))
        self.empty.setVisible(not items)

    def row(self, message_id: str) -> HeldRow | None:
        return self._rows.get(message_id)

    def show_problem(self, message_id: str, text: str) -> None:
        """A refused approve/remove: say why and make the row usable again."""
        row = self._rows.get(message_id)
        if row is not None:
            row.set_busy(False)
        self.feedback.setText(text)
        self.feedback.setVisible(bool(text))
