"""The role matrix over the wire: real clients on 127.0.0.1 ask for what their role may not do,
and each gets an error reply naming it (never a silent success), while allowed calls work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from app.client.sync import SyncClient
from app.protocol.payloads import (
    BanUser,
    CommandData,
    DeleteMessage,
    EarningsLedger,
    EarningsSummary,
    EndLive,
    GetInquiryThread,
    ListInquiries,
    MintInvite,
    PinMessage,
    SendMessage,
    SetInquiryStatus,
    SetRoomMode,
    SetServices,
    StartLive,
    TimeoutUser,
)
from app.server.backend import Backend
from app.store.localstore import LocalStore
from tests.integration.conftest import running_server

MODERATOR_REFUSED: list[CommandData] = [
    EarningsSummary(),
    EarningsLedger(),
    ListInquiries(),
    GetInquiryThread(inquiry_id="q_1"),
    SetInquiryStatus(inquiry_id="q_1", status="open"),
    SetServices(services=()),
    StartLive(title="not mine"),
    EndLive(),
    MintInvite(),
]
VIEWER_REFUSED: list[CommandData] = [
    DeleteMessage(message_id="m_1"),
    TimeoutUser(user_id="u_1", seconds=60),
    BanUser(user_id="u_1"),
    PinMessage(message_id="m_1"),
    SetRoomMode(room="public", slow_mode_s=30),
    EarningsSummary(),
    ListInquiries(),
]


@asynccontextmanager
async def clients(tmp_path: Path) -> AsyncIterator[tuple[Backend, dict[str, SyncClient]]]:
    async with running_server(tmp_path / "server") as (backend, server):
        _, creator = backend.demo_creator()
        _, moderator = backend.create_account("Sam", "moderator")
        _, viewer = backend.create_account("Vic", "viewer")
        made: dict[str, SyncClient] = {}
        stores = []
        try:
            for name, token in (("creator", creator), ("moderator", moderator), ("viewer", viewer)):
                store = LocalStore(tmp_path / f"{name}.db")
                stores.append(store)
                made[name] = SyncClient(server.url, token, store)
                await made[name].start()
                await made[name].wait_caught_up(10)
            yield backend, made
        finally:
            for client in made.values():
                await client.stop()
            for store in stores:
                store.close()


@pytest.mark.parametrize(
    ("role", "cmd"),
    [("moderator", c) for c in MODERATOR_REFUSED] + [("viewer", c) for c in VIEWER_REFUSED],
    ids=lambda v: v if isinstance(v, str) else type(v).__name__,
)
def test_a_forbidden_command_gets_an_error_reply(
    tmp_path: Path, role: str, cmd: CommandData
) -> None:
    async def main() -> None:
        async with clients(tmp_path) as (_, made):
            reply = await made[role].request(cmd)
            assert not reply.ok
            assert reply.error_code == "forbidden"
            assert role in (reply.message or "")

    asyncio.run(main())


def test_allowed_calls_work_and_a_non_member_cannot_post_in_below_room(tmp_path: Path) -> None:
    async def main() -> None:
        async with clients(tmp_path) as (backend, made):
            said = await made["viewer"].request(SendMessage(room="public", text="hi all"))
            assert said.ok and said.result is not None
            below = await made["viewer"].request(SendMessage(room="below", text="let me in"))
            assert not below.ok and below.error_code == "members_only"
            # A moderator moderates; the creator sees the money; nothing was refused silently.
            deleted = await made["moderator"].request(
                DeleteMessage(message_id=said.result["message_id"])
            )
            assert deleted.ok
            assert (await made["moderator"].request(SendMessage(room="below", text="mods"))).ok
            summary = await made["creator"].request(EarningsSummary())
            assert summary.ok and summary.result is not None and "gift_diamonds" in summary.result
            assert (await made["creator"].request(ListInquiries())).ok
            stored = [e.data for e in backend.hub.read("public", 0, None, 100)]
            assert any(type(d).__name__ == "MessageDeleted" for d in stored)

    asyncio.run(main())
