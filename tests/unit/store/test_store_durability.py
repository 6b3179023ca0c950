"""LocalStore's files: migrations, refusing files it must not touch, rollback, crash safety."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.protocol.codec import decode_event, encode_event
from app.protocol.payloads import ChatMessage
from app.store import schema
from app.store.localstore import LocalStore, StoreError
from tests.unit.store.factories import chat, deleted, viewers

REPO = Path(__file__).resolve().parents[3]

# What LiveDesk's store version 1 looked like: the event log without derived chat tables.
V1_SCHEMA = """
PRAGMA application_id = 1279546187;
CREATE TABLE events (id TEXT PRIMARY KEY, ch TEXT NOT NULL, seq INTEGER NOT NULL,
    ts INTEGER NOT NULL, type TEXT NOT NULL, body BLOB NOT NULL, UNIQUE (ch, seq));
CREATE TABLE channels (ch TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
CREATE TABLE gaps (ch TEXT NOT NULL, from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL,
    PRIMARY KEY (ch, from_seq, to_seq)) WITHOUT ROWID;
CREATE TABLE outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, rid TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, body BLOB NOT NULL, added_ms INTEGER NOT NULL);
CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = 1;
"""


def write_v1_store(path: Path, extra_sql: str = "") -> None:
    events = [chat(1, "old hello"), chat(2, "old bye"), deleted(3, "m-public-1"), viewers(4, 5)]
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA + extra_sql)
    conn.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
        [(e.id, e.ch, e.seq, e.ts, e.type, encode_event(e)) for e in events],
    )
    conn.execute("INSERT INTO channels VALUES ('public', 4)")
    conn.execute("INSERT INTO kv VALUES ('theme', 'dark')")
    conn.commit()
    conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_consistent(path: Path) -> None:
    """Every stored event is whole, and everything derived from events agrees with them."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")
        heads = dict(conn.execute("SELECT ch, max(seq) FROM events GROUP BY ch"))
        assert dict(conn.execute("SELECT ch, last_seq FROM channels")) == heads
        chat_ids = set()
        rows = conn.execute("SELECT id, ch, seq, type, body FROM events")
        for event_id, ch, seq, kind, body in rows:
            if body == b"":  # a chat message whose message row holds it
                assert kind == "chat.message"
                chat_ids.add(event_id)
                continue
            event = decode_event(body)
            assert (event.id, event.ch, event.seq) == (event_id, ch, seq)
            if event.type == "chat.message":
                chat_ids.add(event.id)
        assert {row[0] for row in conn.execute("SELECT event_id FROM messages")} == chat_ids
    finally:
        conn.close()


# --- migrations and files the store must not touch ------------------------------------


