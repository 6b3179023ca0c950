"""Service+ inquiries as the server stores them (table `inquiries` in server.db)."""

from __future__ import annotations

import sqlite3
from typing import Any

import msgspec

from app.protocol.inquiry import BookingRow, Inquiry, InquiryRow, StatusStepRow, ThreadMessageRow
from app.protocol.payloads import InquiryStatus, UserRef

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inquiries (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, user_id TEXT NOT NULL, service_id TEXT NOT NULL,
    service_title TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL, price_cents INTEGER,
    snooze_until_ms INTEGER, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
    session_id TEXT, elapsed_s INTEGER, booked_for_ms INTEGER);
CREATE TABLE IF NOT EXISTS inquiry_messages (
    id TEXT PRIMARY KEY, inquiry_id TEXT NOT NULL, author TEXT NOT NULL, user TEXT NOT NULL,
    text TEXT NOT NULL, ts_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS inquiry_messages_by_inquiry ON inquiry_messages(inquiry_id, ts_ms);
CREATE TABLE IF NOT EXISTS inquiry_history (
    event_id TEXT PRIMARY KEY, inquiry_id TEXT NOT NULL, status TEXT NOT NULL, by TEXT NOT NULL,
    price_cents INTEGER, snooze_until_ms INTEGER, ts_ms INTEGER NOT NULL, booked_for_ms INTEGER);
CREATE INDEX IF NOT EXISTS inquiry_history_by_inquiry ON inquiry_history(inquiry_id, ts_ms);
"""
# The ledger table belongs to ServerState (same database); bookings are looked up by inquiry.
_LEDGER_BY_REF = "CREATE INDEX IF NOT EXISTS ledger_by_ref ON ledger(ref)"
_encode = msgspec.json.Encoder().encode
_decode_user = msgspec.json.Decoder(UserRef).decode


_INQUIRY_COLUMNS = (
    "id, user, service_id, service_title, text, status, price_cents, snooze_until_ms, "
    "created_ms, updated_ms, session_id, elapsed_s, booked_for_ms"
)


def _inquiry_from_row(row: tuple[Any, ...]) -> Inquiry:
    return Inquiry(row[0], _decode_user(row[1]), *row[2:])


class InquiryStore:
    """Inquiries by id; writes join the caller's transaction (committed by ServerState)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(_SCHEMA)
        # Databases from before bookings had a date and time get the column (null: unknown).
        for table in ("inquiries", "inquiry_history"):
            columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            if "booked_for_ms" not in columns:
                db.execute(f"ALTER TABLE {table} ADD COLUMN booked_for_ms INTEGER")
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger'").fetchone():
            db.execute(_LEDGER_BY_REF)

    def add(self, inquiry: Inquiry) -> None:
        self._db.execute(
            f"INSERT INTO inquiries ({_INQUIRY_COLUMNS}, user_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                inquiry.inquiry_id,
                _encode(inquiry.user).decode(),
                inquiry.service_id,
                inquiry.service_title,
                inquiry.text,
                inquiry.status,
                inquiry.price_cents,
                inquiry.snooze_until_ms,
                inquiry.created_ms,
                inquiry.updated_ms,
                inquiry.session_id,
                inquiry.elapsed_s,
                inquiry.booked_for_ms,
                inquiry.user.id,
            ),
        )

    def get(self, inquiry_id: str) -> Inquiry | None:
        row = self._db.execute(
            f"SELECT {_INQUIRY_COLUMNS} FROM inquiries WHERE id = ?", (inquiry_id,)
        ).fetchone()
        return _inquiry_from_row(row) if row else None

    def update(self, inquiry: Inquiry, **changes: Any) -> Inquiry:
        updated = msgspec.structs.replace(inquiry, **changes)
        self._db.execute(
            "UPDATE inquiries SET status = ?, price_cents = ?, snooze_until_ms = ?, "
            "updated_ms = ?, booked_for_ms = ? WHERE id = ?",
            (
                updated.status,
                updated.price_cents,
                updated.snooze_until_ms,
                updated.updated_ms,
                updated.booked_for_ms,
                updated.inquiry_id,
            ),
        )
        return updated

    def newest(self, status: InquiryStatus | None, limit: int) -> list[Inquiry]:
        """The most recently active inquiries first, optionally of one status."""
        where, args = ("WHERE status = ?", [status]) if status else ("", [])
        rows = self._db.execute(
            f"SELECT {_INQUIRY_COLUMNS} FROM inquiries {where} "
            "ORDER BY updated_ms DESC, rowid DESC LIMIT ?",
            (*args, limit),
        )
        return [_inquiry_from_row(row) for row in rows]

    # --- threads: messages and status history (kept since the inbox asks for them) -------

    def add_message(
        self, inquiry_id: str, message_id: str, author: str, user: UserRef, text: str, ts_ms: int
    ) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO inquiry_messages VALUES (?, ?, ?, ?, ?, ?)",
            (message_id, inquiry_id, author, _encode(user).decode(), text, ts_ms),
        )

    def add_history(
        self,
        event_id: str,
        inquiry_id: str,
        status: InquiryStatus,
        by: str,
        price_cents: int | None,
        snooze_until_ms: int | None,
        ts_ms: int,
        booked_for_ms: int | None = None,
    ) -> None:
        """One status change; `event_id` is the id of its event on the creator channel."""
        self._db.execute(
            "INSERT OR IGNORE INTO inquiry_history (event_id, inquiry_id, status, by, "
            "price_cents, snooze_until_ms, ts_ms, booked_for_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, inquiry_id, status, by, price_cents, snooze_until_ms, ts_ms, booked_for_ms),
        )

    def list_items(self, inquiries: list[Inquiry]) -> list[dict[str, Any]]:
        """The `inquiry.list` row (InquiryRow, as plain JSON values) of each: the inquiry, plus
        when the viewer last wrote, how many messages the thread has, and the live session's
        title and start."""
        if not inquiries:
            return []
        ids = [inquiry.inquiry_id for inquiry in inquiries]
        marks = ",".join("?" * len(ids))
        extras: dict[str, tuple[Any, ...]] = {
            row[0]: row[1:]
            for row in self._db.execute(
                "SELECT i.id, "
                "(SELECT MAX(ts_ms) FROM inquiry_messages m "
                " WHERE m.inquiry_id = i.id AND m.author = 'viewer'), "
                "(SELECT COUNT(*) FROM inquiry_messages m WHERE m.inquiry_id = i.id), "
                "s.title, s.started_ms "
                f"FROM inquiries i LEFT JOIN live_sessions s ON s.id = i.session_id "
                f"WHERE i.id IN ({marks})",
                ids,
            )
        }
        items = []
        for inquiry in inquiries:
            last_viewer, count, title, started = extras.get(
                inquiry.inquiry_id, (None, 0, None, None)
            )
            row = InquiryRow(
                **msgspec.structs.asdict(inquiry),
                last_viewer_ms=max(inquiry.created_ms, last_viewer or 0),
                message_count=count,
                session_title=title,
                session_started_ms=started,
            )
            items.append(msgspec.to_builtins(row))
        return items

    def thread(self, inquiry_id: str) -> dict[str, list[dict[str, Any]]]:
        """Messages, status changes and Service+ ledger entries of one inquiry, oldest first
        (ThreadMessageRow, StatusStepRow and BookingRow, as plain JSON values)."""
        messages = [
            ThreadMessageRow(
                message_id=row[0],
                author=row[1],
                user=_decode_user(row[2]),
                text=row[3],
                ts_ms=row[4],
            )
            for row in self._db.execute(
                "SELECT id, author, user, text, ts_ms FROM inquiry_messages "
                "WHERE inquiry_id = ? ORDER BY ts_ms, rowid",
                (inquiry_id,),
            )
        ]
        history = [
            StatusStepRow(*row)
            for row in self._db.execute(
                "SELECT event_id, status, by, price_cents, snooze_until_ms, ts_ms, booked_for_ms "
                "FROM inquiry_history WHERE inquiry_id = ? ORDER BY ts_ms, rowid",
                (inquiry_id,),
            )
        ]
        ledger = [
            BookingRow(*row)
            for row in self._db.execute(
                "SELECT entry_id, cents, label, session_id, ts_ms, currency FROM ledger "
                "WHERE ref = ? AND kind = 'service' ORDER BY ts_ms, rowid",
                (inquiry_id,),
            )
        ]
        return {
            "messages": msgspec.to_builtins(messages),
            "history": msgspec.to_builtins(history),
            "ledger": msgspec.to_builtins(ledger),
        }
