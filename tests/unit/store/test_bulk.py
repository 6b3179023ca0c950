"""Chunked multi-row INSERTs: every row once, in order, within SQLite's bound-value limit."""

from __future__ import annotations

import sqlite3

import pytest

from app.store.bulk import MAX_PARAMS, chunk_sizes, insert_rows


@pytest.mark.parametrize("count", [1, 2, 63, 64, 127, 128, 129, 500, 1000])
@pytest.mark.parametrize("width", [1, 6, 14])
def test_chunks_cover_every_row_within_the_value_limit(count: int, width: int) -> None:
    sizes = chunk_sizes(count, width)
    assert sum(sizes) == count
    assert all(size * width <= MAX_PARAMS for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert len(set(sizes)) <= 8  # few distinct statements to prepare


def test_rows_are_inserted_in_order_and_counted() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (n INTEGER UNIQUE, label TEXT)")
    rows = [(n, f"row {n}") for n in range(300)]
    assert insert_rows(conn, "INSERT OR IGNORE INTO t (n, label)", rows) == 300
    # Repeated rows are ignored (and not counted), within a statement and across them.
    again = [(5, "dup"), (300, "new"), (300, "dup of new"), (7, "dup")]
    assert insert_rows(conn, "INSERT OR IGNORE INTO t (n, label)", again) == 1
    assert conn.execute("SELECT label FROM t WHERE n = 300").fetchone() == ("new",)
    assert [n for (n,) in conn.execute("SELECT n FROM t ORDER BY rowid")] == list(range(301))


def test_a_tail_clause_applies_to_rows_of_the_same_statement() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
    rows = [("a", 1), ("b", 2), ("a", 3)]
    tail = "ON CONFLICT (k) DO UPDATE SET v = excluded.v"
    insert_rows(conn, "INSERT INTO t (k, v)", rows, tail)
    assert dict(conn.execute("SELECT k, v FROM t")) == {"a": 3, "b": 2}
    assert insert_rows(conn, "INSERT INTO t (k, v)", [], tail) == 0
