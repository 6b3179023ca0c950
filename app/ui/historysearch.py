"""The History page: search every past session's chat kept in the local store.

Results are a table — When / Room / From / Message / Matched — with the searched words
highlighted in the message. Enter or a double-click opens the message in its context: the
lines around it in that room and session.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.historyquery import (
    HistoryQuery,
    MatchReason,
    highlight_spans,
    match_reasons,
    parse_history_query,
    search_words,
)
from app.store.history import StoredMessage
from app.ui import formatting
from app.ui.safetext import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
Search = Callable[[HistoryQuery, int], "asyncio.Future[list[StoredMessage]]"]
Context = Callable[[StoredMessage], "asyncio.Future[list[StoredMessage]]"]

HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1  # list of (start, end) in the message text
MESSAGE_COLUMN = 3
_DOC_MARGIN = 3

_SERVED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        HIGHLIGHT_ROLE,
    }
)

_REASONS: dict[MatchReason, object] = {
    "message": QT_TRANSLATE_NOOP("HistoryModel", "words in message"),
    "sender": QT_TRANSLATE_NOOP("HistoryModel", "sender (from:)"),
    "badge": QT_TRANSLATE_NOOP("HistoryModel", "badge filter"),
    "room": QT_TRANSLATE_NOOP("HistoryModel", "room filter"),
}


class HistoryModel(QAbstractTableModel):
    """Search results: when, room, who, message, why it matched — plain text only.

    Roles it does not serve answer None (an empty string for CheckStateRole would make Qt
    draw a check box in every cell). Returning None from this Python override is safe on
    the pinned PySide6 (<6.12; see pyproject.toml and test_history_model_none_keeps_refcount).
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Room"),
        QT_TRANSLATE_NOOP("HistoryModel", "From"),
        QT_TRANSLATE_NOOP("HistoryModel", "Message"),
        QT_TRANSLATE_NOOP("HistoryModel", "Matched"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StoredMessage] = []
        self._words: list[str] = []
        self._reasons: tuple[MatchReason, ...] = ()
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self.target_id: str | None = None  # a row shown bold: the context dialog's message
        self.times_only = False  # the context dialog: one session, the clock time says enough

    def set_rows(self, rows: list[StoredMessage], query: HistoryQuery | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._words = search_words(query) if query is not None else []
        self._reasons = match_reasons(query) if query is not None else ()
        self._spans = {}
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
        return None

    def spans(self, row: int) -> list[tuple[int, int]]:
        spans = self._spans.get(row)
        if spans is None:
            spans = highlight_spans(self.message_text(self._rows[row]), self._words)
            self._spans[row] = spans
        return spans

    def message_text(self, message: StoredMessage) -> str:
        return (self.tr("[deleted] ") + message.text) if message.deleted else message.text

    def reason_text(self) -> str:
        return ", ".join(
            QCoreApplication.translate("HistoryModel", str(_REASONS[r])) for r in self._reasons
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell, many times: answer the rest at once.
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        message = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if self.times_only:
                    return formatting.time_of_day(message.ts, seconds=True)
                return formatting.date_time(message.ts)
            if column == 1:
                return self.tr("Below Room") if message.room == "below" else self.tr("Public")
            if column == 2:
                return message.user_name
            if column == MESSAGE_COLUMN:
                return self.message_text(message)
            return self.reason_text()
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips guess rich text from a leading tag; the names and texts are users'.
            return plain_tooltip(str(self.data(index, Qt.ItemDataRole.DisplayRole)))
        if role == HIGHLIGHT_ROLE and column == MESSAGE_COLUMN:
            return self.spans(index.row())
        if role == Qt.ItemDataRole.FontRole and message.message_id == self.target_id:
            font = QCoreApplication.instance().font()  # type: ignore[union-attr]
            font.setBold(True)
            return font
        return None


class HighlightDelegate(QStyledItemDelegate):
    """Paints a message as plain text, wrapped, with the searched words highlighted.

    The text goes into a QTextDocument with setPlainText (never parsed as markup); the
    highlight is a character format over the matched spans."""

    def _document(self, option: QStyleOptionViewItem, index: Index, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(_DOC_MARGIN)
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        doc.setPlainText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        doc.setTextWidth(max(width, 20.0))
        spans = index.data(HIGHLIGHT_ROLE) or []
        if spans:
            palette = option.palette
            mark = QTextCharFormat()
            mark.setBackground(palette.color(QPalette.ColorRole.Highlight).lighter(160))
            mark.setForeground(palette.color(QPalette.ColorRole.Text))
            mark.setFontWeight(700)
            cursor = QTextCursor(doc)
            for start, end in spans:
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(mark)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect
        doc = self._document(opt, index, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        width = 400.0
        if isinstance(widget, QTableView):
            width = float(widget.columnWidth(index.column()))
        # Most chat lines fit on one line: measured without laying out a document (a search
        # shows up to 500 rows). The highlight is bold, so measure in bold to be safe.
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bold = QFont(opt.font)
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        if "\n" not in text and metrics.horizontalAdvance(text) + 2 * _DOC_MARGIN < width:
            return QSize(int(width), int(metrics.height() + 2 * _DOC_MARGIN) + 1)
        doc = self._document(opt, index, width)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 1)


def _results_table(parent: QWidget, model: HistoryModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setItemDelegateForColumn(MESSAGE_COLUMN, HighlightDelegate(table))
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == MESSAGE_COLUMN
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return table


class HistoryContextDialog(QDialog):
    """A found message among the lines around it in its room and session; it is selected."""

    def __init__(
        self, message: StoredMessage, lines: list[StoredMessage], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyContext")
        self.setWindowTitle(self.tr("Message in context"))
        room = self.tr("Below Room") if message.room == "below" else self.tr("Public")
        title = QLabel(
            self.tr("{0} · {1} · the lines around it in that session").format(
                room, formatting.day_time(message.ts)
            ),
            self,
        )
        title.setTextFormat(Qt.TextFormat.PlainText)
        self.model = HistoryModel(self)
        self.model.target_id = message.message_id
        self.model.times_only = True
        self.model.set_rows(lines)
        self.table = _results_table(self, self.model)
        self.table.setColumnHidden(1, True)  # one room
        self.table.setColumnHidden(4, True)  # nothing was searched here
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.table.resizeRowsToContents()
        target = next(
            (n for n, line in enumerate(lines) if line.message_id == message.message_id), 0
        )
        self.target_row = target
        self.table.selectRow(target)
        self.table.scrollTo(self.model.index(target, 0), QTableView.ScrollHint.PositionAtCenter)


class HistorySearchPage(QWidget):
    """Query line (with from:/in:/badge:), result count, results table."""

    searched = Signal(int)  # number of results
    context_shown = Signal(object)  # the HistoryContextDialog that opened

    def __init__(
        self, search: Search, context: Context | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._context = context
        self._generation = 0
        self.context_dialog: HistoryContextDialog | None = None
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
        self.table = _results_table(self, self.model)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self.open_context(index.row()))
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

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            current = self.table.currentIndex()
            if current.isValid():
                self.open_context(current.row())
                return True
        return super().eventFilter(watched, event)

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
            self.model.set_rows(rows, query)
            elapsed_ms = round((time.perf_counter() - started) * 1000)
            if len(rows) >= 500:
                text = self.tr("Newest %Ln messages shown (there are more)", "", len(rows))
            else:
                text = self.tr("%Ln message(s) found", "", len(rows))
            text += " · " + self.tr("{0} ms").format(formatting.number(elapsed_ms))
            if rows:
                text += " · " + self.tr("Enter or double-click: show in context")
            self.status.setText(text)
            self.table.resizeRowsToContents()
            if rows:
                self.table.selectRow(0)
            self.searched.emit(len(rows))

        future.add_done_callback(done)

    def open_context(self, row: int) -> None:
        """Show the result at `row` among the lines around it (asks the store)."""
        if self._context is None or not 0 <= row < self.model.rowCount():
            return
        message = self.model.row(row)
        future = self._context(message)

        def done(fut: asyncio.Future[list[StoredMessage]]) -> None:
            if fut.cancelled():
                return
            error = fut.exception()
            if error is not None:
                self.status.setText(self.tr("Could not load the context: {0}").format(error))
                return
            if self.context_dialog is not None:
                self.context_dialog.close()
            dialog = HistoryContextDialog(message, fut.result(), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda: setattr(self, "context_dialog", None))
            self.context_dialog = dialog
            dialog.show()
            self.context_shown.emit(dialog)

        future.add_done_callback(done)
