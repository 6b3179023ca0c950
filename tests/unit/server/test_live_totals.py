"""The snapshot's live totals: what the ledger counted in this live, also after a restart."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

from app.protocol.frames import Ack
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
