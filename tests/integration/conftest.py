"""Helpers for integration tests: a real Backend + LiveDeskServer on 127.0.0.1 and a raw client.

Tests are plain functions that run their coroutine with `asyncio.run(...)`:

    def test_something(tmp_path):
        async def scenario():
            async with running_server(tmp_path / "server") as (backend, server):
                _, token = backend.demo_creator()
                async with raw_client(server.url, token) as client:
                    ...
        asyncio.run(scenario())
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import socket
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import msgspec
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from app.protocol.codec import MAX_SERVER_FRAME_BYTES, decode_server_frame, encode
from app.protocol.frames import (
    Ack,
    Command,
    Error,
    Event,
    Events,
    Hello,
    Identify,
    Ready,
    ServerFrame,
)
from app.protocol.payloads import AnyCommandData, ChatMessage, UserRef
from app.server.backend import Backend
from app.server.wsserver import LiveDeskServer

FrameT = TypeVar("FrameT", bound=ServerFrame)
_rids = itertools.count(1)


@contextlib.asynccontextmanager
async def running_server(
    data_dir: Path, **server_options: Any
) -> AsyncIterator[tuple[Backend, LiveDeskServer]]:
    """Backend on `data_dir` + LiveDeskServer on 127.0.0.1, ephemeral port; closed on exit."""
    backend = Backend(data_dir)
    await backend.start()
    server = LiveDeskServer(backend, "127.0.0.1", 0, **server_options)
    try:
        await server.start()
        yield backend, server
    finally:
        try:
            await server.close()
        finally:
            await backend.close()


class RawClient:
    """A websockets client that speaks the protocol by hand (no app.client code)."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.hello: Hello | None = None
        self.ready: Ready | None = None

    async def recv(self, timeout: float = 5.0) -> ServerFrame:
        async with asyncio.timeout(timeout):
            raw = await self.ws.recv(decode=False)
        return decode_server_frame(raw)

    async def expect(self, kind: type[FrameT], timeout: float = 5.0) -> FrameT:
        frame = await self.recv(timeout)
        assert isinstance(frame, kind), f"expected {kind.__name__}, got {frame!r}"[:2000]
        return frame

    async def send(self, frame: msgspec.Struct | Mapping[str, Any] | bytes | str) -> None:
        if isinstance(frame, bytes | str):
            await self.ws.send(frame)
        elif isinstance(frame, msgspec.Struct):
            await self.ws.send(encode(frame).decode())
        else:
            await self.ws.send(msgspec.json.encode(frame).decode())

    async def identify(self, resume: dict[str, int] | None = None) -> Ready:
        await self.send(Identify(protocol=1, client="tests", resume=resume or {}))
        self.ready = await self.expect(Ready)
        return self.ready

    async def command(
        self, cmd: AnyCommandData, rid: str | None = None, timeout: float = 5.0
    ) -> tuple[Ack | Error, list[Event]]:
        """Send a command; returns its answer and the events that arrived before it."""
        rid = rid or f"rid-{next(_rids)}"
        await self.send(Command(rid=rid, cmd=cmd))
        events: list[Event] = []
        while True:
            frame = await self.recv(timeout)
            if isinstance(frame, Events):
                events.extend(frame.events)
            elif isinstance(frame, Ack | Error) and frame.rid == rid:
                return frame, events

    async def events_until(self, ch: str, seq: int, timeout: float = 10.0) -> list[Event]:
        """Every event received until one of channel `ch` with seq >= `seq` arrived."""
        events: list[Event] = []
        async with asyncio.timeout(timeout):
            while True:
                frame = await self.recv(timeout)
                if isinstance(frame, Events):
                    events.extend(frame.events)
                    if any(e.ch == ch and e.seq >= seq for e in frame.events):
                        return events

    async def close_code(self, timeout: float = 5.0) -> int | None:
        """Read (and drop) frames until the server closes; the close code it sent."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    await self.ws.recv(decode=False)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd is not None else None


@contextlib.asynccontextmanager
async def raw_client(
    url: str,
    token: str | None,
    *,
    identify: bool = True,
    resume: dict[str, int] | None = None,
    **connect_options: Any,
) -> AsyncIterator[RawClient]:
    """Connect (with the bearer token), read Hello, and Identify unless told not to."""
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    options: dict[str, Any] = {
        "compression": None,
        "max_size": MAX_SERVER_FRAME_BYTES,
        "open_timeout": 5,
        "close_timeout": 2,
    }
    options.update(connect_options)
    async with connect(url, additional_headers=headers, **options) as ws:
        client = RawClient(ws)
        client.hello = await client.expect(Hello)
        if identify:
            await client.identify(resume)
        yield client


def small_receive_buffer_socket(port: int) -> socket.socket:
    """A connected socket with a 4 KiB receive buffer, for a client that stops reading."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.setblocking(False)
    return sock


def chat(text: str, n: int = 0) -> ChatMessage:
    """A public chat event payload for loading the log directly through the hub."""
    return ChatMessage(
        message_id=f"load-{n}", room="public", user=UserRef(id="load", name="Load"), text=text
    )


def seqs(events: list[Event], ch: str) -> list[int]:
    return [e.seq for e in events if e.ch == ch]
