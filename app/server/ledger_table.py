"""The creator's earnings ledger in server.db: table, upgrade of older files, rows, sums."""

from __future__ import annotations

import sqlite3
from typing import Any

import msgspec

from app.core.earnings import GIFT_KINDS
from app.protocol.payloads import LedgerEntry, UserRef

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger (
    entry_id TEXT PRIMARY KEY, kind TEXT NOT NULL, diamonds INTEGER NOT NULL,
    cents INTEGER NOT NULL, user TEXT NOT NULL, user_id TEXT NOT NULL, ref TEXT NOT NULL,
    session_id TEXT, label TEXT NOT NULL, ts_ms INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT 'USD');
CREATE INDEX IF NOT EXISTS ledger_by_time ON ledger(ts_ms);
"""
_COLUMNS = (
    "entry_id, kind, diamonds, cents, user, user_id, ref, session_id, label, ts_ms, currency"
)
# The currency of the summary's top-level cents: subscriptions are priced in it, and every line
# written before lines had a currency was in it.
SUMMARY_CURRENCY = "USD"
_FAR = 2**62

_encode = msgspec.json.Encoder().encode
_decode_user = msgspec.json.Decoder(UserRef).decode


def create_or_upgrade(db: sqlite3.Connection) -> None:
    """Create the table, or bring one of an older schema up to date (CREATE skips it)."""
    db.executescript(_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(ledger)")}
    if "currency" not in columns:
        # Before bookings carried a currency, every amount was in US cents.
        db.execute("ALTER TABLE ledger ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD'")


def insert(db: sqlite3.Connection, entry: LedgerEntry, now_ms: int) -> None:
    db.execute(
        f"INSERT INTO ledger ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.entry_id,
            entry.kind,
            entry.diamonds,
            entry.cents,
            _encode(entry.user).decode(),
            entry.user.id,
            entry.ref,
            entry.session_id,
            entry.label,
            now_ms,
            entry.currency,
        ),
    )


def _part() -> dict[str, Any]:
    return {
        "gift_diamonds": 0,
        "tiktok_diamonds": 0,
        "subscription_cents": 0,
        "service_cents": 0,
        "entries": 0,
        "other_currencies": {},
    }


def summary(db: sqlite3.Connection, since_ms: int | None, until_ms: int | None) -> dict[str, Any]:
    """Totals, overall and per live session ("" for lines outside a session).

    Cents are summed per currency, never across currencies: the top-level cents are in
    SUMMARY_CURRENCY, any other currency sits apart in `other_currencies` under its code.
    `entries` counts every line.
    """
    totals = _part()
    by_session: dict[str, dict[str, Any]] = {}
    rows = db.execute(
        "SELECT COALESCE(session_id, ''), kind, currency, SUM(diamonds), SUM(cents), COUNT(*) "
        "FROM ledger WHERE ts_ms >= ? AND ts_ms < ? GROUP BY 1, 2, 3",
        (
            since_ms if since_ms is not None else -_FAR,
            until_ms if until_ms is not None else _FAR,
        ),
    )
    for session_id, kind, currency, diamonds, cents, count in rows:
        part = by_session.setdefault(session_id, _part())
        for target in (totals, part):
            target["entries"] += count
            if kind in GIFT_KINDS:
                # TikTok LIVE gifts count as gifts, and apart as well.
                target["gift_diamonds"] += diamonds
                if kind == "tiktok":
                    target["tiktok_diamonds"] += diamonds
                continue
            if currency != SUMMARY_CURRENCY:
                target = target["other_currencies"].setdefault(
                    currency, {"subscription_cents": 0, "service_cents": 0, "entries": 0}
                )
                target["entries"] += count
            target[f"{kind}_cents"] += cents
    return {"currency": SUMMARY_CURRENCY, **totals, "by_session": by_session}


def open_booking(db: sqlite3.Connection, ref: str) -> tuple[int, str] | None:
    """(cents, currency) of an inquiry's newest booking line if it has not been taken back
    yet; None otherwise. Earlier bookings of the same inquiry (a follow-up job after a
    completed one) are left alone: only the booking being cancelled is taken back."""
    row = db.execute(
        "SELECT rowid, cents, currency FROM ledger WHERE ref = ? AND kind = 'service' "
        "AND cents > 0 ORDER BY rowid DESC LIMIT 1",
        (ref,),
    ).fetchone()
    if row is None:
        return None
    rowid, cents, currency = row
    taken_back = db.execute(
        "SELECT 1 FROM ledger WHERE ref = ? AND kind = 'service' AND cents < 0 AND rowid > ?",
        (ref, rowid),
    ).fetchone()
    return None if taken_back else (int(cents), str(currency))


def page(
    db: sqlite3.Connection,
    since_ms: int | None,
    until_ms: int | None,
    session_id: str | None,
    after: int,
    limit: int,
) -> tuple[list[tuple[int, int, LedgerEntry]], bool]:
    """(cursor, ts_ms, entry) in the order they were written, after cursor `after`; and
    whether more follow. The cursor is the row id, so a page never skips or repeats a row.
    """
    sql = (
        "SELECT rowid, ts_ms, entry_id, kind, diamonds, cents, user, ref, session_id, label, "
        "currency FROM ledger WHERE rowid > ? AND ts_ms >= ? AND ts_ms < ?"
    )
    args: list[object] = [
        after,
        since_ms if since_ms is not None else -_FAR,
        until_ms if until_ms is not None else _FAR,
    ]
    if session_id is not None:
        sql += " AND session_id = ?"
        args.append(session_id)
    rows = db.execute(sql + " ORDER BY rowid LIMIT ?", (*args, limit + 1)).fetchall()
    lines = [
        (
            row[0],
            row[1],
            LedgerEntry(
                entry_id=row[2],
                kind=row[3],
                diamonds=row[4],
                cents=row[5],
                user=_decode_user(row[6]),
                ref=row[7],
                session_id=row[8],
                label=row[9],
                currency=row[10],
            ),
        )
        for row in rows[:limit]
    ]
    return lines, len(rows) > limit
