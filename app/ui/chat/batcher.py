"""Coalesces chat lines arriving at any rate into at most one model insert per frame."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.ui.chat.model import ChatLine, ChatModel

FRAME_MS = 16
MAX_INTERVAL_MS = 100
FLOODED_MS = 50  # a flush that replaced the whole screen: the next one after 50 ms at least


class ChatBatcher(QObject):
    """Feeds a pane's ChatModel: `push` only queues, a timer flushes once per frame.

    A single-shot timer started by the first push after a flush applies the whole queue
    with one `append_lines` (one insert, one trim) one frame (16 ms) after the last flush,
    so the view lays out and paints at most ~60 times a second whatever the message rate,
    and a line waits at most one frame; a line that comes after a quiet frame goes on at
    once (at a trickle, most do: no wake-up of its own 16 ms later). If a flush (with the
    view's synchronous work) and the paint that shows it took long, the next flush waits
    twice as long as they took, up to MAX_INTERVAL_MS, so the UI always keeps about half
    of the event loop for input and the network. (`paint_ms` tells the paint time;
    without it, at 10,000 lines/s two panes repainting a new screen 60 times a second
    left the sync client too little of the loop to keep up.) When a flush brought more
    lines than the pane shows (`screen_lines`), nobody can read at that pace: frames come
    every FLOODED_MS at most, and the work goes to keeping up instead.

    While the pane does not follow the newest line (`set_following(False)`), the model
    holds new lines and `pending_count` counts them for the "N new messages" button.
    Flag changes may go straight to the model: it keeps changes for lines still queued.
    """

    pending_changed = Signal(int)
    flushed = Signal(int)

    def __init__(
        self, model: ChatModel, *, interval_ms: int = FRAME_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._interval_ms = interval_ms
        self._queue: list[ChatLine] = []
        self._pending = 0
        self._following = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.flush)
        self.flush_count = 0
        self.lines_flushed = 0
        self.last_flush_ms = 0.0
        self.paint_ms: Callable[[], float] = lambda: 0.0  # the view's last paint (set by the pane)
        self.screen_lines: Callable[[], int] = lambda: 0  # lines in view (0: unknown)
        self._flooded = False
        self._flushed_at = float("-inf")  # perf_counter() when the last flush ended

    @property
    def model(self) -> ChatModel:
        return self._model

    @property
    def pending_count(self) -> int:
        """New lines that arrived while the pane was not following."""
        return self._pending

    @property
    def queued(self) -> int:
        return len(self._queue)

    @property
    def next_flush_ms(self) -> int:
        """How long the pending flush was set to wait (0: at once, or none pending)."""
        return self._timer.interval() if self._timer.isActive() else 0

    @property
    def following(self) -> bool:
        return self._following

    def push(self, lines: Iterable[ChatLine]) -> None:
        """Queue lines (oldest first) for the next frame; cheap at any rate."""
        self._queue.extend(lines)
        if not self._timer.isActive():
            frame_ms = self.last_flush_ms + self.paint_ms()
            interval = max(self._interval_ms, min(MAX_INTERVAL_MS, int(frame_ms * 2)))
            if self._flooded:
                interval = max(interval, FLOODED_MS)
            since_ms = min((time.perf_counter() - self._flushed_at) * 1000, interval)
            self._timer.start(interval - int(since_ms))

    def set_following(self, following: bool) -> None:
        """Following: new lines show at once. Not following: the model holds them."""
        if following == self._following:
            return
        self._following = following
        if following:
            self.flush()
            self._model.set_holding(False)
            self._set_pending(0)
        else:
            self._model.set_holding(True)

    def flush(self) -> int:
        """Apply everything queued now; returns how many new lines the model accepted."""
        self._timer.stop()
        if not self._queue:
            return 0
        started = time.perf_counter()
        queue, self._queue = self._queue, []
        if self._following and self._model.holding:
            self._model.set_holding(False)  # history slid the window while following
        accepted = self._model.append_lines(queue)
        if self._model.holding and accepted:
            self._set_pending(self._pending + accepted)
        self.flush_count += 1
        self.lines_flushed += accepted
        self._flooded = 0 < self.screen_lines() < accepted
        self._flushed_at = time.perf_counter()
        self.last_flush_ms = (self._flushed_at - started) * 1000
        self.flushed.emit(accepted)
        return accepted

    def _set_pending(self, count: int) -> None:
        if count != self._pending:
            self._pending = count
            self.pending_changed.emit(count)
