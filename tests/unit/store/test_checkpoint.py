"""The WAL is copied back into the database at most once a second, not after every commit."""

from __future__ import annotations

import time
from pathlib import Path

from app.bench.synth import EventSource
from app.store.localstore import LocalStore


def test_many_small_commits_share_one_checkpoint_and_the_last_ones_are_copied_too(
    tmp_path: Path,
) -> None:
    store = LocalStore(tmp_path / "store.db")
    try:
        checkpointer = store._checkpointer
        assert checkpointer is not None
        source = EventSource()
        started = time.monotonic()
        for _ in range(60):  # live chat: a few events per commit, ~100 commits a second
            store.apply_events(source.batch(5))
            time.sleep(0.005)
        took = time.monotonic() - started
        time.sleep(0.1)
        # One checkpoint for the first commit, then at most one per second.
        assert checkpointer.checkpoints <= 2 + int(took), (checkpointer.checkpoints, took)
        before = checkpointer.checkpoints
        deadline = time.monotonic() + 3
        while checkpointer.checkpoints == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert checkpointer.checkpoints == before + 1  # the commits since were copied
        wal = store.path.with_name(store.path.name + "-wal")
        with store._using("check the WAL") as conn:
            _busy, log_pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert log_pages == copied and wal.exists()
        assert store.count_events("public") + store.count_events("below") == 300
    finally:
        store.close()
