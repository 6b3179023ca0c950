"""The gift catalogue, and the streak tracker that folds repeated gift reports into one gift."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.protocol.payloads import GiftInfo, GiftStreakEnded, GiftStreakUpdate, UserRef

# TikTok-style gift feeds (e.g. the TikTokLive / TikTok-Live-Connector libraries) report a
# gift's value as its price in coins. The creator is credited in diamonds; we treat 1 coin of
# gift value as 1 diamond to the creator. That is a documented, configurable default (see
# `diamonds_for_coins`), not a platform fact: the platform's cut is already inside the
# coin-to-money price, so a diamond is worth much less than the coin the viewer paid for.
DIAMONDS_PER_COIN = 1


def diamonds_for_coins(coins: int, diamonds_per_coin: int = DIAMONDS_PER_COIN) -> int:
    """Diamonds the creator receives for a gift priced at `coins`."""
    return coins * diamonds_per_coin


def _gift(gift_id: str, name: str, coins: int, streakable: bool, icon: str) -> GiftInfo:
    return GiftInfo(
        id=gift_id, name=name, diamonds=diamonds_for_coins(coins), streakable=streakable, icon=icon
    )


# Prices follow the coin prices that public gift lists report; small gifts streak (combo),
# big animated gifts are sent one at a time.
CATALOGUE: tuple[GiftInfo, ...] = (
    _gift("rose", "Rose", 1, True, "🌹"),
    _gift("tiktok", "TikTok", 1, True, "🎵"),
    _gift("gg", "GG", 1, True, "🎮"),
    _gift("ice_cream", "Ice Cream Cone", 1, True, "🍦"),
    _gift("heart_me", "Heart Me", 1, True, "💗"),
    _gift("finger_heart", "Finger Heart", 5, True, "🫰"),
    _gift("friendship_necklace", "Friendship Necklace", 10, True, "📿"),
    _gift("perfume", "Perfume", 20, True, "🧴"),
    _gift("doughnut", "Doughnut", 30, True, "🍩"),
    _gift("hat_and_mustache", "Hat and Mustache", 99, True, "🎩"),
    _gift("paper_crane", "Paper Crane", 99, True, "🕊️"),
    _gift("confetti", "Confetti", 100, True, "🎊"),
    _gift("sunglasses", "Sunglasses", 199, True, "🕶️"),
    _gift("corgi", "Corgi", 299, False, "🐕"),
    _gift("money_gun", "Money Gun", 500, False, "💸"),
    _gift("swan", "Swan", 699, False, "🦢"),
    _gift("galaxy", "Galaxy", 1000, False, "🌌"),
    _gift("fireworks", "Fireworks", 1088, False, "🎆"),
    _gift("whale_diving", "Whale Diving", 2150, False, "🐋"),
    _gift("sports_car", "Sports Car", 7000, False, "🏎️"),
    _gift("interstellar", "Interstellar", 10000, False, "🚀"),
    _gift("rosa_nebula", "Rosa Nebula", 15000, False, "🌠"),
    _gift("lion", "Lion", 29999, False, "🦁"),
    _gift("universe", "TikTok Universe", 34999, False, "🪐"),
)

_BY_ID: dict[str, GiftInfo] = {gift.id: gift for gift in CATALOGUE}

# Gifts read from the creator's TikTok LIVE (app/server/tiktok) carry TikTok's own gift id
# behind this prefix; their diamonds go into the ledger as kind "tiktok", not "gift".
TIKTOK_GIFT_PREFIX = "tiktok:"


def ledger_kind(gift: GiftInfo) -> Literal["gift", "tiktok"]:
    """The ledger kind a final gift is booked under: TikTok's own gifts apart from ours."""
    return "tiktok" if gift.id.startswith(TIKTOK_GIFT_PREFIX) else "gift"


def gift_by_id(gift_id: str) -> GiftInfo | None:
    return _BY_ID.get(gift_id)


StreakEvent = GiftStreakUpdate | GiftStreakEnded
StreakKey = tuple[str, str]  # (user id, combo id)
EndReason = Literal["marker", "timeout", "single"]


@dataclass
class _Streak:
    streak_id: str
    gift: GiftInfo
    user: UserRef
    count: int
    last_report: float


def _new_streak_id() -> str:
    return uuid.uuid4().hex


