"""A duplicate ack never repeats a one-time secret, on any connection."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.protocol.frames import Ack
from app.protocol.payloads import MintInvite
from tests.integration.conftest import raw_client, running_server


def test_a_resent_invite_mint_gets_its_ack_without_the_code(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                first, _ = await client.command(MintInvite(label="Sam"), rid="mint-1")
                same, _ = await client.command(MintInvite(label="Sam"), rid="mint-1")
            async with raw_client(server.url, token) as client:
                other, _ = await client.command(MintInvite(label="Sam"), rid="mint-1")
        assert isinstance(first, Ack) and first.result is not None and first.result["code"]
        expected = {"invite_id": first.result["invite_id"]}
        for again in (same, other):
            assert isinstance(again, Ack) and again.duplicate and again.result == expected

    asyncio.run(scenario())
