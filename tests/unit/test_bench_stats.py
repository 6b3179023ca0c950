"""Progress.rate: the rate after a warm-up, and a stream that ended within the warm-up."""

from __future__ import annotations

import pytest

from app.bench.stats import Progress


def progress(points: list[tuple[float, int]]) -> Progress:
    p = Progress()
    for t, total in points:
        p.times.append(t)
        p.counts.append(total)
        p.total = total
    return p


def test_the_rate_is_measured_after_the_warm_up() -> None:
    p = progress([(0.0, 0), (1.0, 100), (2.0, 1100), (3.0, 2100), (4.0, 3100)])
    assert p.rate(warmup=2.0, seconds=10.0) == (1000.0, 2.0)


@pytest.mark.parametrize("last_at", [2.5, 1.0])
def test_a_stream_that_ended_within_the_warm_up_is_measured_whole(last_at: float) -> None:
    # 40,000 messages in 20 batches, the last one just after (or before) the warm-up's end:
    # after the warm-up there is one batch at most, no span to divide by.
    points = [(i * 0.05, i * 2000) for i in range(20)] + [(last_at, 40_000)]
    rate, window = progress(points).rate(warmup=2.0, seconds=10.0)
    assert window == pytest.approx(last_at)
    assert rate == pytest.approx(40_000 / last_at)


def test_too_few_batches_measure_nothing() -> None:
    assert progress([(1.0, 500)]).rate(warmup=0.0, seconds=1.0) == (0.0, 0.0)
    assert progress([(1.0, 500), (1.0, 900)]).rate(warmup=0.0, seconds=1.0) == (0.0, 0.0)
