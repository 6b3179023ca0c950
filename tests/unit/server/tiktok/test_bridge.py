"""The TikTok bridge: frames built from the library's own message types, serialized to bytes,
decoded by the library's own decoding step, applied to a real backend (SQLite in tmp_path)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from app.core import roles
from app.protocol.payloads import (
    ChatMessage,
    EarningsSummary,
    GiftStreakEnded,
    GiftStreakUpdate,
    LedgerEntry,
    LiveEnded,
    LiveStarted,
    MessageHeld,
    TikTokActivity,
    ViewerCount,
)
from app.server.backend import Backend
from app.server.tiktok import frames as tt
from app.server.tiktok.bridge import TikTokBridge
from app.server.tiktok.library import proto
from tests.unit.server.world import FakeClock as Clock

MIA = tt.user(6_900_000_001, "Mia ✨", "mia.draws")
JO = tt.user(6_900_000_002, "Jo", "jo_jo")
ROSE = tt.GiftSpec(5655, "Rose", 1, streakable=True)
LION = tt.GiftSpec(6369, "Lion", 29_999, streakable=False)


class Scene:
    def __init__(self, backend: Backend, clock: Clock, bridge: TikTokBridge) -> None:
        self.b, self.clock, self.bridge = backend, clock, bridge

    async def feed(self, *messages: Any, first: bool = False) -> None:
        # Serialize the whole frame and parse it back: what arrives is bytes, as from TikTok.
        raw = bytes(tt.frame(*messages, first=first))
        await self.bridge.ingest(proto.ProtoMessageFetchResult().parse(raw))

    def events(self, ch: str = roles.PUBLIC) -> list[Any]:
        return [e.data for e in self.b.hub.read(ch, 0, None, 10_000)]

    def of(self, kind: type, ch: str = roles.PUBLIC) -> list[Any]:
        return [d for d in self.events(ch) if isinstance(d, kind)]

    def ledger(self) -> list[LedgerEntry]:
        return self.of(LedgerEntry, roles.CREATOR)


def play(
    tmp_path: Path, scenario: Callable[[Scene], Awaitable[None]], *, data: str = "srv"
) -> None:
    clock = Clock()

    async def main() -> None:
        backend = Backend(tmp_path / "srv", clock=clock, streak_timeout_s=5.0)
        await backend.start()
        bridge = TikTokBridge(backend, username="creator.tt")
        try:
            await scenario(Scene(backend, clock, bridge))
        finally:
            bridge.close()
            await backend.close()

    asyncio.run(main())


def test_comments_keep_markup_and_bidi_text_as_typed_and_the_first_frame_starts_the_live(
    tmp_path: Path,
) -> None:
    markup = "<b>bold?</b> <img src=x onerror=alert(1)> &amp;"
    bidi = "hi \u202egnp.exe\u202c from \u05e9\u05dc\u05d5\u05dd"

    async def scenario(s: Scene) -> None:
        await s.feed(tt.comment(MIA, markup), tt.comment(JO, bidi), first=True)
        chats = s.of(ChatMessage)
        assert [c.text for c in chats] == [markup, bidi]
        assert [c.user.name for c in chats] == ["Mia ✨", "Jo"]
        assert len(s.of(LiveStarted)) == 1
        assert s.of(LiveStarted)[0].title == "TikTok LIVE @creator.tt"
        # Each event keeps its TikTok message id (as the rid of the command it came from).
        rids = [e.rid for e in s.b.hub.read(roles.PUBLIC, 0, None, 100) if e.data in chats]
        assert all(r and r.startswith("tt-") for r in rids)

    play(tmp_path, scenario)


def test_a_viewer_keeps_one_account_across_sessions_and_restarts(tmp_path: Path) -> None:
    seen: list[str] = []

    async def first(s: Scene) -> None:
        await s.feed(tt.comment(MIA, "one"), tt.comment(MIA, "two"), first=True)
        seen.extend(c.user.id for c in s.of(ChatMessage))

    async def second(s: Scene) -> None:
        await s.feed(tt.comment(MIA, "three"), first=True)
        seen.append(s.of(ChatMessage)[-1].user.id)

    play(tmp_path, first)
    play(tmp_path, second)
    assert len(seen) == 3 and len(set(seen)) == 1


def test_streak_with_end_marker_counts_once_at_the_marker(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        g = {"spec": ROSE, "group_id": 41}
        await s.feed(tt.gift(MIA, repeat_count=1, **g), first=True)
        await s.feed(tt.gift(MIA, repeat_count=3, **g), tt.gift(MIA, repeat_count=2, **g))
        assert [u.count for u in s.of(GiftStreakUpdate)] == [1, 3]
        assert s.of(GiftStreakEnded) == []
        await s.feed(tt.gift(MIA, repeat_count=7, end=True, **g))
        (ended,) = s.of(GiftStreakEnded)
        assert (ended.count, ended.diamonds_total, ended.reason) == (7, 7, "marker")
        assert ended.gift.id == "tiktok:5655" and ended.gift.name == "Rose"
        s.clock.now += 60
        assert await s.b.expire_streaks() == 0
        (line,) = s.ledger()
        assert (line.kind, line.diamonds, line.user.name) == ("tiktok", 7, "Mia ✨")

    play(tmp_path, scenario)


def test_streak_without_end_marker_counts_once_after_the_quiet_timeout(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        g = tt.GiftSpec(5827, "Ice Cream Cone", 1, streakable=True)
        await s.feed(tt.gift(JO, g, repeat_count=4, group_id=7), first=True)
        s.clock.now += 2
        await s.feed(tt.gift(JO, g, repeat_count=9, group_id=7))
        s.clock.now += 4.9
        assert await s.b.expire_streaks() == 0
        s.clock.now += 0.2
        assert await s.b.expire_streaks() == 1
        (ended,) = s.of(GiftStreakEnded)
        assert (ended.count, ended.reason) == (9, "timeout")
        # A late report of the ended streak is not a new gift.
        await s.feed(tt.gift(JO, g, repeat_count=10, group_id=7))
        s.clock.now += 60
        await s.b.expire_streaks()
        assert len(s.of(GiftStreakEnded)) == 1
        assert [e.diamonds for e in s.ledger()] == [9]

    play(tmp_path, scenario)


def test_non_streakable_gift_counts_once_with_its_price(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        await s.feed(tt.gift(MIA, LION), first=True)
        (ended,) = s.of(GiftStreakEnded)
        assert (ended.count, ended.diamonds_total, ended.reason) == (1, 29_999, "single")
        assert s.of(GiftStreakUpdate) == []
        summary = (await s.b.execute(s.bridge._creator_account(), "sum", EarningsSummary())).result
        assert summary is not None
        assert summary["tiktok_diamonds"] == 29_999 and summary["gift_diamonds"] == 29_999

    play(tmp_path, scenario)


def test_messages_sent_again_after_a_reconnect_or_restart_are_not_counted_twice(
    tmp_path: Path,
) -> None:
    chat = tt.comment(MIA, "hello again", msg_id=9_000_000_001)
    lion = tt.gift(JO, LION, msg_id=9_000_000_002)
    rose_1 = tt.gift(MIA, ROSE, repeat_count=5, group_id=3, msg_id=9_000_000_003)
    rose_2 = tt.gift(MIA, ROSE, repeat_count=6, group_id=3, msg_id=9_000_000_004)

    async def before(s: Scene) -> None:
        await s.feed(chat, lion, rose_1, first=True)
        await s.feed(chat, lion, rose_1, first=True)  # a reconnect: TikTok sends them again
        assert len(s.of(ChatMessage)) == 1 and len(s.of(GiftStreakEnded)) == 1
        assert s.bridge.duplicates == 3

    async def after_restart(s: Scene) -> None:
        # The backend closed with the rose streak running: it was counted (5) at close.
        await s.feed(chat, lion, rose_1, rose_2, first=True)
        s.clock.now += 60
        await s.b.expire_streaks()
        assert [(e.diamonds, e.label) for e in s.ledger()] == [
            (29_999, "1 × Lion"),
            (5, "5 × Rose"),
        ]
        assert len(s.of(ChatMessage)) == 1

    play(tmp_path, before)
    play(tmp_path, after_restart)


def test_likes_follows_shares_joins_subscriptions_and_viewers(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        await s.feed(
            tt.like(MIA, 15, 15),
            tt.social(JO, "follow"),
            tt.social(MIA, "share"),
            tt.join(JO, 120),
            tt.subscribe(MIA, 3),
            tt.viewers(1342),
            first=True,
        )
        acts = [(a.kind, a.user.name, a.count) for a in s.of(TikTokActivity)]
        assert acts == [
            ("like", "Mia ✨", 15),
            ("follow", "Jo", 1),
            ("share", "Mia ✨", 1),
            ("join", "Jo", 1),
            ("subscribe", "Mia ✨", 3),
        ]
        assert [v.count for v in s.of(ViewerCount)] == [1342]

    play(tmp_path, scenario)


def test_live_end_ends_the_session_and_flags_the_bridge(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        await s.feed(tt.comment(MIA, "bye"), first=True)
        await s.feed(tt.live_end())
        assert len(s.of(LiveEnded)) == 1 and s.bridge.live_ended
        creator = s.bridge._creator_account()
        assert s.b.snapshot(creator).live is None

    play(tmp_path, scenario)


def test_unknown_message_types_are_ignored_and_counted_in_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario(s: Scene) -> None:
        with caplog.at_level(logging.INFO, logger="app.server.tiktok.bridge"):
            await s.feed(
                tt.unknown("WebcastBrandNewMessage"),
                tt.unknown("WebcastBrandNewMessage", b"\xff\xff\xff"),
                tt.comment(JO, "still here"),
                first=True,
            )
            s.bridge.close()
            s.bridge.seen = type(s.bridge.seen)(s.b.data_dir / "tiktok.db", s.b.now_ms())
        assert [c.text for c in s.of(ChatMessage)] == ["still here"]
        assert s.bridge.ignored["WebcastBrandNewMessage"] == 2
        assert "ignored TikTok message type WebcastBrandNewMessage (1 so far)" in caplog.text
        assert "WebcastBrandNewMessage ×2" in caplog.text

    play(tmp_path, scenario)


def test_blocked_terms_hold_tiktok_comments_and_a_ban_keeps_a_viewer_out(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        s.b.set_blocked_terms(["spoiler"])
        await s.feed(tt.comment(MIA, "big SPOILER ahead"), tt.comment(JO, "fine"), first=True)
        assert [c.text for c in s.of(ChatMessage)] == ["fine"]
        assert [h.text for h in s.of(MessageHeld, roles.MOD)] == ["big SPOILER ahead"]
        jo_id = s.of(ChatMessage)[0].user.id
        from app.protocol.payloads import BanUser

        await s.b.execute(s.bridge._creator_account(), "ban", BanUser(user_id=jo_id))
        await s.feed(tt.comment(JO, "let me back"), tt.like(JO, 3, 3), tt.gift(JO, LION))
        assert [c.text for c in s.of(ChatMessage)] == ["fine"]
        assert s.of(TikTokActivity) == []
        # The gift was given on TikTok: it is money, counted whatever LiveDesk shows.
        assert [(e.kind, e.diamonds) for e in s.ledger()] == [("tiktok", 29_999)]
        assert s.bridge.applied["comment:banned"] == 1

    play(tmp_path, scenario)


def test_a_frames_messages_are_applied_in_tiktoks_order(tmp_path: Path) -> None:
    async def scenario(s: Scene) -> None:
        dup = tt.comment(JO, "twice in one frame")
        await s.feed(
            tt.comment(MIA, "one"),
            tt.gift(JO, LION),
            tt.like(MIA, 2, 2),
            tt.comment(JO, "two"),
            dup,
            dup,
            first=True,
        )
        kinds = [
            type(d).__name__
            for d in s.events()
            if isinstance(d, ChatMessage | GiftStreakEnded | TikTokActivity)
        ]
        assert kinds == [
            "ChatMessage", "GiftStreakEnded", "TikTokActivity", "ChatMessage", "ChatMessage"
        ]  # fmt: skip
        assert s.bridge.duplicates == 1

    play(tmp_path, scenario)
