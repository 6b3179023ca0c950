"""Commands without a server: saved before anything else, kept across runs, size-checked."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from app.client.state import CommandResult, ConnectionState
from app.client.sync import SyncClient
from app.protocol.payloads import (
    EarningsSummary,
    FetchHistory,
    SendMessage,
    Service,
    SetServices,
)
from app.store.localstore import LocalStore


def unused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"ws://127.0.0.1:{port}/ws"  # nothing listens there: connections are refused


def test_commands_sent_offline_are_saved_and_restored_by_the_next_run(tmp_path: Path) -> None:
    url = unused_url()

    async def scenario() -> None:
        with LocalStore(tmp_path / "client.db") as store:
            states: list[ConnectionState] = []
            client = SyncClient(url, "token", store, on_state=states.append, backoff_base_s=0.05)
            first = client.send(SendMessage(room="public", text="one"))
            await client.start()
            second = client.send(SendMessage(room="public", text="two"))
            async with asyncio.timeout(5):
                while client.state.status != "offline" or client.state.retry_in_s is None:
                    await asyncio.sleep(0.01)
            assert client.state.queued == 2
            assert client.state.detail == "Cannot reach the server: connection refused"
            await client.stop()
            assert [rid for rid, _ in store.outbox_pending()] == [first, second]

            again = SyncClient(url, "token", store, backoff_base_s=0.05)
            await again.start()
            async with asyncio.timeout(5):
                while again.state.queued != 2:
                    await asyncio.sleep(0.01)
            await again.stop()
            assert any(s.status == "offline" and s.queued == 2 for s in states)

    asyncio.run(scenario())


def test_a_command_too_large_for_the_server_is_refused_and_never_queued(tmp_path: Path) -> None:
    url = unused_url()
    huge = SetServices(
        services=tuple(
            Service(id=f"s{n}", title="Coaching", category="consulting", description="x" * 2000)
            for n in range(50)
        )
    )

    async def scenario() -> None:
        with LocalStore(tmp_path / "client.db") as store:
            results: list[CommandResult] = []
            client = SyncClient(url, "token", store, on_result=results.append)
            result = await client.request(huge, timeout=2)
            assert not result.ok and result.error_code == "too_large"
            assert results == [result]
            assert client.state.queued == 0
            await client.stop()
            assert store.outbox_pending() == []

    asyncio.run(scenario())


def test_queries_are_never_saved_and_an_equal_one_is_not_queued_twice(tmp_path: Path) -> None:
    url = unused_url()

    async def scenario() -> None:
        with LocalStore(tmp_path / "client.db") as store:
            # A query an older version left in the outbox is dropped, a command kept.
            store.outbox_add("old-query", EarningsSummary())
            store.outbox_add("old-send", SendMessage(room="public", text="kept"))
            client = SyncClient(url, "token", store, backoff_base_s=0.05)
            await client.start()
            async with asyncio.timeout(5):
                while client.state.queued != 1:
                    await asyncio.sleep(0.01)
            first = client.send(EarningsSummary())
            again = client.send(EarningsSummary())  # e.g. asked again after a reconnect
            other = client.send(FetchHistory(channel="public", limit=10))
            assert again == first and other != first
            assert client.state.queued == 3
            await client.stop()
            assert [rid for rid, _ in store.outbox_pending()] == ["old-send"]

    asyncio.run(scenario())
