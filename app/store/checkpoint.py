"""WalCheckpointer: copies the WAL back into the database on its own thread and connection.

Why: with SQLite's automatic checkpoint the writer copies ~1,000 pages every dozen batches
inside a commit. Measured on 100,000 chat events in 500-event batches: ~50,000 events/s,
p95 batch ~30 ms; with this thread ~56,000-62,000 events/s, p95 ~14 ms. A second connection on a
daemon thread does the copying (SQLite releases the GIL) while the writer keeps
committing. Under non-stop ingest the WAL never gets fully copied between two commits, so
the writer keeps a large automatic checkpoint (32 MiB) as the bound on the WAL's size.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

WRITER_AUTOCHECKPOINT_PAGES = 8192  # 32 MiB of WAL before the writer checkpoints itself
# A checkpoint ends with an fsync of the database. Live chat commits ~100 small
# transactions a second (one per sync-client write); copying after each of them meant as
# many fsyncs, each one queued behind whatever else the disk is writing (an encoder's
# recording). One checkpoint a second at most copies the same pages with one fsync; the
# WAL meanwhile grows by about a second of chat (~1 MB at 1,000 messages a second).
MIN_INTERVAL_S = 1.0


class WalCheckpointer:
    """Runs a PASSIVE checkpoint of `path` after commits (one at a time, `interval_s` apart
    at least; commits made meanwhile are picked up by the next)."""

    def __init__(self, path: Path, interval_s: float = MIN_INTERVAL_S) -> None:
        self._path = path
        self._interval_s = interval_s
        self.checkpoints = 0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"livedesk-checkpoint-{path.parent.name}", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def nudge(self) -> None:
        """A transaction was committed: there is WAL to copy."""
        self._wake.set()

    def stop(self, wait: bool = True) -> None:
        """End the thread after the running checkpoint, if any; `wait` for that to happen."""
        self._stopping.set()
        self._wake.set()
        if wait and self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, isolation_level=None)
        except sqlite3.Error as exc:
            log.warning("background checkpoints disabled for %s: %s", self._path, exc)
            return
        failing = False
        try:
            while not self._stopping.is_set():
                self._wake.wait()
                self._wake.clear()
                if self._stopping.is_set():
                    break
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                    failing = False
                except sqlite3.Error as exc:
                    # Disk full, say: the writer reports it on its own writes; log it once.
                    if not failing:
                        log.warning("background checkpoint of %s failed: %s", self._path, exc)
                    failing = True
                self._stopping.wait(self._interval_s)  # commits meanwhile set _wake
        finally:
            conn.close()
