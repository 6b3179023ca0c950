"""Chat tables derived from events: messages, deletions, held messages and their search index.

Runs inside the caller's transaction, on events that were just inserted (so each event is
derived once). The full-text index is an external-content FTS5 table filled with one
INSERT ... SELECT per batch. Measured against sqlite-utils' enable_fts(create_triggers=True)
on 100,000 chat events in 500-event batches: ~60,000 vs ~20,000 events/s. Inserted from a
trigger, FTS5 writes its pending terms out far more often (each trigger body runs in a
statement savepoint), building and merging many tiny segments.

A message's rowid is its time: (ts << 16) | (seq & 0xFFFF), bumped on the rare clash. So
"newest first" is plain rowid order, which FTS5 and the table walk backwards and stop at
the limit: searching a common word in 1,000,000 messages went from ~580 ms (match all,
sort by ts) to ~20 ms, and the ts index it needed is gone from every insert.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import msgspec

from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, HeldResolved, MessageDeleted, MessageHeld
from app.store.bulk import insert_rows

_encode_json = msgspec.json.Encoder().encode

MessageRow = tuple[
    int, str, str, str, int, int, str, str, str, str, str, str | None, bool, bool, str | None
]

_SEQ_BITS = 16
_MAX_TS = (1 << (63 - _SEQ_BITS)) - 1  # year ~6400: the rowid stays a signed 64-bit integer

_INSERT_CHAT = """
INSERT INTO messages (rowid, message_id, event_id, ch, seq, ts, room, user_id, user_name,
                      badges, text, reply_to, first_in_room, held, rid)"""
_INSERT_CHAT_UPSERT = """
ON CONFLICT (message_id) DO UPDATE SET
    event_id = excluded.event_id, ch = excluded.ch, seq = excluded.seq, ts = excluded.ts,
    badges = excluded.badges, reply_to = excluded.reply_to,
    first_in_room = excluded.first_in_room, held = 0, rid = excluded.rid
WHERE messages.held = 1 AND excluded.held = 0
"""
# The upsert only publishes a held message that was approved and re-sent as a chat message;
# it keeps the held row's rowid (its place in time) and its text, so the search index needs
# no update.

_MARK_DELETED = "UPDATE messages SET deleted = 1 WHERE message_id = ? AND deleted = 0"
_MARK_REJECTED = "UPDATE messages SET deleted = 1 WHERE message_id = ? AND held = 1"
_INSERT_DELETION = "INSERT OR IGNORE INTO deletions (message_id, event_id) VALUES (?, ?)"
# A deletion can arrive before its message (history backfilled after live events): the
# deletions table keeps it, and newly inserted messages are checked against it.
_APPLY_EARLIER_DELETIONS = """
UPDATE messages SET deleted = 1
WHERE rowid IN (SELECT value FROM json_each(?)) AND deleted = 0
  AND message_id IN (SELECT message_id FROM deletions)
"""
# Only rows that exist at the rowids just given were inserted (an upsert keeps its row).
_INDEX_NEW_MESSAGES = """
INSERT INTO messages_fts (rowid, text, user_name, user_id)
SELECT rowid, text, user_name, user_id FROM messages
WHERE rowid IN (SELECT value FROM json_each(?))
"""
# Merge index segments a little after every batch (about 100 pages written at most), so
# the index stays compact without the bursts of FTS5's automatic merging (see schema.py).
# Measured on 600,000 messages in 500-message batches: slowest batch 25 ms instead of
# 200 ms (automerge 16) or 48 ms (automerge 4), same throughput and search speed.
_MERGE_SOME_SEGMENTS = "INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', 100)"
_TAKEN_ROWIDS = "SELECT rowid FROM messages WHERE rowid IN (SELECT value FROM json_each(?))"


def time_rowid(ts: int, seq: int) -> int:
    """The rowid that sorts a message by server time (then by seq within a millisecond)."""
    return (min(max(ts, 0), _MAX_TS) << _SEQ_BITS) | (seq & ((1 << _SEQ_BITS) - 1))


def _message_row(event: Event, data: ChatMessage | MessageHeld, held: bool) -> MessageRow:
    user = data.user
    return (
        time_rowid(event.ts, event.seq),
        data.message_id,
        event.id,
        event.ch,
        event.seq,
        event.ts,
        data.room,
        user.id,
        user.name,
        _encode_json(user.badges).decode(),
        data.text,
        data.reply_to if isinstance(data, ChatMessage) else None,
        data.first_in_room if isinstance(data, ChatMessage) else False,
        held,
        event.rid,
    )


def _free_rowids(conn: sqlite3.Connection, wanted: list[int]) -> list[int]:
    """`wanted`, with each rowid that is taken (stored, or earlier in the list) moved up to
    the next free one: two messages in the same millisecond whose seqs end alike."""
    rowids = list(wanted)
    while True:
        seen: set[int] = set()
        for index, rowid in enumerate(rowids):
            while rowid in seen:
                rowid += 1
            seen.add(rowid)
            rowids[index] = rowid
        taken = {r for (r,) in conn.execute(_TAKEN_ROWIDS, (_encode_json(rowids),))}
        if not taken:
            return rowids
        rowids = [rowid + 1 if rowid in taken else rowid for rowid in rowids]


def _insert_messages(conn: sqlite3.Connection, messages: list[MessageRow]) -> tuple[list[int], int]:
    """Insert (or publish) message rows; returns the rowids they were given and how many
    rows were written (fewer when a message id was already stored, not held)."""
    conn.execute("SAVEPOINT insert_messages")
    try:
        written = insert_rows(conn, _INSERT_CHAT, messages, _INSERT_CHAT_UPSERT)
        rowids = [row[0] for row in messages]
    except sqlite3.IntegrityError:
        # A rowid clash: rare, so it is cheaper to retry than to check every batch first.
        conn.execute("ROLLBACK TO insert_messages")
        rowids = _free_rowids(conn, [row[0] for row in messages])
        messages = [(rowid, *row[1:]) for rowid, row in zip(rowids, messages, strict=True)]
        written = insert_rows(conn, _INSERT_CHAT, messages, _INSERT_CHAT_UPSERT)
    conn.execute("RELEASE insert_messages")
    return rowids, written


def derive_chat(conn: sqlite3.Connection, new_events: Iterable[Event]) -> bool:
    """Write the chat rows of `new_events` (events not seen before, in order). Returns
    False if a message row was not written (its message id was stored already)."""
    messages: list[MessageRow] = []
    deletions: list[tuple[str, str]] = []
    rejected: list[tuple[str]] = []
    for event in new_events:
        data = event.data
        if type(data) is ChatMessage:
            messages.append(_message_row(event, data, False))
        elif type(data) is MessageDeleted:
            deletions.append((data.message_id, event.id))
        elif type(data) is MessageHeld:
            messages.append(_message_row(event, data, True))
        elif type(data) is HeldResolved and not data.approved:
            rejected.append((data.message_id,))
    rowids, written = _insert_messages(conn, messages) if messages else ([], 0)
    if deletions:
        conn.executemany(_INSERT_DELETION, deletions)
        conn.executemany(_MARK_DELETED, [(message_id,) for message_id, _ in deletions])
    if rejected:
        conn.executemany(_MARK_REJECTED, rejected)
    if rowids:
        encoded = _encode_json(rowids)
        conn.execute(_APPLY_EARLIER_DELETIONS, (encoded,))
        conn.execute(_INDEX_NEW_MESSAGES, (encoded,))
        conn.execute(_MERGE_SOME_SEGMENTS)
    return written == len(messages)
