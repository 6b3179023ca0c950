"""A crash between the two databases' commits (server.db: the effects; tiktok.db: the marks)
costs nothing and doubles nothing: TikTok's resend of the frame is applied exactly once."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import roles
from app.protocol.payloads import ChatMessage, GiftStreakEnded, LedgerEntry, TikTokActivity
from app.server.backend import Backend
from app.server.tiktok import frames as tt
from app.server.tiktok.bridge import TikTokBridge
from app.server.tiktok.library import proto
from tests.unit.server.tiktok.crash_child import CRASHED

ROOT = Path(__file__).resolve().parents[4]
MIA = tt.user(6_900_000_001, "Mia", "mia.draws")
ANN = tt.user(6_900_000_077, "Ann", "ann.new")  # first seen in the frame that crashes
LION = tt.GiftSpec(6369, "Lion", 29_999, streakable=False)
ROSE = tt.GiftSpec(5655, "Rose", 1, streakable=True)


def _crash(tmp_path: Path, where: str, viewer: object) -> tuple[Path, bytes]:
    """Start the live with Mia's hello, then crash in the middle of `viewer`'s frame."""
    data = tmp_path / "srv"
    first = bytes(tt.frame(tt.comment(MIA, "hi", msg_id=8_000_000_001), first=True))
    # Gifts and likes are applied without a wait, so nothing commits server.db before the
    # bridge's own commits; a comment waits inside the backend (its events may be committed
    # by the log's flush meanwhile). The new viewer's frame has one; the known viewer's not.
    comment = [tt.comment(viewer, "hello", msg_id=8_000_000_002)] if viewer is ANN else []
    frame = bytes(
        tt.frame(
            *comment,
            tt.gift(viewer, LION, msg_id=8_000_000_003),
            tt.gift(viewer, ROSE, repeat_count=4, end=True, group_id=9, msg_id=8_000_000_004),
            tt.wrap(
                proto.WebcastLikeMessage(
                    common=proto.CommonMessageData(
                        method="WebcastLikeMessage", msg_id=8_000_000_005
                    ),
                    user=viewer,
                    count=3,
                    total=3,
                )
            ),
        )
    )
    (tmp_path / "first.bin").write_bytes(first)
    (tmp_path / "frame.bin").write_bytes(frame)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.unit.server.tiktok.crash_child",
            str(data),
            str(tmp_path / "first.bin"),
            str(tmp_path / "frame.bin"),
            where,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == CRASHED, child.stderr.decode()
    return data, frame


def _resend_and_count(data: Path, frame: bytes, name: str) -> None:
    async def main() -> None:
        backend = Backend(data)
        await backend.start()
        bridge = TikTokBridge(backend, username="creator.tt")
        try:
            # TikTok sends the frame again after the reconnect, twice for good measure.
            for _ in range(2):
                await bridge.ingest(proto.ProtoMessageFetchResult().parse(frame))
            public = [e.data for e in backend.hub.read(roles.PUBLIC, 0, None, 10_000)]
            ledger = [
                e.data
                for e in backend.hub.read(roles.CREATOR, 0, None, 10_000)
                if isinstance(e.data, LedgerEntry)
            ]
            chats = [d for d in public if isinstance(d, ChatMessage) and d.text == "hello"]
            assert len(chats) == (1 if name == "Ann" else 0)
            ends = [d.gift.name for d in public if isinstance(d, GiftStreakEnded)]
            assert sorted(ends) == ["Lion", "Rose"]
            assert sorted((e.diamonds, e.label) for e in ledger) == [
                (4, "4 × Rose"),
                (29_999, "1 × Lion"),
            ]
            likes = [d for d in public if isinstance(d, TikTokActivity) and d.kind == "like"]
            assert len(likes) == 1
            # Everything the viewer did is by one account.
            users = {d.user.id for d in [*chats, *likes]}
            assert len(users) == 1
        finally:
            bridge.close()
            await backend.close()

    asyncio.run(main())
    with sqlite3.connect(data / "server.db") as db:
        (accounts,) = db.execute("SELECT COUNT(*) FROM accounts WHERE name = ?", (name,)).fetchone()
    assert accounts == 1


@pytest.mark.slow
@pytest.mark.parametrize("where", ["server", "tiktok", "after-tiktok"])
@pytest.mark.parametrize("viewer", [MIA, ANN], ids=["known viewer", "new viewer"])
def test_a_crash_between_the_commits_loses_nothing_and_counts_once(
    tmp_path: Path, where: str, viewer: object
) -> None:
    data, frame = _crash(tmp_path, where, viewer)
    _resend_and_count(data, frame, viewer.nickname)  # type: ignore[attr-defined]
