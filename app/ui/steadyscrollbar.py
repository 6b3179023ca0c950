"""SteadyScrollBar: a scroll bar that repaints only when what it shows changed.

QAbstractSlider repaints the whole bar on every range, step or value change. A chat
pane that follows its newest line changes its range (and value) with every new line,
while the bar looks the same: the handle, long since a few pixels tall, stays at the
bottom. Each of those repaints also repainted every ancestor under the bar (a bar is
not opaque), about 10 whole-height strips a second at the demo's trickle. This bar
compares what it would paint (the handle's rectangle, whether it is at either end,
enabled) and skips the repaint when that is unchanged. A range and a value set together
(`with bar.held():`) are compared once, after both: between them the handle is briefly
off the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractSlider, QScrollBar, QStyle, QStyleOptionSlider, QWidget

_Look = tuple[QRect, bool, bool, bool]


class SteadyScrollBar(QScrollBar):
    def __init__(
        self, orientation: Qt.Orientation = Qt.Orientation.Vertical, parent: QWidget | None = None
    ) -> None:
        super().__init__(orientation, parent)
        self._look: _Look | None = None
        self._held = 0
        self.repaints_skipped = 0  # tests, benchmarks

    def _current_look(self) -> _Look:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarSlider,
            self,
        )
        value = self.value()
        return (handle, value <= self.minimum(), value >= self.maximum(), self.isEnabled())

    @contextmanager
    def held(self) -> Iterator[None]:
        """Changes made inside repaint once at the end, if the bar looks different then."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held:
                self._repaint_if_changed()

    def _repaint_if_changed(self) -> None:
        look = self._current_look()
        if look == self._look and self.isVisible():
            self.repaints_skipped += 1
            return
        self._look = look
        self.update()

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if self._held:
            return
        look = self._current_look()
        if look == self._look and self.isVisible():
            self.repaints_skipped += 1
            return
        self._look = look
        super().sliderChange(change)

    def showEvent(self, event: QShowEvent) -> None:
        # ConsoleStyle's bar fills every pixel, so Qt need paint nothing under it. Set
        # here: QAbstractScrollArea.setVerticalScrollBar clears the attribute.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        super().showEvent(event)

    def resizeEvent(self, event: object) -> None:
        self._look = None  # the handle's rectangle is from the old size
        super().resizeEvent(event)  # type: ignore[arg-type]
