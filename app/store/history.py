"""Reading chat history back: StoredMessage, paging queries and full-text search queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgspec

from app.core.names import clean_display_name

decode_badges = msgspec.json.Decoder(tuple[str, ...]).decode

MESSAGE_COLUMNS = (
    "m.message_id, m.event_id, m.ch, m.seq, m.ts, m.room, m.user_id, m.user_name, m.badges, "
    "m.text, m.reply_to, m.first_in_room, m.deleted"
)

MAX_SEARCH_TERMS = 16
_TERM = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A chat message as kept in the local store; `deleted` is set when a moderator removed it."""

    message_id: str
    event_id: str
    ch: str
    seq: int
    ts: int
    room: str
    user_id: str
    user_name: str
    badges: tuple[str, ...]
    text: str
    reply_to: str | None
    first_in_room: bool
    deleted: bool


def message_from_row(row: tuple[Any, ...]) -> StoredMessage:
    return StoredMessage(
        message_id=row[0],
        event_id=row[1],
        ch=row[2],
        seq=row[3],
        ts=row[4],
        room=row[5],
        user_id=row[6],
        user_name=clean_display_name(row[7]),  # see app.core.names
        badges=decode_badges(row[8]),
        text=row[9],
        reply_to=row[10],
        first_in_room=bool(row[11]),
        deleted=bool(row[12]),
    )


def _words(text: str) -> list[str]:
    return _TERM.findall(text)[:MAX_SEARCH_TERMS]


def fts_query(text: str) -> str | None:
    """An FTS5 query matching messages whose text contains every word of `text` (as a word
    prefix). None when `text` holds no searchable word. Author names are not searched by
    words: a result must show why it matched, and a name is searched with `user` (from:).

    User input never reaches FTS5 syntax: it is cut into words (letters, digits,
    underscore) and each word becomes a quoted term, so quotes, AND/OR/NOT/NEAR,
    parentheses, column filters and stars are searched for as plain words or ignored.
    """
    words = _words(text)
    if not words:
        return None
    terms = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
    return "{text} : (" + terms + ")"


def _user_query(user: str) -> str | None:
    """FTS5 query for rows whose user id or name contains the words of `user`, in order:
    a fast superset of the exact match, which the SQL then checks."""
    words = _words(user)
    if not words:
        return None
    return '{user_id user_name} : "' + " ".join(words).replace('"', '""') + '"'


def search_sql(
    text: str, room: str | None, user: str | None, badge: str | None, limit: int
) -> tuple[str, list[object]] | None:
    """SQL and parameters for search_messages (newest first, held messages left out), or
    None when `text` is not blank but holds nothing searchable."""
    match = fts_query(text)
    if match is None and text.strip():
        return None
    where = ["m.held = 0"]
    params: list[object] = []
    if user is not None:
        by_user = _user_query(user)
        if by_user is not None:
            match = by_user if match is None else f"({match}) AND ({by_user})"
        where.append("(m.user_id = ? OR m.user_name = ? COLLATE NOCASE)")
        params += [user, user]
    # A message's rowid is its time (see derive.py): newest first is rowid order, which
    # the full-text index and the table both walk backwards, stopping at `limit`.
    if match is not None:
        source = "messages_fts f JOIN messages m ON m.rowid = f.rowid"
        order = "f.rowid"
        where.insert(0, "messages_fts MATCH ?")
        params.insert(0, match)
    else:
        source = "messages m"
        order = "m.rowid"
    if room is not None:
        # The unary + keeps SQLite from using the (room, seq) index here: walking rowids
        # newest first and stopping at `limit` is far cheaper than sorting the whole room.
        where.append("+m.room = ?")
        params.append(room)
    if badge is not None:
        # "member" matches "member:2"; "member:2" matches only itself.
        where.append(
            "EXISTS (SELECT 1 FROM json_each(m.badges) b"
            " WHERE b.value = ? OR substr(b.value, 1, ?) = ?)"
        )
        params += [badge, len(badge) + 1, badge + ":"]
    sql = (
        f"SELECT {MESSAGE_COLUMNS} FROM {source} WHERE {' AND '.join(where)}"
        f" ORDER BY {order} DESC LIMIT ?"
    )
    params.append(limit)
    return sql, params


MESSAGES_BEFORE_SQL = (
    f"SELECT {MESSAGE_COLUMNS} FROM messages m"
    " WHERE m.room = ? AND m.held = 0 AND m.seq < ? ORDER BY m.seq DESC LIMIT ?"
)


# A message's session: from the last live start or end at or before it to the first after it
# (chat between lives is a session of its own). Bounds by server time.
SESSION_BOUNDS_SQL = (
    "SELECT (SELECT max(ts) FROM events WHERE type IN ('live.started', 'live.ended')"
    " AND ts <= ?1), (SELECT min(ts) FROM events WHERE type IN ('live.started', 'live.ended')"
    " AND ts > ?1)"
)
CONTEXT_BEFORE_SQL = (
    f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.room = ? AND m.held = 0 AND m.seq < ?"
    " AND m.ts >= ? ORDER BY m.seq DESC LIMIT ?"
)
CONTEXT_AFTER_SQL = (
    f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.room = ? AND m.held = 0 AND m.seq > ?"
    " AND m.ts < ? ORDER BY m.seq LIMIT ?"
)
