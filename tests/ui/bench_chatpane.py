"""How many chat lines/s a visible ChatPane keeps up with, and what it costs the event loop.

Run: .venv/bin/python -m tests.ui.bench_chatpane [rate] [seconds] [following|hovered|filtered]

A 1 ms QTimer producer pushes `rate` lines/s (created on the fly, as the sync client
would) into ChatPane.push_lines; the pane is shown offscreen and paints normally. A 10 ms
probe timer measures event-loop lateness. Not a unit test: numbers depend on the machine.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QCursor, QEnterEvent
from PySide6.QtWidgets import QApplication

from app.ui.chat.model import ChatLine
from app.ui.chat.pane import ChatPane

WORDS = [
    "so",
    "the",
    "new",
    "lens",
    "is",
    "great",
    "but",
    "what",
    "about",
    "low",
    "light",
    "streams",
    "at",
    "night",
    "honestly",
]


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def make_line(n: int) -> ChatLine:
    words = WORDS[n % 7 : n % 7 + 3 + n % 9]
    return ChatLine(
        message_id=f"b{n}",
        seq=n + 1,
        ts=1_763_780_000_000 + n,
        room="public",
        user_id=f"u{n % 997}",
        user_name=f"viewer_{n % 997}",
        badges=("member:2",) if n % 5 == 0 else (),
        text=" ".join(words) + f" #{n}",
        first_in_room=n % 50 == 0,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def run(rate: int, seconds: float, mode: str) -> dict[str, float]:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QCursor.setPos(-5000, -5000)
    pane = ChatPane("public")
    pane.resize(460, 900)
    pane.show()
    counter = PaintCounter()
    pane.view.viewport().installEventFilter(counter)
    if mode == "hovered":
        point = QPointF(40, 40)
        QApplication.sendEvent(
            pane.view.viewport(), QEnterEvent(point, point, pane.view.viewport().mapToGlobal(point))
        )
    elif mode == "filtered":
        pane.set_filter_text("badge:member")
    app.processEvents()

    pushed = 0
    lateness: list[float] = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    last_probe = start

    def produce() -> None:
        nonlocal pushed
        due = int((time.perf_counter() - start) * rate)
        if due > pushed:
            pane.push_lines([make_line(n) for n in range(pushed, due)])
            pushed = due

    def probe() -> None:
        nonlocal last_probe
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last_probe) * 1000 - 10))
        last_probe = now

    producer = QTimer()
    producer.setTimerType(Qt.TimerType.PreciseTimer)
    producer.timeout.connect(produce)
    producer.start(1)
    prober = QTimer()
    prober.setTimerType(Qt.TimerType.PreciseTimer)
    prober.timeout.connect(probe)
    prober.start(10)
    measured0 = pane.view.rows_measured
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    producer.stop()
    prober.stop()
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    batcher = pane.batcher
    result = {
        "pushed_per_s": pushed / wall,
        "accepted_per_s": batcher.lines_flushed / wall,
        "model_inserts_per_s": batcher.flush_count / wall,
        "paints_per_s": counter.paints / wall,
        "rows_measured_per_s": (pane.view.rows_measured - measured0) / wall,
        "cpu_percent": 100 * cpu / wall,
        "late_p50_ms": percentile(lateness, 0.5),
        "late_p95_ms": percentile(lateness, 0.95),
        "late_max_ms": max(lateness, default=0.0),
        "queued_at_end": batcher.queued,
        "rows": pane.model.rowCount(),
        "pending_count": batcher.pending_count,
        "last_flush_ms": batcher.last_flush_ms,
    }
    pane.close()
    pane.deleteLater()
    app.processEvents()
    return result


def main() -> None:
    rate = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    mode = sys.argv[3] if len(sys.argv) > 3 else "following"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"rate={rate}/s seconds={seconds} mode={mode} loadavg(1m)={load:.2f}")
    for key, value in run(rate, seconds, mode).items():
        print(f"  {key:22s} {value:10.1f}")


if __name__ == "__main__":
    main()
