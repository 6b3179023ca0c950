"""Stream health from OBS's polls: bitrate from byte counts, dropped frames, the warning."""

from __future__ import annotations

from app.obs.health import HealthMeter

STATS = {"cpuUsage": 7.5, "outputSkippedFrames": 0, "outputTotalFrames": 0}


def stream(active: bool = True, out: int = 0, skipped: int = 0, total: int = 0) -> dict:  # type: ignore[type-arg]
    return {
        "outputActive": active,
        "outputBytes": out,
        "outputSkippedFrames": skipped,
        "outputTotalFrames": total,
    }


def test_bitrate_comes_from_the_bytes_between_two_samples() -> None:
    meter = HealthMeter()
    first = meter.update(stream(out=1_000_000), {}, STATS, now=10.0)
    assert first.streaming and first.bitrate_kbps is None  # one sample has no rate yet
    second = meter.update(stream(out=1_750_000), {}, STATS, now=12.0)
    assert second.bitrate_kbps == 3000.0  # 750 kB in 2 s
    assert second.cpu_pct == 7.5


def test_a_recording_alone_gives_its_rate_and_stopping_forgets_it() -> None:
    meter = HealthMeter()
    meter.update(stream(active=False), {"outputActive": True, "outputBytes": 0}, STATS, now=0.0)
    rec = meter.update(
        stream(active=False), {"outputActive": True, "outputBytes": 125_000}, STATS, now=1.0
    )
    assert rec.recording and not rec.streaming and rec.bitrate_kbps == 1000.0
    idle = meter.update(stream(active=False), {"outputActive": False}, STATS, now=2.0)
    assert idle.bitrate_kbps is None
    again = meter.update(stream(out=50), {}, STATS, now=3.0)
    assert again.bitrate_kbps is None  # a new output starts counting afresh


def test_dropping_frames_warns_for_a_while_then_clears() -> None:
    meter = HealthMeter(warn_hold_s=15)
    assert not meter.update(stream(skipped=3, total=100), {}, STATS, now=0).dropping
    hit = meter.update(stream(skipped=9, total=200), {}, STATS, now=2)
    assert hit.dropping and hit.dropped_frames == 9 and hit.dropped_pct == 4.5
    assert meter.update(stream(skipped=9, total=300), {}, STATS, now=16).dropping
    assert not meter.update(stream(skipped=9, total=400), {}, STATS, now=18).dropping


def test_encoder_lag_counts_as_dropping_too() -> None:
    meter = HealthMeter()
    meter.update(stream(total=10), {}, STATS, now=0)
    lag = meter.update(stream(total=20), {}, {**STATS, "outputSkippedFrames": 4}, now=1)
    assert lag.dropping and lag.lagged_frames == 4 and lag.dropped_pct == 20.0
