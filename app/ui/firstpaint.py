"""Benchmark hook: report when the console window has painted for the first time, then quit.

`python -m app` calls `report_first_paint(window)` when $LIVEDESK_REPORT_FIRST_PAINT is set
(the cold-start scenario of `python -m app.bench` does that, offscreen).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

LINE = "livedesk-first-paint"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._seen = True
            # The rest of the window paints in the same pass: report once it is done.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        sys.stdout.write(f"{LINE} {time.time():.6f}\n")
        sys.stdout.flush()
        self._window.close()


def report_first_paint(window: QWidget) -> None:
    """Print `livedesk-first-paint <epoch s>` after the window's first paint; close it."""
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(_FirstPaint(window))
