"""A server whose log holds something the client cannot read: sync never loops on it.

A small real websocket server speaks the protocol here, because the reference server
cannot be made to send an event without a readable position.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from websockets.asyncio.server import ServerConnection, serve

from app.client.sync import SyncClient
from app.protocol.codec import decode_client_frame, encode, encode_event
from app.protocol.frames import (
    AccountInfo,
    Event,
    Hello,
    Identify,
    Limits,
    Ready,
    RoomState,
    Snapshot,
)
from app.protocol.payloads import ChatMessage, UserRef
from app.store.localstore import LocalStore

_USER = UserRef(id="u1", name="Fan")


def _chat(seq: int) -> bytes:
    message = ChatMessage(message_id=f"m{seq}", room="public", user=_USER, text=f"t{seq}")
    return encode_event(Event(ch="public", seq=seq, id=f"e{seq}", ts=seq, data=message))


# seq 2 is stored as something without a readable position (no "seq" at all).
LOG = [_chat(1), b'{"ch":"public","broken":true}', *(_chat(seq) for seq in range(3, 41))]


class TinyServer:
    def __init__(self) -> None:
        self.sessions = 0

    async def handle(self, ws: ServerConnection) -> None:
        self.sessions += 1
        limits = Limits(
            max_frame_bytes=65536, commands_per_minute=600, max_batch_events=500, initial_backlog=0
        )
        await ws.send(encode(Hello(protocol=1, server="tiny", heartbeat_ms=15000, limits=limits)))
        identify = decode_client_frame(await ws.recv())
        assert isinstance(identify, Identify)
        after = identify.resume.get("public", 0)
        snapshot = Snapshot(rooms=(RoomState("public"),), live=None, viewer_count=0, member_count=0)
        account = AccountInfo(id="c", name="Creator", role="creator")
        ready = Ready(account=account, heads={"public": 40}, resumed=True, snapshot=snapshot)
        await ws.send(encode(ready))
        body = b",".join(LOG[after:])
        await ws.send(b'{"op":"events","events":[' + body + b"]}", text=True)
        await ws.wait_closed()


def test_an_event_without_a_readable_place_costs_one_resume_then_is_a_gap(tmp_path: Path) -> None:
    async def scenario() -> None:
        tiny = TinyServer()
        async with serve(tiny.handle, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            with LocalStore(tmp_path / "client.db") as store:
                gaps: list[tuple[str, int, int]] = []
                client = SyncClient(
                    f"ws://127.0.0.1:{port}/ws",
                    "token",
                    store,
                    on_gap=lambda ch, a, b: gaps.append((ch, a, b)),
                    backoff_base_s=0.05,
                )
                await client.start()
                await client.wait_caught_up(10)
                await asyncio.sleep(0.3)  # no further sessions start
                await client.stop()
                assert tiny.sessions <= 2
                assert [e.seq for e in store.events("public")] == [1, *range(3, 41)]
                assert gaps == [("public", 2, 2)]
                assert store.gaps("public") == [(2, 2)]
                assert [(ch, raw) for ch, _seq, _reason, raw in store.unreadable()] == [
                    (None, b'{"ch":"public","broken":true}')
                ]

    asyncio.run(scenario())
