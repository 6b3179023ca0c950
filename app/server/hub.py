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
# The WAL is copied into the database file (fsync) at most this often, off the loop.
_CHECKPOINT_EVERY_S = 1.0


def create_table(db: sqlite3.Connection) -> None:
    """The event log's table, in any database (committed at once)."""
    db.execute(_SCHEMA)
    db.commit()


def merge_old_event_log(db: sqlite3.Connection, old_path: Path) -> None:
    """Move the events of a log kept in a file of its own (older servers) into `db`'s table.

    Safe to repeat after a crash halfway: ids and (ch, seq) are unique, so rows already
    copied are skipped. The old file is renamed, not deleted, once the copy is committed.
    """
    if not old_path.exists():
        return
    db.commit()
    db.execute("ATTACH DATABASE ? AS old_log", (str(old_path),))
    try:
        has_table = db.execute(
            "SELECT 1 FROM old_log.sqlite_master WHERE type = 'table' AND name = 'events'"
        ).fetchone()
        copied = 0
        if has_table is not None:
            with db:
                copied = db.execute(
                    "INSERT OR IGNORE INTO events (ch, seq, id, ts, type, body, rid) "
                    "SELECT ch, seq, id, ts, type, body, rid FROM old_log.events"
                ).rowcount
    finally:
        db.execute("DETACH DATABASE old_log")
    old_path.rename(old_path.with_name(old_path.name + ".merged"))
    for suffix in ("-wal", "-shm"):
        Path(f"{old_path}{suffix}").unlink(missing_ok=True)
    log.info("moved %d events from %s into the server database", copied, old_path)


class EventLogLost(RuntimeError):
    """The shared transaction was rolled back (a failed commit: disk full, I/O error).

    It held the state changes, remembered rids and events of commands already applied in
    memory: none of them is on disk, and memory no longer matches the disk. Nothing of it
    may be acked or published; the process must restart from what the disk holds.
    """


def _row(event: Event, body: bytes) -> _Row:
    return (event.ch, event.seq, event.id, event.ts, event.type, body, event.rid)


