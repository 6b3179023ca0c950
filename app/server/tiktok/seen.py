"""What the bridge must remember across reconnects and restarts, in `tiktok.db`.

- `users`: TikTok user id → the LiveDesk account that stands for that viewer, so a viewer keeps
  one identity (history, bans, top gifters) across sessions.
- `seen`: keys of TikTok messages already applied ("m:<message id>"), and of gift combos that
  were started ("c:<user>:<combo>"), so a message TikTok sends again after a reconnect is never
  applied twice, and a streak that ended before a restart is not started again by a late report.
  Keys older than `KEEP_DAYS` are dropped on open: TikTok does not resend messages that old.
  The bridge commits them only after server.db holds the effects (and its own marks of them):
  see "Exactly once across a crash" in bridge.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

KEEP_DAYS = 7
_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    tiktok_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, ts_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS seen_by_time ON seen(ts_ms);
"""


class SeenStore:
    """Small SQLite file; one connection on the backend's loop thread."""

    def __init__(self, path: Path, now_ms: int) -> None:
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.execute("DELETE FROM seen WHERE ts_ms < ?", (now_ms - KEEP_DAYS * 86_400_000,))
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def commit(self) -> None:
        self._db.commit()

    def account_for(self, tiktok_id: str) -> str | None:
        row = self._db.execute(
            "SELECT account_id FROM users WHERE tiktok_id = ?", (tiktok_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def remember_user(self, tiktok_id: str, account_id: str, name: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO users (tiktok_id, account_id, name) VALUES (?, ?, ?)",
            (tiktok_id, account_id, name),
        )

    def has(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is not None

    def mark(self, key: str, now_ms: int) -> None:
        self._db.execute("INSERT OR IGNORE INTO seen (key, ts_ms) VALUES (?, ?)", (key, now_ms))
