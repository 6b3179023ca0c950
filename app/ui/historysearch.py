"""The History page: search every past session's chat kept in the local store."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.core.historyquery import HistoryQuery, parse_history_query
from app.store.history import StoredMessage
from app.ui.safetext import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
Search = Callable[[HistoryQuery, int], "asyncio.Future[list[StoredMessage]]"]


class HistoryModel(QAbstractTableModel):
    """Search results: when, room, who, message — plain text only."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Room"),
        QT_TRANSLATE_NOOP("HistoryModel", "From"),
        QT_TRANSLATE_NOOP("HistoryModel", "Message"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StoredMessage] = []

    def set_rows(self, rows: list[StoredMessage]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int) -> StoredMessage:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("HistoryModel", str(self.COLUMNS[section]))
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips guess rich text from a leading tag; the names and texts are users'.
            return plain_tooltip(str(self.data(index, Qt.ItemDataRole.DisplayRole)))
        message = self._rows[index.row()]
        column = index.column()
        if column == 0:
            when = QDateTime.fromMSecsSinceEpoch(message.ts)
            return when.toString("yyyy-MM-dd HH:mm")
        if column == 1:
            return self.tr("Below Room") if message.room == "below" else self.tr("Public")
        if column == 2:
            return message.user_name
        text = message.text
        if message.deleted:
            text = self.tr("[deleted] ") + text
        return text


class HistorySearchPage(QWidget):
    """Query line (with from:/in:/badge:), result count, results table."""

    searched = Signal(int)  # number of results

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._generation = 0
        self.query = QLineEdit(self)
        self.query.setObjectName("historyQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(
            self.tr("Search all past sessions — e.g. from:mia in:below badge:member price")
        )
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("hintText")
        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._debounce.start())
        self.query.returnPressed.connect(self.run_search)
        self._show_hint()

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def _show_hint(self) -> None:
        self.status.setText(
            self.tr("Type to search. from:name · in:public / in:below · badge:member / badge:mod")
        )

    def run_search(self) -> None:
        query = parse_history_query(self.query.text())
        if query.problems:
            self.status.setText("; ".join(query.problems))
            return
        if query.is_empty:
            self.model.set_rows([])
            self._show_hint()
            return
        self._generation += 1
        generation = self._generation
        started = time.perf_counter()
        future = self._search(query, 500)

        def done(fut: asyncio.Future[list[StoredMessage]]) -> None:
            if generation != self._generation or fut.cancelled():
                return  # a newer search replaced this one
            error = fut.exception()
            if error is not None:
                self.status.setText(self.tr("Search failed: {0}").format(error))
                return
            rows = fut.result()
            self.model.set_rows(rows)
            elapsed_ms = (time.perf_counter() - started) * 1000
            more = self.tr(" (newest 500 shown)") if len(rows) >= 500 else ""
            self.status.setText(
                self.tr("{0} messages found in {1} ms").format(len(rows), round(elapsed_ms)) + more
            )
            self.table.resizeRowsToContents()
            self.searched.emit(len(rows))

        future.add_done_callback(done)
