"""Scenarios without a window: transport ceiling, client+store ingest, resume after a drop."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from websockets.asyncio.client import connect

from app.bench.serverproc import Feeder
from app.bench.stats import CpuMeter, Progress, percentile
from app.client.state import ConnectionState
from app.client.sync import SyncClient
from app.core import roles
from app.protocol.codec import MAX_SERVER_FRAME_BYTES, encode
from app.protocol.frames import PROTOCOL_VERSION, Event, Identify
from app.store.localstore import LocalStore

Result = dict[str, Any]
CHAT_CHANNELS = (roles.PUBLIC, roles.BELOW)


def follow_from_start(store: LocalStore) -> None:
    """Make a new store resume the chat channels from seq 0, as a client that has followed
    them since they were empty would: the server then replays the whole backlog."""
    for ch in CHAT_CHANNELS:
        store.db.execute("INSERT OR IGNORE INTO channels (ch, last_seq) VALUES (?, 0)", [ch])


def backlog(feeder: Feeder) -> int:
    heads = feeder.heads()
    return sum(heads.get(ch, 0) for ch in CHAT_CHANNELS)


async def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark condition not reached in time")
        await asyncio.sleep(0.005)


async def _replay_once(feeder: Feeder, total: int) -> tuple[int, float, int, int]:
    """Connect, resume the chat channels from 0, receive `total` events: (events, seconds,
    frames, bytes), timed from the first events frame to the last."""
    events = frames = size = 0
    async with connect(
        feeder.url,
        additional_headers={"Authorization": f"Bearer {feeder.token}"},
        compression=None,
        max_size=MAX_SERVER_FRAME_BYTES,
    ) as ws:
        await ws.recv(decode=False)  # hello
        resume = dict.fromkeys(CHAT_CHANNELS, 0)
        identify = Identify(protocol=PROTOCOL_VERSION, client="bench-raw", resume=resume)
        await ws.send(encode(identify), text=True)
        await ws.recv(decode=False)  # ready
        started = 0.0
        while events < total:
            raw = await ws.recv(decode=False)
            if not frames:
                started = time.perf_counter()
            frames += 1
            size += len(raw)
            events += raw.count(b'"seq":')
        return events, time.perf_counter() - started, frames, size


async def transport(feeder: Feeder, seconds: float) -> Result:
    """A bare websockets client receives the replayed backlog and only counts the events;
    again and again until `seconds` were measured (the first pass warms up)."""
    total = backlog(feeder)
    cpu = CpuMeter()
    passes: list[tuple[int, float, int, int]] = []
    while sum(p[1] for p in passes[1:]) < seconds and len(passes) < 100:
        passes.append(await _replay_once(feeder, total))
    measured = passes[1:] or passes
    events = sum(p[0] for p in measured)
    wall = sum(p[1] for p in measured)
    return {
        "msg_per_s": round(events / wall),
        "seconds": round(wall, 1),
        "events": events,
        "passes": len(measured),
        "events_per_frame": round(events / max(sum(p[2] for p in measured), 1), 1),
        "mb_per_s": round(sum(p[3] for p in measured) / wall / 1e6, 1),
        "client_cpu_pct": cpu.percent(),
    }


async def client_ingest(feeder: Feeder, work: Path, seconds: float, warmup: float) -> Result:
    """SyncClient + LocalStore (decode, dedupe, gather, one transaction a write), no UI."""
    total = backlog(feeder)
    store = LocalStore(work / "client-store" / "store.db")
    follow_from_start(store)
    store_busy = [0.0]
    apply = store.apply_events

    def timed_apply(events: Sequence[Event]) -> list[Event]:
        started = time.perf_counter()
        try:
            return apply(events)
        finally:
            store_busy[0] += time.perf_counter() - started

    store.apply_events = timed_apply  # type: ignore[method-assign]
    progress = Progress()
    client = SyncClient(feeder.url, feeder.token, store, on_events=lambda e: progress.add(len(e)))
    cpu = CpuMeter()
    await client.start()
    try:
        await wait_for(lambda: progress.total >= total, warmup + seconds + 120)
    finally:
        await client.stop()
        store.close()
    rate, window = progress.rate(warmup, seconds)
    wall = progress.times[-1] - progress.times[0]
    return {
        "msg_per_s": round(rate),
        "seconds": round(window, 1),
        "events": progress.total,
        "store_busy_pct": round(100 * store_busy[0] / wall, 1),
        "store_us_per_msg": round(1e6 * store_busy[0] / max(progress.total, 1), 1),
        "client_cpu_pct": cpu.percent(),
    }


def store_only(work: Path, seconds: float, batch: int) -> Result:
    """LocalStore.apply_events alone, in transactions of `batch` events (the replay's
    events per frame): what the end-to-end figure is compared with, no network, no UI."""
    from app.bench.synth import EventSource

    source = EventSource()
    batches = [source.batch(batch) for _ in range(max(1, 20_000 // batch))]  # warm-up
    store = LocalStore(work / "store-only" / "store.db")
    try:
        for events in batches:
            store.apply_events(events)
        stored, busy = 0, 0.0
        while busy < seconds:
            events = source.batch(batch)  # made outside the timing
            started = time.perf_counter()
            store.apply_events(events)
            busy += time.perf_counter() - started
            stored += len(events)
    finally:
        store.close()
    return {"msg_per_s": round(stored / busy), "seconds": round(busy, 1), "batch": batch}


class _Recorder:
    """Every event the client hands on, and the reconnect waits it announced."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.seqs: dict[str, set[int]] = defaultdict(set)
        self.retry_waits: list[float] = []

    def on_events(self, events: list[Event]) -> None:
        for event in events:
            self.ids.append(event.id)
            self.seqs[event.ch].add(event.seq)

    def on_state(self, state: ConnectionState) -> None:
        if state.status == "reconnecting" and state.retry_in_s is not None:
            self.retry_waits.append(state.retry_in_s)


