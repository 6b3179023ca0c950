"""A TCP proxy for integration tests that can cut, freeze or half-block live connections.

It sits between a real client and a real server on 127.0.0.1 and models network faults
the client must survive: an abrupt reset, a silent (zombie) link, a lost reply.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


class _Link:
    """One proxied connection: two pumps, each of which can be held."""

    def __init__(
        self,
        client: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        server: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    ) -> None:
        self.client_reader, self.client_writer = client
        self.server_reader, self.server_writer = server
        self.upstream_open = asyncio.Event()  # client -> server flows while set
        self.downstream_open = asyncio.Event()  # server -> client flows while set
        self.upstream_open.set()
        self.downstream_open.set()
        self.tasks = [
            asyncio.create_task(
                self._pump(self.client_reader, self.server_writer, self.upstream_open)
            ),
            asyncio.create_task(
                self._pump(self.server_reader, self.client_writer, self.downstream_open)
            ),
        ]

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, gate: asyncio.Event
    ) -> None:
        try:
            while data := await reader.read(65536):
                await gate.wait()
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.abort()

    def abort(self) -> None:
        """Reset both sides at once, as a dropped network would."""
        for writer in (self.client_writer, self.server_writer):
            writer.transport.abort()
        current = asyncio.current_task()
        for task in self.tasks:
            if task is not current:
                task.cancel()


class FaultProxy:
    """Listens on 127.0.0.1 (ephemeral port) and forwards to `target_port`.

    `target_port` may change at any time (a restarted server): new connections go there.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.accepted = 0  # TCP connections accepted from clients
        self.links: list[_Link] = []
        self._server: asyncio.Server | None = None

    def url(self, path: str = "/ws") -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self.abort_all()
            await self._server.wait_closed()
            tasks = [task for link in self.links for task in link.tasks]
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        try:
            upstream = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()  # the server is down: the client sees a reset
            return
        self.links.append(_Link((reader, writer), upstream))

    def abort_all(self) -> None:
        """Reset every live connection (both directions, no close frames)."""
        for link in self.links:
            link.abort()

    def freeze_all(self) -> None:
        """Stop forwarding in both directions on every live connection, without closing it:
        a zombie link. New connections are not affected."""
        for link in self.links:
            link.upstream_open.clear()
            link.downstream_open.clear()

    def inject_downstream(self, frame: bytes) -> None:
        """Write raw bytes to every client, between forwarded chunks (use on an idle link)."""
        for link in self.links:
            link.client_writer.write(frame)

    def hold_downstream(self) -> None:
        """Stop forwarding server -> client on every live connection (requests still pass)."""
        for link in self.links:
            link.downstream_open.clear()


@contextlib.asynccontextmanager
async def fault_proxy(target_port: int) -> AsyncIterator[FaultProxy]:
    proxy = FaultProxy(target_port)
    await proxy.start()
    try:
        yield proxy
    finally:
        await proxy.close()
