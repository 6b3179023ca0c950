"""The per-channel event log: SQLite-backed, batched commits, fan-out to connected subscribers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, cast

from app.protocol.codec import decode_event, encode_event
from app.protocol.frames import Event
from app.protocol.payloads import AnyEventData, EventData

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    ch TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    ts INTEGER NOT NULL,
    type TEXT NOT NULL,
    body BLOB NOT NULL,
    rid TEXT,
    PRIMARY KEY (ch, seq)
)
"""
_INSERT = "INSERT INTO events (ch, seq, id, ts, type, body, rid) VALUES (?, ?, ?, ?, ?, ?, ?)"
_Row = tuple[str, int, str, int, str, bytes, str | None]
_RETRY_AFTER_FAILED_COMMIT_S = 0.5
_ATTEMPTS_WHEN_CLOSING = 3
# A burst is committed in slices, so delivery of the first slice overlaps the next commit.
_BATCHES_PER_COMMIT = 4


class Subscriber(Protocol):
    """A connection that receives the events of the channels it may read."""

    account_id: str
    channels: set[str]

    def deliver(self, encoded: bytes, event: Event) -> None:
        """Queue one committed event; must not block (overflow closes the connection)."""

    def close(self, code: int, reason: str) -> None:
        """Close the connection soon (non-blocking)."""


