"""Counting attempts per remote address in a sliding window (sign-ups, pass redeeming)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

_MAX_TRACKED_ADDRESSES = 10_000


class AddressWindow:
    """At most `limit` counted attempts per address within `window_s` seconds."""

    def __init__(
        self, limit: int, window_s: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def wait_s(self, address: str) -> float | None:
        """Seconds until this address may try again, or None if it may now."""
        hits = self._hits.get(address)
        if hits is None:
            return None
        now = self._clock()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[address]
            return None
        if len(hits) < self.limit:
            return None
        return max(0.001, hits[0] + self.window_s - now)

    def count(self, address: str) -> None:
        if address not in self._hits and len(self._hits) >= _MAX_TRACKED_ADDRESSES:
            self._hits.clear()  # a flood of addresses: start over rather than grow
        self._hits.setdefault(address, deque()).append(self._clock())
