"""A client that stops reading costs the server a bounded number of bytes, gets a real 4009
close frame when it reads again, and its memory is given back when it goes."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import weakref
from pathlib import Path

import pytest

from app.core import roles
from app.protocol.closecodes import Close
from app.protocol.payloads import ChatMessage, UserRef
from app.server.connection import MAX_FRAME_BYTES, MAX_QUEUE_BYTES
from tests.integration.conftest import raw_client, running_server, small_receive_buffer_socket

# 500 four-byte characters: ~2 KB per event, the largest a chat message gets.
BIG_TEXT = "\U0001f3ae" * 500
SLACK = MAX_FRAME_BYTES + 64 * 1024  # the frame being written, the socket's high-water mark


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_a_client_that_stops_reading_is_bounded_in_bytes_closed_4009_and_freed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="app.server.connection")

    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            creator, token = backend.demo_creator()
            hub = backend.hub
            user = UserRef(id="load", name="Load")
            async with raw_client(
                server.url, token, sock=small_receive_buffer_socket(server.port), max_queue=1
            ) as slow:
                (conn,) = hub.connections_of(creator.id)
                gone = weakref.ref(conn)
                gc.collect()
                rss_before = _rss_bytes()
                peak = appended = 0
                while hub.connections_of(creator.id) and appended < 40_000:
                    for _ in range(100):
                        appended += 1
                        message = ChatMessage(
                            message_id=f"m{appended}", room="public", user=user, text=BIG_TEXT
                        )
                        hub.append(roles.PUBLIC, message)
                    await hub.durable()
                    peak = max(peak, conn.buffered_bytes())
                    await asyncio.sleep(0.001)
                assert not hub.connections_of(creator.id), "the slow client was never cut off"
                rss_cut = _rss_bytes()
                del conn
                await asyncio.sleep(1.0)  # the client reads again a second later
                assert await slow.close_code(timeout=20) == Close.SLOW_CONSUMER
            await asyncio.sleep(0.1)
            gc.collect()
            rss_after = _rss_bytes()
            mib = 1024 * 1024
            print(
                f"events appended={appended} ({appended * len(BIG_TEXT.encode()) / mib:.1f} MiB); "
                f"peak buffered={peak / mib:.2f} MiB (bound {MAX_QUEUE_BYTES / mib:.0f} MiB); "
                f"RSS +{(rss_cut - rss_before) / mib:.1f} MiB at the cut-off, "
                f"+{(rss_after - rss_before) / mib:.1f} MiB after the close"
            )
            assert peak <= MAX_QUEUE_BYTES + SLACK
            assert gone() is None, "the closed connection is still referenced"
            assert server.connection_count() == 0
            # Said once for the connection, however many events arrived after it was full.
            assert sum("too slow" in r.getMessage() for r in caplog.records) == 1
            # What the connection held is given back: the process keeps less than the bound
            # (SQLite's page caches grew meanwhile), not the events the client never read.
            assert rss_after - rss_before < MAX_QUEUE_BYTES

    asyncio.run(scenario())
