"""The console's event loop: qasync's, with `call_soon` run from one ready queue.

qasync turns every `call_soon` into a Qt timer of its own: `startTimer(0)`, a Python
`timerEvent` with a new event wrapper, `killTimer`, plus a coroutine-function check in
`call_later`. asyncio calls `call_soon` for every task step and every future callback, so a
console at a trickle of events pays that dozens of times a second. Here ready callbacks go
to a queue, as in asyncio's own loops, and one zero-interval single-shot `QTimer` runs what
is queued, in order. A callback queued while the queue runs waits for the next pass, after
Qt has handled its own events, so a chain of callbacks never starves painting or input.
Handles are taken off the queue one at a time, so a callback that runs a nested Qt event
loop (a modal dialog) lets that loop run the rest and none runs twice.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from contextvars import Context
from typing import Any

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


class ConsoleLoop(qasync.QEventLoop):
    """`qasync.QEventLoop` whose ready callbacks share one zero-interval timer."""

    def __init__(self, app: QApplication | None = None, *, already_running: bool = False) -> None:
        self._ready: deque[asyncio.Handle] = deque()
        self._pass_due = False
        self._pass_timer = QTimer()
        self._pass_timer.setSingleShot(True)
        self._pass_timer.setInterval(0)
        self._pass_timer.timeout.connect(self._run_ready)
        super().__init__(app, already_running=already_running)

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

    def close(self) -> None:
        super().close()  # raises for a running loop
        self._pass_timer.stop()
        self._ready.clear()