class StreakTracker:
    """Folds a feed of gift reports into streak updates and exactly one end per streak.

    A streak is keyed by (user id, combo id). Reports may repeat or arrive out of order: only a
    report with a larger count than the last one moves a streak on. A streak ends on its end
    marker, or, when the marker never arrives, once no growing report came for
    `quiet_timeout_s` (`expire`). Ended keys are remembered (up to `max_ended`) so that a late
    report never ends a streak twice or counts it again. At most `max_active` streaks run at
    once; beyond that the quietest one is ended early (reason "timeout"), so a flood of streaks
    that never end cannot grow memory without bound.

    Not thread-safe; the owner calls it from one task and sleeps until `next_deadline()`.
    """

    def __init__(
        self,
        quiet_timeout_s: float = 5.0,
        *,
        max_active: int = 50_000,
        max_ended: int = 200_000,
        new_streak_id: Callable[[], str] = _new_streak_id,
    ) -> None:
        if quiet_timeout_s <= 0:
            raise ValueError("quiet_timeout_s must be positive")
        if max_active < 1 or max_ended < 1:
            raise ValueError("max_active and max_ended must be at least 1")
        self.quiet_timeout_s = quiet_timeout_s
        self.max_active = max_active
        self.max_ended = max_ended
        self._new_streak_id = new_streak_id
        # Least recently grown first: the front is always the next one to time out.
        self._active: OrderedDict[StreakKey, _Streak] = OrderedDict()
        self._ended: OrderedDict[StreakKey, None] = OrderedDict()

    @property
    def active_count(self) -> int:
        return len(self._active)

    @property
    def remembered_ended_count(self) -> int:
        return len(self._ended)

    def report(
        self, user: UserRef, gift: GiftInfo, combo_id: str, count: int, end: bool, now: float
    ) -> list[StreakEvent]:
        """Apply one gift report; returns the events it causes (often none).

        A report that starts a new streak may also return the ends ("timeout") of other
        streaks that went quiet or had to make room; their `user` tells them apart.
        """
        if count < 1:
            return []
        key = (user.id, combo_id)
        if key in self._ended:
            return []
        if not gift.streakable:
            self._remember_ended(key)
            return [self._ended_event(self._new_streak_id(), gift, user, count, "single")]

        streak = self._active.get(key)
        if streak is None:
            streak = _Streak(self._new_streak_id(), gift, user, count, now)
            if end:
                self._remember_ended(key)
                return [self._end(streak, "marker")]
            out: list[StreakEvent] = self._make_room(now)
            self._active[key] = streak
            out.append(self._update_event(streak))
            return out

        if gift.id != streak.gift.id:
            # One combo carries one gift; a report naming another gift is malformed.
            return []
        if end:
            # The marker ends the streak even if it arrives before a larger count did; the count
            # never goes down.
            streak.count = max(streak.count, count)
            del self._active[key]
            self._remember_ended(key)
            return [self._end(streak, "marker")]
        if count <= streak.count:
            return []
        streak.count = count
        streak.last_report = now
        self._active.move_to_end(key)
        return [self._update_event(streak)]

    def expire(self, now: float) -> list[GiftStreakEnded]:
        """End every streak that has been quiet for at least `quiet_timeout_s`."""
        out: list[GiftStreakEnded] = []
        while self._active:
            key, streak = next(iter(self._active.items()))
            if streak.last_report + self.quiet_timeout_s > now:
                break
            del self._active[key]
            self._remember_ended(key)
            out.append(self._end(streak, "timeout"))
        return out

    def next_deadline(self) -> float | None:
        """When `expire` will next have something to end, or None when no streak runs."""
        if not self._active:
            return None
        first = next(iter(self._active.values()))
        return first.last_report + self.quiet_timeout_s

    def _make_room(self, now: float) -> list[StreakEvent]:
        out: list[StreakEvent] = list(self.expire(now))
        while len(self._active) >= self.max_active:
            key, streak = self._active.popitem(last=False)
            self._remember_ended(key)
            out.append(self._end(streak, "timeout"))
        return out

    def _remember_ended(self, key: StreakKey) -> None:
        self._ended[key] = None
        while len(self._ended) > self.max_ended:
            self._ended.popitem(last=False)

    def _end(self, streak: _Streak, reason: EndReason) -> GiftStreakEnded:
        return self._ended_event(streak.streak_id, streak.gift, streak.user, streak.count, reason)

    @staticmethod
    def _ended_event(
        streak_id: str, gift: GiftInfo, user: UserRef, count: int, reason: EndReason
    ) -> GiftStreakEnded:
        return GiftStreakEnded(
            streak_id=streak_id,
            gift=gift,
            user=user,
            count=count,
            diamonds_total=count * gift.diamonds,
            reason=reason,
        )

    @staticmethod
    def _update_event(streak: _Streak) -> GiftStreakUpdate:
        return GiftStreakUpdate(
            streak_id=streak.streak_id, gift=streak.gift, user=streak.user, count=streak.count
        )