class EventHub:
    """Per-channel event log (SQLite, persistent) + fan-out to connections.

    `append` assigns the next seq of the channel and queues the event; a flush task writes
    the queued batch in one transaction, then wakes `durable()` waiters, then hands each
    event to every attached subscriber that reads its channel. The commit runs in a
    single worker thread so a slow disk (a WAL checkpoint's fsync) never stalls the loop.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        flush_interval_s: float = 0.005,
        max_batch: int = 500,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db_path = Path(db_path)
        self.flush_interval_s = flush_interval_s
        self.max_batch = max_batch
        self._clock = clock
        self._heads: dict[str, int] = {}
        self._pending: list[tuple[Event, bytes]] = []
        self._appended = 0
        self._committed = 0
        self._waiters: deque[tuple[int, asyncio.Future[None]]] = deque()
        self._subscribers: list[Subscriber] = []
        self._has_pending = asyncio.Event()
        self._batch_full = asyncio.Event()
        self._closing = False
        self._flush_task: asyncio.Task[None] | None = None
        self._writer: sqlite3.Connection | None = None
        self._reader: sqlite3.Connection | None = None
        self._executor: ThreadPoolExecutor | None = None
        # Unique per process start; with a counter it makes event ids unique without uuid cost.
        self._id_prefix = os.urandom(8).hex()
        self._id_counter = 0

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Open the database, load the channel heads and start the flush task."""
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="event-log")
        loop = asyncio.get_running_loop()
        self._writer = await loop.run_in_executor(self._executor, self._open_writer)
        self._reader = self._connect()
        rows = self._reader.execute("SELECT ch, MAX(seq) FROM events GROUP BY ch").fetchall()
        self._heads = {ch: int(seq) for ch, seq in rows}
        self._flush_task = asyncio.create_task(self._flush_loop(), name="event-hub-flush")

    async def close(self) -> None:
        """Write everything still pending, stop the flush task and close the database."""
        if self._flush_task is None:
            return
        self._closing = True
        self._has_pending.set()
        self._batch_full.set()
        await self._flush_task
        self._flush_task = None
        loop = asyncio.get_running_loop()
        if self._writer is not None and self._executor is not None:
            await loop.run_in_executor(self._executor, self._writer.close)
        if self._reader is not None:
            self._reader.close()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        self._writer = self._reader = None
        self._executor = None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def _open_writer(self) -> sqlite3.Connection:
        conn = self._connect()
        conn.execute(_SCHEMA)
        return conn

    # --- writing -----------------------------------------------------------------------

    def append(self, ch: str, data: EventData, rid: str | None = None) -> Event:
        """Give the event the channel's next seq and queue it; returns before it is durable."""
        if self._closing or self._flush_task is None:
            raise RuntimeError("EventHub is not running")
        seq = self._heads.get(ch, 0) + 1
        self._heads[ch] = seq
        self._id_counter += 1
        event = Event(
            ch=ch,
            seq=seq,
            id=f"{self._id_prefix}{self._id_counter:x}",
            ts=int(self._clock() * 1000),
            data=cast(AnyEventData, data),
            rid=rid,
        )
        self._pending.append((event, encode_event(event)))
        self._appended += 1
        self._has_pending.set()
        if len(self._pending) >= self.max_batch:
            self._batch_full.set()
        return event

    async def durable(self) -> None:
        """Return once everything appended so far is committed."""
        target = self._appended
        if self._committed >= target:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((target, future))
        await future

    async def _flush_loop(self) -> None:
        while True:
            await self._has_pending.wait()
            if not self._closing and len(self._pending) < self.max_batch:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.flush_interval_s):
                        await self._batch_full.wait()
            limit = self.max_batch * _BATCHES_PER_COMMIT
            batch, self._pending = self._pending[:limit], self._pending[limit:]
            if not self._pending:
                self._has_pending.clear()
            if len(self._pending) < self.max_batch:
                self._batch_full.clear()
            if batch:
                if await self._commit_with_retry(batch):
                    self._publish(batch)
                else:
                    self._fail_waiters()
                    return
            if self._closing and not self._pending:
                return

    async def _commit_with_retry(self, batch: list[tuple[Event, bytes]]) -> bool:
        rows: list[_Row] = [(e.ch, e.seq, e.id, e.ts, e.type, body, e.rid) for e, body in batch]
        loop = asyncio.get_running_loop()
        attempts = 0
        while True:
            try:
                await loop.run_in_executor(self._executor, self._write_rows, rows)
                return True
            except sqlite3.Error:
                attempts += 1
                if self._closing and attempts >= _ATTEMPTS_WHEN_CLOSING:
                    log.exception("event log: giving up on %d events at shutdown", len(rows))
                    return False
                # Seqs are already handed out: dropping the batch would leave holes, so retry.
                log.exception("event log commit of %d events failed; retrying", len(rows))
                await asyncio.sleep(_RETRY_AFTER_FAILED_COMMIT_S)

    def _fail_waiters(self) -> None:
        while self._waiters:
            _, future = self._waiters.popleft()
            if not future.done():
                future.set_exception(RuntimeError("the event log could not be written"))
        self._pending.clear()

    def _write_rows(self, rows: list[_Row]) -> None:
        assert self._writer is not None
        with self._writer:  # BEGIN ... COMMIT, ROLLBACK on error
            self._writer.execute("BEGIN")
            self._writer.executemany(_INSERT, rows)

    def _publish(self, batch: list[tuple[Event, bytes]]) -> None:
        self._committed += len(batch)
        while self._waiters and self._waiters[0][0] <= self._committed:
            _, future = self._waiters.popleft()
            if not future.done():
                future.set_result(None)
        for subscriber in list(self._subscribers):
            channels = subscriber.channels
            try:
                for event, body in batch:
                    if event.ch in channels:
                        subscriber.deliver(body, event)
            except Exception:
                log.exception("delivering to a subscriber failed; closing it")
                self.detach(subscriber)
                subscriber.close(1011, "internal error")

    # --- reading -----------------------------------------------------------------------

    def heads(self) -> dict[str, int]:
        """Newest seq per channel, including events not yet committed."""
        return dict(self._heads)

    def head(self, ch: str) -> int:
        return self._heads.get(ch, 0)

    def read(self, ch: str, after_seq: int, before_seq: int | None, limit: int) -> list[Event]:
        """Committed events of `ch` with after_seq < seq < before_seq, oldest first."""
        return [
            decode_event(body) for _, body in self.read_encoded(ch, after_seq, before_seq, limit)
        ]

    def read_encoded(
        self, ch: str, after_seq: int, before_seq: int | None, limit: int
    ) -> list[tuple[int, bytes]]:
        """Like `read`, but (seq, encoded event) pairs, ready to be put in a frame."""
        if self._reader is None:
            raise RuntimeError("EventHub is not running")
        if before_seq is None:
            sql = "SELECT seq, body FROM events WHERE ch = ? AND seq > ? ORDER BY seq LIMIT ?"
            args: tuple[object, ...] = (ch, after_seq, limit)
        else:
            sql = (
                "SELECT seq, body FROM events WHERE ch = ? AND seq > ? AND seq < ? "
                "ORDER BY seq LIMIT ?"
            )
            args = (ch, after_seq, before_seq, limit)
        return [(int(seq), bytes(body)) for seq, body in self._reader.execute(sql, args)]

    # --- subscribers -------------------------------------------------------------------

    def attach(self, conn: Subscriber) -> None:
        """From now on `conn` receives every committed event of the channels it reads."""
        if conn not in self._subscribers:
            self._subscribers.append(conn)

    def detach(self, conn: Subscriber) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(conn)

    def connections_of(self, account_id: str) -> list[Subscriber]:
        return [s for s in self._subscribers if s.account_id == account_id]
