"""What a recording should amount to, worked out from the recording alone (the library decodes
it; none of the bridge's code is used), to check a replay against."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.server.tiktok.library import TikTokLiveClient, proto
from app.server.tiktok.recording import read_recording


@dataclass
class Expected:
    comments: list[str] = field(default_factory=list)
    diamonds_by_name: Counter[str] = field(default_factory=Counter)
    gift_values: list[int] = field(default_factory=list)  # diamonds of each final gift
    live_ends: int = 0

    @property
    def gifts(self) -> int:  # final gifts (a streak counts once)
        return len(self.gift_values)

    @property
    def diamonds(self) -> int:
        return sum(self.diamonds_by_name.values())


def expected_from(path: Path) -> Expected:
    recording = read_recording(path)
    decoder = TikTokLiveClient("expected")
    out = Expected()
    seen: set[int] = set()
    streaks: dict[tuple[int, int], tuple[str, int, int]] = {}  # key → (name, coins, max count)

    async def decode() -> None:
        for _t, frame in recording.frames:
            for message in frame.messages:
                if message.msg_id in seen:
                    continue
                seen.add(message.msg_id)
                if message.method == "WebcastChatMessage":
                    out.comments.append(proto.WebcastChatMessage().parse(message.payload).content)
                elif message.method == "WebcastGiftMessage":
                    g = proto.WebcastGiftMessage().parse(message.payload)
                    key = (g.user.id, g.group_id if g.gift.type == 1 else message.msg_id)
                    best = max(streaks.get(key, ("", 0, 0))[2], g.repeat_count or 1)
                    streaks[key] = (g.user.nickname, g.gift.diamond_count, best)
                elif message.method == "WebcastControlMessage":
                    out.live_ends += 1

    asyncio.run(decode())
    del decoder
    for name, coins, count in streaks.values():
        out.diamonds_by_name[name] += coins * count
        out.gift_values.append(coins * count)
    return out
