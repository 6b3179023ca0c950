"""Competing load for the `loaded` scenario: what a streaming PC runs beside the console.

`CompetingLoad` starts one busy process per core (a game, the encoder's threads) at normal
priority, plus one process writing a file steadily and flushing it to disk every second (an
encoder writing its recording), and stops them all on exit. `python -m app.bench.load busy`
and `... disk PATH` are those processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from app.bench.stats import load_average

# What a recording at a high bitrate writes: 8 MB/s in 1 MB chunks, fsync'd once a second,
# the file started again at 512 MB so the disk does not fill.
DISK_MB_PER_S = 8
DISK_CHUNK = 1 << 20
DISK_ROTATE_BYTES = 512 << 20


def busy() -> None:
    """Spin on the CPU until killed (pure Python: it holds a core, as a game's thread does)."""
    n = 0
    while True:
        n = (n * 1103515245 + 12345) & 0x7FFFFFFF


def disk(path: Path) -> None:
    """Write DISK_MB_PER_S to `path`, fsync'd every second, until killed."""
    chunk = os.urandom(DISK_CHUNK)
    with path.open("wb") as out:
        written = 0
        while True:
            second = time.monotonic()
            for _ in range(DISK_MB_PER_S):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
            written += DISK_MB_PER_S * DISK_CHUNK
            if written >= DISK_ROTATE_BYTES:
                out.seek(0)
                out.truncate()
                written = 0
            time.sleep(max(0.0, 1.0 - (time.monotonic() - second)))


class CompetingLoad:
    """`with CompetingLoad(work):` the load runs inside the block (after `settle_s`)."""

    def __init__(self, work: Path, *, cores: int | None = None, settle_s: float = 1.0) -> None:
        self.work = work
        self.cores = cores or os.cpu_count() or 1
        self.settle_s = settle_s
        self._procs: list[subprocess.Popen[bytes]] = []
        self.load_average_during = float("nan")

    def _spawn(self, *args: str) -> None:
        self._procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "app.bench.load", *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        )

    def __enter__(self) -> CompetingLoad:
        self.work.mkdir(parents=True, exist_ok=True)
        try:
            for _ in range(self.cores):
                self._spawn("busy")
            self._spawn("disk", str(self.work / "recording.bin"))
        except BaseException:
            self.stop()
            raise
        time.sleep(self.settle_s)
        return self

    def describe(self) -> str:
        return f"{self.cores} busy processes + 1 writing {DISK_MB_PER_S} MB/s (fsync each second)"

    def stop(self) -> None:
        self.load_average_during = load_average()
        for proc in self._procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self._procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._procs.clear()
        (self.work / "recording.bin").unlink(missing_ok=True)

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> int:
        return sum(1 for proc in self._procs if proc.poll() is None)


if __name__ == "__main__":
    if sys.argv[1:2] == ["busy"]:
        busy()
    elif sys.argv[1:2] == ["disk"] and len(sys.argv) == 3:
        disk(Path(sys.argv[2]))
    else:
        sys.exit("usage: python -m app.bench.load busy | disk PATH")
