"""The shipped demo recording (resources/tiktok/demo-live.jsonl): a short TikTok LIVE made from
the library's own message types, with invented viewers (no real user's data).

`python -m app.server.tiktok.demo_recording [FILE]` writes it again. What it contains, so tests
can check a replay against it: comments (one with markup, one with right-to-left text), gift
streaks with and without TikTok's end marker, single gifts, likes, follows, shares, joins, a
subscription, viewer counts, one frame TikTok sends twice (as after a reconnect), a message type
the library does not know, and the live's end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from app.server.tiktok import frames as tt
from app.server.tiktok.recording import Recorder

DEMO_PATH = Path(__file__).resolve().parents[3] / "resources" / "tiktok" / "demo-live.jsonl"
USERNAME = "livedesk.demo"
STARTED = 1_764_770_000.0

_VIEWERS = [
    (7_100_000_000_001, "Nova Lark", "nova.lark"),
    (7_100_000_000_002, "Bao 🍜", "bao_eats"),
    (7_100_000_000_003, "Ines", "ines.paints"),
    (7_100_000_000_004, "Kwame", "kwame_k"),
    (7_100_000_000_005, "<b>Zed</b>", "zed.tags"),
    (7_100_000_000_006, "ليلى", "laila.reads"),
    (7_100_000_000_007, "Oskar", "oskar_o"),
    (7_100_000_000_008, "Priya", "priya.codes"),
]
ROSE = tt.GiftSpec(5655, "Rose", 1, streakable=True)
FINGER_HEART = tt.GiftSpec(5487, "Finger Heart", 5, streakable=True)
DOUGHNUT = tt.GiftSpec(5879, "Doughnut", 30, streakable=True)
MONEY_GUN = tt.GiftSpec(7168, "Money Gun", 500, streakable=False)
GALAXY = tt.GiftSpec(11046, "Galaxy", 1000, streakable=False)


def script() -> list[tuple[float, Any]]:
    """(seconds, frame) of the demo live."""
    tt.restart_ids(7_200_000_000_000_000_001)
    nova, bao, ines, kwame, zed, laila, oskar, priya = (tt.user(*v) for v in _VIEWERS)
    out: list[tuple[float, Any]] = []

    def at(t: float, *messages: Any, first: bool = False) -> Any:
        made = tt.frame(*messages, first=first, cursor=f"demo-{len(out)}")
        out.append((t, made))
        return made

    at(0.0, tt.viewers(212), tt.join(nova, 212), tt.join(bao, 213), first=True)
    at(1.0, tt.comment(nova, "hi from Lisbon! 👋"), tt.like(nova, 12, 12))
    at(2.2, tt.comment(bao, "first time catching you live"), tt.social(bao, "follow"))
    at(3.0, tt.gift(ines, ROSE, repeat_count=1, group_id=101))
    at(3.8, tt.gift(ines, ROSE, repeat_count=4, group_id=101))
    at(4.6, tt.gift(ines, ROSE, repeat_count=9, group_id=101))
    at(5.0, tt.gift(ines, ROSE, repeat_count=10, group_id=101, end=True))
    at(6.0, tt.comment(zed, "<i>is this bold?</i> <a href='x'>click</a>"), tt.join(zed, 230))
    at(7.5, tt.comment(laila, "مرحبا من القاهرة 🌙"), tt.like(laila, 30, 42))
    at(8.0, tt.viewers(247), tt.unknown("WebcastLiveDeskDemoNewFeatureMessage"))
    at(9.0, tt.gift(kwame, MONEY_GUN))
    repeated = at(10.0, tt.comment(oskar, "what brush is that?"), tt.social(oskar, "share"))
    at(11.0, tt.gift(priya, FINGER_HEART, repeat_count=2, group_id=202))
    at(11.6, tt.gift(priya, FINGER_HEART, repeat_count=5, group_id=202))
    # No end marker for Priya's streak: it ends after LiveDesk's quiet timeout (5 s).
    out.append((12.5, repeated))  # sent again, as TikTok does after a reconnect
    at(13.0, tt.subscribe(nova, 2), tt.comment(nova, "subscribed for another month!"))
    at(14.0, tt.gift(bao, DOUGHNUT, repeat_count=1, group_id=303), tt.like(bao, 50, 92))
    at(14.8, tt.gift(bao, DOUGHNUT, repeat_count=3, group_id=303, end=True))
    at(16.0, tt.viewers(263), tt.join(priya, 263), tt.comment(ines, "that rose streak was me 🌹"))
    at(18.0, tt.gift(kwame, GALAXY), tt.comment(kwame, "for the Galaxy painting"))
    at(20.0, tt.gift(nova, ROSE, repeat_count=3, group_id=404), tt.like(zed, 8, 100))
    # Nova's roses get no end marker either; the live ends more than 5 s later.
    at(27.0, tt.comment(priya, "thanks for the stream!"), tt.viewers(240))
    at(28.0, tt.live_end())
    return out


def write(path: Path = DEMO_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(path, USERNAME, clock=lambda: STARTED)
    try:
        for t, made in script():
            recorder.record(made, at=STARTED + t)
    finally:
        recorder.close()
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_PATH))
