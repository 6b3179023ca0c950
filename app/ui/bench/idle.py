"""The console as `python -m app` runs it, measuring its own cost at the demo's trickle.

`python -m app.ui.bench.idle URL SECONDS [--warmup S] [--count] [--profile FILE]` runs
`app.__main__.main(["--server", URL])` (offscreen) with the token of
$LIVEDESK_BENCH_TOKEN in an in-memory keyring (the bench machine has none), lets it warm
up, measures SECONDS, prints `RESULT {json}` and closes the window. With URL `embedded`
it runs `python -m app` on its embedded demo backend instead and goes live (the figures
are then the window's and the backend's together). The figures are the
process's own: CPU time over wall time (all threads), RSS, threads, garbage collection,
frames flushed to the screen per second. `--count` also counts paint and timer events per
receiver class (an application event filter: it costs CPU itself, so the CPU figure of a
counting run is not the console's); `--profile FILE` writes a cProfile of the GUI thread;
`--grab PNG` saves the window as it looked at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import json
import os
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import keyring
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from app.client.memorykeyring import MemoryKeyring

TOKEN_ENV = "LIVEDESK_BENCH_TOKEN"


class _Frames(QObject):
    """Frames the window repaints: Qt's repaint manager sends the window one UpdateRequest
    per frame in which anything in it changed."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.count += 1
        return False


class _EventCounts(QObject):
    """Paint and timer events per receiver class (and object name), application-wide."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds = {
            QEvent.Type.Paint: "paint",
            QEvent.Type.Timer: "timer",
            QEvent.Type.Resize: "resize",
            QEvent.Type.Move: "move",
            QEvent.Type.LayoutRequest: "layout",
        }
        self.counts: Counter[str] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = self.kinds.get(event.type())
        if kind is not None:
            name = watched.objectName()
            parent = watched.parent()
            where = type(parent).__name__ if parent is not None else "-"
            what = type(watched).__name__ + (f"#{name}" if name else "")
            self.counts[f"{kind} {what} in {where}"] += 1
            if kind == "paint" and isinstance(watched, QMainWindow):  # which part of it
                r = event.rect()  # type: ignore[attr-defined]
                self.counts[f"window area {r.width()}x{r.height()}+{r.x()}+{r.y()}"] += 1
        return False


class _GcTime:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections += 1


def _status(field: str) -> int:
    """A number from /proc/self/status (Linux), 0 elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _thread_cpu() -> dict[str, float]:
    """CPU seconds per thread name (Linux /proc; empty elsewhere)."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").glob("*"):
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def _events_stored(url: str) -> int | None:
    """Events the console has stored from `url` (the sum of its channels' last seqs)."""
    from app.client.tokens import account_id_from_token
    from app.store.paths import account_store_path

    token = os.environ.get(TOKEN_ENV, "")
    path = account_store_path(url, account_id_from_token(token) or "unknown")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            (total,) = conn.execute("SELECT COALESCE(SUM(last_seq), 0) FROM channels").fetchone()
    except sqlite3.Error:
        return None
    return int(total)


class _Measure:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.frames = _Frames()
        self.counts = _EventCounts() if args.count else None
        # CPU time of the GUI thread, not wall time: a busy machine would blame whatever waited.
        self.profile = cProfile.Profile(time.thread_time) if args.profile else None
        self.gc = _GcTime()
        self.result: dict[str, Any] = {}
        self._window: QMainWindow | None = None

    @staticmethod
    def _console_window() -> QMainWindow | None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                return widget
        return None

    def go_live(self) -> None:
        """Press Go live (the embedded demo starts off-air; gifts come once live)."""
        window = self._console_window()
        bar = getattr(window, "session_bar", None)
        if bar is not None:
            bar.go_live_requested.emit()

    def start(self) -> None:
        self._window = self._console_window()
        if self._window is None:
            self.result["error"] = "no console window after the warm-up"
            QApplication.quit()
            return
        self._window.installEventFilter(self.frames)
        app = QApplication.instance()
        if self.counts is not None and app is not None:
            app.installEventFilter(self.counts)
        self.gc.seconds, self.gc.collections = 0.0, 0
        self._threads = _thread_cpu()
        self._events = _events_stored(self.args.url)
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        if self.profile is not None:
            self.profile.enable()
        QTimer.singleShot(int(self.args.seconds * 1000), self.stop)

    def stop(self) -> None:
        if self.profile is not None:
            self.profile.disable()
        wall = time.perf_counter() - self._wall
        cpu = time.process_time() - self._cpu
        self.result.update(
            seconds=round(wall, 2),
            cpu_pct=round(100 * cpu / wall, 2),
            rss_mb=round(_status("VmRSS") / 1024, 1),
            threads=_status("Threads"),
            frames_per_s=round(self.frames.count / wall, 1),
            gc_collections=self.gc.collections,
            gc_ms_per_s=round(1000 * self.gc.seconds / wall, 2),
        )
        events = _events_stored(self.args.url)
        if events is not None and self._events is not None:
            self.result["events_per_s"] = round((events - self._events) / wall, 1)
        self.result["thread_cpu_pct"] = {
            name: round(100 * (seconds - self._threads.get(name, 0.0)) / wall, 2)
            for name, seconds in _thread_cpu().items()
        }
        if self.counts is not None:
            self.result["counted_per_s"] = {
                k: round(v / wall, 1) for k, v in self.counts.counts.most_common(120)
            }
        if self.profile is not None:
            self.profile.dump_stats(self.args.profile)
        if self._window is not None:
            if self.args.grab:
                self._window.grab().save(self.args.grab)
            self._window.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app.ui.bench.idle")
    parser.add_argument("url")
    parser.add_argument("seconds", type=float)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--count", action="store_true")
    parser.add_argument("--profile", metavar="FILE")
    parser.add_argument("--grab", metavar="PNG", help="save the window as it was at the end")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    embedded = args.url == "embedded"
    memory = MemoryKeyring()
    if not embedded:
        memory.set_password("LiveDesk", args.url, os.environ[TOKEN_ENV])
    keyring.set_keyring(memory)
    app = QApplication(sys.argv[:1])
    measure = _Measure(args)
    if embedded:
        QTimer.singleShot(int(args.warmup * 500), measure.go_live)
    QTimer.singleShot(int(args.warmup * 1000), measure.start)
    from app.__main__ import main as console_main

    code = console_main([] if embedded else ["--server", args.url])
    result = measure.result or {"error": f"the console exited ({code}) before measuring"}
    del app
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
