"""OBS's stream health from its status polls: bitrate, dropped frames, CPU, and when to warn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.obs.requests import Caller

# A warning stays up this long after the last frame dropped, so a creator glancing at the
# bar sees it even when the drops came in one burst.
WARN_HOLD_S = 15.0


@dataclass(frozen=True)
class ObsHealth:
    streaming: bool = False
    reconnecting: bool = False  # the stream output lost its server and is retrying
    recording: bool = False
    bitrate_kbps: float | None = None  # the stream's (or else the recording's) output rate
    dropped_frames: int = 0  # network: frames the stream output could not send
    lagged_frames: int = 0  # encoder: frames skipped because encoding fell behind
    total_frames: int = 0
    cpu_pct: float = 0.0
    dropping: bool = False  # frames dropped within the last WARN_HOLD_S seconds

    @property
    def dropped_pct(self) -> float:
        if self.total_frames <= 0:
            return 0.0
        return 100.0 * (self.dropped_frames + self.lagged_frames) / self.total_frames


class HealthMeter:
    """Turns successive samples (GetStreamStatus, GetRecordStatus, GetStats) into ObsHealth."""

    def __init__(self, warn_hold_s: float = WARN_HOLD_S) -> None:
        self.warn_hold_s = warn_hold_s
        self._last_bytes: int | None = None
        self._last_at = 0.0
        self._last_dropped: int | None = None
        self._dropped_at: float | None = None

    def update(
        self, stream: dict[str, Any], record: dict[str, Any], stats: dict[str, Any], now: float
    ) -> ObsHealth:
        streaming = bool(stream.get("outputActive"))
        recording = bool(record.get("outputActive"))
        source = stream if streaming else record if recording else None
        bitrate: float | None = None
        if source is None:
            self._last_bytes = None
        else:
            out = int(source.get("outputBytes", 0))
            if self._last_bytes is not None and now > self._last_at and out >= self._last_bytes:
                bitrate = (out - self._last_bytes) * 8 / 1000 / (now - self._last_at)
            self._last_bytes, self._last_at = out, now
        dropped = int(stream.get("outputSkippedFrames", 0)) if streaming else 0
        lagged = int(stats.get("outputSkippedFrames", 0))
        total = int(stream.get("outputTotalFrames", 0)) if streaming else 0
        total = total or int(stats.get("outputTotalFrames", 0))
        bad = dropped + lagged
        if self._last_dropped is not None and bad > self._last_dropped:
            self._dropped_at = now
        self._last_dropped = bad
        dropping = self._dropped_at is not None and now - self._dropped_at < self.warn_hold_s
        return ObsHealth(
            streaming=streaming,
            reconnecting=bool(stream.get("outputReconnecting")),
            recording=recording,
            bitrate_kbps=bitrate,
            dropped_frames=dropped,
            lagged_frames=lagged,
            total_frames=total,
            cpu_pct=float(stats.get("cpuUsage", 0.0)),
            dropping=dropping,
        )


async def sample(obs: Caller) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The three polls HealthMeter reads, in one round trip each."""
    stream = await obs.call("GetStreamStatus")
    record = await obs.call("GetRecordStatus")
    stats = await obs.call("GetStats")
    return stream, record, stats
