"""Service+ inquiries as the server stores them (table `inquiries` in server.db)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any

import msgspec

from app.protocol.payloads import InquiryStatus, UserRef

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inquiries (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, user_id TEXT NOT NULL, service_id TEXT NOT NULL,
    service_title TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL, price_cents INTEGER,
    snooze_until_ms INTEGER, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
    session_id TEXT, elapsed_s INTEGER);
"""
_encode = msgspec.json.Encoder().encode
_decode_user = msgspec.json.Decoder(UserRef).decode


@dataclass(frozen=True)
class Inquiry:
    inquiry_id: str
    user: UserRef
    service_id: str
    service_title: str
    text: str
    status: InquiryStatus
    price_cents: int | None
    snooze_until_ms: int | None
    created_ms: int
    updated_ms: int
    session_id: str | None
    elapsed_s: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "inquiry_id": self.inquiry_id,
            "user": msgspec.to_builtins(self.user),
            "service_id": self.service_id,
            "service_title": self.service_title,
            "text": self.text,
            "status": self.status,
            "price_cents": self.price_cents,
            "snooze_until_ms": self.snooze_until_ms,
            "created_ms": self.created_ms,
            "updated_ms": self.updated_ms,
            "session_id": self.session_id,
            "elapsed_s": self.elapsed_s,
        }


_INQUIRY_COLUMNS = (
    "id, user, service_id, service_title, text, status, price_cents, snooze_until_ms, "
    "created_ms, updated_ms, session_id, elapsed_s"
)


def _inquiry_from_row(row: tuple[Any, ...]) -> Inquiry:
    return Inquiry(row[0], _decode_user(row[1]), *row[2:])


class InquiryStore:
    """Inquiries by id; writes join the caller's transaction (committed by ServerState)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(_SCHEMA)

    def add(self, inquiry: Inquiry) -> None:
        self._db.execute(
            f"INSERT INTO inquiries ({_INQUIRY_COLUMNS}, user_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                inquiry.user.id,
            ),
        )

    def get(self, inquiry_id: str) -> Inquiry | None:
        row = self._db.execute(
            f"SELECT {_INQUIRY_COLUMNS} FROM inquiries WHERE id = ?", (inquiry_id,)
        ).fetchone()
        return _inquiry_from_row(row) if row else None

    def update(self, inquiry: Inquiry, **changes: Any) -> Inquiry:
        updated = replace(inquiry, **changes)
        self._db.execute(
            "UPDATE inquiries SET status = ?, price_cents = ?, snooze_until_ms = ?, updated_ms = ? "
            "WHERE id = ?",
            (
                updated.status,
                updated.price_cents,
                updated.snooze_until_ms,
                updated.updated_ms,
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