async def resume(feeder: Feeder, work: Path, drops: int, rate: int) -> Result:
    """Drop the TCP connection under a live chat; time until the client has caught up again."""
    store = LocalStore(work / "resume-store" / "store.db")
    rec = _Recorder()
    client = SyncClient(
        feeder.url, feeder.token, store, on_events=rec.on_events, on_state=rec.on_state
    )
    start_heads = feeder.heads()
    await client.start()
    reconnect_s: list[float] = []
    caught_up_s: list[float] = []

    def reconnected(sessions: int) -> Callable[[], bool]:
        return lambda: client.stats.connections > sessions

    def has(heads: dict[str, int]) -> Callable[[], bool]:
        return lambda: all(client.last_seqs.get(ch, 0) >= heads.get(ch, 0) for ch in CHAT_CHANNELS)

    try:
        await client.wait_caught_up(30)
        feeder.rate(rate)
        await asyncio.sleep(1.0)
        for _ in range(drops):
            sessions = client.stats.connections
            started = time.perf_counter()
            heads = (await feeder.acommand("drop"))["heads"]
            await wait_for(reconnected(sessions), 60)
            reconnect_s.append(time.perf_counter() - started)
            await wait_for(has(heads), 60)
            caught_up_s.append(time.perf_counter() - started)
            await asyncio.sleep(0.5)
        final = feeder.stop_messages()
        await wait_for(has(final), 60)
        await asyncio.sleep(0.2)
    finally:
        await client.stop()
    stored = sum(store.count_events(ch) for ch in CHAT_CHANNELS)
    store.close()
    # Everything generated after the client's first Ready must have arrived exactly once
    # (before it, the client got the newest 200 of each channel as its initial backlog).
    lost = expected = 0
    for ch in CHAT_CHANNELS:
        got = rec.seqs.get(ch, set())
        wanted = range(start_heads.get(ch, 0) + 1, final.get(ch, 0) + 1)
        expected += len(wanted)
        lost += sum(1 for seq in wanted if seq not in got)
    return {
        "drops": drops,
        "rate_msg_per_s": rate,
        "caught_up_s_p50": round(percentile(caught_up_s, 0.5), 3),
        "caught_up_s_max": round(max(caught_up_s, default=0.0), 3),
        "reconnect_s_p50": round(percentile(reconnect_s, 0.5), 3),
        "backoff_wait_s_p50": round(percentile(rec.retry_waits, 0.5), 3),
        "lost": lost,
        "duplicated": len(rec.ids) - len(set(rec.ids)),
        "wire_duplicates_dropped": client.stats.duplicates,
        "events_expected": expected,
        "events_in_store": stored,
    }
