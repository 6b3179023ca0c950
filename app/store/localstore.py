"""LocalStore: one account's SQLite cache of events, chat history, gap markers and outbox.

Threading contract: the connection is opened with check_same_thread=False because the
store is built on one thread and then used from the sync client's single store worker
thread. It is meant to be used by one thread at a time; a lock serialises calls anyway, so
a second thread makes calls wait, never interleaves two transactions.

Durability: WAL with synchronous=NORMAL. A killed process never leaves a half-written
batch; a power cut may lose the last commits, which the server replays on resume. The
outbox is the exception: outbox_add commits with synchronous=FULL, because a command the
user sent exists nowhere else until the server acknowledged it.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from app.client.unreadable import Unreadable
from app.protocol.codec import encode, encode_event
from app.protocol.frames import Event
from app.protocol.payloads import AnyCommandData, ChatMessage, CommandData, UserRef
from app.store import schema
from app.store.bulk import insert_rows
from app.store.checkpoint import WRITER_AUTOCHECKPOINT_PAGES, WalCheckpointer
from app.store.derive import derive_chat
from app.store.errors import DAMAGED, StoreError, from_sqlite
from app.store.history import (
    CONTEXT_AFTER_SQL,
    CONTEXT_BEFORE_SQL,
    MESSAGES_BEFORE_SQL,
    SESSION_BOUNDS_SQL,
    StoredMessage,
    decode_badges,
    message_from_row,
    search_sql,
)

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["LocalStore", "StoreError", "StoredMessage"]

log = logging.getLogger(__name__)

_decode_command = msgspec.json.Decoder(AnyCommandData).decode

_INSERT_EVENTS = "INSERT OR IGNORE INTO events (id, ch, seq, ts, type, body)"
_UPDATE_HEAD = """
INSERT INTO channels (ch, last_seq) VALUES (?, ?)
ON CONFLICT (ch) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)
"""


# A chat message's event is stored without its body when the message row can give it
# back whole: nearly every event of a chat flood, whose text and author would otherwise
# be written twice. Measured end to end (python -m app.bench, 400,000 messages, store on
# disk, two alternating pairs): 33,400 and 32,300 msg/s with the bodies, 41,700 and 34,300
# without; the store thread 23 instead of 18-21 us a message.
_EVENTS_SQL = """
SELECT e.body, e.id, e.ch, e.seq, e.ts, m.message_id, m.room, m.user_id, m.user_name,
       m.badges, m.text, m.reply_to, m.first_in_room, m.rid
FROM events e
LEFT JOIN messages m ON e.body = x'' AND m.room = e.ch AND m.seq = e.seq AND m.event_id = e.id
WHERE e.ch = ? AND e.seq > ? ORDER BY e.seq LIMIT ?
"""
_MAX_LOOSE = 200  # unreadable frames kept (the newest), besides placed events
_MESSAGE_HAS_EVENT = "SELECT 1 FROM messages WHERE room = ? AND seq = ? AND event_id = ?"


def _in_message_row(event: Event) -> bool:
    """A chat message its message row holds in full: on the channel named like its room,
    where events() finds it by room and seq."""
    data = event.data
    return type(data) is ChatMessage and data.room == event.ch


def _stored_body(event: Event) -> bytes:
    """The event's JSON, or b"" when its message row holds it."""
    return b"" if _in_message_row(event) else encode_event(event)


def _keep_orphan_bodies(conn: sqlite3.Connection, new: Sequence[Event]) -> None:
    """Some message rows were not written (their message id was stored under another
    event): those events keep their bodies after all. Rare, so checked one by one."""
    for event in new:
        if not _in_message_row(event):
            continue
        found = conn.execute(_MESSAGE_HAS_EVENT, (event.ch, event.seq, event.id)).fetchone()
        if found is None:
            conn.execute(
                "UPDATE events SET body = ? WHERE id = ?", (encode_event(event), event.id)
            )


def _keep_unreadable(conn: sqlite3.Connection, items: Sequence[Unreadable]) -> int:
    """Insert unreadable events or frames (each distinct raw text once); how many were new."""
    now_ms = int(time.time() * 1000)
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO unreadable (key, ch, seq, event_id, reason, raw, received_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                hashlib.sha256(item.raw).hexdigest(),
                item.ch or None,
                item.seq if item.ch else None,
                item.event_id,
                item.reason[:1000],
                item.raw,
                now_ms,
            )
            for item in items
        ],
    )
    kept = conn.total_changes - before
    # Whole frames without a place are capped: a broken server must not fill the disk.
    conn.execute(
        "DELETE FROM unreadable WHERE ch IS NULL AND rowid NOT IN"
        f" (SELECT rowid FROM unreadable WHERE ch IS NULL ORDER BY rowid DESC LIMIT {_MAX_LOOSE})"
    )
    return kept


