"""A simulated live (the demo audience on a real backend, on a simulated clock) through the alert
queue with the default settings: the backlog stays bounded and alerts stay near real time."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from app.core.alerts import AlertQueue, AlertRules
from app.protocol.frames import Event
from app.protocol.payloads import EventData, GiftStreakEnded, GiftStreakUpdate, MemberJoined
from app.server.audience import LIVELY_TICK_S, SimulatedAudience
from app.server.backend import Backend

MINUTES = 5
DEFAULT_MIN_DIAMONDS = 5  # the console's default "alert pop-up from"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


class TappedBackend(Backend):
    """A real Backend that also hands every event it emits to `tap`."""

    def __init__(self, data_dir: Path, **kwargs: Any) -> None:
        super().__init__(data_dir, **kwargs)
        self.tapped: list[EventData] = []

    def emit(self, ch: str, data: EventData, rid: str | None) -> Event:
        self.tapped.append(data)
        return super().emit(ch, data, rid)


@dataclass
class Pacing:
    alerts: int = 0
    gifts: int = 0
    worst_pending: int = 0
    worst_behind_s: float = 0.0
    big_waits: tuple[float, ...] = ()
    merged: int = 0
    dropped: int = 0


async def simulated_live(tmp_path: Path, rules: AlertRules, seed: int) -> Pacing:
    clock = Clock()
    backend = TappedBackend(tmp_path / f"data-{seed}-{id(rules)}", clock=clock)
    await backend.start()
    queue = AlertQueue(rules, clock)
    pacing = Pacing()
    big_sent: dict[str, float] = {}
    waits: list[float] = []
    try:
        audience = SimulatedAudience(backend, seed=seed)
        for tick in range(int(MINUTES * 60 / LIVELY_TICK_S)):
            await audience.simulate(LIVELY_TICK_S)
            clock.now += LIVELY_TICK_S
            if tick % 20 == 0:
                await backend.expire_streaks()
            for data in backend.tapped:
                if isinstance(data, GiftStreakUpdate):
                    queue.on_streak(data)
                elif isinstance(data, GiftStreakEnded):
                    pacing.gifts += 1
                    alert = queue.on_gift_end(data)
                    if data.gift.diamonds >= 1000:
                        big_sent.setdefault(alert.alert_id, clock.now)
                elif isinstance(data, MemberJoined):
                    queue.on_member(f"m{tick}-{data.user.id}", data)
            backend.tapped.clear()
            for start in queue.advance():
                pacing.alerts += 1
                if start.alert.alert_id in big_sent:
                    waits.append(clock.now - big_sent.pop(start.alert.alert_id))
            pacing.worst_pending = max(pacing.worst_pending, len(queue.pending))
            pacing.worst_behind_s = max(pacing.worst_behind_s, queue.behind_s())
    finally:
        await backend.close()
    pacing.big_waits = tuple(waits)
    pacing.merged, pacing.dropped = queue.stats.merged, queue.stats.dropped
    return pacing


@pytest.mark.slow
def test_a_simulated_live_keeps_alerts_near_real_time(tmp_path: Path) -> None:
    rules = AlertRules(min_diamonds=DEFAULT_MIN_DIAMONDS)
    # What the queue did before (one alert per streak, first come first served apart from the
    # big-first rule, which cannot be switched off, 5 s each, shortened only from 5 waiting,
    # up to 30 waiting, nothing dropped for being late).
    before = replace(
        rules,
        catch_up_after=5,
        max_pending=30,
        max_behind_s=float("inf"),
        merge_from_one_person=False,
    )
    now = asyncio.run(simulated_live(tmp_path, rules, seed=11))
    old = asyncio.run(simulated_live(tmp_path, before, seed=11))
    print(f"\nsimulated live, {MINUTES} min, {now.gifts} gift streaks:")
    for name, p in (("before", old), ("now", now)):
        print(
            f"  {name}: {p.alerts} alerts, at most {p.worst_pending} waiting, at most "
            f"{p.worst_behind_s:.1f} s behind, big gifts waited at most "
            f"{max(p.big_waits, default=0):.1f} s, {p.merged} merged, {p.dropped} feed only"
        )
    assert now.gifts > 100  # a busy evening, not an idle one
    assert now.worst_pending <= rules.max_pending
    assert now.worst_behind_s <= rules.max_behind_s + 1.0
    assert max(now.big_waits, default=0.0) <= 15.0
