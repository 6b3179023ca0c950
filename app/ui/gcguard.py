"""Python's cyclic garbage collector, run on the GUI thread only.

The console runs Python code on other threads too (the store writer, the keyring
worker, qasync's executor for DNS look-ups). Automatic collection fires on whichever
thread happens to allocate, and a reference cycle that holds a Qt object (a QTimer
captured by a lambda, say) is then destroyed on that thread: Qt warns "Timers cannot
be stopped from another thread" and, sometimes, crashes later in the event loop. With
automatic collection off and a GUI-thread timer doing the same work, every Qt object
freed by the collector is freed on the thread that owns it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 250


class MainThreadCollector(QObject):
    """Collects garbage from a GUI-thread timer, generation by generation, as gc would."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self.collections = 0

    def check(self) -> None:
        """Collects the oldest generation whose allocation count passed its threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                return

    def stop(self) -> None:
        """Stops the timer and gives collection back to the interpreter as it was."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def collect_on_gui_thread(parent: QObject) -> MainThreadCollector:
    """Turns automatic collection off and collects from a timer owned by ``parent``."""
    return MainThreadCollector(parent)
