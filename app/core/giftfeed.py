"""The live session's feed of gifts, memberships and new members, with its top gifters."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

from app.core.earnings import is_gift, parse_gift_label
from app.core.gifts import CATALOGUE
from app.protocol.payloads import (
    GiftInfo,
    GiftStreakEnded,
    GiftStreakUpdate,
    LedgerEntry,
    MemberJoined,
    UserRef,
)

FeedKind = Literal["gift", "member"]
_GIFTS_BY_NAME = {gift.name: gift for gift in CATALOGUE}


@dataclass
class FeedItem:
    """One line of the feed; a running streak's line is updated in place until it is final."""

    item_id: str
    kind: FeedKind
    user: UserRef
    ts_ms: int
    gift: GiftInfo | None = None
    count: int = 1
    final: bool = False
    tier: int = 0
    months: int = 0
    renewed: bool = False
    price_cents: int = 0

    @property
    def diamonds(self) -> int:
        return self.count * self.gift.diamonds if self.gift is not None else 0


@dataclass(frozen=True)
class SessionGifter:
    user: UserRef
    diamonds: int
    gifts: int  # streaks and single gifts, each once


class SessionFeed:
    """What happened in the current live session, newest last, bounded to `max_items` lines.

    Totals and top gifters count each final gift exactly once (by streak id), also when its
    line has already scrolled out of the bounded list. `version` grows with every change, so a
    view can redraw only when something changed.
    """

    def __init__(self, max_items: int = 500) -> None:
        self.max_items = max_items
        self.session_id: str | None = None
        self.started_ms: int | None = None
        self.version = 0
        self._reset()

    def _reset(self) -> None:
        self._items: OrderedDict[str, FeedItem] = OrderedDict()
        self._counted: set[str] = set()
        self._gifters: dict[str, list[int]] = {}  # user id -> [diamonds, gifts]
        self._users: dict[str, UserRef] = {}
        self.diamonds = 0
        self.gifts = 0
        self.new_members = 0
        self.renewals = 0
        self.version += 1

    # --- the session ------------------------------------------------------------------

    def start_session(self, session_id: str, started_ms: int) -> None:
        """A live session started (or is running at connect): a new, empty feed unless it is
        the one already shown."""
        if session_id == self.session_id:
            return
        self.session_id = session_id
        self.started_ms = started_ms
        self._reset()

    def in_session(self, ts_ms: int) -> bool:
        """Everything counts while offline; in a live session only what came after its start."""
        return self.started_ms is None or ts_ms >= self.started_ms

    # --- events -----------------------------------------------------------------------

    def on_streak(self, update: GiftStreakUpdate, ts_ms: int) -> FeedItem | None:
        if not self.in_session(ts_ms) or update.streak_id in self._counted:
            return None
        item = self._items.get(update.streak_id)
        if item is None:
            item = FeedItem(update.streak_id, "gift", update.user, ts_ms, update.gift)
            self._add(item)
        if update.count > item.count:
            item.count = update.count
        self.version += 1
        return item

    def on_gift_end(self, ended: GiftStreakEnded, ts_ms: int) -> FeedItem | None:
        return self._final_gift(ended.streak_id, ended.user, ended.gift, ended.count, ts_ms)

    def on_member(self, item_id: str, joined: MemberJoined, ts_ms: int) -> FeedItem | None:
        if not self.in_session(ts_ms) or item_id in self._items or item_id in self._counted:
            return None
        item = FeedItem(
            item_id,
            "member",
            joined.user,
            ts_ms,
            final=True,
            tier=joined.tier,
            months=joined.months,
            renewed=joined.renewed,
            price_cents=joined.price_cents,
        )
        self._counted.add(item_id)
        if joined.renewed:
            self.renewals += 1
        else:
            self.new_members += 1
        self._add(item)
        self.version += 1
        return item

    def seed_from_ledger(self, dated: list[tuple[int, LedgerEntry]]) -> int:
        """Fill in this session's gifts from the creator's ledger (after a restart the event
        backlog no longer reaches back to the session's start); returns how many were new.
        Gift entries carry the streak id as `ref`, so a later `gift.end` is not counted again.
        """
        added = 0
        for ts_ms, entry in dated:
            if not is_gift(entry) or entry.session_id != self.session_id:
                continue
            name, count = parse_gift_label(entry.label or entry.ref)
            gift = _GIFTS_BY_NAME.get(name)
            if gift is None or gift.diamonds * count != entry.diamonds:
                gift = GiftInfo(
                    id=name[:64] or "gift",
                    name=name[:64] or "Gift",
                    diamonds=entry.diamonds // max(count, 1),
                    streakable=count > 1,
                )
            if self._final_gift(entry.ref, entry.user, gift, count, ts_ms, check_time=False):
                added += 1
        return added

    def _final_gift(
        self,
        streak_id: str,
        user: UserRef,
        gift: GiftInfo,
        count: int,
        ts_ms: int,
        *,
        check_time: bool = True,
    ) -> FeedItem | None:
        if streak_id in self._counted or (check_time and not self.in_session(ts_ms)):
            return None
        item = self._items.get(streak_id)
        if item is None:
            item = FeedItem(streak_id, "gift", user, ts_ms, gift)
            self._add(item)
        item.count = max(item.count, count)
        item.final = True
        self._counted.add(streak_id)
        self.diamonds += item.diamonds
        self.gifts += 1
        score = self._gifters.setdefault(user.id, [0, 0])
        score[0] += item.diamonds
        score[1] += 1
        self._users[user.id] = user
        self.version += 1
        return item

    def _add(self, item: FeedItem) -> None:
        self._items[item.item_id] = item
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    # --- reading ----------------------------------------------------------------------

    @property
    def items(self) -> list[FeedItem]:
        """Feed lines, oldest first."""
        return list(self._items.values())

    def item(self, item_id: str) -> FeedItem | None:
        return self._items.get(item_id)

    def top_gifters(self, limit: int = 5) -> list[SessionGifter]:
        """By diamonds, most first; ties by name then id so the order never flickers."""
        ranked = sorted(
            self._gifters.items(),
            key=lambda kv: (-kv[1][0], self._users[kv[0]].name, kv[0]),
        )
        return [SessionGifter(self._users[uid], d, n) for uid, (d, n) in ranked[:limit]]
