"""The session feed as a list: a thin model over SessionFeed and a delegate that paints rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.core.giftfeed import FeedItem, SessionFeed
from app.ui import formatting
from app.ui.alerts.card import MEMBER_ICON, VARIATION_COLORS, has_emoji_font
from app.ui.theme import current_theme

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class FeedModel(QAbstractListModel):
    """Newest first. `refresh()` re-reads the feed when its version moved (a few times a second
    at most: the controller coalesces)."""

    def __init__(self, feed: SessionFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed = feed
        self._rows: list[FeedItem] = []
        self._version = -1

    def refresh(self) -> bool:
        if self.feed.version == self._version:
            return False
        self.beginResetModel()
        self._rows = list(reversed(self.feed.items))
        self._version = self.feed.version
        self.endResetModel()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(item)
        return None

    def item_at(self, row: int) -> FeedItem:
        return self._rows[row]


def describe(item: FeedItem) -> str:
    """One plain line for a feed item (the accessible text, and what tests read)."""
    if item.kind == "member":
        what = f"renewed, month {item.months}" if item.renewed else "joined"
        return f"{item.user.name} {what} Below Room (tier {item.tier})"
    gift = item.gift.name if item.gift else "gift"
    running = "" if item.final else " (combo running)"
    return f"{item.user.name} sent {gift} × {item.count} = {item.diamonds} diamonds{running}"


class FeedDelegate(QStyledItemDelegate):
    """Two lines per item: the icon, the sender with the value and time right-aligned, and
    under them what they did. On one line the column had room for "joined Below R…"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._emoji = has_emoji_font()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, max(44, int(option.fontMetrics.height() * 1.15 * 2.6)))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, FeedItem):
            return
        theme = current_theme()
        painter.save()
        rect = QRect(option.rect)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, theme.hover)
        painter.setPen(theme.separator)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        fm = painter.fontMetrics()
        x = rect.left() + 8
        icon = MEMBER_ICON if item.kind == "member" else (item.gift.icon if item.gift else "")
        if icon and self._emoji:
            painter.drawText(
                QRect(x, rect.top(), 28, rect.height()), Qt.AlignmentFlag.AlignCenter, icon
            )
        x += 34
        # The first line: sender, value, time; the second: what they did.
        half = rect.height() // 2
        top_line = QRect(rect.left(), rect.top() + 2, rect.width(), half - 2)
        second = QRect(rect.left(), rect.top() + half, rect.width(), half - 2)

        if item.kind == "member":
            if item.renewed:
                value = self.tr("month {0}").format(item.months)
                what = self.tr("renewed · tier {0}").format(item.tier)
            else:
                value = self.tr("NEW")
                what = self.tr("joined Below Room · tier {0}").format(item.tier)
            value_color = QColor(VARIATION_COLORS["member"])
            if theme.is_dark:
                value_color = value_color.lighter(150)
        else:
            value = f"💎 {formatting.number(item.diamonds)}"
            value_color = theme.text
            name = item.gift.name if item.gift else ""
            what = f"{name} × {formatting.number(item.count)}"
        time_text = formatting.time_of_day(item.ts_ms)
        time_w = fm.horizontalAdvance(time_text) + 8
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        value_w = painter.fontMetrics().horizontalAdvance(value) + 8
        right = rect.right() - 6
        painter.setPen(theme.time_text)
        painter.setFont(font)
        painter.drawText(
            QRect(right - time_w, top_line.top(), time_w, top_line.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            time_text,
        )
        right -= time_w + 6
        painter.setFont(bold)
        painter.setPen(value_color)
        painter.drawText(
            QRect(right - value_w, top_line.top(), value_w, top_line.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            value,
        )
        right -= value_w + 6
        # Sender (bold, their stable colour), elided only past the whole line's room.
        available = max(right - x, 0)
        name_text = painter.fontMetrics().elidedText(
            item.user.name, Qt.TextElideMode.ElideRight, available
        )
        painter.setPen(theme.name_color(item.user.id))
        painter.drawText(
            QRect(x, top_line.top(), available, top_line.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_text,
        )
        painter.setFont(font)
        if item.kind == "gift" and not item.final:
            # A streak still running: a filled "live" dot before the count (an ellipsis
            # would read as text cut off).
            dot = max(8, int(fm.height() * 0.45))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(VARIATION_COLORS["medium"]))  # as the card's COMBO
            painter.drawEllipse(x, second.center().y() - dot // 2, dot, dot)
            x += dot + 6
        painter.setPen(theme.text if item.final else theme.dim_text)
        what_w = max(rect.right() - 6 - x, 0)
        what_text = fm.elidedText(what, Qt.TextElideMode.ElideRight, what_w)
        painter.drawText(
            QRect(x, second.top(), what_w, second.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            what_text,
        )
        painter.restore()


class FeedView(QListView):
    def __init__(self, model: FeedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertFeed")
        self.setModel(model)
        self.setItemDelegate(FeedDelegate(self))
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setToolTip(self.tr("Double-click a gift to replay its alert"))
