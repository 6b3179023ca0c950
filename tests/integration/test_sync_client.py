"""SyncClient against the real server and a real LocalStore: drops, restarts, zombies, auth."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.client import sync
from app.client.state import CommandResult, ConnectionState
from app.client.sync import MAX_GATHERED, SyncClient
from app.protocol.frames import Ack, Event, Ready
from app.protocol.payloads import MintInvite, RevokeInvite, SendMessage
from app.server.backend import Backend
from app.server.wsserver import LiveDeskServer
from app.store.localstore import LocalStore, StoreError
from tests.integration.conftest import chat, running_server
from tests.integration.faultproxy import fault_proxy

HEARTBEAT_MS = 400
FAST_RETRY: dict[str, Any] = {"backoff_base_s": 0.05, "backoff_max_s": 0.2}


class Recorder:
    """Collects everything a SyncClient reports, in order."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.states: list[ConnectionState] = []
        self.results: list[CommandResult] = []
        self.gaps: list[tuple[str, int, int]] = []
        self.readies: list[tuple[Ready, dict[str, int]]] = []  # with last_seqs at Ready
        self.after_events: Callable[[], None] = lambda: None
        self.client: SyncClient | None = None

    def make(self, url: str, token: str, store: LocalStore, **options: Any) -> SyncClient:
        self.client = SyncClient(
            url,
            token,
            store,
            on_events=self._events,
            on_state=self.states.append,
            on_result=self.results.append,
            on_gap=lambda ch, a, b: self.gaps.append((ch, a, b)),
            on_ready=self._ready,
            **{**FAST_RETRY, **options},
        )
        return self.client

    def _events(self, events: list[Event]) -> None:
        self.events.extend(events)
        self.after_events()

    def _ready(self, ready: Ready) -> None:
        assert self.client is not None
        self.readies.append((ready, self.client.last_seqs))

    def result(self, rid: str) -> CommandResult | None:
        return next((r for r in self.results if r.rid == rid), None)


async def until(condition: Callable[[], object], timeout: float, what: str = "") -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


async def load_chat(backend: Backend, count: int, *, first: int = 0, chunk: int = 250) -> None:
    """Append public chat events through the hub, committed chunk by chunk (a live burst)."""
    for start in range(first, first + count, chunk):
        for n in range(start, min(start + chunk, first + count)):
            backend.hub.append("public", chat(f"burst message {n}", n))
        await backend.hub.durable()


def assert_complete(store: LocalStore, ch: str, count: int) -> None:
    """The store holds seq 1..count of `ch`, each exactly once."""
    assert store.count_events(ch) == count
    assert [e.seq for e in store.events(ch, 0, count + 10)] == list(range(1, count + 1))


def all_in(client: SyncClient, count: int) -> bool:
    return client.last_seqs.get("public") == count


def public_seqs(events: list[Event]) -> list[int]:
    return [e.seq for e in events if e.ch == "public"]


async def start_server(data: Path) -> tuple[Backend, LiveDeskServer]:
    """Backend + server that a test stops itself (to restart on the same data dir)."""
    backend = Backend(data)
    await backend.start()
    server = LiveDeskServer(backend, heartbeat_ms=HEARTBEAT_MS)
    await server.start()
    return backend, server


async def stop_server(backend: Backend, server: LiveDeskServer) -> None:
    try:
        await server.close()
    finally:
        await backend.close()


@contextlib.contextmanager
def local_store(path: Path) -> Iterator[LocalStore]:
    store = LocalStore(path)
    try:
        yield store
    finally:
        store.close()


# --- (1) a connection killed in the middle of a burst ----------------------------------