def test_a_version_1_store_is_migrated_and_its_chat_history_derived(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    write_v1_store(path)
    with LocalStore(path) as store:
        assert store.schema_version == schema.LATEST_VERSION == 5
        assert store.last_seqs() == {"public": 4}
        assert store.kv_get("theme") == "dark"
        history = store.messages_before("public", None, 10)
        assert [(m.text, m.deleted) for m in history] == [("old hello", True), ("old bye", False)]
        assert [m.seq for m in store.search_messages("old")] == [2, 1]
        assert store.apply_events([chat(2, "old bye"), chat(5)]) == [chat(5)]
    assert_consistent(path)
    with LocalStore(path) as store:  # opening again migrates nothing more
        assert store.schema_version == schema.LATEST_VERSION


def test_a_version_2_store_keeps_its_history_and_gains_the_rid_column(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    write_v1_store(path)
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[1](conn)  # version 2's tables, with a history row as it derived them
    conn.execute(
        "INSERT INTO messages (time_key, message_id, event_id, ch, seq, ts, room, user_id,"
        " user_name, text) VALUES (1, 'm-public-2', 'public-2', 'public', 2, 0, 'public',"
        " 'u1', 'Alice', 'old bye')"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with LocalStore(path) as store:
        assert store.schema_version == schema.LATEST_VERSION
        # Not derived a second time; the old event rows still hold their bodies.
        assert [m.text for m in store.messages_before("public", None, 10)] == ["old bye"]
        assert [e.seq for e in store.events("public")] == [1, 2, 3, 4]
        store.apply_events([msgspec.structs.replace(chat(5, "new"), rid="r-1")])
        assert store.events("public", 4) == [msgspec.structs.replace(chat(5, "new"), rid="r-1")]


def test_a_version_3_store_drops_its_per_session_first_marks(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    write_v1_store(path)
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[1](conn)
    schema.MIGRATIONS[2](conn)
    # A row as version 3 kept it: FIRST meant "first in this live session".
    conn.execute(
        "INSERT INTO messages (time_key, message_id, event_id, ch, seq, ts, room, user_id,"
        " user_name, text, first_in_session) VALUES (1, 'm-public-2', 'public-2', 'public',"
        " 2, 0, 'public', 'u1', 'Alice', 'old bye', 1)"
    )
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with LocalStore(path) as store:
        [old] = store.messages_before("public", None, 10)
        assert old.text == "old bye" and not old.first_in_room
        new = chat(5, "new here")
        new = msgspec.structs.replace(
            new, data=msgspec.structs.replace(new.data, first_in_room=True)
        )
        store.apply_events([new])
        assert [m.first_in_room for m in store.messages_before("public", None, 10)] == [
            False,
            True,
        ]
        assert store.events("public", 4) == [new]


def test_an_event_from_an_older_server_still_decodes() -> None:
    body = (
        b'{"type":"chat.message","message_id":"m1","room":"public","user":{"id":"u","name":'
        b'"A","badges":[]},"text":"hi","reply_to":null,"first_in_session":true}'
    )
    data = msgspec.json.decode(body, type=ChatMessage)
    assert data.first_in_session and not data.first_in_room


def test_a_failed_migration_leaves_the_old_version_intact(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    # Something in the way of the last statement of migration 2.
    write_v1_store(path, "CREATE TABLE messages_fts (x);")
    with pytest.raises(StoreError, match="already exists"):
        LocalStore(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "messages" not in tables and "deletions" not in tables
    conn.close()


def test_a_store_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    write_v1_store(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="newer LiveDesk") as caught:
        LocalStore(path)
    assert caught.value.reason == "newer_version"
    assert str(path) in str(caught.value)
    assert digest(path) == before
    assert not list(tmp_path.glob("store.db-*"))  # no journal or WAL was created


@pytest.mark.parametrize(
    "content",
    [b"this is not a database, just some text" * 100, os.urandom(8192), b"SQLite format 3\x00"],
)
def test_a_file_that_is_not_sqlite_is_refused_by_name(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        LocalStore(path)
    assert caught.value.reason == "not_a_database"
    assert str(path) in str(caught.value) and "not an SQLite database" in str(caught.value)
    assert path.read_bytes() == content


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="another program") as caught:
        LocalStore(path)
    assert caught.value.reason == "not_livedesk"
    assert digest(path) == before


# --- failed writes leave nothing behind -----------------------------------------------


def test_a_batch_failing_midway_is_rolled_back_entirely(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.db")
    store.apply_events([chat(1)])
    store.db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.messages WHEN NEW.text = 'boom'"
        " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    batch = [chat(2), deleted(3, "m-public-1"), chat(4, "boom"), chat(5)]
    with pytest.raises(StoreError, match="simulated failure"):
        store.apply_events(batch)
    assert store.count_events() == 1
    assert store.last_seqs() == {"public": 1}
    assert [(m.seq, m.deleted) for m in store.messages_before("public", None, 10)] == [(1, False)]
    store.db.execute("DROP TRIGGER boom")
    assert store.apply_events(batch) == batch  # nothing of it was stored before
    store.close()
    assert_consistent(tmp_path / "store.db")


def test_a_full_disk_is_reported_and_the_batch_rolled_back(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.db")
    store.apply_events([chat(seq) for seq in range(1, 11)])
    (pages,) = store.db.execute("PRAGMA page_count").fetchone()
    # The same error SQLite gives when the disk is full: SQLITE_FULL.
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreError, match="disk is full") as caught:
        store.apply_events([chat(seq, "x" * 400) for seq in range(11, 511)])
    assert caught.value.reason == "disk_full"
    assert isinstance(caught.value.__cause__, sqlite3.Error)
    assert caught.value.__cause__.sqlite_errorname == "SQLITE_FULL"
    assert store.count_events() == 10
    assert store.last_seqs() == {"public": 10}
    assert len(store.search_messages("x")) == 0
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert len(store.apply_events([chat(seq) for seq in range(11, 511)])) == 500
    store.close()
    assert_consistent(tmp_path / "store.db")


def test_a_read_only_store_is_reported_as_such(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.db")
    store.apply_events([chat(1)])
    store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="read-only") as caught:
        store.apply_events([chat(2)])
    assert caught.value.reason == "read_only"
    with pytest.raises(StoreError, match="read-only"):
        store.outbox_add("r1", chat(1).data)  # type: ignore[arg-type]
    assert store.last_seqs() == {"public": 1}
    store.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_store_in_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            LocalStore(folder / "store.db")
        assert caught.value.reason in {"read_only", "io"}
    finally:
        folder.chmod(0o700)


# --- crash safety ----------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.store.localstore import LocalStore
    from tests.unit.store.factories import chat, deleted

    store = LocalStore(Path(sys.argv[1]))
    seq = store.last_seqs().get("public", 0)
    while True:
        batch = [chat(seq + i, f"crash test {seq + i}") for i in range(1, 500)]
        batch.append(deleted(seq + 500, f"m-public-{seq + 1}"))
        store.apply_events(batch)
        seq += 500
        print(seq, flush=True)
    """
)


@pytest.mark.slow
def test_killing_the_writer_mid_batch_leaves_a_consistent_store(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reported = 0
    for round_ in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        for _ in range(4 + round_):
            line = writer.stdout.readline()
            assert line, "the writer died on its own"
            reported = int(line)
        time.sleep(0.003 * round_)  # land in different phases of a batch
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        assert_consistent(path)
        with LocalStore(path) as store:
            stored = store.count_events()
            assert stored % 500 == 0 and stored >= reported  # whole batches only
            assert store.last_seqs() == {"public": stored}
            deleted_flags = [m.deleted for m in store.messages_before("public", None, 499)]
            assert deleted_flags[0] and not any(deleted_flags[1:])


# --- property: exactly once whatever the batches --------------------------------------

ALL_EVENTS = [chat(seq) for seq in range(1, 41)] + [
    chat(seq, ch="below", room="below") for seq in range(1, 21)
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=st.lists(
        st.lists(st.sampled_from(range(len(ALL_EVENTS))), max_size=30), min_size=1, max_size=8
    )
)
def test_any_overlapping_batches_store_each_event_once(
    tmp_path_factory: pytest.TempPathFactory, batches: list[list[int]]
) -> None:
    path = tmp_path_factory.mktemp("prop") / "store.db"
    returned: list[str] = []
    with LocalStore(path) as store:
        for batch in batches:
            events = [ALL_EVENTS[i] for i in batch]
            new = store.apply_events(events)
            first_copies = [e for i, e in enumerate(events) if e not in events[:i]]
            assert new == [e for e in first_copies if e.id not in returned]
            returned += [e.id for e in new]
        expected = {ALL_EVENTS[i].id for batch in batches for i in batch}
        assert len(returned) == len(set(returned)) == len(expected)
        assert store.count_events() == len(expected)
        for ch in ("public", "below"):
            stored = store.events(ch)
            assert [e.seq for e in stored] == sorted(e.seq for e in stored)
            assert {e.id for e in stored} == {i for i in expected if i.startswith(ch)}
        assert len(store.search_messages(limit=1000)) == len(expected)
