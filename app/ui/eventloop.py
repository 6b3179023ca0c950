"""The console's event loop: qasync's, with asyncio's own bookkeeping of callbacks.

qasync turns every `call_soon` into a Qt timer of its own: `startTimer(0)`, a Python
`timerEvent` with a new event wrapper, `killTimer`, plus a coroutine-function check in
`call_later`. asyncio calls `call_soon` for every task step and every future callback, so a
console at a trickle of events pays that dozens of times a second. And a cancelled
`call_later` keeps its Qt timer until it fires: the sync client's "no data for 30 s"
timeout is renewed with every frame, so hundreds of dead timers sat in Qt's timer list and
one fired (into Python, for nothing) about every frame.

Here, as in asyncio's own loops, ready callbacks go to a queue and scheduled ones to a
heap. One zero-interval single-shot `QTimer` runs what is queued, in order; a callback
queued while the queue runs waits for the next pass, after Qt has handled its own events,
so a chain of callbacks never starves painting or input. Handles are taken off the queue
one at a time, so a callback that runs a nested Qt event loop (a modal dialog) lets that
loop run the rest and none runs twice. One more `QTimer` is set for the earliest live
scheduled callback; cancelled ones are dropped from the heap without waking anybody.
"""

from __future__ import annotations

import asyncio
import heapq
import math
from collections import deque
from collections.abc import Callable
from contextvars import Context
from typing import Any

import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

# Drop cancelled handles from the heap once there are this many and they are the most.
COMPACT_AT = 100


class ConsoleLoop(qasync.QEventLoop):
    """`qasync.QEventLoop` with a ready queue and a timer heap, two Qt timers in all."""

    _ready: deque[asyncio.Handle]  # asyncio's own (BaseEventLoop makes it, close() clears it)

    def __init__(self, app: QApplication | None = None, *, already_running: bool = False) -> None:
        self._pass_due = False
        self._pass_timer = QTimer()
        self._pass_timer.setSingleShot(True)
        self._pass_timer.setInterval(0)
        self._pass_timer.timeout.connect(self._run_ready)
        self._timers: list[asyncio.TimerHandle] = []
        self._timers_cancelled = 0
        self._due_timer = QTimer()
        self._due_timer.setSingleShot(True)
        self._due_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._due_timer.timeout.connect(self._timers_due)
        super().__init__(app, already_running=already_running)

    # --- ready callbacks --------------------------------------------------------------

    def call_soon(
        self, callback: Callable[..., object], *args: Any, context: Context | None = None
    ) -> asyncio.Handle:
        self._check_closed()
        if self.get_debug():
            self._check_callback(callback, "call_soon")
        handle = asyncio.Handle(callback, args, self, context=context)
        self._ready.append(handle)
        if not self._pass_due:
            self._pass_due = True
            self._pass_timer.start()
        return handle

    def _run_ready(self) -> None:
        self._pass_due = False
        ready = self._ready
        for _ in range(len(ready)):
            if not ready:  # a nested event loop ran the rest
                break
            handle = ready.popleft()
            if not handle._cancelled:
                handle._run()
        if ready and not self._pass_due:
            self._pass_due = True
            self._pass_timer.start()

    # --- scheduled callbacks ----------------------------------------------------------

    def call_later(
        self,
        delay: float,
        callback: Callable[..., object],
        *args: Any,
        context: Context | None = None,
    ) -> asyncio.TimerHandle:
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(
        self,
        when: float,
        callback: Callable[..., object],
        *args: Any,
        context: Context | None = None,
    ) -> asyncio.TimerHandle:
        self._check_closed()
        if self.get_debug():
            self._check_callback(callback, "call_at")
        timer = asyncio.TimerHandle(when, callback, args, self, context=context)
        heapq.heappush(self._timers, timer)
        timer._scheduled = True  # type: ignore[attr-defined]  # asyncio's "in a loop's heap"
        if self._timers[0] is timer:
            self._arm()
        return timer

    def _timer_handle_cancelled(self, handle: asyncio.TimerHandle) -> None:
        # TimerHandle.cancel() calls this just before it marks itself cancelled.
        if not handle._scheduled:  # type: ignore[attr-defined]
            return
        self._timers_cancelled += 1
        timers = self._timers
        if timers[0] is handle:
            self._drop(heapq.heappop(timers))
            self._arm()
        elif len(timers) > COMPACT_AT and 2 * self._timers_cancelled > len(timers):
            live = []
            for timer in timers:
                if timer._cancelled or timer is handle:
                    _unscheduled(timer)
                else:
                    live.append(timer)
            heapq.heapify(live)
            self._timers = live
            self._timers_cancelled = 0

    def _drop(self, timer: asyncio.TimerHandle) -> None:
        _unscheduled(timer)
        self._timers_cancelled -= 1

    def _arm(self) -> None:
        """Set the Qt timer for the earliest live scheduled callback (or stop it)."""
        timers = self._timers
        while timers and timers[0]._cancelled:
            self._drop(heapq.heappop(timers))
        if not timers:
            self._due_timer.stop()
            return
        delay_ms = math.ceil((timers[0].when() - self.time()) * 1000)
        self._due_timer.start(max(0, delay_ms))

    def _timers_due(self) -> None:
        end = self.time() + self._clock_resolution
        timers = self._timers
        while timers and timers[0].when() <= end:
            timer = heapq.heappop(timers)
            _unscheduled(timer)
            if timer._cancelled:
                self._timers_cancelled -= 1
            else:
                self._ready.append(timer)
        self._arm()
        self._run_ready()

    def close(self) -> None:
        super().close()  # raises for a running loop
        for timer in (self._pass_timer, self._due_timer):
            timer.stop()
        self._ready.clear()
        for handle in self._timers:
            _unscheduled(handle)
        self._timers.clear()


def _unscheduled(timer: asyncio.TimerHandle) -> None:
    timer._scheduled = False  # type: ignore[attr-defined]
