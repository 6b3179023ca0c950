"""Splitter columns that change width only when the creator drags them, remembered between runs.

A QSplitter gives each column at least its content's minimum size hint. When that hint
grows (a longer status line, a wider row of buttons) the splitter moves its dividers, and
the window may grow with it: the columns jump while the creator reads. An explicit minimum
width on each column replaces the content's hint, so only a drag (or resizing the window)
moves a divider; content that does not fit wraps, elides or scrolls inside its column.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QSplitter

from app.ui.settings import ConsoleSettings


def hold_widths(splitter: QSplitter, minimums: Sequence[int]) -> None:
    """Give the splitter's columns fixed minimum widths (or heights), in order."""
    for index, minimum in enumerate(minimums[: splitter.count()]):
        widget = splitter.widget(index)
        if widget is None:
            continue
        if splitter.orientation() == Qt.Orientation.Horizontal:
            widget.setMinimumWidth(minimum)
        else:
            widget.setMinimumHeight(minimum)


class RememberedSplitter(QObject):
    """Restores `splitter`'s sizes from the settings blob `name` and saves them after every
    drag (a crash or a kill keeps the last layout too).

    The sizes are restored when the splitter is first shown at its real size: restored
    earlier, the first layout would spread the window's width over them by stretch factor.
    """

    def __init__(self, splitter: QSplitter, settings: ConsoleSettings, name: str) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        self._settings = settings
        self._name = name
        self._restored = False
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self._save)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._restored and watched is self._splitter and event.type() == QEvent.Type.Show:
            self._restored = True
            QTimer.singleShot(0, self._restore)  # after the layout gave it its real width
        return False

    def _restore(self) -> None:
        saved = self._settings.layout_blob(self._name)
        if saved is not None:
            self._splitter.restoreState(saved)

    def _save(self, _pos: int = 0, _index: int = 0) -> None:
        self._settings.set_layout_blob(self._name, self._splitter.saveState())
        self._settings.sync()
