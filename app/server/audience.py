"""A simulated, deterministic audience that drives the reference backend through its commands."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import random
import secrets
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.gifts import CATALOGUE
from app.protocol.frames import Ack, Error
from app.protocol.payloads import (
    CommandData,
    CreateInquiry,
    GiftInfo,
    ReplyInquiry,
    SendGift,
    SendMessage,
    SetServices,
    StartLive,
    Subscribe,
)
from app.server.accounts import Account
from app.server.audience_text import (
    DEMO_PROFILE,
    DEMO_SERVICES,
    below_line,
    follow_up_text,
    inquiry_text,
    public_line,
    viewer_names,
    waiting_line,
)

if TYPE_CHECKING:
    from app.server.backend import Backend

log = logging.getLogger(__name__)

LIVELY_TICK_S = 0.05
LOAD_TICK_S = 0.01  # rate mode: one batch of commands every 10 ms
LOAD_OTHER_SCALE = 0.5  # rate mode: gifts, members and inquiries at half their lively rate
OFF_AIR_CHAT_SCALE = 0.25  # before the live: a quarter of the chat, from the early crowd

# Relative frequency of each gift when a viewer starts sending: mostly roses and other
# 1-coin gifts, now and then a mid-priced one, rarely a Lion or a Universe.
GIFT_WEIGHTS: dict[str, float] = {
    "rose": 45, "tiktok": 6, "gg": 5, "ice_cream": 5, "heart_me": 6, "finger_heart": 10,
    "friendship_necklace": 3, "perfume": 3, "doughnut": 4, "hat_and_mustache": 2,
    "paper_crane": 2, "confetti": 2, "sunglasses": 1.5, "corgi": 1.2, "money_gun": 0.8,
    "swan": 0.6, "galaxy": 0.5, "fireworks": 0.4, "whale_diving": 0.25, "sports_car": 0.12,
    "interstellar": 0.08, "rosa_nebula": 0.05, "lion": 0.04, "universe": 0.03,
}  # fmt: skip
STREAKS_WITHOUT_END_MARKER = 0.10  # a reported failure mode of TikTok's feed
TIER_WEIGHTS = (0.75, 0.2, 0.05)


@dataclass
class _Viewer:
    name: str
    chattiness: float
    account: Account | None = None
    tier: int = 0  # 0: not a member
    banned: bool = False
    muted_until_tick: int = 0


@dataclass
class _Streak:
    viewer: _Viewer
    gift: GiftInfo
    combo_id: str
    count: int
    target: int
    next_tick: int
    sends_end: bool


@dataclass
class _Plan:
    viewer: _Viewer
    cmd: CommandData


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class SimulatedAudience:
    """Viewers who chat, gift, subscribe and send Service+ inquiries, through `backend.execute`.

    What happens depends only on `seed`: the simulation advances in fixed ticks and every
    decision comes from one random.Random. Wall-clock time only decides *when* a tick runs
    (`start`), or not at all (`simulate`). With `rate`, it is a load generator: `rate` public
    chat messages per second, sent in batches every 10 ms, with the rest of the activity scaled
    down. It never writes state directly; the backend applies every command as for a real user.

    With `go_live=False` it leaves going live to the creator (the console's demo): until then
    the early crowd chats, more slowly and about the wait, members talk in Below Room and
    inquiries come in, but nobody sends gifts to a creator who is not live.
    """

    def __init__(
        self,
        backend: Backend,
        *,
        seed: int | None = None,
        rate: float | None = None,
        viewers: int = 200,
        go_live: bool = True,
    ) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive")
        if viewers < 1:
            raise ValueError("viewers must be at least 1")
        self._backend = backend
        self._rng = random.Random(seed)
        self._go_live = go_live
        self._rate = rate
        self._tick_s = LOAD_TICK_S if rate else LIVELY_TICK_S
        self._scale = LOAD_OTHER_SCALE if rate else 1.0
        rng = self._rng
        # A few viewers talk a lot, most say little (a capped Pareto weight per viewer).
        names = viewer_names(rng, viewers)
        self._viewers = [_Viewer(n, min(rng.paretovariate(1.5), 20.0)) for n in names]
        self._speaker_weights = list(itertools.accumulate(v.chattiness for v in self._viewers))
        self._gifts = [g for g in CATALOGUE if g.id in GIFT_WEIGHTS]
        self._gift_weights = list(itertools.accumulate(GIFT_WEIGHTS[g.id] for g in self._gifts))
        # rids and combo ids must not collide with those of an earlier run on the same data.
        self._run_id = secrets.token_hex(4)
        self._rids = itertools.count(1)
        self._combos = itertools.count(1)
        self._tick = 0
        self._creator: Account | None = None
        self._creator_name = "you"
        self._streaks: list[_Streak] = []
        self._streaks_started = 0
        self._follow_ups: list[tuple[int, _Viewer, str]] = []
        # The opening: first gift, Below Room line and inquiry come within a few seconds.
        self._next_gift_tick = self._ticks(rng.uniform(0.3, 1.5))
        self._next_below_tick = self._ticks(rng.uniform(0.5, 2.0))
        self._next_inquiry_tick = self._ticks(rng.uniform(1.0, 3.0))
        self._base_rate = rng.uniform(6.0, 10.0)
        self._burst_ticks = 0
        self._burst_rate = 0.0
        self._chat_owed = 0.0
        self._viewer_target = viewers * 5 + rng.randint(0, viewers)
        self._viewer_count = self._viewer_target
        self._task: asyncio.Task[None] | None = None
        self._prepared = False
        self.sent: Counter[str] = Counter()  # commands sent, by command type
        self.errors: Counter[str] = Counter()  # error codes received

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Prepare (accounts, demo services, live session) and run in real time until stop()."""
        if self._task is not None:
            return
        await self._prepare()
        self._task = asyncio.create_task(self._run(), name="simulated-audience")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def simulate(self, seconds: float) -> None:
        """Run `seconds` of simulated time as fast as the backend allows (tests, benchmarks)."""
        await self._prepare()
        for _ in range(self._ticks(seconds)):
            await self._step()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            while True:
                await self._step()
                # Late ticks run back to back (sleep(0) still yields): the schedule, not the
                # machine's speed, decides what happens.
                await asyncio.sleep(max(started + self._tick * self._tick_s - loop.time(), 0.0))
        except Exception:
            # The demo audience must never take the server down with it.
            log.exception("the simulated audience stopped")

    async def _prepare(self) -> None:
        if self._prepared:
            return
        self._prepared = True
        backend = self._backend
        creator, _token = backend.demo_creator()
        self._creator, self._creator_name = creator, creator.name
        for viewer in self._viewers:
            viewer.account, _token = backend.create_account(viewer.name, "viewer")
        if backend.state.profile.followers is None:
            backend.set_profile(DEMO_PROFILE)  # platform data, not a command of the creator
        if not backend.services():
            await self._send(_Plan(_Viewer(creator.name, 0, creator), SetServices(DEMO_SERVICES)))
        if self._go_live and backend.snapshot(creator).live is None:
            await self._send(_Plan(_Viewer(creator.name, 0, creator), StartLive("Demo stream")))
        backend.set_viewer_count(self._viewer_count)

    # --- one tick -------------------------------------------------------------------------

    def _ticks(self, seconds: float) -> int:
        return max(round(seconds / self._tick_s), 0)

    def _chance(self, per_second: float) -> bool:
        return self._rng.random() < per_second * self._tick_s * self._scale

    def _next_at(self, tick: int, per_second: float) -> int:
        """The tick of the next occurrence of something that happens `per_second` on average."""
        return tick + max(1, self._ticks(self._rng.expovariate(per_second * self._scale)))

    async def _step(self) -> None:
        tick = self._tick
        self._tick += 1
        plans: list[_Plan] = []
        live = self._backend.state.live is not None
        self._plan_public_chat(tick, plans, live)
        self._plan_members(tick, plans)
        self._plan_below_chat(tick, plans)
        if live:
            self._plan_gifts(tick, plans)
        else:
            self._streaks.clear()  # a streak does not outlive the live it was sent in
        self._plan_inquiries(tick, plans)
        if tick % self._ticks(1.0) == 0:
            self._drift_viewer_count()
        if plans:
            # One batch per tick: commands start in order, and their results are handled in
            # order, so the outcome does not depend on which one finishes first.
            results = await asyncio.gather(*(self._send(plan) for plan in plans))
            for plan, result in zip(plans, results, strict=True):
                self._handle(tick, plan, result)

    async def _send(self, plan: _Plan) -> Ack | Error | None:
        account = plan.viewer.account
        assert account is not None
        rid = f"sim-{self._run_id}-{next(self._rids)}"
        self.sent[type(plan.cmd).__name__] += 1
        try:
            return await self._backend.execute(account, rid, plan.cmd)
        except Exception:
            if not self.errors["exception"]:
                log.exception("simulated %s failed", type(plan.cmd).__name__)
            self.errors["exception"] += 1
            return None

    def _handle(self, tick: int, plan: _Plan, result: Ack | Error | None) -> None:
        viewer, cmd = plan.viewer, plan.cmd
        if isinstance(result, Error):
            self.errors[result.code] += 1
            if result.code == "banned":
                viewer.banned = True
            elif result.code == "timed_out":
                wait_s = (result.retry_after_ms or 60_000) / 1000
                viewer.muted_until_tick = tick + self._ticks(wait_s)
            return
        if result is None:
            return
        if isinstance(cmd, Subscribe):
            viewer.tier = cmd.tier
        elif isinstance(cmd, CreateInquiry) and result.result:
            inquiry_id = result.result.get("inquiry_id")
            if isinstance(inquiry_id, str) and self._rng.random() < 0.5:
                when = tick + self._ticks(self._rng.uniform(5.0, 30.0))
                self._follow_ups.append((when, viewer, inquiry_id))

    # --- what the audience does -----------------------------------------------------------

    def _speaker(self, tick: int) -> _Viewer | None:
        viewer = self._rng.choices(self._viewers, cum_weights=self._speaker_weights)[0]
        if viewer.banned or viewer.muted_until_tick > tick:
            return None
        return viewer

    def _public_chat_count(self) -> int:
        if self._rate is not None:
            self._chat_owed += self._rate * self._tick_s
            count = int(self._chat_owed)
            self._chat_owed -= count
            return count
        rng = self._rng
        self._base_rate = min(max(self._base_rate + rng.gauss(0.0, 0.1), 5.0), 10.0)
        if self._burst_ticks > 0:
            self._burst_ticks -= 1
            per_second = self._burst_rate
        else:
            per_second = self._base_rate
            if rng.random() < self._tick_s / 20.0:  # a burst about every 20 s
                self._burst_ticks = self._ticks(rng.uniform(1.5, 4.0))
                self._burst_rate = rng.uniform(15.0, 22.0)
        return _poisson(rng, per_second * self._tick_s)

    def _plan_public_chat(self, tick: int, plans: list[_Plan], live: bool) -> None:
        count = self._public_chat_count()
        if not live and self._rate is None:
            count = sum(self._rng.random() < OFF_AIR_CHAT_SCALE for _ in range(count))
        for _ in range(count):
            viewer = self._speaker(tick)
            line = public_line if live else waiting_line
            text = line(self._rng, self._creator_name)
            if viewer is not None:
                plans.append(_Plan(viewer, SendMessage(room="public", text=text)))

    def _members(self) -> list[_Viewer]:
        return [v for v in self._viewers if v.tier and not v.banned]

    def _new_tier(self) -> int:
        return self._rng.choices((1, 2, 3), weights=TIER_WEIGHTS)[0]

    def _plan_members(self, tick: int, plans: list[_Plan]) -> None:
        rng = self._rng
        joining = rng.randint(3, 6) if tick == 0 else int(self._chance(1 / 15))
        for _ in range(joining):
            viewer = rng.choice(self._viewers)
            if not viewer.tier and not viewer.banned:
                plans.append(_Plan(viewer, Subscribe(tier=self._new_tier())))
        members = self._members()
        if members and self._chance(1 / 40):
            viewer = rng.choice(members)
            tier = max(viewer.tier, self._new_tier())  # renew, sometimes upgrade
            plans.append(_Plan(viewer, Subscribe(tier=tier)))

    def _plan_below_chat(self, tick: int, plans: list[_Plan]) -> None:
        if tick < self._next_below_tick:
            return
        members = self._members()
        self._next_below_tick = self._next_at(tick, min(0.2 * len(members), 2.5) or 1.0)
        if members:
            viewer = self._rng.choice(members)
            text = below_line(self._rng)
            if viewer.muted_until_tick <= tick:
                plans.append(_Plan(viewer, SendMessage(room="below", text=text)))

    def _plan_gifts(self, tick: int, plans: list[_Plan]) -> None:
        rng = self._rng
        if tick >= self._next_gift_tick:
            self._next_gift_tick = self._next_at(tick, 0.6)
            viewer = self._speaker(tick)
            gift = rng.choices(self._gifts, cum_weights=self._gift_weights)[0]
            if viewer is not None:
                self._start_gift(tick, viewer, gift, plans)
        running: list[_Streak] = []
        for streak in self._streaks:
            if streak.viewer.banned:
                continue
            if streak.next_tick > tick:
                running.append(streak)
                continue
            if rng.random() >= 0.05:  # now and then the feed repeats a report
                streak.count = min(streak.count + rng.randint(1, 3), streak.target)
            done = streak.count >= streak.target
            if not done or not streak.sends_end:
                plans.append(self._gift_report(streak, end=False))
            if done:
                if streak.sends_end:
                    plans.append(self._gift_report(streak, end=True))
                continue  # a streak without end marker just falls silent
            streak.next_tick = tick + rng.randint(1, 6)
            running.append(streak)
        self._streaks = running

    def _start_gift(self, tick: int, viewer: _Viewer, gift: GiftInfo, plans: list[_Plan]) -> None:
        rng = self._rng
        combo_id = f"{self._run_id}-{next(self._combos)}"
        if not gift.streakable:
            plans.append(_Plan(viewer, SendGift(gift.id, combo_id, count=1, end=True)))
            return
        cap = 50 if gift.diamonds <= 5 else 10
        target = min(cap, 1 + int(rng.expovariate(1 / (8 if cap == 50 else 2))))
        # The first streak of a run never sends its end marker, so the timeout path shows early.
        sends_end = self._streaks_started > 0 and rng.random() >= STREAKS_WITHOUT_END_MARKER
        self._streaks_started += 1
        streak = _Streak(viewer, gift, combo_id, 1, target, tick + rng.randint(1, 6), sends_end)
        plans.append(self._gift_report(streak, end=streak.count >= target and sends_end))
        if streak.count < target:
            self._streaks.append(streak)

    @staticmethod
    def _gift_report(streak: _Streak, *, end: bool) -> _Plan:
        cmd = SendGift(streak.gift.id, streak.combo_id, count=streak.count, end=end)
        return _Plan(streak.viewer, cmd)

    def _plan_inquiries(self, tick: int, plans: list[_Plan]) -> None:
        rng = self._rng
        if tick >= self._next_inquiry_tick:
            self._next_inquiry_tick = self._next_at(tick, 1 / 15)
            services = self._backend.services()
            viewer = rng.choice(self._viewers)
            if services and not viewer.banned:
                service = rng.choice(services)
                text = inquiry_text(rng, service)
                plans.append(_Plan(viewer, CreateInquiry(service_id=service.id, text=text)))
        due = [f for f in self._follow_ups if f[0] <= tick]
        if due:
            self._follow_ups = [f for f in self._follow_ups if f[0] > tick]
            for _when, viewer, inquiry_id in due:
                text = follow_up_text(rng)
                if not viewer.banned:
                    plans.append(_Plan(viewer, ReplyInquiry(inquiry_id=inquiry_id, text=text)))

    def _drift_viewer_count(self) -> None:
        rng = self._rng
        self._viewer_target = max(10, self._viewer_target + round(rng.gauss(0, 3)))
        pull = (self._viewer_target - self._viewer_count) * 0.1
        step = rng.gauss(pull, max(2.0, self._viewer_count * 0.01))
        self._viewer_count = max(0, round(self._viewer_count + step))
        self._backend.set_viewer_count(self._viewer_count)
