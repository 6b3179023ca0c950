"""The on-camera queue: Below Room questions the creator will answer on camera, oldest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.protocol.frames import QueuedQuestion
from app.protocol.payloads import OnCameraChanged
from app.ui.safetext import isolated

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OnCameraPanel(QWidget):
    """Shows queued questions; the creator marks the current one answered (Ctrl+Return)."""

    answered_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onCameraPanel")
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        font = QFont(self.list.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.list.setFont(font)
        self.empty = QLabel(
            self.tr("No questions queued.\nRight-click a Below Room message → Answer on camera."),
            self,
        )
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("emptyState")
        self.answer_button = QPushButton(self.tr("Mark answered"), self)
        self.answer_button.setToolTip(self.tr("Mark the selected question answered (Ctrl+Return)"))
        self.answer_button.setShortcut("Ctrl+Return")
        self.answer_button.clicked.connect(self._answer_selected)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self._refresh()

    def apply(self, change: OnCameraChanged) -> None:
        """Add a queued question or remove an answered one (idempotent)."""
        row = self._row_of(change.message_id)
        if change.status == "queued" and row is None:
            self._add(change.message_id, change.user.name, change.text)
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
        elif change.status == "answered" and row is not None:
            self.list.takeItem(row)
        self._refresh()

    def set_queue(self, questions: Sequence[QueuedQuestion]) -> None:
        """The server's queue after a (re)connect: what was queued before stays answerable."""
        keep = self.list.currentItem()
        current = keep.data(_ID_ROLE) if keep is not None else None
        self.list.clear()
        for question in questions:
            self._add(question.message_id, question.user.name, question.text)
        row = self._row_of(current) if current is not None else None
        self.list.setCurrentRow(row if row is not None else (0 if self.list.count() else -1))
        self._refresh()

    def _add(self, message_id: str, name: str, text: str) -> None:
        item = QListWidgetItem(f"{isolated(name)}: {isolated(text)}")  # bidi-safe
        item.setData(_ID_ROLE, message_id)
        item.setToolTip("")  # the text is shown in full; no rich-text tooltip
        self.list.addItem(item)

    def queued_ids(self) -> list[str]:
        return [str(self.list.item(i).data(_ID_ROLE)) for i in range(self.list.count())]

    def _row_of(self, message_id: str) -> int | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(_ID_ROLE) == message_id:
                return i
        return None

    def _answer_selected(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is not None:
            self.answered_requested.emit(str(item.data(_ID_ROLE)))

    def _refresh(self) -> None:
        count = self.list.count()
        self.title.setText(self.tr("On camera · {0} queued").format(count))
        self.list.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        self.answer_button.setEnabled(count > 0)
