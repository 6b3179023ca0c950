"""Where the spec and the server used to disagree: rids of undecodable commands, invalid
UTF-8, control characters in chat text, and error codes that were listed but never sent."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from app.core import roles
from app.protocol.closecodes import ERROR_CODES, Close
from app.protocol.frames import Ack, Error, Heartbeat, HeartbeatAck
from app.protocol.payloads import SendMessage
from tests.integration.conftest import raw_client, running_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "cmd",
    [
        {"type": "chat.nope"},
        {"type": "chat.send", "room": "public"},
        {"type": "chat.send", "room": "public", "text": "hi", "extra": 1},
        {"type": "history.fetch", "channel": "public", "after_seq": 2**63},
        {"type": "chat.send", "room": "public", "text": "nul \x00 here"},
        {"type": "chat.send", "room": "public", "text": "two\nlines"},
        {"type": "chat.send", "room": "public", "text": "\x1b[2J"},
    ],
)
def test_a_command_that_fails_decoding_is_answered_with_its_rid(
    tmp_path: Path, cmd: dict[str, object]
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                await client.send(json.dumps({"op": "cmd", "rid": "c-42", "cmd": cmd}))
                error = await client.expect(Error)
                assert (error.code, error.rid) == ("bad_request", "c-42"), error
                assert "regex" not in error.message  # the rule is named in words
                # Nothing was applied, and a good command still works.
                answer, _ = await client.command(SendMessage(room="public", text="fine"))
                assert isinstance(answer, Ack)
            assert [e.rid for e in backend.hub.read(roles.PUBLIC, 0, None, 10)] != ["c-42"]

    asyncio.run(scenario())


def test_invalid_utf8_text_frame_closes_1007_but_a_binary_one_is_bad_frame(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                await client.ws.send(b"\xff\xfe")  # binary, not UTF-8
                error = await client.expect(Error)
                assert error.code == "bad_frame" and error.rid is None
                await client.send(Heartbeat())
                await client.expect(HeartbeatAck)
                await client.ws.send(b'{"op": "heartbeat", "x": "\xff"}', text=True)
                assert await client.close_code() == Close.INVALID_DATA
            async with raw_client(server.url, token, identify=False) as client:  # before identify
                await client.ws.send(b"\xc3\x28", text=True)
                assert await client.close_code() == Close.INVALID_DATA

    asyncio.run(scenario())


def test_every_error_code_in_the_spec_is_one_the_server_sends() -> None:
    section = (ROOT / "app/protocol/PROTOCOL.md").read_text().split("### Error codes", 1)[1]
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", section.split("\n## ", 1)[0], re.M))
    assert listed == set(ERROR_CODES)
    server_code = "".join(p.read_text() for p in (ROOT / "app/server").glob("*.py"))
    from_codec = {"bad_frame", "bad_request"}  # ProtocolError codes the server passes on
    never_sent = {c for c in ERROR_CODES if f'"{c}"' not in server_code} - from_codec
    assert never_sent == set()
