"""A tab widget that repaints its pages only when its own arrangement can change.

Qt sends a layout request up from every widget whose size hint may have changed: a label's
new text (a live figure, a status line) reaches every ancestor, whether or not anything
moves. A QTabWidget answers each one by laying out its tab bar and pages again *and
repainting itself whole*; the console's pages fill the window, so a figure that changed
twice a second repainted the whole window twice a second (most of the paint work of a
console idling at the demo's rate). The columns inside hold their widths (steadysplit), so
such a request changes nothing the tab widget arranges: `QuietTabs` lets one through only
when something it arranges by did change (the tab bar, the pages' size hints), and drops
the rest. The pages still lay themselves out on their own requests.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QTabWidget


class QuietTabs(QObject):
    """Drops `tabs`' layout requests that would change nothing but repaint all of it."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._key: tuple[bool, QSize, QSize, QSize] | None = None
        self.dropped = 0
        tabs.installEventFilter(self)

    def _arrangement(self) -> tuple[bool, QSize, QSize, QSize]:
        tabs, bar = self._tabs, self._tabs.tabBar()
        return (bar.isVisibleTo(tabs), bar.sizeHint(), tabs.minimumSizeHint(), tabs.sizeHint())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tabs and event.type() == QEvent.Type.LayoutRequest:
            key = self._arrangement()
            if key == self._key:
                self.dropped += 1
                return True
            self._key = key
        return False
