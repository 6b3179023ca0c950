"""Reconnect backoff: exponential windows, full jitter, cap, reset."""

from __future__ import annotations

import random

import pytest

from app.client.backoff import Backoff


def test_windows_double_until_the_cap() -> None:
    backoff = Backoff(0.5, 30.0)
    assert [backoff.window(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert backoff.window(10_000) == 30.0


def test_delays_stay_within_the_window_and_use_all_of_it() -> None:
    backoff = Backoff(0.5, 8.0, rand=random.Random(7).random)
    samples: dict[int, list[float]] = {}
    for _ in range(400):
        backoff.reset()
        for attempt in range(6):
            samples.setdefault(attempt, []).append(backoff.next_delay())
    for attempt, delays in samples.items():
        window = min(8.0, 0.5 * 2**attempt)
        assert all(0.0 <= d <= window for d in delays)
        # Full jitter: spread over the whole window, not clustered at its top.
        assert min(delays) < 0.1 * window
        assert max(delays) > 0.9 * window


def test_extreme_random_values_hit_the_bounds() -> None:
    low = Backoff(1.0, 10.0, rand=lambda: 0.0)
    high = Backoff(1.0, 10.0, rand=lambda: 1.0)
    assert [low.next_delay() for _ in range(6)] == [0.0] * 6
    assert [high.next_delay() for _ in range(6)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]


def test_reset_starts_again_from_the_smallest_window() -> None:
    backoff = Backoff(0.5, 30.0, rand=lambda: 1.0)
    for _ in range(5):
        backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() == 0.5


@pytest.mark.parametrize(("base", "cap"), [(0.0, 1.0), (-1.0, 1.0), (2.0, 1.0)])
def test_rejects_nonsense_settings(base: float, cap: float) -> None:
    with pytest.raises(ValueError):
        Backoff(base, cap)
