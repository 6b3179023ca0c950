"""A commit that rolls the shared transaction back loses applied commands: none is acked,
the backend stops, and after a restart a resend applies each exactly once (PROTOCOL.md §5, §8)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from app.protocol.frames import Ack, Error
from app.protocol.payloads import ChatMessage, SendMessage, SetRoomMode
from app.server.backend import Account, Backend
from app.server.hub import EventHub, EventLogLost
from tests.unit.server.hubkit import Collector, chat


async def _until_applied(backend: Backend, count: int) -> None:
    """Let the command tasks run up to their wait for the commit."""
    for _ in range(100):
        if len(backend.state.processed) >= count:
            return
        await asyncio.sleep(0)
    raise AssertionError("the commands were not applied")


async def lose_one_command(backend: Backend, text: str) -> Account:
    """A viewer's chat.send whose transaction is rolled back (as by a failed COMMIT) while
    it waits for the commit: it must be answered `internal`. Returns the viewer."""
    viewer, _ = backend.create_account("Vic", "viewer")
    sent = asyncio.create_task(backend.execute(viewer, "r1", SendMessage(room="public", text=text)))
    await asyncio.sleep(0)
    assert backend._db is not None
    backend._db.rollback()
    reply = await sent
    assert isinstance(reply, Error) and reply.code == "internal", reply
    return viewer


def _messages(backend: Backend) -> list[str]:
    return [
        e.data.text
        for e in backend.hub.read("public", 0, None, 1000)
        if isinstance(e.data, ChatMessage)
    ]


def test_a_rolled_back_transaction_acks_nothing_and_a_resend_applies_once(
    tmp_path: Path,
) -> None:
    async def main() -> None:
        backend = Backend(tmp_path)
        await backend.start()
        viewer, _ = backend.create_account("Vic", "viewer")
        creator, _ = backend.demo_creator()
        before = len(backend.state.processed)
        # Two commands waiting for the same commit.
        sent = asyncio.create_task(
            backend.execute(viewer, "r1", SendMessage(room="public", text="once"))
        )
        slow = asyncio.create_task(
            backend.execute(creator, "r2", SetRoomMode(room="public", slow_mode_s=30))
        )
        await _until_applied(backend, before + 2)
        assert backend._db is not None
        # What SQLite does to the transaction when its COMMIT fails (disk full, I/O error).
        backend._db.rollback()
        replies = await asyncio.gather(sent, slow)
        assert all(isinstance(r, Error) and r.code == "internal" for r in replies), replies
        assert backend.failed.is_set()
        # Memory still remembers r1: it must not answer from it (a duplicate ack would lie).
        again = await backend.execute(viewer, "r1", SendMessage(room="public", text="once"))
        assert isinstance(again, Error) and again.code == "internal"
        await backend.close()

        restarted = Backend(tmp_path)
        await restarted.start()
        try:
            viewer = restarted.accounts.get(viewer.id) or viewer
            assert _messages(restarted) == []
            first = await restarted.execute(viewer, "r1", SendMessage(room="public", text="once"))
            second = await restarted.execute(viewer, "r1", SendMessage(room="public", text="once"))
            assert isinstance(first, Ack) and not first.duplicate
            assert isinstance(second, Ack) and second.duplicate
            assert _messages(restarted) == ["once"]
            assert restarted.state.rooms["public"].slow_mode_s == 0
        finally:
            await restarted.close()

    asyncio.run(main())


def test_a_rolled_back_shared_commit_fails_the_log_and_closes_subscribers_1011(
    tmp_path: Path,
) -> None:
    async def main() -> None:
        db = sqlite3.connect(tmp_path / "server.db", check_same_thread=False)
        hub = EventHub(tmp_path / "server.db", flush_interval_s=0.05)
        lost: list[EventLogLost] = []
        hub.on_failed = lost.append
        await hub.start(db)
        try:
            reader = Collector("a", {"public"})
            hub.attach(reader)
            hub.append("public", chat(1))
            waiter = asyncio.create_task(hub.durable())
            await asyncio.sleep(0)
            db.rollback()
            with pytest.raises(EventLogLost):
                hub.commit_shared()
            with pytest.raises(EventLogLost):
                await waiter
            assert hub.failed and len(lost) == 1
            assert reader.closed == (1011, "server error") and reader.received == []
            with pytest.raises(EventLogLost):
                hub.append("public", chat(2))
        finally:
            await hub.close()
            db.close()
        assert sqlite3.connect(tmp_path / "server.db").execute(
            "SELECT COUNT(*) FROM events"
        ).fetchone() == (0,)

    asyncio.run(main())


def test_a_failed_commit_that_keeps_the_transaction_open_is_retried(tmp_path: Path) -> None:
    """A deferred constraint makes COMMIT fail with the transaction still open: nothing is
    lost, so the log retries (here once the cause is gone) and then acks."""

    async def main() -> None:
        db = sqlite3.connect(tmp_path / "server.db", check_same_thread=False)
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        db.execute(
            "CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)"
        )
        db.commit()
        hub = EventHub(tmp_path / "server.db", flush_interval_s=0.01)
        await hub.start(db)
        try:
            db.execute("INSERT INTO child VALUES (1)")  # violates the key until COMMIT
            hub.append("public", chat(1))
            waiter = asyncio.create_task(hub.durable())
            await asyncio.sleep(0.1)
            assert not waiter.done() and db.in_transaction and not hub.failed
            db.execute("INSERT INTO parent VALUES (1)")
            await asyncio.wait_for(waiter, 5)
            assert not hub.failed
        finally:
            await hub.close()
            db.close()
        rows = sqlite3.connect(tmp_path / "server.db").execute("SELECT seq FROM events")
        assert [r[0] for r in rows] == [1]

    asyncio.run(main())


def test_livedesk_server_exits_non_zero_once_its_storage_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.server import __main__ as server_main
    from app.server.embedded import EmbeddedServer, start_embedded

    started: list[EmbeddedServer] = []

    async def recording_start(*args: object, **kwargs: object) -> EmbeddedServer:
        es = await start_embedded(*args, **kwargs)  # type: ignore[arg-type]
        started.append(es)
        return es

    monkeypatch.setattr(server_main, "start_embedded", recording_start)
    args = server_main.parse_args(["--port", "0", "--data-dir", str(tmp_path)])

    async def main() -> int:
        serving = asyncio.create_task(server_main.serve(args))
        while not started:
            await asyncio.sleep(0.01)
        es = started[0]
        await lose_one_command(es.backend, "lost")
        return await asyncio.wait_for(serving, 10)

    assert asyncio.run(main()) == server_main.EXIT_STORAGE_FAILED


def test_a_failed_backend_refuses_new_connections_with_503(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    from app.server.wsserver import LiveDeskServer

    async def main() -> None:
        backend = Backend(tmp_path)
        await backend.start()
        server = LiveDeskServer(backend)
        await server.start()
        try:
            await lose_one_command(backend, "lost")
            url = server.url.replace("ws://", "http://")
            with pytest.raises(urllib.error.HTTPError) as refused:
                await asyncio.to_thread(urllib.request.urlopen, url, timeout=5)
            refused.value.close()
            assert refused.value.code == 503
        finally:
            await server.close()
            await backend.close()

    asyncio.run(main())


def test_close_commits_state_written_without_events(tmp_path: Path) -> None:
    """A state change outside any command and without events (no flush commits it) is
    committed by close(), before the event log stops, and is there after a restart."""

    async def main() -> None:
        backend = Backend(tmp_path)
        await backend.start()
        backend.state.set_timeout("someone", 123)
        await backend.close()
        again = Backend(tmp_path)
        await again.start()
        try:
            assert again.state.timeouts == {"someone": 123}
        finally:
            await again.close()

    asyncio.run(main())


def test_the_embedded_backend_is_restarted_on_its_port_and_a_resend_applies_once(
    tmp_path: Path,
) -> None:
    """The console's embedded backend: after its storage failed it is started again on the
    same port, where the client's resend of the unacked command is applied exactly once."""
    from app.server.embedded import restart_when_failed, start_embedded, stop_embedded

    async def main() -> None:
        es = await start_embedded(tmp_path, demo=False)
        restarted = asyncio.create_task(restart_when_failed(es))
        viewer = await lose_one_command(es.backend, "once")
        again = await asyncio.wait_for(restarted, 10)
        try:
            assert again.server.port == es.server.port and again.url == es.url
            assert not again.backend.failed.is_set()
            first = await again.backend.execute(
                viewer, "r1", SendMessage(room="public", text="once")
            )
            second = await again.backend.execute(
                viewer, "r1", SendMessage(room="public", text="once")
            )
            assert isinstance(first, Ack) and not first.duplicate
            assert isinstance(second, Ack) and second.duplicate
            assert _messages(again.backend) == ["once"]
        finally:
            await stop_embedded(again)

    asyncio.run(main())


def test_a_rollback_is_noticed_even_after_another_write_opened_a_new_transaction(
    tmp_path: Path,
) -> None:
    """Between the rollback and the next commit another writer may already have begun a new
    transaction: the events of the lost one are still not announced durable."""

    async def main() -> None:
        db = sqlite3.connect(tmp_path / "server.db", check_same_thread=False)
        hub = EventHub(tmp_path / "server.db", flush_interval_s=0.01)
        await hub.start(db)
        try:
            hub.append("public", chat(1))
            db.rollback()
            hub.append("public", chat(2))  # opens a new transaction on the same connection
            assert db.in_transaction
            with pytest.raises(EventLogLost):
                await asyncio.wait_for(hub.durable(), 5)
            assert hub.failed
        finally:
            await hub.close()
            db.close()

    asyncio.run(main())