def _chat_event(row: tuple[Any, ...]) -> Event:
    (_body, event_id, ch, seq, ts, message_id, room, user_id, user_name) = row[:9]
    badges, text, reply_to, first, rid = row[9:]
    user = UserRef(id=user_id, name=user_name, badges=decode_badges(badges))
    message = ChatMessage(
        message_id=message_id,
        room=room,
        user=user,
        text=text,
        reply_to=reply_to,
        first_in_room=bool(first),
    )
    return Event(ch=ch, seq=seq, id=event_id, ts=ts, data=message, rid=rid)


class LocalStore:
    """The local store of one account (see the module docstring for threads and durability)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        # Called (on the thread that made the call) when a call finds the file damaged:
        # the UI offers a fresh store however late the damage shows (app/ui/storerecovery).
        self.on_damage: Callable[[StoreError], None] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the folder for the local store {self.path.parent}: {exc}",
                path=self.path,
                reason="read_only" if isinstance(exc, PermissionError) else "io",
            ) from exc
        self._conn: sqlite3.Connection | None = None
        self._wal = False
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise from_sqlite(exc, self.path, "open the local store") from exc
        try:
            self._schema_version = self._open(conn)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            if "no such module: fts5" in str(exc):
                raise StoreError(
                    "This Python's SQLite has no full-text search (FTS5); LiveDesk needs it.",
                    path=self.path,
                    reason="unsupported",
                ) from exc
            raise from_sqlite(exc, self.path, "open the local store") from exc
        self._conn = conn
        self._checkpointer: WalCheckpointer | None = None
        if self._wal:
            self._checkpointer = WalCheckpointer(self.path)
            self._checkpointer.start()
            # A store dropped without close() must not leave its thread waiting forever.
            weakref.finalize(self, self._checkpointer.stop, False)

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils view of the same connection, for diagnostics and tests (same rules:
        one thread at a time). Made on first use: importing sqlite-utils costs ~50 ms the
        console's start need not wait for."""
        import sqlite_utils

        if self._conn is None:
            raise StoreError("The local store is closed.", path=self.path, reason="closed")
        return sqlite_utils.Database(self._conn, execute_plugins=False)

    def _open(self, conn: sqlite3.Connection) -> int:
        # Check before writing anything: a newer or foreign file must stay byte-identical.
        version = schema.check_version(conn, self.path)
        conn.execute("PRAGMA busy_timeout = 5000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        self._wal = mode.lower() == "wal"
        if not self._wal:
            log.warning("local store %s runs in %s mode, not WAL", self.path, mode)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA wal_autocheckpoint = {WRITER_AUTOCHECKPOINT_PAGES}")
        conn.execute(f"PRAGMA journal_size_limit = {WRITER_AUTOCHECKPOINT_PAGES * 4096}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -16000")  # 16 MB instead of 2 MB of page cache
        if version < schema.LATEST_VERSION:
            log.info("migrating %s from store version %d", self.path, version)
            version = schema.migrate(conn, version)
        return version

    @property
    def schema_version(self) -> int:
        return self._schema_version

    def close(self) -> None:
        """Close the database; later calls raise StoreError(reason="closed"). Idempotent."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            if self._checkpointer is not None:
                self._checkpointer.stop()
            try:
                conn.execute("PRAGMA optimize")
            except sqlite3.Error as exc:
                log.debug("PRAGMA optimize failed on close: %s", exc)
            conn.close()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _using(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(
                    f"Could not {action}: the local store is closed.",
                    path=self.path,
                    reason="closed",
                )
            try:
                yield conn
            except sqlite3.Error as exc:
                error = from_sqlite(exc, self.path, action)
                if error.reason in DAMAGED and self.on_damage is not None:
                    self.on_damage(error)
                raise error from exc

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it (then StoreError)."""
        with self._using(action) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
                if self._checkpointer is not None:
                    self._checkpointer.nudge()
            except BaseException:
                # SQLite may already have rolled back by itself (disk full, I/O error).
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error as exc:
                        log.error("rollback failed in %s: %s", self.path, exc)
                raise

    # --- events ------------------------------------------------------------------------

    def apply_events(self, events: Sequence[Event]) -> list[Event]:
        """Store a batch in one transaction; returns the events not stored before, in order.

        Deduplicates by event id (an event re-using a stored (ch, seq) under another id is
        dropped as well), derives chat messages, deletions and channel heads.
        """
        if not events:
            return []
        with self._writing("save events") as conn:
            return self._insert_events(conn, events)

    def apply_frame(
        self, events: Sequence[Event], unreadable: Sequence[Unreadable]
    ) -> tuple[list[Event], int]:
        """Like apply_events, plus events of the same frame the client could not read, in
        the same transaction: they are kept raw with their reason (see schema._v4), and a
        channel head moves past a placed one. Returns the new events and how many of the
        unreadable ones were not kept before."""
        with self._writing("save events") as conn:
            new = self._insert_events(conn, events) if events else []
            kept = _keep_unreadable(conn, unreadable)
            heads: dict[str, int] = {}
            for item in unreadable:
                if item.ch and item.seq > heads.get(item.ch, -1):
                    heads[item.ch] = item.seq
            conn.executemany(_UPDATE_HEAD, heads.items())
        return new, kept

    def unreadable(self) -> list[tuple[str | None, int | None, str, bytes]]:
        """What the client could not read, oldest first: (ch, seq, reason, raw)."""
        with self._using("read unreadable events") as conn:
            rows = conn.execute(
                "SELECT ch, seq, reason, raw FROM unreadable ORDER BY received_ms, rowid"
            ).fetchall()
        return [(ch, seq, reason, bytes(raw)) for ch, seq, reason, raw in rows]

    def _insert_events(self, conn: sqlite3.Connection, events: Sequence[Event]) -> list[Event]:
        rows = [(e.id, e.ch, e.seq, e.ts, e.type, _stored_body(e)) for e in events]
        (last_rowid,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()
        inserted = insert_rows(conn, _INSERT_EVENTS, rows)
        if inserted == len(rows):
            new = list(events)
        else:
            # New rows got rowids above the previous maximum; the first copy of a
            # repeated id within the batch is the one that counts.
            fresh = {
                event_id
                for (event_id,) in conn.execute(
                    "SELECT id FROM events WHERE rowid > ?", (last_rowid,)
                )
            }
            new = []
            for event in events:
                if event.id in fresh:
                    fresh.discard(event.id)
                    new.append(event)
        if new:
            if not derive_chat(conn, new):
                _keep_orphan_bodies(conn, new)
            heads: dict[str, int] = {}
            for event in new:
                if event.seq > heads.get(event.ch, -1):
                    heads[event.ch] = event.seq
            conn.executemany(_UPDATE_HEAD, heads.items())
        return new

    def last_seqs(self) -> dict[str, int]:
        """Newest stored seq per channel: the resume map for Identify."""
        with self._using("read channel positions") as conn:
            return dict(conn.execute("SELECT ch, last_seq FROM channels"))

    def events(self, ch: str, after_seq: int = 0, limit: int = 1000) -> list[Event]:
        """Stored events of `ch` with seq > after_seq, oldest first (a chat message
        rebuilt from its message row: see _stored_body)."""
        with self._using("read events") as conn:
            rows = conn.execute(_EVENTS_SQL, (ch, after_seq, max(0, limit))).fetchall()
        events = []
        for row in rows:
            if row[0]:
                events.extend(schema.decode_stored([(row[0],)]))
            elif row[5] is not None:
                events.append(_chat_event(row))
            else:
                log.warning("skipping stored chat event %s: its message row is gone", row[1])
        return events

    def count_events(self, ch: str | None = None) -> int:
        with self._using("count events") as conn:
            if ch is None:
                row = conn.execute("SELECT count(*) FROM events").fetchone()
            else:
                row = conn.execute("SELECT count(*) FROM events WHERE ch = ?", (ch,)).fetchone()
            return int(row[0])

    # --- gaps --------------------------------------------------------------------------

    def record_gap(self, ch: str, from_seq: int, to_seq: int) -> None:
        """Remember that events from_seq..to_seq (inclusive) of `ch` may be missing."""
        if from_seq > to_seq:
            raise ValueError(f"gap from {from_seq} to {to_seq} is empty")
        with self._writing("save a gap marker") as conn:
            conn.execute(
                "INSERT OR IGNORE INTO gaps (ch, from_seq, to_seq) VALUES (?, ?, ?)",
                (ch, from_seq, to_seq),
            )

    def gaps(self, ch: str) -> list[tuple[int, int]]:
        """Still-missing seq ranges of `ch` (inclusive), ascending.

        Recorded gaps are merged, and events stored since (backfilled history) are taken
        out, so a gap shrinks or disappears as history is fetched.
        """
        with self._using("read gap markers") as conn:
            merged: list[list[int]] = []
            for start, end in conn.execute(
                "SELECT from_seq, to_seq FROM gaps WHERE ch = ? ORDER BY from_seq, to_seq",
                (ch,),
            ):
                if merged and start <= merged[-1][1] + 1:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            missing: list[tuple[int, int]] = []
            for start, end in merged:
                cursor = start
                for (seq,) in conn.execute(
                    "SELECT seq FROM events WHERE ch = ? AND seq BETWEEN ? AND ? ORDER BY seq",
                    (ch, start, end),
                ):
                    if seq > cursor:
                        missing.append((cursor, seq - 1))
                    cursor = seq + 1
                if cursor <= end:
                    missing.append((cursor, end))
            return missing

    # --- chat history ------------------------------------------------------------------

    def messages_before(self, room: str, before_seq: int | None, limit: int) -> list[StoredMessage]:
        """The newest `limit` messages of `room` with seq < before_seq (None: the newest),
        oldest first. Deleted messages are included (flagged); held ones are not."""
        before = before_seq if before_seq is not None else 2**63 - 1
        with self._using("load chat history") as conn:
            rows = conn.execute(MESSAGES_BEFORE_SQL, (room, before, max(0, limit))).fetchall()
        return [message_from_row(row) for row in reversed(rows)]

    def search_messages(
        self,
        text: str = "",
        *,
        room: str | None = None,
        user: str | None = None,
        badge: str | None = None,
        limit: int = 200,
    ) -> list[StoredMessage]:
        """Messages of every stored session, newest first.

        text: words that must all appear (as word prefixes) in the text (not the author's
        name: that is `user`); any input is safe. user: a user id, or a user name
        (case-insensitive for ASCII letters). badge: e.g. "moderator", or "member" for every
        member tier ("member:2" for one tier). Newest first means by server time; walking back in
        time stops at `limit`, so a common word costs a few ms even in a million messages,
        while filters that reject most messages (a rare badge) read more of them.
        """
        query = search_sql(text, room, user, badge, max(0, limit))
        if query is None:
            return []  # only punctuation or symbols: nothing searchable
        sql, params = query
        with self._using("search messages") as conn:
            rows = conn.execute(sql, params).fetchall()
        return [message_from_row(row) for row in rows]

    def message_context(
        self, message: StoredMessage, before: int = 10, after: int = 10
    ) -> list[StoredMessage]:
        """`message` with up to `before` / `after` messages of its room around it, oldest
        first, all from the same session (see SESSION_BOUNDS_SQL); held ones left out."""
        with self._using("load a message's context") as conn:
            start, end = conn.execute(SESSION_BOUNDS_SQL, (message.ts,)).fetchone()
            start = -(2**63) if start is None else start
            end = 2**63 - 1 if end is None else end
            earlier = conn.execute(
                CONTEXT_BEFORE_SQL, (message.room, message.seq, start, max(0, before))
            ).fetchall()
            later = conn.execute(
                CONTEXT_AFTER_SQL, (message.room, message.seq, end, max(0, after))
            ).fetchall()
        return [
            *(message_from_row(row) for row in reversed(earlier)),
            message,
            *(message_from_row(row) for row in later),
        ]

    # --- outbox ------------------------------------------------------------------------

    def outbox_add(self, rid: str, cmd: CommandData) -> None:
        """Queue a command until acked; on disk (fsynced) when this returns. A rid that is
        already queued keeps its first command and position."""
        body = encode(cmd)
        kind = type(cmd).__struct_config__.tag
        with self._using("queue a command") as conn:
            conn.execute("PRAGMA synchronous = FULL")
            try:
                with self._writing("queue a command"):
                    conn.execute(
                        "INSERT INTO outbox (rid, type, body, added_ms) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (rid) DO NOTHING",
                        (rid, kind, body, int(time.time() * 1000)),
                    )
            finally:
                conn.execute("PRAGMA synchronous = NORMAL")

    def outbox_pending(self) -> list[tuple[str, CommandData]]:
        """Queued commands in the order they were added."""
        with self._using("read the outbox") as conn:
            rows = conn.execute("SELECT rid, type, body FROM outbox ORDER BY position").fetchall()
        pending: list[tuple[str, CommandData]] = []
        for rid, kind, body in rows:
            try:
                pending.append((rid, _decode_command(body)))
            except msgspec.DecodeError as exc:
                # Written by another LiveDesk version; it cannot be sent by this one.
                log.warning("dropping unreadable queued command %s (%s): %s", rid, kind, exc)
        return pending

    def outbox_done(self, rid: str) -> None:
        """The server acked (ok or error) the command `rid`: forget it."""
        with self._writing("remove a sent command") as conn:
            conn.execute("DELETE FROM outbox WHERE rid = ?", (rid,))

    # --- settings ----------------------------------------------------------------------

    def kv_get(self, key: str) -> str | None:
        with self._using("read a setting") as conn:
            row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def kv_set(self, key: str, value: str) -> None:
        with self._writing("save a setting") as conn:
            conn.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
