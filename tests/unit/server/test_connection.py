"""The per-connection command rate limit (token bucket with a hard ceiling at twice the rate)."""

from __future__ import annotations

import pytest

from app.server.connection import RateLimit


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_full_bucket_allows_the_rate_then_refuses_with_a_retry_delay() -> None:
    clock = FakeClock()
    limit = RateLimit(60, clock)  # one per second
    assert [limit.take() for _ in range(60)] == [None] * 60
    retry = limit.take()
    assert retry == pytest.approx(2.0)  # the refused command cost a token too
    clock.now += 2.0
    assert limit.take() is None


def test_refills_over_time_up_to_the_capacity() -> None:
    clock = FakeClock()
    limit = RateLimit(120, clock)
    for _ in range(120):
        limit.take()
    clock.now += 30.0  # 2 per second -> 60 tokens back
    assert [limit.take() for _ in range(60)] == [None] * 60
    assert limit.take() is not None
    clock.now += 3600.0
    assert limit.tokens <= 120.0
    assert [limit.take() for _ in range(120)] == [None] * 120


def test_more_than_twice_the_rate_raises() -> None:
    limit = RateLimit(10, FakeClock())
    for _ in range(10):
        assert limit.take() is None
    for _ in range(10):
        assert limit.take() is not None
    with pytest.raises(OverflowError):
        limit.take()
