"""Reconnect delays: exponential backoff with full jitter."""

from __future__ import annotations

import random
from collections.abc import Callable


class Backoff:
    """Delay before the next reconnect attempt.

    Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): the n-th delay
    after a failure is uniform in [0, min(cap, base * 2**n)], so a crowd of clients that
    lost the same server does not come back in lock-step. `reset()` after a successful
    Ready starts again from the smallest window.
    """

    def __init__(
        self,
        base_s: float = 0.5,
        cap_s: float = 30.0,
        *,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError(f"need 0 < base_s <= cap_s, got base {base_s}, cap {cap_s}")
        self.base_s = base_s
        self.cap_s = cap_s
        self._rand = rand
        self.attempts = 0

    def window(self, attempt: int) -> float:
        """Upper bound of the delay for the given 0-based attempt number."""
        # 2**attempt grows without bound; stop doubling once past the cap.
        if attempt >= 64:
            return self.cap_s
        return min(self.cap_s, self.base_s * (2**attempt))

    def next_delay(self) -> float:
        """Delay for the next attempt; each call widens the window until the cap."""
        delay = self._rand() * self.window(self.attempts)
        self.attempts += 1
        return delay

    def reset(self) -> None:
        self.attempts = 0