def _ignore_failure(_lost: EventLogLost) -> None:
    return None


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

    `append` assigns the next seq of the channel and writes the event into the open
    transaction of the log's connection at once; a flush task commits that transaction
    (every `flush_interval_s`, or when `max_batch` events wait), then wakes `durable()`
    waiters, then hands each event to every attached subscriber that reads its channel.

    The connection may be shared (`start(db)`): the backend writes its state and the ids of
    the commands it applied through the same connection, so one commit makes a command's
    state change, its remembered rid and its events durable together, or none of them. The
    commit runs on the loop (WAL with synchronous=NORMAL does not wait for the disk);
    checkpoints, which do, run in a worker thread on a connection of their own.

    A failed commit that left the transaction open lost nothing: COMMIT is retried. One that
    rolled it back (or a transaction found gone while events wait in it) makes the log
    *failed* for good (`EventLogLost`): `durable()` waiters get the error, nothing of that
    batch is published, every subscriber is closed 1011, `append` refuses, and `on_failed`
    tells the owner, who must stop and be restarted from the disk's consistent state.
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
        self._owns_writer = False
        # The first event written into the open transaction since it was last committed:
        # its row is gone if that transaction was rolled back (see _commit_connection).
        self._first_uncommitted: tuple[str, int] | None = None
        self._failed: EventLogLost | None = None
        self.on_failed: Callable[[EventLogLost], None] = _ignore_failure
        self._reader: sqlite3.Connection | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._checkpointer: sqlite3.Connection | None = None  # used in the worker thread only
        self._checkpoint: asyncio.Future[None] | None = None
        self._last_checkpoint = 0.0
        # Unique per process start; with a counter it makes event ids unique without uuid cost.
        self._id_prefix = os.urandom(8).hex()
        self._id_counter = 0

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self, db: sqlite3.Connection | None = None) -> None:
        """Open the log (in `db`, a connection to `db_path` the caller also writes through,
        or in a connection of its own), load the channel heads and start the flush task."""
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="event-log")
        self._owns_writer = db is None
        writer = self._connect() if db is None else db
        create_table(writer)
        # Checkpoints (the only writes that wait for the disk) are the worker's, not the loop's.
        writer.execute("PRAGMA wal_autocheckpoint=0")
        self._writer = writer
        self._reader = self._connect()
        rows = self._reader.execute("SELECT ch, MAX(seq) FROM events GROUP BY ch").fetchall()
        self._heads = {ch: int(seq) for ch, seq in rows}
        self._flush_task = asyncio.create_task(self._flush_loop(), name="event-hub-flush")

    async def close(self) -> None:
        """Commit everything still pending, stop the flush task and close the log."""
        if self._flush_task is None:
            return
        self._closing = True
        self._has_pending.set()
        self._batch_full.set()
        await self._flush_task
        self._flush_task = None
        if self._checkpoint is not None:
            with contextlib.suppress(Exception):
                await self._checkpoint
        loop = asyncio.get_running_loop()
        if self._executor is not None:
            await loop.run_in_executor(self._executor, self._close_checkpointer)
            self._executor.shutdown(wait=True)
        if self._writer is not None and self._owns_writer:
            self._writer.close()
        if self._reader is not None:
            self._reader.close()
        self._writer = self._reader = None
        self._executor = None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.db_path, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    # --- writing -----------------------------------------------------------------------

    def append(self, ch: str, data: EventData, rid: str | None = None) -> Event:
        """Give the event the channel's next seq and write it into the open transaction;
        returns before it is durable (see `durable`)."""
        if self._failed is not None:
            raise self._failed
        if self._closing or self._flush_task is None or self._writer is None:
            raise RuntimeError("EventHub is not running")
        seq = self._heads.get(ch, 0) + 1
        self._id_counter += 1
        event = Event(
            ch=ch,
            seq=seq,
            id=f"{self._id_prefix}{self._id_counter:x}",
            ts=int(self._clock() * 1000),
            data=cast(AnyEventData, data),
            rid=rid,
        )
        body = encode_event(event)
        self._writer.execute(_INSERT, _row(event, body))
        self._heads[ch] = seq
        if self._first_uncommitted is None:
            self._first_uncommitted = (ch, seq)
        self._pending.append((event, body))
        self._appended += 1
        self._has_pending.set()
        if len(self._pending) >= self.max_batch:
            self._batch_full.set()
        return event

    async def durable(self) -> None:
        """Return once everything appended so far is committed; raises EventLogLost if the
        transaction holding it was rolled back instead."""
        if self._failed is not None:
            raise self._failed
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
            if self._failed is not None:
                return
            # Everything appended is in the one open transaction: it is committed as a whole.
            batch, self._pending = self._pending, []
            self._has_pending.clear()
            self._batch_full.clear()
            if batch:
                if not await self._commit_with_retry(batch):
                    return
                self._publish(batch)
                self._maybe_checkpoint()
            if self._closing and not self._pending:
                return

    async def _commit_with_retry(self, batch: list[tuple[Event, bytes]]) -> bool:
        attempts = 0
        while True:
            try:
                self._commit(batch)
                return True
            except EventLogLost as rolled_back:
                self._fail(rolled_back)
                return False
            except sqlite3.Error as exc:
                # The transaction is still open: nothing is lost and COMMIT may be retried.
                attempts += 1
                if self._closing and attempts >= _ATTEMPTS_WHEN_CLOSING:
                    log.exception("event log: giving up on %d events at shutdown", len(batch))
                    given_up = EventLogLost("the event log could not be committed at shutdown")
                    given_up.__cause__ = exc
                    self._fail(given_up)
                    return False
                log.exception("event log commit of %d events failed; retrying", len(batch))
                await asyncio.sleep(_RETRY_AFTER_FAILED_COMMIT_S)

    def _commit(self, batch: list[tuple[Event, bytes]]) -> None:
        """Commit the transaction that holds `batch` (its rows went in at `append`)."""
        self._commit_connection()

    def _commit_connection(self) -> None:
        """Commit the shared connection. Raises EventLogLost if the transaction is gone
        (rolled back by a failed commit or statement), sqlite3.Error if it is still open."""
        writer = self._writer
        if writer is None:
            raise RuntimeError("EventHub is not running")
        first = self._first_uncommitted
        # A rollback outside this class (a failed statement may roll the transaction back)
        # leaves no trace but the missing rows; a later write may already have opened a new
        # transaction, so in_transaction alone cannot tell. One primary-key lookup can.
        if first is not None and (
            not writer.in_transaction
            or writer.execute("SELECT 1 FROM events WHERE ch = ? AND seq = ?", first).fetchone()
            is None
        ):
            raise EventLogLost("the transaction holding pending events was rolled back")
        try:
            writer.commit()
        except sqlite3.Error as exc:
            if not writer.in_transaction:
                raise EventLogLost(f"a failed commit rolled the transaction back: {exc}") from exc
            raise
        self._first_uncommitted = None

    def commit_shared(self) -> None:
        """Commit the shared connection for a writer outside the flush loop (the backend's
        state, account and settings changes): the events pending in the transaction go along
        and are published by the next flush as usual. Every commit of the shared connection
        goes through here or the flush, so a rollback is always noticed. Raises EventLogLost
        (and the log fails) if the transaction was rolled back."""
        if self._failed is not None:
            raise self._failed
        try:
            self._commit_connection()
        except EventLogLost as lost:
            self._fail(lost)
            raise

    @property
    def failed(self) -> bool:
        """True once a rolled-back transaction lost applied commands (see the class)."""
        return self._failed is not None

    def _fail(self, lost: EventLogLost) -> None:
        if self._failed is not None:
            return
        self._failed = lost
        log.critical("event log failed, the server must restart: %s", lost)
        self._pending.clear()
        self._has_pending.set()  # the flush loop ends
        while self._waiters:
            _, future = self._waiters.popleft()
            if not future.done():
                future.set_exception(lost)
        for subscriber in list(self._subscribers):
            self.detach(subscriber)
            subscriber.close(1011, "server error")
        self.on_failed(lost)

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

    # --- checkpoints (in the worker thread) --------------------------------------------

    def _maybe_checkpoint(self) -> None:
        now = time.monotonic()
        if self._checkpoint is not None and not self._checkpoint.done():
            return
        if now - self._last_checkpoint < _CHECKPOINT_EVERY_S and not self._closing:
            return
        self._last_checkpoint = now
        loop = asyncio.get_running_loop()
        self._checkpoint = loop.run_in_executor(self._executor, self._run_checkpoint)

    def _run_checkpoint(self) -> None:
        try:
            if self._checkpointer is None:
                self._checkpointer = sqlite3.connect(self.db_path)
            self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            log.exception("event log: checkpoint failed (retried later)")

    def _close_checkpointer(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None

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
