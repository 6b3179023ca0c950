"""What the server answered before it closes a connection reaches the client before the close."""

from __future__ import annotations

import asyncio
from pathlib import Path

from websockets.exceptions import ConnectionClosed

from app.protocol.closecodes import Close
from app.protocol.codec import decode_server_frame, encode
from app.protocol.frames import Ack, Command, Error, Events, ServerFrame
from app.protocol.payloads import SendMessage
from tests.integration.conftest import RawClient, raw_client, running_server


async def _frames_until_close(client: RawClient) -> tuple[list[ServerFrame], int | None]:
    frames: list[ServerFrame] = []
    try:
        async with asyncio.timeout(20):
            while True:
                frames.append(decode_server_frame(await client.ws.recv(decode=False)))
    except ConnectionClosed as closed:
        return frames, closed.rcvd.code if closed.rcvd is not None else None


def test_twenty_pipelined_bad_frames_get_twenty_errors_then_4002(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            for identified in (False, True):
                async with raw_client(server.url, token, identify=identified) as client:
                    for n in range(20):
                        await client.send(b"not json" if n % 2 else '{"op": "nope"}')
                    frames, code = await _frames_until_close(client)
                    assert code == Close.BAD_FRAMES
                    codes = [f.code for f in frames if isinstance(f, Error)]
                    assert codes == ["bad_request", "bad_frame"] * 10, (identified, frames)

    asyncio.run(scenario())


def test_every_command_answered_before_a_4008_close_is_delivered_first(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                rids = [f"r{n}" for n in range(400)]
                for rid in rids:
                    cmd = SendMessage(room="public", text=rid)
                    await client.ws.send(encode(Command(rid=rid, cmd=cmd)).decode())
                frames, code = await _frames_until_close(client)
        assert code == Close.RATE_LIMITED
        answers = [f for f in frames if isinstance(f, Ack | Error)]
        acked = [a.rid for a in answers if isinstance(a, Ack)]
        refused = [a.rid for a in answers if isinstance(a, Error)]
        assert all(a.code == "rate_limited" for a in answers if isinstance(a, Error))
        # 120 applied, then refused until the bucket is overdrawn by another 120: the 241st
        # command closes the connection, and all 240 answers before it arrived, in order.
        assert len(acked) >= 120 and len(answers) >= 240, (len(acked), len(refused))
        assert [a.rid for a in answers] == rids[: len(answers)]
        messages = sum(len(f.events) for f in frames if isinstance(f, Events))
        assert messages == len(acked)
        print(f"answers before the 4008 close: {len(answers)} ({len(acked)} acks)")

    asyncio.run(scenario())
