"""The benchmark's server process: the reference backend plus a chat firehose on its event hub.

Run as `python -m app.bench.feeder DATA_DIR`. It prints one JSON line on stdout, {"url",
"token", "creator_id", "control"}, and then serves a line protocol on 127.0.0.1:<control>
(any number of clients, one JSON answer per command line):

    fill N    append N chat messages now, as fast as the server commits them (a backlog
              that a client resuming from seq 0 receives as a replay)
    rate N    open loop: N chat messages per second from now on
    stop      no more messages
    drop      abort every connection's TCP stream (a network drop, no close handshake)
    heads     newest seq per channel and how many messages were generated
    quit      stop the server and exit (so does closing its stdin)

Messages are appended to the event hub as the chat handler does after its checks, so they
travel the server's real path (commit, fan-out, batching into frames, websocket) while the
generator itself costs a few microseconds per message. (`livedesk-server --rate N` sends
every line through a viewer command instead, which tops out near 16,000 messages/s here.)
The server replays any backlog (no gap threshold), so one filled log serves every scenario.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

from app.bench.synth import ChatSource
from app.server.backend import Backend
from app.server.connection import Connection
from app.server.wsserver import LiveDeskServer

TICK_S = 0.002
MAX_PER_TICK = 2000
FILL_CHUNK = 5000


class Firehose:
    """Appends chat messages (public and Below Room) to the hub."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.source = ChatSource()
        self.rate = 0.0
        self.generated = 0

    def emit(self, count: int) -> None:
        append, message = self.backend.hub.append, self.source.message
        first = self.generated + 1
        for n in range(first, first + count):
            append(*message(n))
        self.generated += count

    async def fill(self, count: int) -> float:
        """Append `count` messages in committed chunks; returns the seconds it took."""
        started = time.perf_counter()
        while count > 0:
            chunk = min(count, FILL_CHUNK)
            self.emit(chunk)
            count -= chunk
            await self.backend.hub.durable()
        return time.perf_counter() - started

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        last, owed = loop.time(), 0.0
        while True:
            await asyncio.sleep(TICK_S)
            now = loop.time()
            owed = min(owed + self.rate * (now - last), self.rate + MAX_PER_TICK)
            last = now
            count = min(int(owed), MAX_PER_TICK)
            if count > 0:
                owed -= count
                self.emit(count)
            elif not self.rate:
                owed = 0.0


class Feeder:
    def __init__(self, data_dir: Path) -> None:
        self.backend = Backend(data_dir)
        # No gap threshold: a resuming client gets the whole backlog as a replay.
        self.server = LiveDeskServer(self.backend, gap_threshold=10**12)
        self.hose = Firehose(self.backend)
        self.done = asyncio.Event()
        self.creator_id = ""

    async def answer(self, words: list[str]) -> dict[str, Any]:
        command, args = words[0], words[1:]
        hub, hose = self.backend.hub, self.hose
        if command == "fill":
            seconds = await hose.fill(int(args[0]))
            return {"seconds": round(seconds, 2), "per_s": round(int(args[0]) / seconds)}
        if command == "rate":
            hose.rate = float(args[0])
            return {"ok": True}
        if command == "stop":
            hose.rate = 0.0
            await hub.durable()
            return {"generated": hose.generated, "heads": hub.heads()}
        if command == "drop":
            dropped = 0
            for conn in hub.connections_of(self.creator_id):
                if isinstance(conn, Connection):
                    conn.ws.transport.abort()
                    dropped += 1
            return {"dropped": dropped, "heads": hub.heads()}
        if command == "heads":
            return {"heads": hub.heads(), "generated": hose.generated, "time": time.time()}
        if command == "quit":
            self.done.set()
            return {"bye": True}
        return {"error": f"unknown command {command!r}"}

    async def control(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while line := await reader.readline():
                words = line.decode().split()
                if words:
                    writer.write(json.dumps(await self.answer(words)).encode() + b"\n")
                    await writer.drain()
        writer.close()

    async def serve(self) -> None:
        await self.backend.start()
        await self.server.start()
        self.creator_id = self.backend.demo_creator()[0].id
        token = self.backend.issue_token(self.creator_id)
        control = await asyncio.start_server(self.control, "127.0.0.1", 0)
        port = control.sockets[0].getsockname()[1]
        hose_task = asyncio.create_task(self.hose.run(), name="firehose")
        loop = asyncio.get_running_loop()

        def watch_stdin() -> None:  # the parent went away: do not outlive it
            sys.stdin.read()
            loop.call_soon_threadsafe(self.done.set)

        threading.Thread(target=watch_stdin, name="feeder-stdin", daemon=True).start()
        info = {"url": self.server.url, "token": token, "creator_id": self.creator_id}
        print(json.dumps({**info, "control": port}), flush=True)
        try:
            await self.done.wait()
        finally:
            hose_task.cancel()
            control.close()
            await self.server.close()
            await self.backend.close()


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m app.bench.feeder DATA_DIR")
    asyncio.run(Feeder(Path(sys.argv[1])).serve())


if __name__ == "__main__":
    main()
