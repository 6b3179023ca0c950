"""Small measuring helpers shared by the benchmark scenarios (no Qt)."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))])


def summary(values: Sequence[float], prefix: str) -> dict[str, float]:
    """{prefix_p50, prefix_p99, prefix_max} of the values (ms, usually)."""
    return {
        f"{prefix}_p50": round(percentile(values, 0.50), 2),
        f"{prefix}_p99": round(percentile(values, 0.99), 2),
        f"{prefix}_max": round(max(values, default=0.0), 2),
    }


def rss_mb() -> float:
    """Resident set size of this process now, in MB (Linux /proc; else peak RSS)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def load_average() -> float:
    """1-minute load average (nan where the OS has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


class CpuMeter:
    """CPU time this process (or, with thread=True, the calling thread) used between start
    and `percent()`, as % of one core."""

    def __init__(self, *, thread: bool = False) -> None:
        self._clock = time.thread_time if thread else time.process_time
        self.wall = time.perf_counter()
        self.cpu = self._clock()

    def percent(self) -> float:
        wall = time.perf_counter() - self.wall
        return round(100 * (self._clock() - self.cpu) / wall, 1) if wall > 0 else 0.0


class Progress:
    """Cumulative message counts over time; the rate over a window after a warm-up."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.counts: list[int] = []
        self.total = 0

    def add(self, count: int) -> None:
        self.total += count
        self.times.append(time.perf_counter())
        self.counts.append(self.total)

    def rate(self, warmup: float, seconds: float) -> tuple[float, float]:
        """(messages/s, window length s) from `warmup` s after the first batch for `seconds`,
        or until the last batch if the stream ended sooner. A stream that ended within the
        warm-up but for a batch or two (a short run on a fast machine) is measured whole."""
        if len(self.times) < 2:
            return 0.0, 0.0
        for start in (self.times[0] + warmup, self.times[0]):
            end = min(start + seconds, self.times[-1])
            first = next((i for i, t in enumerate(self.times) if t >= start), len(self.times))
            last = max((i for i, t in enumerate(self.times) if t <= end), default=-1)
            if last > first + 1 and self.times[last] > self.times[first]:  # 3 batches at least
                span = self.times[last] - self.times[first]
                return (self.counts[last] - self.counts[first]) / span, span
        return 0.0, 0.0
