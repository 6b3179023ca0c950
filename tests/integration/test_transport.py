"""The websocket transport against the real Backend: auth, handshake, limits, replay, gaps."""

from __future__ import annotations

import asyncio
import ssl
import time
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from app.core import roles
from app.protocol.closecodes import Close
from app.protocol.frames import (
    Ack,
    Command,
    Error,
    Event,
    Events,
    Gap,
    Heartbeat,
    HeartbeatAck,
    Identify,
    Ready,
)
from app.protocol.payloads import (
    ChatMessage,
    MintInvite,
    RevokeInvite,
    SendMessage,
    Subscribe,
)
from tests.certs import self_signed
from tests.integration.conftest import (
    RawClient,
    chat,
    raw_client,
    running_server,
    seqs,
    small_receive_buffer_socket,
)


def _hello_text(n: int) -> SendMessage:
    return SendMessage(room="public", text=f"hello {n}")


async def _drain_until_heartbeat_ack(client: RawClient) -> list[Event]:
    """Everything queued before a heartbeat's answer: the server sends frames in order."""
    await client.send(Heartbeat())
    events: list[Event] = []
    while True:
        frame = await client.recv()
        if isinstance(frame, HeartbeatAck):
            return events
        assert isinstance(frame, Events), frame
        events.extend(frame.events)


# --- authentication and handshake ------------------------------------------------------


