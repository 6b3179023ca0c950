"""The live's totals (diamonds, gifts, new members, renewals): one owner, from the server.

The server's snapshot (in `ready`) says what the live counted up to the channel heads it
sends with it; `gift.end` and `member.join` events after those heads add to it, each once.
A window that opens mid-live therefore shows the live's totals, not what it happened to see,
and every view (session bar, the alerts' session summary, the moderator window) reads the
same numbers. Go live and End live start again from zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.protocol.frames import Event, LiveSessionInfo
from app.protocol.payloads import GiftStreakEnded, LiveEnded, LiveStarted, MemberJoined

_CHANNEL = "public"  # where gift.end, member.join, live.started and live.ended are sent


@dataclass
class LiveTotals:
    session_id: str | None = None
    started_ms: int | None = None  # None: off air (counting since the console connected)
    diamonds: int = 0
    gifts: int = 0
    new_members: int = 0
    renewals: int = 0
    _counted_to: int = 0  # the public seq the snapshot already counts
    _streaks: set[str] = field(default_factory=set)  # gift.end counted (a replay is not)

    def on_ready(self, live: LiveSessionInfo | None, heads: dict[str, int]) -> None:
        """Take the server's figures; events up to `heads` are already in them."""
        self._start(live.session_id if live else None, live.started_ms if live else None)
        if live is not None:
            self.diamonds = max(0, live.diamonds)
            self.gifts = max(0, live.gifts)
            self.new_members = max(0, live.new_members)
            self.renewals = max(0, live.renewals)
        self._counted_to = heads.get(_CHANNEL, 0)

    def apply(self, events: list[Event]) -> bool:
        """Count what the events add; True if a figure changed."""
        changed = False
        for event in events:
            data = event.data
            if event.ch != _CHANNEL or event.seq <= self._counted_to:
                continue
            if isinstance(data, LiveStarted):
                self._start(data.session_id, data.started_ms)
                changed = True
            elif isinstance(data, LiveEnded):
                self._start(None, None)
                changed = True
            elif isinstance(data, GiftStreakEnded) and self._in_live(event.ts):
                if data.streak_id not in self._streaks:
                    self._streaks.add(data.streak_id)
                    self.diamonds += max(0, data.diamonds_total)  # what the ledger counts
                    self.gifts += 1
                    changed = True
            elif isinstance(data, MemberJoined) and self._in_live(event.ts):
                if data.renewed:
                    self.renewals += 1
                else:
                    self.new_members += 1
                changed = True
        return changed

    def _in_live(self, ts_ms: int) -> bool:
        return self.started_ms is None or ts_ms >= self.started_ms

    def _start(self, session_id: str | None, started_ms: int | None) -> None:
        self.session_id, self.started_ms = session_id, started_ms
        self.diamonds = self.gifts = self.new_members = self.renewals = 0
        self._streaks = set()
