"""A scripted week of a creator's earnings, played through a real Backend with a set clock."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pytestqt.qtbot import QtBot

from app.client.state import CommandResult
from app.protocol.frames import Ack
from app.protocol.payloads import (
    CommandData,
    CreateInquiry,
    EndLive,
    SendGift,
    Service,
    SetInquiryStatus,
    SetServices,
    StartLive,
    Subscribe,
)
from app.server.backend import Account, Backend
from app.ui.earnings.feature import EarningsFeature
from app.ui.settings import ConsoleSettings

BOOKED_FOR = 4_102_444_800_000  # a booking's appointment: 2100-01-01, always ahead

# Monday 17 Nov 2025, 00:00 UTC: the scripted week runs Monday to Sunday.
WEEK_START = datetime(2025, 11, 17, tzinfo=UTC).timestamp()
LAST_DAY = date(2025, 11, 23)
HOUR = 3600.0
DAY = 24 * HOUR

VIEWERS = ["Mia", "Noor", "kofi.builds", "Ana Lúcia", "TheRealSlimShadyFanAccount2009", "jin"]
SERVICE = Service(
    id="svc_review",
    title="30-min portfolio review",
    category="consulting",
    price_cents=4500,
    license_free_confirmed=True,
)
# A service priced in another currency: its bookings are summed apart, never converted.
EUR_LESSON = Service(
    id="svc_lesson",
    title="Guitar lesson",
    category="skill_training",
    price_cents=3500,
    currency="EUR",
    license_free_confirmed=True,
)
# Per day: (live title or None, gifts as (viewer, gift id, count), subscriptions (viewer, tier),
# bookings (viewer, price cents)).
DAYS: list[
    tuple[str | None, list[tuple[int, str, int]], list[tuple[int, int]], list[tuple[int, int]]]
] = [
    ("Monday Q&A", [(0, "rose", 25), (1, "lion", 1), (2, "finger_heart", 12)], [(3, 2)], []),
    (None, [], [], [(3, 4500)]),
    ("Build night", [(4, "corgi", 2), (5, "rose", 40), (0, "swan", 1)], [(5, 1)], []),
    ("Lighting tips", [(1, "galaxy", 3), (2, "rose", 9)], [(0, 1), (2, 3)], [(4, 4500)]),
    (None, [], [], []),
    ("Saturday chill", [(0, "money_gun", 2), (3, "rose", 55), (5, "perfume", 6)], [(4, 1)], []),
    ("Sunday Q&A", [(1, "universe", 1), (2, "doughnut", 4)], [(1, 2)], [(5, 9000)]),
]


class Clock:
    def __init__(self, now: float = WEEK_START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@dataclass
class Week:
    backend: Backend
    clock: Clock
    creator: Account
    viewers: list[Account]
    session_ids: list[str] = field(default_factory=list)
    rids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def run(self, account: Account, cmd: CommandData) -> dict[str, Any]:
        reply = await self.backend.execute(account, f"w{next(self.rids)}", cmd)
        assert isinstance(reply, Ack), reply
        return reply.result or {}

    async def request(self, cmd: CommandData) -> CommandResult:
        """What the console's client.request would return, answered by the real backend."""
        rid = f"q{next(self.rids)}"
        reply = await self.backend.execute(self.creator, rid, cmd)
        if isinstance(reply, Ack):
            return CommandResult(rid, True, reply.result)
        return CommandResult(rid, False, None, reply.code, reply.message)


async def play_week(backend: Backend, clock: Clock) -> Week:
    creator, _ = backend.demo_creator()
    viewers = [backend.create_account(name, "viewer")[0] for name in VIEWERS]
    week = Week(backend, clock, creator, viewers)
    await week.run(creator, SetServices(services=(SERVICE,)))
    combo = itertools.count(1)
    for n, (title, gifts, subs, bookings) in enumerate(DAYS):
        clock.now = WEEK_START + n * DAY + 18 * HOUR
        if title:
            started = await week.run(creator, StartLive(title=title))
            week.session_ids.append(started["session_id"])
        for who, gift_id, count in gifts:
            clock.now += 300
            cmd = SendGift(gift_id=gift_id, combo_id=f"c{next(combo)}", count=count, end=True)
            await week.run(viewers[who], cmd)
        for who, tier in subs:
            clock.now += 120
            await week.run(viewers[who], Subscribe(tier=tier))
        for who, price in bookings:
            clock.now += 60
            asked = await week.run(
                viewers[who], CreateInquiry(service_id=SERVICE.id, text="Could you review mine?")
            )
            inquiry = asked["inquiry_id"]
            await week.run(creator, SetInquiryStatus(inquiry_id=inquiry, status="open"))
            await week.run(
                creator,
                SetInquiryStatus(
                    inquiry_id=inquiry, status="booked", price_cents=price, booked_for_ms=BOOKED_FOR
                ),
            )
        if title:
            clock.now += HOUR
            await week.run(creator, EndLive())
    return week


T = TypeVar("T")


def with_week(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, scenario: Callable[[Week], Awaitable[T]]
) -> T:
    async def main() -> T:
        clock = Clock()
        backend = Backend(tmp_path / "server", clock=clock)
        await backend.start()
        try:
            return await scenario(await play_week(backend, clock))
        finally:
            await backend.close()

    return qloop.run_until_complete(main())


def feature_for(qtbot: QtBot, week: Week, tmp_path: Path) -> EarningsFeature:
    settings = ConsoleSettings(tmp_path / "settings.ini")
    feature = EarningsFeature(settings, week.request, today=lambda: LAST_DAY)
    qtbot.addWidget(feature.page)
    return feature
