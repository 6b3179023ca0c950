"""Request ids already applied, per account, with their original results (idempotency)."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from typing import Any

import msgspec

_SCHEMA = """
CREATE TABLE IF NOT EXISTS processed (
    account_id TEXT NOT NULL, rid TEXT NOT NULL, result TEXT NOT NULL, ts_ms INTEGER NOT NULL,
    PRIMARY KEY (account_id, rid));
CREATE INDEX IF NOT EXISTS processed_by_time ON processed(ts_ms);
"""
# A client resends its unacknowledged commands after a reconnect, so recent ids are what
# matter. Results are kept encoded: ~250 bytes per command in memory.
DEFAULT_CAPACITY = 100_000
KEEP_MS = 48 * 3600 * 1000
_PRUNE_EVERY = 10_000

Result = dict[str, Any] | None
_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(Result).decode


class ProcessedCommands:
    """The newest `capacity` (account id, rid) pairs and their results, in memory and on disk.

    Lookups never touch SQLite (the chat path must not read it); writes join the caller's
    transaction. After a restart the newest `capacity` entries are loaded back.
    """

    def __init__(self, db: sqlite3.Connection, capacity: int = DEFAULT_CAPACITY) -> None:
        self._db = db
        self.capacity = capacity
        self._results: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._since_prune = 0
        db.executescript(_SCHEMA)

    def load(self, now_ms: int) -> None:
        self._db.execute("DELETE FROM processed WHERE ts_ms < ?", (now_ms - KEEP_MS,))
        rows = self._db.execute(
            "SELECT account_id, rid, result FROM processed ORDER BY ts_ms DESC, rowid DESC LIMIT ?",
            (self.capacity,),
        ).fetchall()
        for account_id, rid, result in reversed(rows):
            self._results[(account_id, rid)] = result.encode()

    def __len__(self) -> int:
        return len(self._results)

    def __contains__(self, key: object) -> bool:
        return key in self._results

    def result(self, account_id: str, rid: str) -> Result:
        """The original result of an applied command; KeyError if it is not known."""
        return _decode(self._results[(account_id, rid)])

    def record(self, account_id: str, rid: str, result: Result, now_ms: int) -> None:
        """Remember the result a duplicate ack repeats (the caller leaves secrets out)."""
        encoded = _encode(result)
        self._results[(account_id, rid)] = encoded
        if len(self._results) > self.capacity:
            self._results.popitem(last=False)
        self._db.execute(
            "INSERT OR REPLACE INTO processed VALUES (?, ?, ?, ?)",
            (account_id, rid, encoded.decode(), now_ms),
        )
        self._since_prune += 1
        if self._since_prune >= _PRUNE_EVERY:
            self._since_prune = 0
            # Keep the table about as long as memory: older ids could not be matched anyway
            # until the next restart, and an unbounded table would grow with every message.
            self._db.execute(
                "DELETE FROM processed WHERE rowid <= (SELECT MAX(rowid) FROM processed) - ?",
                (self.capacity,),
            )
