"""Benchmark of LocalStore.apply_events: chat events per second, 500 per batch, FTS variants.

Run: .venv/bin/python -m tests.unit.store.bench_apply_events [events] [rounds]
(not collected by pytest: the file name does not start with test_).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, UserRef
from app.store import derive
from app.store.localstore import LocalStore

WORDS = [
    *("hello", "stream", "love", "this", "song", "wow", "gg", "nice", "play", "lol", "what"),
    *("when", "creator", "chat", "please", "again", "déjà", "vu", "加油", "привет", "great"),
    *("amazing", "first", "time", "here", "from", "berlin"),
]
BATCH = 500


def chat_events(count: int, seed: int = 1) -> list[Event]:
    rnd = random.Random(seed)
    events = []
    for seq in range(1, count + 1):
        user = rnd.randrange(5000)
        badges = ("member:2",) if user % 3 == 0 else ("moderator",) if user % 97 == 0 else ()
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(2, 16)))
        events.append(
            Event(
                ch="public",
                seq=seq,
                id=f"ev-{seed}-{seq:09d}",
                ts=1_700_000_000_000 + seq * 3,
                data=ChatMessage(
                    message_id=f"msg-{seed}-{seq:09d}",
                    room="public",
                    user=UserRef(id=f"u{user}", name=f"Viewer{user}", badges=badges),
                    text=text,
                ),
            )
        )
    return events


def _fts_bulk(store: LocalStore) -> None:
    """The shipped configuration: one INSERT ... SELECT into the FTS table per batch."""


def _fts_triggers(store: LocalStore) -> None:
    """sqlite-utils' own FTS5 table (its defaults) kept in sync by its triggers."""
    derive._INDEX_NEW_MESSAGES = "SELECT ?"
    derive._MERGE_SOME_SEGMENTS = "SELECT 1"
    store.db.execute("DROP TABLE messages_fts")
    store.db.table("messages").enable_fts(
        ["text", "user_name"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


def _no_fts(store: LocalStore) -> None:
    derive._INDEX_NEW_MESSAGES = "SELECT ?"
    derive._MERGE_SOME_SEGMENTS = "SELECT 1"
    store.db.execute("DROP TABLE messages_fts")


def run(name: str, setup: Callable[[LocalStore], None], events: list[Event]) -> float:
    original = derive._INDEX_NEW_MESSAGES, derive._MERGE_SOME_SEGMENTS
    with tempfile.TemporaryDirectory() as folder:
        store = LocalStore(Path(folder) / "store.db")
        try:
            setup(store)
            times = []
            cpu_began = time.thread_time()
            for start in range(0, len(events), BATCH):
                batch = events[start : start + BATCH]
                began = time.perf_counter()
                new = store.apply_events(batch)
                times.append(time.perf_counter() - began)
                assert len(new) == len(batch)
            cpu = time.thread_time() - cpu_began
        finally:
            store.close()
            derive._INDEX_NEW_MESSAGES, derive._MERGE_SOME_SEGMENTS = original
    rate = len(events) / sum(times)
    times.sort()
    median, p95 = statistics.median(times) * 1000, times[int(len(times) * 0.95)] * 1000
    print(
        f"{name:28} {rate:9,.0f} events/s ({len(events) / cpu:7,.0f}/s of CPU time)"
        f"   per 500-batch: median {median:5.2f} ms, p95 {p95:5.2f} ms,"
        f" max {times[-1] * 1000:5.1f} ms",
        flush=True,
    )
    return rate


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    events = chat_events(count)
    print(f"{count:,} chat events, batches of {BATCH}, {rounds} round(s)")
    for _ in range(rounds):
        run("FTS5, one insert per batch", _fts_bulk, events)
        run("FTS5, sqlite-utils triggers", _fts_triggers, events)
        run("no FTS", _no_fts, events)


if __name__ == "__main__":
    main()
