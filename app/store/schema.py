"""The store's schema as an ordered list of migrations; PRAGMA user_version is the version.

A migration is never edited once released: a change of schema is a new migration appended
to MIGRATIONS. Each migration runs in its own transaction together with its version bump,
so a crash during a migration leaves the previous version intact.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from app.protocol.codec import ProtocolError, decode_event
from app.protocol.frames import Event
from app.store.derive import derive_chat
from app.store.errors import StoreError, not_a_database

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4C44534B  # "LDSK" in the SQLite header: marks the file as a LiveDesk store


def _v1_event_log(conn: sqlite3.Connection) -> None:
    """Events as received, channel heads, gap markers, the command outbox, settings."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            ch TEXT NOT NULL,
            seq INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            type TEXT NOT NULL,
            body BLOB NOT NULL,
            UNIQUE (ch, seq)
        )"""
    )
    conn.execute("CREATE TABLE channels (ch TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)")
    conn.execute(
        """CREATE TABLE gaps (
            ch TEXT NOT NULL,
            from_seq INTEGER NOT NULL,
            to_seq INTEGER NOT NULL,
            PRIMARY KEY (ch, from_seq, to_seq)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE outbox (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            rid TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            body BLOB NOT NULL,
            added_ms INTEGER NOT NULL
        )"""
    )
    conn.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


_CHAT_EVENT_TYPES = ("chat.message", "chat.deleted", "chat.held", "chat.held_resolved")


def _v2_chat_history(conn: sqlite3.Connection) -> None:
    """Chat messages derived from events, with deletion flags and full-text search.

    time_key is the message's rowid, derived from its time (see derive.py); declared as
    INTEGER PRIMARY KEY so that VACUUM keeps it, which the search index relies on.
    No foreign key from messages to events: each row is written in the same transaction as
    its event, and the check cost ~10% of apply_events. columnsize=0: results are sorted
    by time, never by bm25 rank, so FTS5 need not store per-row column sizes. user_id is
    in the full-text index only to find one user's messages fast: a b-tree index on it
    cost 15% of apply_events' CPU time, the extra FTS column 4%.
    """
    conn.execute(
        """CREATE TABLE messages (
            time_key INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE,
            event_id TEXT NOT NULL,
            ch TEXT NOT NULL,
            seq INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            room TEXT NOT NULL,
            user_id TEXT NOT NULL,
            user_name TEXT NOT NULL,
            badges TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL,
            reply_to TEXT,
            first_in_session INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            held INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX messages_room_seq ON messages (room, seq)")
    conn.execute(
        """CREATE TABLE deletions (
            message_id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE VIRTUAL TABLE messages_fts USING fts5 (
            text, user_name, user_id,
            content = 'messages', content_rowid = 'time_key',
            tokenize = 'unicode61 remove_diacritics 2',
            columnsize = 0
        )"""
    )
    # No automatic merging of index segments: it comes in bursts (with automerge 16, one
    # batch in 256 took 120-200 ms). derive.py merges a bounded amount after every batch,
    # 16 segments at a time (fewer rewrites than 4); the crisis merge, which blocks, only
    # happens if a level ever piles up 64 segments.
    for option, value in (("automerge", 0), ("usermerge", 16), ("crisismerge", 64)):
        conn.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES (?, ?)", (option, value))
    # The chat history of the stored events is derived by the last migration (_v4), with
    # the derive code of the latest schema.


def decode_stored(rows: Iterable[tuple[bytes]]) -> list[Event]:
    """Decode stored event bodies, leaving out (and logging) any that no longer decode."""
    events = []
    for (body,) in rows:
        try:
            events.append(decode_event(body))
        except ProtocolError as exc:
            log.warning("skipping an unreadable stored event: %s", exc)
    return events


def _v3_message_rid(conn: sqlite3.Connection) -> None:
    """A message row keeps its event's rid, so that the row can stand for the whole event.

    From this version a chat message's event row keeps no body when its message row can
    give the event back (see localstore._stored_body); older rows keep their bodies. A
    later migration that reads events.body must rebuild those events the way
    LocalStore.events() does.
    """
    conn.execute("ALTER TABLE messages ADD COLUMN rid TEXT")


def _derive_stored_chat(conn: sqlite3.Connection) -> None:
    """Chat messages, deletions and held messages from the events stored so far."""
    placeholders = ",".join("?" * len(_CHAT_EVENT_TYPES))
    cursor = conn.execute(
        f"SELECT body FROM events WHERE type IN ({placeholders}) ORDER BY rowid",
        _CHAT_EVENT_TYPES,
    )
    while chunk := cursor.fetchmany(2000):
        derive_chat(conn, decode_stored(chunk))


def _v4_unreadable(conn: sqlite3.Connection) -> None:
    """Events (or whole frames) the client could not read, kept as received with the reason.

    `key` is the SHA-256 of `raw`, so the same bytes received again are kept once. `ch` and
    `seq` are set when the event's position could still be read: the channel head moved
    past it in the same transaction, so sync never stops at it.
    """
    conn.execute(
        """CREATE TABLE unreadable (
            key TEXT PRIMARY KEY,
            ch TEXT,
            seq INTEGER,
            event_id TEXT,
            reason TEXT NOT NULL,
            raw BLOB NOT NULL,
            received_ms INTEGER NOT NULL
        )"""
    )


def _v5_first_in_room(conn: sqlite3.Connection) -> None:
    """A message's FIRST mark means the sender's first message in that room ever (it meant
    their first in the live session, which marked nearly every line at the start of a live).

    The old marks say something else, so they are cleared rather than shown as the new one.
    A store from version 1 (or stopped right after 2, 3 or 4) gets its chat history derived here,
    by the last migration, with the derive code of this schema.
    """
    conn.execute("ALTER TABLE messages RENAME COLUMN first_in_session TO first_in_room")
    conn.execute("UPDATE messages SET first_in_room = 0 WHERE first_in_room != 0")
    if conn.execute("SELECT 1 FROM messages LIMIT 1").fetchone() is None:
        _derive_stored_chat(conn)


Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[Migration, ...] = (
    _v1_event_log,
    _v2_chat_history,
    _v3_message_rid,
    _v4_unreadable,
    _v5_first_in_room,
)
LATEST_VERSION = len(MIGRATIONS)


def check_version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, after checking that this code may open it (reads only)."""
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        (tables,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or getattr(exc, "sqlite_errorcode", None) == 26:
            raise not_a_database(path, str(exc)) from None
        raise
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables != 0):
        raise StoreError(
            f"{path} is an SQLite database of another program, not a LiveDesk store; "
            "LiveDesk leaves it untouched. Move it away to let LiveDesk create its store.",
            path=path,
            reason="not_livedesk",
        )
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path} was written by a newer LiveDesk (store version {version}; this version "
            f"understands up to {LATEST_VERSION}). Update LiveDesk; the file was not changed.",
            path=path,
            reason="newer_version",
        )
    return int(version)


def migrate(conn: sqlite3.Connection, current: int) -> int:
    """Apply every migration after `current`, each atomically; returns the new version."""
    for version in range(current + 1, LATEST_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return LATEST_VERSION
