"""The snapshot's live totals: what the ledger counted in this live, also after a restart."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

from app.protocol.frames import Ack, LiveSessionInfo
from app.protocol.payloads import CommandData, EndLive, SendGift, StartLive, Subscribe
from app.server.backend import Account, Backend

_rids = itertools.count()


async def ok(backend: Backend, who: Account, cmd: CommandData) -> None:
    reply = await backend.execute(who, f"r{next(_rids)}", cmd)
    assert isinstance(reply, Ack), reply


def test_snapshot_carries_the_lives_totals_and_they_survive_a_restart(tmp_path: Path) -> None:
    async def main() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        creator, _ = backend.demo_creator()
        mia, _ = backend.create_account("Mia", "viewer")
        ola, _ = backend.create_account("Ola", "viewer")
        await ok(backend, mia, SendGift(gift_id="rose", combo_id="c0", count=1, end=True))
        await ok(backend, mia, Subscribe(tier=1))  # before the live: not this live's
        assert backend.snapshot(creator).live is None
        await ok(backend, creator, StartLive(title="Q&A"))
        for combo in ("c1", "c2"):
            await ok(backend, mia, SendGift(gift_id="rose", combo_id=combo, count=5, end=True))
        await ok(backend, ola, Subscribe(tier=1))  # new in this live
        await ok(backend, mia, Subscribe(tier=1))  # a renewal
        live = backend.snapshot(creator).live
        assert live is not None
        assert (live.diamonds, live.gifts, live.new_members, live.renewals) == (10, 2, 1, 1)
        await backend.close()

        again = Backend(tmp_path / "srv")
        await again.start()
        try:
            creator, _ = again.demo_creator()
            live = again.snapshot(creator).live
            assert live is not None
            assert (live.diamonds, live.gifts, live.new_members, live.renewals) == (10, 2, 1, 1)
            await ok(again, creator, EndLive())
            assert again.snapshot(creator).live is None
            await ok(again, creator, StartLive(title="next"))
            live = again.snapshot(creator).live
            assert live is not None and (live.diamonds, live.gifts, live.new_members) == (0, 0, 0)
        finally:
            await again.close()

    asyncio.run(main())


def test_tiktok_gifts_stay_in_the_live_totals_and_top_gifters_after_a_restart(
    tmp_path: Path,
) -> None:
    from app.core.gifts import TIKTOK_GIFT_PREFIX
    from app.protocol.payloads import GiftInfo
    from app.server.handlers_earnings import report_gift

    rose = GiftInfo(id=f"{TIKTOK_GIFT_PREFIX}5655", name="Rose", diamonds=1, streakable=False)
    lion = GiftInfo(id=f"{TIKTOK_GIFT_PREFIX}6369", name="Lion", diamonds=500, streakable=False)

    Figures = tuple[tuple[int, int], frozenset[str]]

    async def main() -> tuple[Figures, Figures]:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        creator, _ = backend.demo_creator()
        mia, _ = backend.create_account("Mia", "viewer")
        tok, _ = backend.create_account("Tok", "viewer")
        await ok(backend, creator, StartLive(title="Q&A"))
        await ok(backend, mia, SendGift(gift_id="rose", combo_id="c1", count=3, end=True))
        report_gift(backend, tok, None, lion, "t1", 1, True)  # as the TikTok bridge does
        report_gift(backend, tok, None, rose, "t2", 1, True)
        await backend.hub.durable()
        backend.state.commit()
        live = backend.snapshot(creator).live
        assert live is not None
        before = (live.diamonds, live.gifts), backend.state.top_gifters
        await backend.close()

        again = Backend(tmp_path / "srv")
        await again.start()
        try:
            live = again.snapshot(creator).live
            assert live is not None
            return before, ((live.diamonds, live.gifts), again.state.top_gifters)
        finally:
            await again.close()

    before, after = asyncio.run(main())
    assert before[0] == (504, 3) and len(before[1]) == 2
    assert after == before


def test_new_members_and_renewals_are_what_a_client_counting_the_events_gets(
    tmp_path: Path,
) -> None:
    """Fan passes redeemed, revoked and renewed, and Below Room subscriptions: the snapshot's
    figures equal those of a client that took the live's first snapshot and counted every
    member.joined after it, also after a restart."""
    from app.core.livetotals import LiveTotals
    from app.protocol.payloads import MintPass, RedeemPass, RenewPass, RevokePass

    async def mint(backend: Backend, creator: Account, cmd: MintPass) -> tuple[str, str]:
        reply = await backend.execute(creator, f"r{next(_rids)}", cmd)
        assert isinstance(reply, Ack) and reply.result is not None
        return reply.result["pass_id"], reply.result["code"]

    def figures(live: LiveSessionInfo) -> tuple[int, int]:
        return (live.new_members, live.renewals)

    async def main() -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        creator, _ = backend.demo_creator()
        mia, _ = backend.create_account("Mia", "viewer")
        fay, _ = backend.fans.sign_up("Fay")
        await ok(backend, creator, StartLive(title="Q&A"))
        client = LiveTotals()
        client.on_ready(backend.snapshot(creator).live, backend.hub.heads())
        paid, paid_code = await mint(backend, creator, MintPass(price_cents=500, currency="EUR"))
        free, free_code = await mint(backend, creator, MintPass())
        await ok(backend, fay, RedeemPass(code=paid_code))
        await ok(backend, creator, RevokePass(pass_id=paid))
        await ok(backend, fay, RedeemPass(code=free_code))
        await ok(backend, creator, RenewPass(pass_id=free, days=30, price_cents=300))
        await ok(backend, mia, Subscribe(tier=1))
        await ok(backend, mia, Subscribe(tier=1))
        client.apply(backend.hub.read("public", 0, None, 10_000))  # counts those after ready
        live = backend.snapshot(creator).live
        assert live is not None
        counted = (client.new_members, client.renewals)
        served = figures(live)
        await backend.close()
        again = Backend(tmp_path / "srv")
        await again.start()
        try:
            live = again.snapshot(creator).live
            assert live is not None
            return counted, served, figures(live)
        finally:
            await again.close()

    counted, served, after_restart = asyncio.run(main())
    assert counted == (3, 1)  # Fay twice (a revoked pass ends her membership), Mia; Mia again
    assert served == counted
    assert after_restart == counted
