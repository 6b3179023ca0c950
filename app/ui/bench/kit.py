"""Measuring tools for the UI benchmark scenarios: loop lateness, paints, paint latency."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QWidget

from app.bench.stats import summary
from app.store.localstore import LocalStore
from app.ui.chat.line import ChatLine
from app.ui.chat.pane import ChatPane
from app.ui.console import Console
from app.ui.gcguard import MainThreadCollector, collect_on_gui_thread
from app.ui.settings import ConsoleSettings
from app.ui.theme import apply_theme

PROBE_MS = 10
T = TypeVar("T")
WINDOW_SIZE = (1280, 800)


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["livedesk-bench"])
    apply_theme(app, "light")
    QCursor.setPos(-5000, -5000)  # a pointer over a chat pane would pause it
    return app


class LatenessProbe(QObject):
    """A precise 10 ms timer: how late each tick fires is how long the loop was busy."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.samples: list[tuple[float, float]] = []  # (time, lateness ms)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start(PROBE_MS)

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.samples.append((now, max(0.0, (now - self._last) * 1000 - PROBE_MS)))
        self._last = now

    def stats(self, start: float = 0.0, end: float = float("inf")) -> dict[str, float]:
        """Stall p50/p99/max (ms) of the ticks between start and end (perf_counter)."""
        return summary([late for t, late in self.samples if start <= t <= end], "stall_ms")


class PaintCounter(QObject):
    """Counts paint events of the widgets it is installed on."""

    def __init__(self, widgets: Iterable[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.times: list[float] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
        return False

    def per_second(self, start: float, end: float) -> float:
        count = sum(1 for t in self.times if start <= t <= end)
        return round(count / (end - start), 1) if end > start else 0.0


class PaintLatency:
    """Server timestamp -> the moment a line is first painted, for every pane given.

    Wraps each pane delegate's `paint_line` (the view paints every row through it).
    """

    def __init__(self, panes: Iterable[ChatPane]) -> None:
        self.samples: list[tuple[float, float]] = []  # (perf_counter, latency ms)
        self._seen: set[str] = set()
        for pane in panes:
            self._hook(pane)

    def _hook(self, pane: ChatPane) -> None:
        delegate = pane.delegate
        paint_line = delegate.paint_line

        def timed(
            painter: object, option: QStyleOptionViewItem, line: ChatLine, reply: str = ""
        ) -> None:
            paint_line(painter, option, line, reply)  # type: ignore[arg-type]
            if line.seq > 0 and line.message_id not in self._seen:
                self._seen.add(line.message_id)
                self.samples.append((time.perf_counter(), time.time() * 1000 - line.ts))

        delegate.paint_line = timed  # type: ignore[method-assign]

    def stats(self, start: float, end: float) -> dict[str, float]:
        values = [ms for t, ms in self.samples if start <= t <= end]
        return {**summary(values, "latency_ms"), "lines_painted": len(values)}


def build_console(work: Path, url: str, token: str, *, features: bool = True) -> BenchConsole:
    """A creator console as `python -m app` builds it (store, panes, features), shown."""
    store = LocalStore(work / "console-store" / "store.db")
    settings = ConsoleSettings(work / "config" / "livedesk.ini")
    console = Console(settings, url=url, token=token, store=store, demo=False, role="creator")
    installed = None
    if features:
        from app.ui.features import install_features

        installed = install_features(console)
    console.window.resize(*WINDOW_SIZE)
    console.window.show()
    # Garbage collection as app.ui.app runs it: from a GUI-thread timer, start-up frozen.
    collector = collect_on_gui_thread(console.window)
    gc.freeze()
    return BenchConsole(console, store, installed, collector)


@dataclass
class BenchConsole:
    console: Console
    store: LocalStore
    features: object | None
    collector: MainThreadCollector

    async def close(self) -> None:
        self.collector.stop()
        await self.console.stop()
        self.console.window.close()
        self.store.close()


def chat_viewports(console: Console) -> list[QWidget]:
    return [pane.view.viewport() for pane in console.panes.values()]


class StageTimer:
    """Where the time of an ingest goes, per message: the store write (store thread), the
    console's event handler (panes, features), the panes' model flushes (view layout)."""

    def __init__(self, bench: BenchConsole) -> None:
        self.busy = {"store": 0.0, "store_cpu": 0.0, "events": 0.0, "flush": 0.0, "gc": 0.0}
        self.store_writes = 0  # apply_events calls: one transaction each
        self._since = time.perf_counter()
        store, client = bench.store, bench.console.client
        store.apply_events = self._timed(  # type: ignore[method-assign]
            "store", store.apply_events, cpu_stage="store_cpu"
        )
        # The client calls the handler it was given; time it where it is kept.
        client._on_events = self._timed("events", client._on_events)
        self._gc_started = 0.0
        gc.callbacks.append(self._gc)
        for pane in bench.console.panes.values():
            pane.batcher.flushed.connect(
                lambda _n, b=pane.batcher: self._add("flush", b.last_flush_ms / 1000)
            )

    def _gc(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self._add("gc", time.perf_counter() - self._gc_started)

    def _add(self, stage: str, seconds: float) -> None:
        self.busy[stage] += seconds

    def _timed(
        self, stage: str, fn: Callable[..., T], *, cpu_stage: str | None = None
    ) -> Callable[..., T]:
        """fn, adding its wall time to `stage` and its thread's CPU time to `cpu_stage`
        (wall minus CPU: waiting for the GIL or the disk)."""

        def timed(*args: Any) -> T:
            if stage == "store":
                self.store_writes += 1
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return fn(*args)
            finally:
                self.busy[stage] += time.perf_counter() - started
                if cpu_stage is not None:
                    self.busy[cpu_stage] += time.thread_time() - cpu

        return timed

    def reset(self) -> None:
        self.busy = dict.fromkeys(self.busy, 0.0)
        self.store_writes, self._since = 0, time.perf_counter()

    def per_message(self, count: int) -> dict[str, float]:
        """Busy time per message by stage, and store writes per second (since reset)."""
        out = {f"{k}_us_per_msg": round(1e6 * v / max(count, 1), 1) for k, v in self.busy.items()}
        seconds = time.perf_counter() - self._since
        out["store_writes_per_s"] = round(self.store_writes / seconds, 1) if seconds > 0 else 0.0
        return out
