"""RowListView: a QListView whose geometry is a RowHeights list, kept in step by subclasses."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from app.ui.chat.geometry import RowHeights
from app.ui.steadyscrollbar import SteadyScrollBar

Index = QModelIndex | QPersistentModelIndex


class RowListView(QListView):
    """A QListView that answers every geometry question from `self._rows`.

    QListView relays out every row (one Python sizeHint call each) on every insert or
    removal: ~7 ms per append at 2,000 rows even with a no-op sizeHint, which at 60
    appends/s eats most of a core. Here QListView's own layout never runs; the geometry
    virtuals (visualRect, indexAt, scrollTo...) read `_rows`, which the subclass keeps in
    step with the model. Accessibility and other Qt callers use the same virtuals.

    Scrolling blits (the viewport is opaque); `_no_blit` is for scroll changes that only
    make up for rows added or removed above the view, where the screen must not move.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = RowHeights()
        self._adjusting = 0  # scroll changes made by the view itself, not the user
        self._no_blit = False
        self.scroll_step = 36  # pixels per wheel notch / arrow key
        # Rows appended while following change the range, not the look: no repaint then.
        self._steady_bar = SteadyScrollBar(Qt.Orientation.Vertical, self)
        self.setVerticalScrollBar(self._steady_bar)

    def _configure(self) -> None:
        """Call at the end of the subclass's __init__: these setters already call the
        geometry virtuals, which need the subclass's state."""
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Subclasses paint every pixel; opaque lets Qt scroll by blitting.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def _update_scroll_range(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        self._adjusting += 1
        try:
            bar.setRange(0, self._rows.max_value(page))
            bar.setPageStep(max(1, page))
            bar.setSingleStep(self.scroll_step)
        finally:
            self._adjusting -= 1

    def _scroll_to(self, value: int) -> None:
        self._adjusting += 1
        try:
            self.verticalScrollBar().setValue(value)
        finally:
            self._adjusting -= 1

    def viewportSizeHint(self) -> QSize:
        return QSize(320, 240)

    def visualRect(self, index: Index) -> QRect:
        row = index.row()
        if not index.isValid() or index.parent() != self.rootIndex() or row >= len(self._rows):
            return QRect()
        top = self._rows.top(row) - self.verticalScrollBar().value()
        return QRect(0, top, self.viewport().width(), self._rows.height(row))

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        row = self._rows.row_at(point.y() + self.verticalScrollBar().value())
        if model is None or row < 0 or row >= model.rowCount(self.rootIndex()):
            return QModelIndex()
        return model.index(row, 0, self.rootIndex())

    def scrollTo(
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return
        top, height = self._rows.top(row), self._rows.height(row)
        bar, page = self.verticalScrollBar(), self.viewport().height()
        targets = {
            QAbstractItemView.ScrollHint.PositionAtTop: top,
            QAbstractItemView.ScrollHint.PositionAtBottom: top + height - page,
            QAbstractItemView.ScrollHint.PositionAtCenter: top + (height - page) // 2,
        }
        if hint in targets:
            bar.setValue(targets[hint])
        elif top < bar.value():
            bar.setValue(top)
        elif top + height > bar.value() + page:
            bar.setValue(top + height - page)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if not self._no_blit:
            self.viewport().scroll(0, dy)  # a blit; only the uncovered strip is repainted

    def moveCursor(
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        return QModelIndex()  # navigation keys scroll the view (keyPressEvent)

    def isIndexHidden(self, index: Index) -> bool:
        return False

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        return

    def visualRegionForSelection(self, selection: object) -> QRegion:
        return QRegion()
