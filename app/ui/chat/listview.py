"""ChatView: the chat list; lays out only what is seen, follows the newest line, pauses on hover."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QListView,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.chat.delegate import ChatDelegate
from app.ui.chat.geometry import Anchor
from app.ui.chat.model import LINE_ROLE, REPLY_ROLE, ChatLine, ChatModel, LineSource
from app.ui.rowlistview import RowListView
from app.ui.theme import current_theme

Index = QModelIndex | QPersistentModelIndex
BOTTOM_SLACK_PX = 4
# The pointer pauses chat only while it moves (the creator is reading): after this many
# seconds of stillness the chat moves on under it. A setting ("chat_hover_pause_s"); 0: off.
HOVER_PAUSE_S = 3.0


class ChatView(RowListView):
    """The chat list (a QListView, see RowListView for why its geometry is its own).

    Rows get an estimated height when they arrive and are laid out (measured) only when
    they come into view, so appending a batch costs the new rows in view, not the window.

    Following: the view sticks to the newest line while scrolled to the bottom, unless the
    creator is reading: the pointer moved over it (or wheeled) within `hover_pause_s`, or a
    line's menu is open. A pointer left resting there (hands on the keyboard) releases the
    chat after `hover_pause_s` of stillness. `following_changed` reports changes; the owner
    holds new lines meanwhile. `jump_to_newest` resumes.
    """

    following_changed = Signal(bool)
    top_reached = Signal()
    line_menu_requested = Signal(object, QPoint)  # ChatLine, global position
    retry_clicked = Signal(str)  # local id of a failed line
    line_clicked = Signal(object, QPoint)  # ChatLine, global position (left click on its name)
    text_typed = Signal(str)  # printable keys typed while the list has focus
    resized = Signal()  # (for what floats over the list: an event filter would see each event)

    def __init__(self, delegate: ChatDelegate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = delegate or ChatDelegate(parent=self)
        self.setItemDelegate(self._delegate)
        self._source: LineSource | None = None
        self._layout_width = -1
        self._following = True
        self._hovered = False
        self._hover_pause_off = False
        self.hover_pause_s = HOVER_PAUSE_S
        self.clock = time.monotonic  # seconds; tests put a fake clock here
        self._moved_at = float("-inf")
        self._pointer_at: QPointF | None = None
        self._stillness = QTimer(self)
        self._stillness.setSingleShot(True)
        self._stillness.timeout.connect(self.release_if_still)
        self._hover_row = -1
        self._menu_row = -1
        self._press_row = -1
        self._top_signalled = False
        self._removal_anchor: Anchor | None = None
        self._removed_above = False
        self._first_measured = 0
        self._empty_text = self.tr("No messages yet — chat will appear here")
        self.rows_measured = 0  # rows whose text was laid out (tests, benchmarks)
        self.last_paint_ms = 0.0  # how long the last paint took (the batcher paces by it)
        # Model changes must not start another model change from inside their signals.
        self._follow_check = QTimer(self)
        self._follow_check.setSingleShot(True)
        self._follow_check.setInterval(0)
        self._follow_check.timeout.connect(self._update_following)
        self._configure()
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._delegate.layout_changed.connect(self.relayout)

    # --- public ----------------------------------------------------------------------

    @property
    def chat_delegate(self) -> ChatDelegate:
        return self._delegate

    @property
    def following(self) -> bool:
        return self._following

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.viewport().update()

    def empty_text(self) -> str:
        return self._empty_text

    def jump_to_newest(self) -> None:
        """Scroll to the newest line and follow again, even under the pointer."""
        self._hover_pause_off = True
        self._menu_row = -1
        was_following, self._following = self._following, True
        self._settle(None)
        if not was_following:
            self.following_changed.emit(True)  # the owner releases held lines now

    def set_menu_row(self, row: int) -> None:
        """Highlight the line a context menu is open for; chat pauses meanwhile (-1: none)."""
        self._menu_row = row
        self.viewport().update()
        self._update_following()

    def relayout(self) -> None:
        """Re-estimate every row (width, font or model changed), keeping the reader's place."""
        self.scroll_step = max(12, int(self._delegate.text_font.pointSizeF() * 3))
        anchor = self._anchor()
        self._layout_width = self.viewport().width()
        count = self._row_count()
        self._rows.reset(self._estimates(0, count - 1) if count else [])
        self._settle(anchor)

    def rows_on_screen(self) -> int:
        """How many rows the viewport shows now (partly shown ones count)."""
        if not len(self._rows):
            return 0
        first, last = self._rows.visible(self.verticalScrollBar().value(), self.viewport().height())
        return last - first + 1

    def line_at(self, row: int) -> ChatLine | None:
        if not 0 <= row < self._row_count():
            return None
        if self._source is not None:
            return self._source.line_at(row)
        line = self.model().index(row, 0, self.rootIndex()).data(LINE_ROLE)
        return line if isinstance(line, ChatLine) else None

    # --- geometry --------------------------------------------------------------------

    def _row_count(self) -> int:
        model = self.model()
        return 0 if model is None else model.rowCount(self.rootIndex())

    def _lines(self, first: int, last: int) -> list[ChatLine | None]:
        if isinstance(self._source, ChatModel):
            return list(self._source.lines_between(first, last))
        return [self.line_at(row) for row in range(first, last + 1)]

    def _reply(self, line: ChatLine, row: int) -> str:
        if not line.reply_to:
            return ""
        if self._source is not None:
            return self._source.reply_context(line)
        value = self.model().index(row, 0, self.rootIndex()).data(REPLY_ROLE)
        return value if isinstance(value, str) else ""

    def _estimates(self, first: int, last: int) -> list[int]:
        return self._delegate.estimate_heights(self._lines(first, last), self._layout_width)

    def _measure(self, row: int) -> int:
        self.rows_measured += 1
        self._first_measured = min(self._first_measured, row)
        line = self.line_at(row)
        if line is None:
            return 0
        return self._delegate.height_for(line, self._layout_width, self._reply(line, row))

    def _anchor(self) -> Anchor | None:
        """Where the reader is, or None when following (the bottom is the place then)."""
        if self._following or not len(self._rows):
            return None
        return self._rows.anchor_at(self.verticalScrollBar().value())

    def _settle(
        self, anchor: Anchor | None, dirty_from: int | None = 0, *, compensate: bool = False
    ) -> None:
        """After any geometry change: measure what is in view, fix the scroll range and
        position (the bottom when following, else the anchor row stays put), repaint.

        dirty_from: content y from which rows changed (None: no row in view changed).
        compensate: the scroll only makes up for rows added or removed above the view, so
        what is on screen stays as it is: no blit, no repaint. Appending while following
        thus repaints only the new rows Qt scrolls into view, not the whole list.
        """
        page = self.viewport().height()
        self._first_measured = len(self._rows)
        value = self._rows.settle(
            self.verticalScrollBar().value(), page, anchor, self._following, self._measure
        )
        self._no_blit = compensate  # also while a smaller range clamps the value
        try:
            with self._steady_bar.held():  # range and value: one look, one repaint at most
                self._update_scroll_range()
                self._scroll_to(value)
        finally:
            self._no_blit = False
        self._follow_check.start()
        if self._first_measured < len(self._rows):
            first_changed = self._rows.top(self._first_measured)
            dirty_from = first_changed if dirty_from is None else min(dirty_from, first_changed)
        if dirty_from is not None:
            top = max(0, dirty_from - self.verticalScrollBar().value())
            self.viewport().update(QRect(0, top, self.viewport().width(), page - top + 1))

    # --- model changes (QListView's own layout is bypassed on purpose) --------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old_selection, old_model = self.selectionModel(), self.model()
        if old_model is not None:
            old_model.rowsRemoved.disconnect(self._rows_removed)
        super().setModel(model)
        if model is not None:
            model.rowsRemoved.connect(self._rows_removed)
        if old_selection is not None:
            old_selection.deleteLater()  # QAbstractItemView leaves it to us
        self._source = model if isinstance(model, LineSource) else None
        self._hover_row = self._menu_row = -1
        self.relayout()

    def reset(self) -> None:
        QAbstractItemView.reset(self)
        self._hover_row = self._menu_row = -1
        self.relayout()

    def doItemsLayout(self) -> None:
        self.relayout()
        QAbstractItemView.doItemsLayout(self)

    def rowsInserted(self, parent: Index, start: int, end: int) -> None:
        QAbstractItemView.rowsInserted(self, parent, start, end)
        if parent != self.rootIndex():
            return
        if self._layout_width != self.viewport().width() or start > len(self._rows):
            self.relayout()
            return
        anchor = self._anchor()
        new = self._estimates(start, end)
        self._rows.insert(start, new)
        if start <= self._hover_row:
            self._hover_row = -1
        if anchor is not None and start <= anchor[0]:
            anchor = (anchor[0] + len(new), anchor[1])  # keep the reader's line in place
            if start == 0:
                self._top_signalled = False
            self._settle(anchor, None, compensate=True)
        else:
            self._settle(anchor, self._rows.top(start))

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        QAbstractItemView.rowsAboutToBeRemoved(self, parent, start, end)
        rows = self._rows
        if parent != self.rootIndex() or end >= len(rows):
            return
        anchor = self._anchor()
        self._removed_above = rows.top(end + 1) <= self.verticalScrollBar().value()
        if anchor is not None:
            row, offset = anchor
            if row > end:
                anchor = (row - (end - start + 1), offset)
            elif row >= start:
                anchor = (start, 0) if start < len(rows) - (end - start + 1) else None
        rows.remove(start, end)
        self._hover_row = -1
        # The model still has the rows until rowsRemoved: measuring now would read the
        # wrong lines, so the view settles there.
        self._removal_anchor = anchor

    def _rows_removed(self, parent: Index, _start: int, _end: int) -> None:
        if parent != self.rootIndex():
            return
        if self._removed_above and (self._removal_anchor is not None or self._following):
            self._settle(self._removal_anchor, None, compensate=True)
        else:
            self._settle(self._removal_anchor)

    def dataChanged(self, top_left: Index, bottom_right: Index, roles: Sequence[int] = ()) -> None:
        first, last = top_left.row(), bottom_right.row()
        if top_left.parent() == self.rootIndex() and 0 <= first <= last < len(self._rows):
            anchor = self._anchor()
            for row, estimate in zip(
                range(first, last + 1), self._estimates(first, last), strict=True
            ):
                self._rows.estimate(row, estimate)
            self._settle(anchor)
        QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))

    def updateGeometries(self) -> None:
        if len(self._rows) != self._row_count():
            self.relayout()
        else:
            self._update_scroll_range()
        QAbstractItemView.updateGeometries(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        QAbstractItemView.resizeEvent(self, event)
        if self.viewport().width() != self._layout_width:
            self.relayout()
        else:
            self._settle(self._anchor())
        self.resized.emit()

    # --- painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        started = time.perf_counter()
        try:
            self._paint(event)
        finally:
            self.last_paint_ms = (time.perf_counter() - started) * 1000

    def _paint(self, event: QPaintEvent) -> None:
        rows = self._rows
        if len(rows) != self._row_count():
            self.relayout()  # a model change we were not told about; paint what is true
        theme = current_theme()
        painter = QPainter(self.viewport())
        rect = event.rect()
        painter.fillRect(rect, theme.base)
        if not len(rows):
            self._delegate.paint_placeholder(painter, self.viewport().rect(), self._empty_text)
            painter.end()
            return
        value = self.verticalScrollBar().value()
        first = rows.row_at(rect.top() + value)
        last = rows.row_at(rect.bottom() + value)
        if first >= 0:
            last = len(rows) - 1 if last < 0 else last
            self._paint_rows(painter, first, last, value)
        painter.end()

    def _paint_rows(self, painter: QPainter, first: int, last: int, value: int) -> None:
        rows = self._rows
        todo = rows.unmeasured(first, last)
        if todo:
            # Only when painting outran _settle: measure now, fix the scroll range after.
            for row in todo:
                rows.measure(row, self._measure(row))
            self._follow_check.start()
            QTimer.singleShot(0, self._update_scroll_range)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        width = self.viewport().width()
        enabled = QStyle.StateFlag.State_Enabled
        hot_state = enabled | QStyle.StateFlag.State_MouseOver
        for row in range(first, last + 1):
            line = self.line_at(row)
            if line is None:
                continue
            option.rect = QRect(0, rows.top(row) - value, width, rows.height(row))
            hot = row in (self._hover_row, self._menu_row) and not line.is_gap
            option.state = hot_state if hot else enabled
            self._delegate.paint_line(painter, option, line, self._reply(line, row))

    # --- following, hover, scrolling -------------------------------------------------

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK_PX

    def set_hover_pause(self, seconds: float) -> None:
        """How long a moved pointer keeps the chat still (0: the pointer never pauses it)."""
        self.hover_pause_s = max(0.0, float(seconds))
        self._update_following()

    def pointer_reading(self) -> bool:
        """The pointer is over the chat and moved within `hover_pause_s`."""
        return (
            self._hovered
            and self.hover_pause_s > 0
            and self.clock() - self._moved_at < self.hover_pause_s
        )

    def _pointer_moved(self, global_pos: QPointF | None = None) -> None:
        # Only real movement counts: Qt also reports moves when content shifts under a
        # pointer that stands still.
        if global_pos is not None:
            if global_pos == self._pointer_at:
                return
            self._pointer_at = QPointF(global_pos)
        self._moved_at = self.clock()
        if self.hover_pause_s > 0:
            self._stillness.start(int(self.hover_pause_s * 1000) + 20)
        self._update_following()

    def release_if_still(self) -> None:
        """The stillness timer: let the chat move on when the pointer stopped long enough."""
        left = self._moved_at + self.hover_pause_s - self.clock()
        if self._hovered and self.hover_pause_s > 0 and left > 0:
            self._stillness.start(int(left * 1000) + 20)  # moved again meanwhile
        self._update_following()

    def _update_following(self) -> None:
        # Hovering pauses only a pane with something to read: an empty pane under a
        # resting pointer would otherwise hold back its very first messages.
        hover_pause = self.pointer_reading() and not self._hover_pause_off and len(self._rows) > 0
        paused = hover_pause or self._menu_row >= 0
        following = self._at_bottom() and not paused
        if following != self._following:
            self._following = following
            self.following_changed.emit(following)

    def _on_scrolled(self, value: int) -> None:
        if self._adjusting:
            return
        at_top = value <= 0
        page = self.viewport().height()
        measured, shift = self._rows.measure_visible(value, page, self._measure)
        if measured:
            # Newly measured rows above what the reader was looking at push it down; scroll
            # with them, except at the very top, which is where the reader wants to be.
            self._no_blit = True  # rows in view changed height: repaint them all instead
            try:
                self._update_scroll_range()
                self._scroll_to(0 if at_top else self.verticalScrollBar().value() + shift)
            finally:
                self._no_blit = False
            self.viewport().update()
        if at_top:
            self._signal_top()
        elif value > self.viewport().height() // 2:
            self._top_signalled = False
        self._update_following()

    def _signal_top(self) -> None:
        if not self._top_signalled and len(self._rows):
            self._top_signalled = True
            self.top_reached.emit()

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Enter:
            self._hovered = True
            self._pointer_moved(getattr(event, "globalPosition", lambda: None)())
        elif kind == QEvent.Type.Leave:
            self._hovered = False
            self._pointer_at = None
            self._stillness.stop()
            self._hover_pause_off = False
            self._set_hover_row(-1)
            self._update_following()
        return super().viewportEvent(event)

    def _row_under(self, point: QPoint) -> int:
        return self._rows.row_at(point.y() + self.verticalScrollBar().value())

    def _failed_line_at(self, point: QPoint) -> ChatLine | None:
        """The failed line whose "retry" marker is under `point`, if any."""
        delegate = self._delegate
        return self._hit(point, lambda line, *a: line.failed and delegate.retry_hit(line, *a))

    def _named_line_at(self, point: QPoint) -> ChatLine | None:
        """The line whose sender's name is under `point`, if any (only the name opens the
        user card: a click to select or to stop the chat must not)."""
        delegate = self._delegate
        return self._hit(point, lambda line, *a: not line.is_gap and delegate.name_hit(line, *a))

    def _hit(
        self, point: QPoint, test: Callable[[ChatLine, int, QPointF, str], bool]
    ) -> ChatLine | None:
        row = self._row_under(point)
        line = self.line_at(row) if row >= 0 else None
        if line is None:
            return None
        local = QPointF(point.x(), point.y() - self._rows.top(row) + self.verticalOffset())
        width = self.viewport().width()
        return line if test(line, width, local, self._reply(line, row)) else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hovered = True
        self._pointer_moved(event.globalPosition())
        point = event.position().toPoint()
        self._set_hover_row(self._row_under(point))
        over_link = bool(self._failed_line_at(point) or self._named_line_at(point))
        cursor = Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        QAbstractItemView.mouseMoveEvent(self, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        failed = self._failed_line_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and failed is not None:
            self.retry_clicked.emit(failed.local_id or failed.message_id)
            event.accept()
            return
        left = event.button() == Qt.MouseButton.LeftButton
        self._press_row = self._row_under(event.position().toPoint()) if left else -1
        QAbstractItemView.mousePressEvent(self, event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._press_row = self._press_row, -1
        if event.button() == Qt.MouseButton.LeftButton and pressed >= 0:
            point = event.position().toPoint()
            line = self._named_line_at(point) if self._row_under(point) == pressed else None
            if line is not None:
                self.line_clicked.emit(line, event.globalPosition().toPoint())
        QAbstractItemView.mouseReleaseEvent(self, event)

    def _set_hover_row(self, row: int) -> None:
        if row != self._hover_row:
            self._hover_row = row
            self.viewport().update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        row = self._row_under(event.pos())
        line = self.line_at(row) if row >= 0 else None
        if line is None or line.is_gap:
            event.ignore()
            return
        self.set_menu_row(row)
        self.line_menu_requested.emit(line, event.globalPos())
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._pointer_moved()  # wheeling is reading too
        if event.angleDelta().y() > 0 and self.verticalScrollBar().value() == 0:
            self._signal_top()  # also when everything fits and nothing can scroll
        QAbstractItemView.wheelEvent(self, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        bar = self.verticalScrollBar()
        action = _SCROLL_KEYS.get(key)
        if key == Qt.Key.Key_End:
            self.jump_to_newest()
        elif action is not None:
            if bar.value() == 0 and key in (Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Home):
                self._signal_top()
            bar.triggerAction(action)
        elif (
            event.text().isprintable()
            and event.text()
            and not (
                event.modifiers()
                & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        ):
            self.text_typed.emit(event.text())  # no item search in a chat: it goes to compose
        else:
            QAbstractItemView.keyPressEvent(self, event)
            return
        event.accept()


_SCROLL_KEYS = {
    Qt.Key.Key_PageUp: QAbstractSlider.SliderAction.SliderPageStepSub,
    Qt.Key.Key_PageDown: QAbstractSlider.SliderAction.SliderPageStepAdd,
    Qt.Key.Key_Up: QAbstractSlider.SliderAction.SliderSingleStepSub,
    Qt.Key.Key_Down: QAbstractSlider.SliderAction.SliderSingleStepAdd,
    Qt.Key.Key_Home: QAbstractSlider.SliderAction.SliderToMinimum,
}