def test_missing_bad_or_revoked_token_is_answered_401_before_the_upgrade(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, good = backend.demo_creator()
            for headers in (
                {},
                {"Authorization": "Bearer not-a-token"},
                {"Authorization": f"Basic {good}"},
                {"Authorization": "Bearer "},
            ):
                with pytest.raises(InvalidStatus) as info:
                    async with connect(server.url, additional_headers=headers):
                        pass
                assert info.value.response.status_code == 401
            with pytest.raises(InvalidStatus) as info:
                async with connect(
                    server.url.replace("/ws", "/other"),
                    additional_headers={"Authorization": f"Bearer {good}"},
                ):
                    pass
            assert info.value.response.status_code == 404
            async with raw_client(server.url, good) as client:
                assert client.hello is not None and client.hello.protocol == 1
                assert client.ready is not None and client.ready.account.role == "creator"
                assert set(client.ready.heads) == set(
                    roles.readable_channels("creator", client.ready.account.id, False)
                )

    asyncio.run(scenario())


def test_unsupported_protocol_is_closed_4004_naming_the_supported_versions(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token, identify=False) as client:
                await client.send(Identify(protocol=2))
                assert await client.close_code() == Close.UNSUPPORTED_VERSION
                assert client.ws.close_reason is not None and "1" in client.ws.close_reason

    asyncio.run(scenario())


def test_command_before_identify_or_no_identify_closes_4005(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv", identify_timeout_s=0.3) as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token, identify=False) as client:
                await client.send(Command(rid="r1", cmd=_hello_text(1)))
                assert await client.close_code() == Close.NOT_IDENTIFIED
            async with raw_client(server.url, token, identify=False) as client:
                started = time.monotonic()
                assert await client.close_code() == Close.NOT_IDENTIFIED
                assert time.monotonic() - started < 3

    asyncio.run(scenario())


# --- bad input and limits --------------------------------------------------------------


def test_bad_frames_get_error_frames_and_the_server_keeps_serving_others(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with (
                raw_client(server.url, token) as other,
                raw_client(server.url, token) as client,
            ):
                bad: list[tuple[object, str]] = [
                    ("this is not json", "bad_frame"),
                    ('{"op": "identify", "protocol": 1', "bad_frame"),
                    ({"op": "no-such-op"}, "bad_request"),
                    ({"op": "cmd", "rid": 5, "cmd": {"type": "chat.send"}}, "bad_request"),
                    (
                        {"op": "cmd", "rid": "r", "cmd": {"type": "chat.send", "room": 1}},
                        "bad_request",
                    ),
                    ({"op": "cmd", "rid": "r", "cmd": {"type": "no.such"}}, "bad_request"),
                    ({"op": "heartbeat", "extra": True}, "bad_request"),
                    ([1, 2, 3], "bad_request"),
                ]
                for frame, code in bad:
                    await client.send(frame)  # type: ignore[arg-type]
                    error = await client.expect(Error)
                    assert error.code == code, (frame, error)
                # Still open and working after bad frames.
                ack, events = await client.command(_hello_text(1))
                assert isinstance(ack, Ack)
                assert [type(e.data) for e in events] == [ChatMessage]
                # Too big for the 64 KiB limit: websockets closes with 1009.
                await client.send("x" * (65 * 1024))
                assert await client.close_code() == Close.TOO_BIG
                # The other client saw the message and is still served.
                seen = await other.events_until("public", events[0].seq)
                assert events[0].id in {e.id for e in seen}
                ack, _ = await other.command(_hello_text(2))
                assert isinstance(ack, Ack)

    asyncio.run(scenario())


def test_twenty_bad_frames_in_a_row_close_4002(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                for _ in range(19):
                    await client.send("nope")
                    assert (await client.expect(Error)).code == "bad_frame"
                await client.send(Heartbeat())  # a good frame resets the count
                await client.expect(HeartbeatAck)
                for _ in range(19):
                    await client.send("nope")
                    await client.expect(Error)
                await client.send("nope")
                assert await client.close_code() == Close.BAD_FRAMES

    asyncio.run(scenario())


def test_rate_limit_answers_rate_limited_then_closes_4008(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv", commands_per_minute=5) as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                assert client.hello is not None
                assert client.hello.limits.commands_per_minute == 5
                for n in range(5):
                    answer, _ = await client.command(_hello_text(n))
                    assert isinstance(answer, Ack)
                retry_after = []
                for n in range(5):
                    answer, _ = await client.command(_hello_text(n), rid=f"over-{n}")
                    assert isinstance(answer, Error) and answer.code == "rate_limited"
                    assert answer.rid == f"over-{n}"
                    assert answer.retry_after_ms is not None
                    retry_after.append(answer.retry_after_ms)
                # 5 per minute: the next token is ~12 s away, and spamming pushes it further.
                assert 10_000 < retry_after[0] < retry_after[-1] <= 6 * 12_000
                await client.send(Command(rid="too-many", cmd=_hello_text(99)))
                assert await client.close_code() == Close.RATE_LIMITED
            # Heartbeats are not commands: they are never rate limited.
            async with raw_client(server.url, token) as client:
                for _ in range(20):
                    await _drain_until_heartbeat_ack(client)

    asyncio.run(scenario())


def test_heartbeats_keep_a_connection_and_silence_closes_it_4010(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv", heartbeat_ms=200) as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                assert client.hello is not None and client.hello.heartbeat_ms == 200
                for _ in range(8):  # 0.8 s, twice the silence limit
                    await asyncio.sleep(0.1)
                    await client.send(Heartbeat(acks={"public": 0}))
                    await client.expect(HeartbeatAck)
                started = time.monotonic()
                assert await client.close_code() == Close.HEARTBEAT_TIMEOUT
                assert 0.3 < time.monotonic() - started < 2.0

    asyncio.run(scenario())


def test_slow_consumer_is_closed_4009_while_a_fast_client_gets_everything(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv", max_queue_bytes=256 * 1024) as (
            backend,
            server,
        ):
            _, token = backend.demo_creator()
            hub = backend.hub
            async with (
                raw_client(server.url, token) as fast,
                raw_client(
                    server.url, token, sock=small_receive_buffer_socket(server.port), max_queue=1
                ) as slow,
            ):
                received: list[Event] = []
                arrival: dict[int, float] = {}

                async def read_fast() -> None:
                    while True:
                        frame = await fast.recv(timeout=30)
                        if isinstance(frame, Events):
                            now = time.monotonic()
                            received.extend(frame.events)
                            for event in frame.events:
                                arrival[event.seq] = now

                reader = asyncio.create_task(read_fast())
                appended: dict[int, float] = {}
                n = 0
                # The slow client never reads: its queue fills once the socket buffers do.
                for _ in range(400):
                    for _ in range(200):
                        n += 1
                        appended[hub.append(roles.PUBLIC, chat("load", n)).seq] = time.monotonic()
                    await hub.durable()
                    await asyncio.sleep(0.002)
                    if server.connection_count() == 1:
                        break
                assert server.connection_count() == 1, "the slow client was never cut off"
                last = hub.head(roles.PUBLIC)
                async with asyncio.timeout(5):
                    while not received or received[-1].seq < last:
                        await asyncio.sleep(0.01)
                reader.cancel()
                assert seqs(received, roles.PUBLIC) == list(range(1, last + 1))
                worst = max(arrival[s] - appended[s] for s in appended)
                assert worst < 1.0, f"the fast client waited {worst:.2f} s for an event"
                # The slow client reads again and finds the close frame behind its backlog.
                assert await slow.close_code() == Close.SLOW_CONSUMER

    asyncio.run(scenario())


# --- ordering, resume, gaps ------------------------------------------------------------


def test_command_events_arrive_before_the_ack_and_a_repeated_rid_is_not_applied(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                ack, events = await client.command(_hello_text(1), rid="same-rid")
                assert isinstance(ack, Ack) and not ack.duplicate
                assert [e.rid for e in events] == ["same-rid"]
                head = backend.hub.head(roles.PUBLIC)
                again, more = await client.command(_hello_text(1), rid="same-rid")
                assert isinstance(again, Ack) and again.duplicate
                assert again.result == ack.result
                assert more == [] and backend.hub.head(roles.PUBLIC) == head

    asyncio.run(scenario())


def test_events_appended_during_the_replay_are_neither_lost_nor_repeated(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            hub = backend.hub
            for n in range(20_000):
                hub.append(roles.PUBLIC, chat("before", n))
            await hub.durable()
            stop = asyncio.Event()

            async def keep_appending() -> None:
                n = 0
                while not stop.is_set():
                    for _ in range(20):
                        n += 1
                        hub.append(roles.PUBLIC, chat("during", n))
                    await asyncio.sleep(0.001)

            producer = asyncio.create_task(keep_appending())
            await asyncio.sleep(0.02)
            # A small socket buffer makes the replay wait for the client, so live events
            # are committed while it is still being sent.
            async with raw_client(
                server.url,
                token,
                resume={roles.PUBLIC: 0},
                sock=small_receive_buffer_socket(server.port),
            ) as client:
                events = await client.events_until(roles.PUBLIC, 20_000)
                await asyncio.sleep(0.05)
                stop.set()
                await producer
                await hub.durable()
                last = hub.head(roles.PUBLIC)
                events += await client.events_until(roles.PUBLIC, last)
                events += await _drain_until_heartbeat_ack(client)
            assert seqs(events, roles.PUBLIC) == list(range(1, last + 1))
            assert last > 20_100

    asyncio.run(scenario())


def test_resume_after_a_server_restart_replays_exactly_the_missed_events(
    tmp_path: Path,
) -> None:
    data = tmp_path / "srv"

    async def scenario() -> None:
        async with running_server(data) as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                assert client.ready is not None
                last = dict(client.ready.heads)
                for n in range(5):
                    _, events = await client.command(_hello_text(n))
                    for event in events:
                        last[event.ch] = event.seq
            async with raw_client(server.url, token) as other:
                for n in range(7):
                    await other.command(_hello_text(100 + n))
            before_restart = backend.hub.heads()
        async with running_server(data) as (backend, server):
            assert backend.hub.heads() == before_restart
            async with raw_client(server.url, token) as other:
                for n in range(3):
                    await other.command(_hello_text(200 + n))
            heads = backend.hub.heads()
            assert heads[roles.PUBLIC] == before_restart[roles.PUBLIC] + 3
            async with raw_client(server.url, token, resume=last) as client:
                assert client.ready is not None and client.ready.resumed
                assert client.ready.heads[roles.PUBLIC] == heads[roles.PUBLIC]
                replayed = await _drain_until_heartbeat_ack(client)
            for ch in client.ready.heads:
                assert seqs(replayed, ch) == list(range(last[ch] + 1, heads.get(ch, 0) + 1))
            texts = [e.data.text for e in replayed if isinstance(e.data, ChatMessage)]
            assert texts == [f"hello {n}" for n in (*range(100, 107), *range(200, 203))]

    asyncio.run(scenario())


def test_gap_frame_first_when_a_client_is_too_far_behind(tmp_path: Path) -> None:
    async def scenario() -> None:
        options = {"gap_threshold": 50, "initial_backlog": 10}
        async with running_server(tmp_path / "srv", **options) as (backend, server):
            _, token = backend.demo_creator()
            for n in range(100):
                backend.hub.append(roles.PUBLIC, chat("old", n))
            await backend.hub.durable()
            async with raw_client(server.url, token, resume={roles.PUBLIC: 5}) as client:
                gap = await client.expect(Gap)
                assert (gap.ch, gap.from_seq, gap.to_seq) == (roles.PUBLIC, 6, 90)
                events = await _drain_until_heartbeat_ack(client)
                assert seqs(events, roles.PUBLIC) == list(range(91, 101))
            # 40 behind is under the threshold: everything, no gap.
            async with raw_client(server.url, token, resume={roles.PUBLIC: 60}) as client:
                events = await _drain_until_heartbeat_ack(client)
                assert seqs(events, roles.PUBLIC) == list(range(61, 101))
            # A fresh client gets the newest initial_backlog events and no gap.
            async with raw_client(server.url, token) as client:
                events = await _drain_until_heartbeat_ack(client)
                assert seqs(events, roles.PUBLIC) == list(range(91, 101))

    asyncio.run(scenario())


# --- hooks from the backend ------------------------------------------------------------


def test_a_viewer_who_subscribes_starts_receiving_the_below_room(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            _, viewer_token = backend.create_account("Viewer", "viewer")
            async with (
                raw_client(server.url, creator_token) as creator,
                raw_client(server.url, viewer_token) as viewer,
            ):
                assert viewer.ready is not None and roles.BELOW not in viewer.ready.heads
                answer, _ = await viewer.command(Subscribe(tier=1))
                assert isinstance(answer, Ack), answer
                await creator.command(SendMessage(room="below", text="members only"))
                events = await viewer.events_until(roles.BELOW, 1)
                below = [e for e in events if e.ch == roles.BELOW]
                assert [e.data.text for e in below if isinstance(e.data, ChatMessage)] == [
                    "members only"
                ]

    asyncio.run(scenario())


def test_a_revoked_moderator_is_closed_4003_and_then_refused(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            async with raw_client(server.url, creator_token) as creator:
                minted, _ = await creator.command(MintInvite(label="mod"))
                assert isinstance(minted, Ack) and minted.result is not None
                _, mod_token = backend.redeem_invite(minted.result["code"], "Mod")
                async with raw_client(server.url, mod_token) as moderator:
                    revoked, _ = await creator.command(
                        RevokeInvite(invite_id=minted.result["invite_id"])
                    )
                    assert isinstance(revoked, Ack)
                    assert await moderator.close_code() == Close.REVOKED
            with pytest.raises(InvalidStatus) as info:
                async with connect(
                    server.url, additional_headers={"Authorization": f"Bearer {mod_token}"}
                ):
                    pass
            assert info.value.response.status_code == 401

    asyncio.run(scenario())


def test_closing_the_server_closes_clients_1001(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, token = backend.demo_creator()
            async with raw_client(server.url, token) as client:
                await server.close()
                assert await client.close_code() == Close.GOING_AWAY

    asyncio.run(scenario())


def test_wss_with_a_tls_certificate(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path, name="localhost", alt="IP:127.0.0.1")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    client_context = ssl.create_default_context(cafile=str(cert))

    async def scenario() -> None:
        async with running_server(tmp_path / "srv", ssl_context=server_context) as (
            backend,
            server,
        ):
            assert server.url.startswith("wss://")
            _, token = backend.demo_creator()
            async with raw_client(server.url, token, ssl=client_context) as client:
                assert isinstance(client.ready, Ready)
                answer, _ = await client.command(_hello_text(1))
                assert isinstance(answer, Ack)

    asyncio.run(scenario())
