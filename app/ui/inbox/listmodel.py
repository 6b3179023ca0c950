"""The inbox list: a thin Qt model over the filtered inquiries, and the delegate painting rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QIcon, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.core.inbox_thread import InboxInquiry
from app.ui.inbox.look import (
    chip_font,
    clock_time,
    paint_chip,
    status_color,
    status_of,
    stream_moment,
)
from app.ui.theme import current_theme

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = int(Qt.ItemDataRole.UserRole) + 1
UNREAD_ROLE = int(Qt.ItemDataRole.UserRole) + 2
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 3
_PAD = 10


def _typed_default(role: int) -> Any:
    # Never None (PySide6 6.12 + Python 3.11 loses a reference to None per call): a typed
    # empty value for the roles views ask about, "" for the rest.
    roles = Qt.ItemDataRole
    defaults: dict[int, Any] = {
        int(roles.DecorationRole): QIcon(),
        int(roles.SizeHintRole): QSize(),
        int(roles.FontRole): QFont(),
        int(roles.BackgroundRole): QBrush(),
        int(roles.ForegroundRole): QBrush(),
        int(roles.TextAlignmentRole): int(Qt.AlignmentFlag.AlignLeft),
        int(roles.CheckStateRole): int(Qt.CheckState.Unchecked.value),
    }
    return defaults.get(role, "")


class InboxListModel(QAbstractListModel):
    """Rows are InboxInquiry objects owned by the Inbox; `now_ms` decides snooze wording."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[InboxInquiry] = []
        self._unread: frozenset[str] = frozenset()
        self.now_ms = 0

    def set_rows(self, rows: list[InboxInquiry], unread: frozenset[str], now_ms: int) -> bool:
        """Show these rows; True if the order changed (the view's selection was reset)."""
        self.now_ms = now_ms
        self._unread = unread
        same = [r.inquiry_id for r in rows] == [r.inquiry_id for r in self._rows]
        if same:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return _typed_default(role)
        item = self._rows[row]
        if role == ITEM_ROLE:
            return item
        if role == UNREAD_ROLE:
            return item.inquiry_id in self._unread
        if role == ID_ROLE:
            return item.inquiry_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            unread = (
                QCoreApplication.translate("Inbox", "unread") + ", "
                if item.inquiry_id in self._unread
                else ""
            )
            return (
                f"{unread}{item.user.name}, {item.service_title}, "
                f"{status_of(item.status, item, self.now_ms)}: {item.first_line}"
            )
        return _typed_default(role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_of(self, inquiry_id: str) -> int:
        for row, item in enumerate(self._rows):
            if item.inquiry_id == inquiry_id:
                return row
        return -1

    def item_at(self, row: int) -> InboxInquiry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class InboxRowDelegate(QStyledItemDelegate):
    """Paints a row as plain text: name, time, service and stream moment, status, first line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base_font = QFont()

    def set_font(self, font: QFont) -> None:
        self.base_font = QFont(font)

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        name = QFont(self.base_font)
        name.setPointSizeF(self.base_font.pointSizeF() * 1.15)
        name.setBold(True)
        small = QFont(self.base_font)
        small.setPointSizeF(self.base_font.pointSizeF() * 0.92)
        return name, QFont(self.base_font), small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        name, text, small = self._fonts()
        height = (
            QFontMetricsF(name).height()
            + QFontMetricsF(small).height()
            + QFontMetricsF(text).height()
            + 2 * _PAD
            + 6
        )
        return QSize(320, int(height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, InboxInquiry):
            return
        unread = bool(index.data(UNREAD_ROLE))
        model = index.model()
        now_ms = model.now_ms if isinstance(model, InboxListModel) else 0
        theme = current_theme()
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setClipRect(rect)
        background = theme.base
        if selected:
            background = QColor(theme.accent)
            background.setAlpha(48 if theme.is_dark else 28)
        elif hovered:
            background = theme.hover
        painter.fillRect(rect, theme.base)
        painter.fillRect(rect, background)
        if unread:
            painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), theme.accent)
        painter.fillRect(QRectF(rect.left(), rect.bottom() - 1, rect.width(), 1), theme.separator)

        name_font, text_font, small_font = self._fonts()
        if not unread:
            name_font.setBold(False)
            name_font.setWeight(QFont.Weight.DemiBold)
        left = rect.left() + _PAD + 8
        right = rect.right() - _PAD
        y = rect.top() + _PAD

        # Line 1: sender, and when they last wrote.
        when = clock_time(item.attention_ms(now_ms), now_ms or None)
        painter.setFont(small_font)
        small_metrics = QFontMetricsF(small_font)
        when_width = small_metrics.horizontalAdvance(when) + 2
        painter.setPen(theme.accent if unread else theme.time_text)
        name_height = QFontMetricsF(name_font).height()
        painter.drawText(
            QRectF(right - when_width, y, when_width, name_height),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            when,
        )
        painter.setFont(name_font)
        painter.setPen(theme.text)
        name_room = right - when_width - left - 8
        name = QFontMetricsF(name_font).elidedText(
            item.user.name, Qt.TextElideMode.ElideRight, name_room
        )
        painter.drawText(
            QRectF(left, y, name_room, name_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name,
        )
        y += name_height + 3

        # Line 2: service and stream moment, status chip on the right.
        chip_text = status_of(item.status, item, now_ms)
        small_height = small_metrics.height()
        chip = paint_chip(
            painter,
            QPointF(right, y + small_height / 2),
            chip_text,
            status_color(item.status),
            chip_font(self.base_font),
        )
        painter.setFont(small_font)
        painter.setPen(theme.dim_text)
        meta = f"{item.service_title} · {stream_moment(item)}"
        meta_room = chip.left() - left - 8
        painter.drawText(
            QRectF(left, y, meta_room, small_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, meta_room),
        )
        y += small_height + 3

        # Line 3: the question's first line, as typed (plain text, never markup).
        painter.setFont(text_font)
        painter.setPen(theme.text if unread else theme.dim_text)
        text_metrics = QFontMetricsF(text_font)
        painter.drawText(
            QRectF(left, y, right - left, text_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text_metrics.elidedText(item.first_line, Qt.TextElideMode.ElideRight, right - left),
        )
        painter.restore()
