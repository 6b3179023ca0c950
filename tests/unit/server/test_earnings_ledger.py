"""earnings.ledger: creator-only pages of ledger lines with times, filters, cursor, sessions."""

from __future__ import annotations

from pathlib import Path

from app.core.earnings import TIER_PRICE_CENTS
from app.protocol.frames import Error
from app.protocol.payloads import (
    EarningsLedger,
    EarningsSummary,
    EndLive,
    StartLive,
    Subscribe,
)
from tests.unit.server.world import START, World, ledger_entries, run_world


def test_moderators_and_viewers_are_refused(tmp_path: Path) -> None:
    async def scenario(s: World) -> None:
        await s.gift(s.viewer, "lion", "c1")
        for account in (s.mod, s.viewer):
            reply = await s.run(account, EarningsLedger())
            assert isinstance(reply, Error) and reply.code == "forbidden", reply
            assert account.role in reply.message
        assert ledger_entries(await s.ok(s.creator, EarningsLedger()))  # the creator does see it

    run_world(tmp_path, scenario)


def test_entries_carry_their_time_and_match_the_summary(tmp_path: Path) -> None:
    async def scenario(s: World) -> None:
        started = await s.ok(s.creator, StartLive(title="Sunday Q&A"))
        await s.gift(s.viewer, "lion", "c1")
        s.clock.now += 60
        await s.ok(s.other, Subscribe(tier=2))
        s.clock.now += 60
        await s.gift(s.other, "corgi", "c2")
        result = await s.ok(s.creator, EarningsLedger())
        got = ledger_entries(result)
        assert [e.kind for _, e in got] == ["gift", "subscription", "gift"]
        assert [ts for ts, _ in got] == [
            int(START * 1000),
            int(START * 1000) + 60_000,
            int(START * 1000) + 120_000,
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
        assert len(ledger_entries(await s.ok(s.creator, EarningsLedger()))) == 3

    run_world(tmp_path, scenario)


def test_pages_never_skip_or_repeat_even_with_equal_times(tmp_path: Path) -> None:
    async def scenario(s: World) -> None:
        for n in range(11):  # all at the same millisecond
            await s.gift(s.viewer, "corgi", f"c{n}")
        seen: list[str] = []
        after, pages = 0, 0
        while True:
            result = await s.ok(s.creator, EarningsLedger(after=after, limit=4))
            seen += [e.entry_id for _, e in ledger_entries(result)]
            pages += 1
            after = result["cursor"]
            if not result["more"]:
                break
        assert pages == 3 and len(seen) == len(set(seen)) == 11
        empty = await s.ok(s.creator, EarningsLedger(after=after))
        assert empty["entries"] == [] and empty["cursor"] == after and not empty["more"]

    run_world(tmp_path, scenario)


def test_time_and_session_filters(tmp_path: Path) -> None:
    async def scenario(s: World) -> None:
        await s.gift(s.viewer, "corgi", "before")  # outside any live session
        s.clock.now += 3600
        first = await s.ok(s.creator, StartLive(title="one"))
        await s.gift(s.viewer, "swan", "a")
        await s.ok(s.creator, EndLive())
        s.clock.now += 86_400
        second = await s.ok(s.creator, StartLive(title="two"))
        await s.gift(s.other, "lion", "b")
        day2 = int(s.clock.now * 1000)

        only_first = ledger_entries(
            await s.ok(s.creator, EarningsLedger(session_id=first["session_id"]))
        )
        assert [e.diamonds for _, e in only_first] == [699]
        since = ledger_entries(await s.ok(s.creator, EarningsLedger(since_ms=day2)))
        assert [(e.diamonds, e.session_id) for _, e in since] == [(29999, second["session_id"])]
        until = ledger_entries(await s.ok(s.creator, EarningsLedger(until_ms=day2)))
        assert [e.diamonds for _, e in until] == [299, 699]
        assert until[0][1].session_id is None
        result = await s.ok(s.creator, EarningsLedger())
        titles = {x["session_id"]: (x["title"], x["ended_ms"]) for x in result["sessions"]}
        assert titles[first["session_id"]][0] == "one"
        assert titles[first["session_id"]][1] is not None
        assert titles[second["session_id"]] == ("two", None)

    run_world(tmp_path, scenario)
