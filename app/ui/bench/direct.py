"""Scenarios without the network: events handed straight to the console or to a chat widget.

Memory: a million messages through the console's event handler (the one the sync client
calls) into its panes: RSS must not grow with the count. Naive: the same batches into the
ChatPane, a QTextEdit append loop and a QListWidget (addItem + scrollToBottom).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QTextEdit, QWidget

from app.bench.stats import CpuMeter, rss_mb
from app.bench.synth import EventSource
from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage
from app.ui.bench.kit import LatenessProbe, PaintCounter, build_console, chat_viewports
from app.ui.chat.line import ChatLine
from app.ui.chat.pane import ChatPane

Result = dict[str, Any]
Sink = Callable[[list[Event]], None]
BATCH = 500  # events per call, as in a full frame from the server


def _pump(app: QApplication, feed: Sink, *, batch: int, stop: Callable[[int], bool]) -> int:
    """Feed batches from a zero-interval timer (the loop paints between them) until
    `stop(fed)`; returns how many events were fed."""
    source = EventSource()
    fed = 0

    def tick() -> None:
        nonlocal fed
        feed(source.batch(batch))
        fed += batch
        if stop(fed):
            timer.stop()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(0)
    app.exec()
    return fed


def _count_reached(count: int) -> Callable[[int], bool]:
    return lambda fed: fed >= count


def _time_up(seconds: float) -> Callable[[int], bool]:
    deadline = time.perf_counter() + seconds
    return lambda _fed: time.perf_counter() > deadline


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def memory(app: QApplication, work: Path, checkpoints: list[int]) -> Result:
    """RSS after each checkpoint count of messages fed through Console._on_events."""
    bench = build_console(work, "ws://127.0.0.1:9/ws", "unused-token")  # never connects
    console = bench.console
    paints = PaintCounter(chat_viewports(console))
    _settle(app)
    results: Result = {"rss_mb_start": round(rss_mb(), 1)}
    started = time.perf_counter()
    cpu = CpuMeter()
    fed = 0
    for target in checkpoints:
        fed += _pump(app, console._on_events, batch=BATCH, stop=_count_reached(target - fed))
        _settle(app)
        gc.collect()
        results[f"rss_mb_after_{target}"] = round(rss_mb(), 1)
    wall = time.perf_counter() - started
    first, last = checkpoints[0], checkpoints[-1]
    results["rss_growth_mb"] = round(
        results[f"rss_mb_after_{last}"] - results[f"rss_mb_after_{first}"], 1
    )
    results["rows_in_panes"] = sum(pane.model.rowCount() for pane in console.panes.values())
    results["msg_per_s"] = round(fed / wall)
    results["paints"] = len(paints.times)
    results["process_cpu_pct"] = cpu.percent()
    console.window.close()
    bench.store.close()
    return results


def _line_text(event: Event) -> str:
    data = event.data
    assert isinstance(data, ChatMessage)
    return f"{data.user.name}: {data.text}"


def _sinks() -> dict[str, tuple[QWidget, QWidget, Sink]]:
    """name -> (widget to show, widget that paints, feed function)."""
    pane = ChatPane("public")

    def to_pane(events: list[Event]) -> None:
        pane.push_lines([ChatLine.from_event(e) for e in events])

    text_edit = QTextEdit()
    text_edit.setReadOnly(True)

    def to_text_edit(events: list[Event]) -> None:
        for event in events:
            text_edit.append(_line_text(event))

    list_widget = QListWidget()

    def to_list_widget(events: list[Event]) -> None:
        for event in events:
            list_widget.addItem(_line_text(event))
            list_widget.scrollToBottom()

    return {
        "pane": (pane, pane.view.viewport(), to_pane),
        "textedit": (text_edit, text_edit.viewport(), to_text_edit),
        "listwidget": (list_widget, list_widget.viewport(), to_list_widget),
    }


def naive(app: QApplication, seconds: float, batch: int = 100) -> Result:
    """Messages/s each chat widget keeps up with when fed as fast as it takes them."""
    results: Result = {}
    for name, (widget, viewport, feed) in _sinks().items():
        widget.resize(460, 780)
        widget.show()
        _settle(app, 0.2)
        probe = LatenessProbe()
        paints = PaintCounter([viewport])
        probe.start()
        started = time.perf_counter()
        fed = _pump(app, feed, batch=batch, stop=_time_up(seconds))
        end = time.perf_counter()
        probe.stop()
        results[name] = {
            "msg_per_s": round(fed / (end - started)),
            "paints_per_s": paints.per_second(started, end),
            **probe.stats(started, end),
        }
        widget.close()
        widget.deleteLater()
        _settle(app, 0.1)
    pane_rate = results["pane"]["msg_per_s"]
    for name in ("textedit", "listwidget"):
        results[name]["pane_ratio"] = round(pane_rate / max(results[name]["msg_per_s"], 1), 1)
    return results
