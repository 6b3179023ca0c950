"""earnings.ledger: creator-only pages of ledger lines with times, filters, cursor, sessions."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec

from app.core.earnings import TIER_PRICE_CENTS
from app.protocol.frames import Ack, Error
from app.protocol.payloads import (
    CommandData,
    EarningsLedger,
    EarningsSummary,
    EndLive,
    LedgerEntry,
    SendGift,
    StartLive,
    Subscribe,
)
from app.server.backend import Account, Backend

T0 = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


class Scene:
    def __init__(self, backend: Backend, clock: Clock) -> None:
        self.b = backend
        self.clock = clock
        self.creator, _ = backend.demo_creator()
        self.mod, _ = backend.create_account("Sam", "moderator")
        self.viewer, _ = backend.create_account("Vic", "viewer")
        self.other, _ = backend.create_account("Ola", "viewer")
        self._rid = 0

    async def run(self, account: Account, cmd: CommandData) -> Ack | Error:
        self._rid += 1
        return await self.b.execute(account, f"r{self._rid}", cmd)

    async def ok(self, account: Account, cmd: CommandData) -> dict[str, Any]:
        reply = await self.run(account, cmd)
        assert isinstance(reply, Ack), reply
        return reply.result or {}

    async def gift(self, account: Account, gift_id: str, combo: str) -> None:
        await self.ok(account, SendGift(gift_id=gift_id, combo_id=combo, count=1, end=True))


def play(tmp_path: Path, scenario: Callable[[Scene], Awaitable[None]]) -> None:
    clock = Clock()

    async def main() -> None:
        backend = Backend(tmp_path / "srv", clock=clock)
        await backend.start()
        try:
            await scenario(Scene(backend, clock))
        finally:
            await backend.close()

    asyncio.run(main())


def entries(result: dict[str, Any]) -> list[tuple[int, LedgerEntry]]:
    return [(row["ts"], msgspec.convert(row["entry"], LedgerEntry)) for row in result["entries"]]


def test_moderators_and_viewers_are_refused(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        await s.gift(s.viewer, "lion", "c1")
        for account in (s.mod, s.viewer):
            reply = await s.run(account, EarningsLedger())
            assert isinstance(reply, Error) and reply.code == "forbidden", reply
            assert account.role in reply.message
        assert entries(await s.ok(s.creator, EarningsLedger()))  # the creator does see it

    play(tmp_path, scenario)


def test_entries_carry_their_time_and_match_the_summary(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        started = await s.ok(s.creator, StartLive(title="Sunday Q&A"))
        await s.gift(s.viewer, "lion", "c1")
        s.clock.now += 60
        await s.ok(s.other, Subscribe(tier=2))
        s.clock.now += 60
        await s.gift(s.other, "corgi", "c2")
        result = await s.ok(s.creator, EarningsLedger())
        got = entries(result)
        assert [e.kind for _, e in got] == ["gift", "subscription", "gift"]
        assert [ts for ts, _ in got] == [
            int(T0 * 1000),
            int(T0 * 1000) + 60_000,
            int(T0 * 1000) + 120_000,
        ]
        assert {e.session_id for _, e in got} == {started["session_id"]}
        assert result["more"] is False
        [session] = result["sessions"]
        assert session == {
            "session_id": started["session_id"],
            "title": "Sunday Q&A",
            "started_ms": started["started_ms"],
            "ended_ms": None,
        }
        summary = await s.ok(s.creator, EarningsSummary())
        assert summary["gift_diamonds"] == sum(e.diamonds for _, e in got) == 29999 + 299
        assert summary["subscription_cents"] == TIER_PRICE_CENTS[2]
        # A query is answered afresh: the same rid twice is not an idempotent replay here.
        assert len(entries(await s.ok(s.creator, EarningsLedger()))) == 3

    play(tmp_path, scenario)


def test_pages_never_skip_or_repeat_even_with_equal_times(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        for n in range(11):  # all at the same millisecond
            await s.gift(s.viewer, "corgi", f"c{n}")
        seen: list[str] = []
        after, pages = 0, 0
        while True:
            result = await s.ok(s.creator, EarningsLedger(after=after, limit=4))
            seen += [e.entry_id for _, e in entries(result)]
            pages += 1
            after = result["cursor"]
            if not result["more"]:
                break
        assert pages == 3 and len(seen) == len(set(seen)) == 11
        empty = await s.ok(s.creator, EarningsLedger(after=after))
        assert empty["entries"] == [] and empty["cursor"] == after and not empty["more"]

    play(tmp_path, scenario)


def test_time_and_session_filters(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        await s.gift(s.viewer, "corgi", "before")  # outside any live session
        s.clock.now += 3600
        first = await s.ok(s.creator, StartLive(title="one"))
        await s.gift(s.viewer, "swan", "a")
        await s.ok(s.creator, EndLive())
        s.clock.now += 86_400
        second = await s.ok(s.creator, StartLive(title="two"))
        await s.gift(s.other, "lion", "b")
        day2 = int(s.clock.now * 1000)

        only_first = entries(await s.ok(s.creator, EarningsLedger(session_id=first["session_id"])))
        assert [e.diamonds for _, e in only_first] == [699]
        since = entries(await s.ok(s.creator, EarningsLedger(since_ms=day2)))
        assert [(e.diamonds, e.session_id) for _, e in since] == [(29999, second["session_id"])]
        until = entries(await s.ok(s.creator, EarningsLedger(until_ms=day2)))
        assert [e.diamonds for _, e in until] == [299, 699]
        assert until[0][1].session_id is None
        result = await s.ok(s.creator, EarningsLedger())
        titles = {x["session_id"]: (x["title"], x["ended_ms"]) for x in result["sessions"]}
        assert titles[first["session_id"]][0] == "one"
        assert titles[first["session_id"]][1] is not None
        assert titles[second["session_id"]] == ("two", None)

    play(tmp_path, scenario)
