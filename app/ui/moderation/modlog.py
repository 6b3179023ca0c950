"""The moderation log: who did what to whom, when and why, newest on top.

Item-based (QTreeWidget): at most LOG_LIMIT rows that change a few times a minute, so a
Python item model buys nothing, and Qt's own items keep typed roles (check state, fonts)
empty instead of guessing them from Python values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.moderation import LogEntry, ModerationLog
from app.ui.moderation.describe import action_text, clock_text, log_line
from app.ui.safetext import plain_tooltip

ENTRY_ROLE = int(Qt.ItemDataRole.UserRole) + 1
NAME_COLUMN_PX = 130


class ModLogPanel(QWidget):
    """Title, filter box and the log; double-click a row to open the target's user card."""

    target_activated = Signal(object)  # LogEntry

    def __init__(self, log: ModerationLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modLogPanel")
        self.log = log
        self._shown: list[LogEntry] = []
        self.title = QLabel(self.tr("Moderation log"), self)
        self.title.setObjectName("paneTitle")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("modLogFilter")
        self.filter.setPlaceholderText(self.tr("Filter: name, action, reason"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.table = QTreeWidget(self)
        self.table.setObjectName("modLogTable")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Target"),
                self.tr("Reason"),
            ]
        )
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        # Time and action are short and fixed; names are the users' and can be long.
        fit, drag = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Interactive
        for column, mode in enumerate((fit, drag, fit, drag)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(1, NAME_COLUMN_PX)
        header.resizeSection(3, NAME_COLUMN_PX)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # A narrow column scrolls to the reason rather than cutting it off.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.itemDoubleClicked.connect(self._activated)
        self.empty = QLabel(self.tr("No moderation actions yet."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.refresh()

    def refresh(self) -> None:
        """Show the log's entries: new ones are added on top, the rest stay as they are."""
        entries = self.log.entries()
        if entries[len(entries) - len(self._shown) :] != self._shown:
            self.table.clear()
            self._shown = []
        fresh = entries[: len(entries) - len(self._shown)]
        self.table.insertTopLevelItems(0, [self._item(entry) for entry in fresh])
        while self.table.topLevelItemCount() > len(entries):
            self.table.takeTopLevelItem(self.table.topLevelItemCount() - 1)
        self._shown = entries
        self._apply_filter(self.filter.text())
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)

    def row_texts(self, row: int) -> list[str]:
        item = self.table.topLevelItem(row)
        if item is None:
            return []
        return [item.text(column) for column in range(self.table.columnCount())]

    def _item(self, entry: LogEntry) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                clock_text(entry.ts),
                entry.actor.name,
                action_text(entry),
                entry.target_name,
                entry.reason,
            ]
        )
        item.setData(0, ENTRY_ROLE, entry)
        # Item tooltips are guessed as rich text; names and reasons come from users.
        tip = plain_tooltip(log_line(entry))
        for column in range(5):
            item.setToolTip(column, tip)
        return item

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is None:
                continue
            line = " ".join(item.text(c) for c in range(5)).casefold()
            item.setHidden(bool(words) and not all(word in line for word in words))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry = item.data(0, ENTRY_ROLE)
        if isinstance(entry, LogEntry) and entry.target_user_id:
            self.target_activated.emit(entry)