def test_connection_killed_mid_burst_resumes_with_every_event_once_in_order(
    tmp_path: Path,
) -> None:
    total = 10_000

    async def scenario() -> None:
        async with (
            running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, server),
            fault_proxy(server.port) as proxy,
        ):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as store:
                rec = Recorder()
                client = rec.make(proxy.url(), token, store)
                killed = asyncio.Event()
                killed_at: list[int] = []

                def kill_once() -> None:
                    if not killed_at and len(rec.events) >= 3000:
                        killed_at.append(len(rec.events))
                        proxy.abort_all()
                        killed.set()

                rec.after_events = kill_once
                await client.start()
                await client.wait_caught_up(5)
                # The burst goes on while the connection dies and comes back.
                await load_chat(backend, total // 2)
                await killed.wait()
                await load_chat(backend, total // 2, first=total // 2)
                await until(lambda: client.last_seqs.get("public") == total, 15)
                await client.wait_caught_up(5)
                await client.stop()

                assert killed_at and killed_at[0] < total
                assert client.stats.connections == 2
                # The second session resumed from the middle: the rest came by replay/live.
                assert rec.readies[1][1]["public"] < total
                assert public_seqs(rec.events) == list(range(1, total + 1))
                assert_complete(store, "public", total)

    asyncio.run(scenario())


# --- (2) a command whose ack was lost is re-sent and applied once ----------------------


def test_command_resent_after_a_drop_before_its_ack_applies_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with (
            running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, server),
            fault_proxy(server.port) as proxy,
        ):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as store:
                rec = Recorder()
                client = rec.make(proxy.url(), token, store)
                await client.start()
                await client.wait_caught_up(5)
                head = backend.hub.head("public")

                proxy.hold_downstream()  # the server's answers stop reaching the client
                rid = client.send(SendMessage(room="public", text="exactly once"))
                await until(lambda: backend.hub.head("public") > head, 5)
                await backend.hub.durable()
                await asyncio.sleep(0.05)  # the Ack is written to the (held) socket
                assert rec.result(rid) is None
                proxy.abort_all()

                await until(lambda: rec.result(rid) is not None, 5)
                await client.wait_caught_up(5)
                await client.stop()

                result = rec.result(rid)
                assert result is not None and result.ok, result
                assert client.stats.connections == 2
                on_server = [e for e in backend.hub.read("public", 0, None, 1000) if e.rid == rid]
                assert len(on_server) == 1
                stored = [e for e in store.events("public") if e.rid == rid]
                assert [e.id for e in stored] == [on_server[0].id]
                assert sum(1 for e in rec.events if e.rid == rid) == 1
                assert store.outbox_pending() == []
                assert [r.rid for r in rec.results] == [rid]

    asyncio.run(scenario())


# --- (3) a command sent while the server is down ---------------------------------------


def test_send_while_server_is_down_is_delivered_once_after_restart(tmp_path: Path) -> None:
    async def scenario() -> None:
        data = tmp_path / "srv"
        backend, server = await start_server(data)
        _, token = backend.demo_creator()
        with local_store(tmp_path / "client.db") as store:
            async with fault_proxy(server.port) as proxy:
                rec = Recorder()
                client = rec.make(proxy.url(), token, store)
                await client.start()
                await client.wait_caught_up(5)
                await stop_server(backend, server)

                await until(lambda: client.state.status in ("offline", "reconnecting"), 5)
                rid = client.send(SendMessage(room="public", text="sent while offline"))
                await until(lambda: client.state.queued == 1, 2)
                await asyncio.sleep(0.3)  # several failed attempts
                assert client.state.status in ("offline", "reconnecting")
                assert client.state.queued == 1
                assert store.outbox_pending()[0][0] == rid

                async with running_server(data, heartbeat_ms=HEARTBEAT_MS) as (backend, server):
                    proxy.target_port = server.port
                    await until(lambda: rec.result(rid) is not None, 5)
                    await client.wait_caught_up(5)
                    on_server = [
                        e for e in backend.hub.read("public", 0, None, 100) if e.rid == rid
                    ]
                    await client.stop()

            result = rec.result(rid)
            assert result is not None and result.ok
            assert len(on_server) == 1
            assert sum(1 for e in rec.events if e.rid == rid) == 1
            assert store.outbox_pending() == []
            waiting = [s for s in rec.states if s.status in ("offline", "reconnecting")]
            assert any(s.queued == 1 and s.retry_in_s is not None for s in waiting)
            assert rec.states[-1] == ConnectionState("offline", queued=0, detail="Stopped")

    asyncio.run(scenario())


# --- (4) a slow consumer does not slow a fast one --------------------------------------


def test_a_client_that_stops_reading_does_not_delay_another(tmp_path: Path) -> None:
    total = 10_000

    async def scenario() -> None:
        async with (
            running_server(
                tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS, max_queue_bytes=256 * 1024
            ) as (
                backend,
                server,
            ),
            fault_proxy(server.port) as proxy,
        ):
            _, token = backend.demo_creator()
            with (
                local_store(tmp_path / "fast.db") as fast_store,
                local_store(tmp_path / "slow.db") as slow_store,
            ):
                fast = Recorder().make(server.url, token, fast_store)
                slow = Recorder().make(proxy.url(), token, slow_store)
                await fast.start()
                await slow.start()
                await fast.wait_caught_up(5)
                await slow.wait_caught_up(5)

                proxy.hold_downstream()  # the slow client stops reading
                loop = asyncio.get_running_loop()
                started = loop.time()
                await load_chat(backend, total)
                await until(lambda: fast.last_seqs.get("public") == total, 5)
                fast_took = loop.time() - started
                assert slow.last_seqs.get("public", 0) < total
                assert fast_took < 4.0, fast_took

                # The slow one is cut off (4009) or finds its link silent, and resumes.
                await until(lambda: slow.last_seqs.get("public") == total, 10)
                await fast.stop()
                await slow.stop()
                assert fast.stats.connections == 1
                assert slow.stats.connections == 2
                assert_complete(fast_store, "public", total)
                assert_complete(slow_store, "public", total)

    asyncio.run(scenario())


# --- (5) server restart: resume from the persisted log ---------------------------------


def test_clients_resume_from_the_persisted_log_after_a_server_restart(tmp_path: Path) -> None:
    async def scenario() -> None:
        data = tmp_path / "srv"
        backend, server = await start_server(data)
        _, token = backend.demo_creator()
        async with fault_proxy(server.port) as proxy:
            with (
                local_store(tmp_path / "a.db") as store_a,
                local_store(tmp_path / "b.db") as store_b,
            ):
                a = Recorder().make(proxy.url(), token, store_a)
                b = Recorder().make(proxy.url(), token, store_b)
                await a.start()
                await b.start()
                await a.wait_caught_up(5)
                await b.wait_caught_up(5)
                await load_chat(backend, 300)
                await until(lambda: all_in(a, 300) and all_in(b, 300), 5)
                await b.stop()  # b is closed as well and comes back as a new client object
                await load_chat(backend, 200, first=300)
                await stop_server(backend, server)

                async with running_server(data, heartbeat_ms=HEARTBEAT_MS) as (backend2, srv2):
                    proxy.target_port = srv2.port
                    load = asyncio.create_task(load_chat(backend2, 500, first=500, chunk=50))
                    b_again_rec = Recorder()
                    b_again = b_again_rec.make(proxy.url(), token, store_b)
                    await b_again.start()
                    await load
                    for client in (a, b_again):
                        await until(functools.partial(all_in, client, 1000), 10)
                        await client.wait_caught_up(5)
                        await client.stop()
                assert b_again_rec.readies[0][1]["public"] == 300  # resumed from its own store
                assert_complete(store_a, "public", 1000)
                assert_complete(store_b, "public", 1000)

    asyncio.run(scenario())


# --- (6) credentials the server refuses ------------------------------------------------


def test_bad_token_fails_without_a_reconnect_loop(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with (
            running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (_, server),
            fault_proxy(server.port) as proxy,
        ):
            with local_store(tmp_path / "client.db") as store:
                rec = Recorder()
                client = rec.make(proxy.url(), "not-a-valid-token", store)
                await client.start()
                await until(lambda: client.state.status == "failed", 5)
                await asyncio.sleep(0.5)  # many backoff periods
                assert proxy.accepted == 1
                assert client.state.status == "failed"
                assert "token" in client.state.detail
                assert client.stats.connections == 0
                await client.stop()
                assert client.state.status == "failed"

    asyncio.run(scenario())


def test_revoked_moderator_is_signed_out_with_a_plain_reason(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with (
            running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, server),
            fault_proxy(server.port) as proxy,
        ):
            creator, _ = backend.demo_creator()
            minted = await backend.execute(creator, "mint-1", MintInvite(label="Mia"))
            assert isinstance(minted, Ack) and minted.result is not None
            _, mod_token = backend.redeem_invite(minted.result["code"], "Mia")
            with local_store(tmp_path / "mod.db") as store:
                rec = Recorder()
                client = rec.make(proxy.url(), mod_token, store)
                await client.start()
                await client.wait_caught_up(5)
                assert client.ready is not None and client.ready.account.role == "moderator"

                invite_id = minted.result["invite_id"]
                await backend.execute(creator, "revoke-1", RevokeInvite(invite_id=invite_id))
                await until(lambda: client.state.status == "failed", 5)
                await asyncio.sleep(0.3)
                assert client.state.detail.startswith("Signed out: token revoked")
                assert proxy.accepted == 1
                await client.stop()

    asyncio.run(scenario())


# --- (7) a silent (zombie) connection ---------------------------------------------------


def test_zombie_connection_is_detected_within_two_heartbeats_and_resumed(
    tmp_path: Path,
) -> None:
    heartbeat_ms = 300

    async def scenario() -> None:
        async with (
            running_server(tmp_path / "srv", heartbeat_ms=heartbeat_ms) as (backend, server),
            fault_proxy(server.port) as proxy,
        ):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as store:
                rec = Recorder()
                client = rec.make(proxy.url(), token, store)
                await client.start()
                await client.wait_caught_up(5)
                loop = asyncio.get_running_loop()

                proxy.freeze_all()  # nothing passes, nothing is closed
                frozen_at = loop.time()
                await load_chat(backend, 100)
                await until(lambda: client.stats.connections == 2, 5)
                detected_after = loop.time() - frozen_at
                await until(lambda: client.last_seqs.get("public") == 100, 5)
                await client.stop()

                assert client.stats.zombies == 1
                # At most 2x heartbeat of silence, plus a short backoff and a handshake.
                assert detected_after < 2 * heartbeat_ms / 1000 + 0.8, detected_after
                assert_complete(store, "public", 100)

    asyncio.run(scenario())


# --- frames that do not decode, and gaps the server announces --------------------------


def _text_frame(payload: bytes) -> bytes:
    assert len(payload) < 126
    return bytes([0x81, len(payload)]) + payload


def test_undecodable_frames_are_counted_and_skipped(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with (
            running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, server),
            fault_proxy(server.port) as proxy,
        ):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as store:
                client = Recorder().make(proxy.url(), token, store)
                await client.start()
                await client.wait_caught_up(5)
                proxy.inject_downstream(_text_frame(b"not json"))
                proxy.inject_downstream(_text_frame(b'{"op":"no-such-op"}'))
                await load_chat(backend, 10)
                await until(lambda: client.last_seqs.get("public") == 10, 5)
                await client.stop()
                assert client.stats.bad_frames == 2
                assert client.stats.connections == 1
                assert_complete(store, "public", 10)

    asyncio.run(scenario())


def test_gap_announced_on_resume_is_recorded_and_reported(tmp_path: Path) -> None:
    async def scenario() -> None:
        options = {"heartbeat_ms": HEARTBEAT_MS, "gap_threshold": 100, "initial_backlog": 50}
        async with running_server(tmp_path / "srv", **options) as (backend, server):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as store:
                first = Recorder().make(server.url, token, store)
                await first.start()
                await first.wait_caught_up(5)
                await load_chat(backend, 20)
                await until(lambda: first.last_seqs.get("public") == 20, 5)
                await first.stop()

                await load_chat(backend, 980, first=20)  # 980 missed: over the threshold
                rec = Recorder()
                again = rec.make(server.url, token, store)
                await again.start()
                await again.wait_caught_up(5)
                await again.stop()
                assert rec.gaps == [("public", 21, 950)]
                assert store.gaps("public") == [(21, 950)]
                assert public_seqs(rec.events) == list(range(951, 1001))

    asyncio.run(scenario())


# --- throughput (slow) ------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_of_a_50k_replay_keeps_pace(tmp_path: Path) -> None:
    """Decode + dedupe + store of 50,000 replayed events; server in the same process."""
    total = 50_000

    async def scenario() -> float:
        async with running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (
            backend,
            server,
        ):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as store:
                client = Recorder().make(server.url, token, store)
                await client.start()
                await client.wait_caught_up(5)  # public is known empty: resume from 0
                await client.stop()
                await load_chat(backend, total, chunk=500)
                loop = asyncio.get_running_loop()
                started = loop.time()
                await client.start()
                await until(lambda: client.last_seqs.get("public") == total, 30)
                took = loop.time() - started
                await client.stop()
                assert_complete(store, "public", total)
                return total / took

    rate = asyncio.run(scenario())
    print(f"client ingest, 50k replay, server in-process: {rate:,.0f} events/s")
    assert rate > 5_000


# --- store writes overlapping the receive loop ----------------------------------------


class HeldStore:
    """A LocalStore whose first apply_events call after `arm()` waits on the store thread
    until `release` is set, and then raises a disk-full error if `fail` is set."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        self.release = threading.Event()
        self.fail = False
        self._armed = False
        self.writes: list[int] = []  # events per apply_events call, in order

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def arm(self, *, fail: bool = False) -> None:
        self._armed, self.fail = True, fail

    def apply_events(self, events: list[Event]) -> list[Event]:
        self.writes.append(len(events))
        if self._armed:
            self._armed = False
            assert self.release.wait(10), "the test never released the store"
            if self.fail:
                raise StoreError("The disk is full.", path=self.store.path, reason="disk_full")
        return self.store.apply_events(events)


@dataclass
class HeldReplay:
    received_while_held: int
    handed_on_while_held: int
    rec: Recorder
    client: SyncClient
    writes: list[int]  # events per store write, from the held one on


async def replay_with_first_write_held(
    tmp_path: Path, total: int, depth: int, *, fail: bool = False
) -> HeldReplay:
    """`total` chat events replayed from seq 1 to a client whose first write is held."""
    async with running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, server):
        _, token = backend.demo_creator()
        with local_store(tmp_path / "client.db") as real:
            store = HeldStore(real)
            rec = Recorder()
            client = rec.make(server.url, token, store, store_depth=depth)  # type: ignore[arg-type]
            await client.start()
            await client.wait_caught_up(5)  # public is known empty: resume from 0
            await client.stop()
            await load_chat(backend, total, chunk=500)
            store.arm(fail=fail)
            store.writes.clear()
            await client.start()
            await until(lambda: client.stats.events_received > 0, 5)
            await asyncio.sleep(0.3)  # time to read on, if the client may
            held = HeldReplay(
                client.stats.events_received, len(rec.events), rec, client, store.writes
            )
            store.release.set()
            await until(lambda: client.last_seqs.get("public") == total, 15)
            await client.wait_caught_up(5)
            await client.stop()
            assert_complete(real, "public", total)
            return held


def test_frames_arriving_during_a_write_are_gathered_into_the_next_one(tmp_path: Path) -> None:
    run = asyncio.run(replay_with_first_write_held(tmp_path, 2000, depth=1))
    # Frames of 500: one in the store's hands, the other three read, admitted and gathered.
    assert run.received_while_held == 2000
    assert run.handed_on_while_held == 0  # nothing is shown before it is stored
    assert run.writes == [500, 1500]  # one write for everything gathered meanwhile
    assert public_seqs(run.rec.events) == list(range(1, 2001))
    assert run.client.stats.connections == 2  # the empty first session, the replay


def test_with_depth_two_a_second_write_is_queued_behind_the_first(tmp_path: Path) -> None:
    run = asyncio.run(replay_with_first_write_held(tmp_path, 2000, depth=2))
    assert run.received_while_held == 2000
    assert run.handed_on_while_held == 0
    assert run.writes == [500, 500, 1000]
    assert public_seqs(run.rec.events) == list(range(1, 2001))


def test_reading_waits_for_the_store_once_enough_is_gathered(tmp_path: Path) -> None:
    total = MAX_GATHERED + 2000
    run = asyncio.run(replay_with_first_write_held(tmp_path, total, depth=1))
    # 500 with the store, MAX_GATHERED gathered, and the frame that found it full: read,
    # then waiting. The rest stays with the socket (TCP holds the server back).
    assert run.received_while_held == 500 + MAX_GATHERED + 500
    assert run.handed_on_while_held == 0
    assert sum(run.writes) == total and max(run.writes) <= MAX_GATHERED + 500
    assert public_seqs(run.rec.events) == list(range(1, total + 1))


def test_a_failed_write_with_later_ones_queued_loses_and_repeats_nothing(
    tmp_path: Path,
) -> None:
    run = asyncio.run(replay_with_first_write_held(tmp_path, 3000, depth=2, fail=True))
    # The write queued behind the failed one was not made either (no hole in the store),
    # nor were the events gathered meanwhile; all came again after the reconnect, in order.
    assert public_seqs(run.rec.events) == list(range(1, 3001))
    assert run.client.stats.connections == 3  # the failed write cost one reconnect
    assert any(s.detail.startswith("Could not save events") for s in run.rec.states)


def test_live_frames_a_few_events_each_share_store_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Live chat arrives a frame per event or two; the client writes what came within
    GATHER_S together instead of making a store round trip per frame. (GATHER_S is made
    long here, so that a slow machine's pace of sending cannot decide the outcome.)"""
    gather_s = 0.1
    monkeypatch.setattr(sync, "GATHER_S", gather_s)

    async def scenario() -> tuple[int, list[int], float, list[int]]:
        async with running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, srv):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as real:
                store = HeldStore(real)  # never armed: it only counts the writes
                rec = Recorder()
                client = rec.make(srv.url, token, store)  # type: ignore[arg-type]
                await client.start()
                await client.wait_caught_up(5)
                frames_before = client.stats.frames
                store.writes.clear()
                started = time.perf_counter()
                for n in range(300):  # one committed message at a time: a frame each
                    backend.hub.append("public", chat(f"live message {n}", n))
                    await backend.hub.durable()
                    await asyncio.sleep(0)
                await until(lambda: all_in(client, 300), 10)
                took = time.perf_counter() - started
                frames = client.stats.frames - frames_before
                await client.stop()
                assert_complete(real, "public", 300)
                return frames, store.writes, took, public_seqs(rec.events)

    frames, writes, took, seqs = asyncio.run(scenario())
    assert seqs == list(range(1, 301))  # in order, each once, all handed on
    assert sum(writes) == 300
    assert frames >= 150  # the server did send small frames (else this proves nothing)
    # At most one write per GATHER_S (and one for the last events), far fewer than frames.
    assert len(writes) <= took / gather_s + 2, (len(writes), frames, took)
    assert len(writes) <= frames // 4, writes


def test_a_frame_after_a_quiet_spell_is_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a trickle each frame comes alone: it goes to the store at once instead of
    waiting GATHER_S for company that does not come (a wake-up of its own per frame)."""
    gather_s = 0.4
    monkeypatch.setattr(sync, "GATHER_S", gather_s)

    async def scenario() -> tuple[list[float], list[int]]:
        async with running_server(tmp_path / "srv", heartbeat_ms=HEARTBEAT_MS) as (backend, srv):
            _, token = backend.demo_creator()
            with local_store(tmp_path / "client.db") as real:
                store = HeldStore(real)
                rec = Recorder()
                client = rec.make(srv.url, token, store)  # type: ignore[arg-type]
                await client.start()
                await client.wait_caught_up(5)
                store.writes.clear()
                waits = []
                for n in range(3):
                    await asyncio.sleep(gather_s * 1.2)  # quiet
                    started = time.perf_counter()
                    backend.hub.append("public", chat(f"after a pause {n}", n))
                    await backend.hub.durable()
                    await until(lambda n=n: all_in(client, n + 1), 5)
                    waits.append(time.perf_counter() - started)
                await client.stop()
                return waits, store.writes

    waits, writes = asyncio.run(scenario())
    assert writes == [1, 1, 1]
    assert max(waits) < gather_s / 2, waits
