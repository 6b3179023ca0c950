"""The alert queue policy: gift and membership alerts kept near real time.

The rule (also in the README and the Settings window):
- One alert per person at a time: a gift streak, and further gifts from the same person while
  their alert waits or is still on screen, add up in that one alert.
- Bigger gifts first: a waiting big gift plays before waiting medium ones, those before small
  ones (memberships count as medium); in one band, first come first served.
- Near real time: with `catch_up_after` or more alerts waiting each plays only
  `catch_up_duration_s`; a gift alert below the big band that has waited longer than
  `max_behind_s` is not shown any more (it stays in the feed), and beyond `max_pending`
  waiting alerts the smallest leaves the queue. Big gifts and memberships always play. A
  growing streak is held up on screen only while nothing else waits. How far behind the
  queue is (`behind_s`) is shown when it is.
- A live starts with an empty queue (`reset`).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.protocol.payloads import GiftInfo, GiftStreakEnded, GiftStreakUpdate, MemberJoined, UserRef

AlertKind = Literal["gift", "member"]
INFINITY = float("inf")


@dataclass(frozen=True)
class Variation:
    """How an alert of a value band looks and sounds: bigger gifts stay longer and louder."""

    name: str
    min_diamonds: int
    duration_factor: float
    volume: float  # 0..1, multiplied by the creator's master volume
    sound: str  # a file name in resources/sounds without ".wav"


GIFT_VARIATIONS: tuple[Variation, ...] = (
    Variation("small", 0, 1.0, 0.55, "gift_small"),
    Variation("medium", 100, 1.4, 0.8, "gift_medium"),
    Variation("big", 1000, 2.0, 1.0, "gift_big"),
)
MEMBER_VARIATION = Variation("member", 0, 1.2, 0.8, "member")


@dataclass(frozen=True)
class AlertRules:
    """What pops up and for how long. Smaller gifts than `min_diamonds` go to the feed only."""

    min_diamonds: int = 1
    duration_s: float = 5.0
    member_alerts: bool = True
    variations: tuple[Variation, ...] = GIFT_VARIATIONS
    # A running streak stays up at least this long after its last growth, so the creator sees
    # the count move, but never longer than `max_hold_factor` times its own duration.
    hold_after_update_s: float = 2.0
    max_hold_factor: float = 3.0
    # Keeping up with a busy stream: at this many waiting alerts, each plays for only
    # `catch_up_duration_s`; beyond `max_pending`, the smallest waiting one is dropped
    # (it stays in the feed); a gift alert below the big band that waited `max_behind_s` is
    # dropped too. Gifts from one person merge while their alert waits or plays.
    catch_up_after: int = 3
    catch_up_duration_s: float = 2.5
    max_pending: int = 12
    max_behind_s: float = 20.0
    merge_from_one_person: bool = True
    # Gifts too small to pop up on their own add up with the same person's next ones sent
    # within this many seconds (ten 1-diamond roses in a row are worth an alert).
    merge_window_s: float = 10.0

    def __post_init__(self) -> None:
        if self.min_diamonds < 0:
            raise ValueError("min_diamonds must not be negative")
        if not 1.0 <= self.duration_s <= 60.0:
            raise ValueError("duration_s must be between 1 and 60 seconds")
        if self.max_pending < 1 or self.catch_up_after < 1:
            raise ValueError("max_pending and catch_up_after must be at least 1")
        if not self.variations or self.variations[0].min_diamonds != 0:
            raise ValueError("the first variation must start at 0 diamonds")

    def variation_for(self, alert: Alert) -> Variation:
        if alert.kind == "member":
            return MEMBER_VARIATION
        chosen = self.variations[0]
        for variation in self.variations:
            if alert.diamonds >= variation.min_diamonds:
                chosen = variation
        return chosen

    def duration_for(self, alert: Alert) -> float:
        return self.duration_s * self.variation_for(alert).duration_factor

    def rank(self, alert: Alert) -> int:
        """Which plays first: the biggest band (memberships rank as the second band)."""
        if alert.kind == "member":
            return 1
        return self.variations.index(self.variation_for(alert))

    def pops_up(self, alert: Alert) -> bool:
        if alert.kind == "member":
            return self.member_alerts
        return alert.diamonds >= self.min_diamonds


@dataclass
class _Part:
    gift: GiftInfo
    count: int
    final: bool


@dataclass
class Alert:
    """One person's gifts (a streak, whose count grows in place until final, and what else
    they sent meanwhile) or one membership.

    `gift` is the most valuable gift in it, `count` the number of gifts, `diamonds` their
    total; `mixed` when they are not all the same gift."""

    alert_id: str
    kind: AlertKind
    user: UserRef
    gift: GiftInfo | None = None
    count: int = 1
    final: bool = False
    tier: int = 0
    months: int = 0
    renewed: bool = False
    parts: dict[str, _Part] | None = None  # streak id -> that streak, for gift alerts

    def __post_init__(self) -> None:
        if self.kind == "gift" and self.gift is not None and self.parts is None:
            self.parts = {self.alert_id: _Part(self.gift, self.count, self.final)}

    @property
    def diamonds(self) -> int:
        if self.parts:
            return sum(p.gift.diamonds * p.count for p in self.parts.values())
        return self.count * self.gift.diamonds if self.gift is not None else 0

    @property
    def mixed(self) -> bool:
        parts = self.parts or {}
        return len({p.gift.id for p in parts.values()}) > 1

    @property
    def streaks(self) -> int:
        return len(self.parts) if self.parts else 1

    def update_part(self, streak_id: str, gift: GiftInfo, count: int, final: bool) -> None:
        """A streak of this alert grew or ended (or a new one joined it)."""
        parts = self.parts if self.parts is not None else {}
        self.parts = parts
        part = parts.get(streak_id)
        if part is None:
            parts[streak_id] = _Part(gift, count, final)
        elif not part.final:
            part.count = max(part.count, count)
            part.final = final
        self.count = sum(p.count for p in parts.values())
        self.final = all(p.final for p in parts.values())
        self.gift = max((p.gift for p in parts.values()), key=lambda g: g.diamonds)


@dataclass(frozen=True)
class AlertStart:
    """An alert began to play: the one moment it may make a sound."""

    alert: Alert
    variation: Variation
    replay: bool = False


@dataclass
class _Playing:
    alert: Alert
    started_at: float
    ends_at: float
    replay: bool
    catching_up: bool  # played short because many alerts wait
    paused_left: float | None = None
    paused_length: float = 0.0


@dataclass
class QueueStats:
    played: int = 0
    skipped: int = 0
    dropped: int = 0  # waiting alerts dropped to keep up (still in the feed)
    feed_only: int = 0  # alerts below the minimum value or too old to pop up
    merged: int = 0  # gifts added to the waiting or playing alert of the same person


@dataclass
class _Known:
    alert: Alert
    queued: bool = False  # has ever entered the queue: never a second time by itself
    queued_at: float = 0.0  # when it entered the queue (how far behind it plays)
    updated_at: float = 0.0  # the last gift added to it
    fresh: bool = True  # from live events (not a replay of old ones after a reconnect)


class AlertQueue:
    """Folds gift and membership events into alerts and decides which one plays when.

    Call `advance()` after every change and at `next_deadline()`; it returns the alerts that
    started (to play their sound once). `clock` is monotonic seconds. Not thread-safe.
    """

    def __init__(
        self,
        rules: AlertRules | None = None,
        clock: Callable[[], float] | None = None,
        *,
        remember: int = 5000,
        history: int = 50,
    ) -> None:
        self.rules = rules or AlertRules()
        self._clock = clock or time.monotonic
        self._known: OrderedDict[str, _Known] = OrderedDict()
        self._remember = remember
        self._pending: deque[tuple[str, bool]] = deque()  # (alert id, is a replay), by arrival
        self._history: deque[str] = deque(maxlen=history)
        self._latest: dict[str, str] = {}  # user id -> their latest gift alert's id
        self.current: _Playing | None = None
        self.paused = False
        self._paused_total = 0.0  # seconds paused before the current pause
        self._paused_at = 0.0
        self.stats = QueueStats()

    # --- what happened ----------------------------------------------------------------

    def on_streak(self, update: GiftStreakUpdate, *, fresh: bool = True) -> Alert:
        """A running streak grew (or started); `fresh` False for old (replayed) events."""
        return self._gift(update.streak_id, update.gift, update.user, update.count, False, fresh)

    def on_gift_end(self, ended: GiftStreakEnded, *, fresh: bool = True) -> Alert:
        return self._gift(ended.streak_id, ended.gift, ended.user, ended.count, True, fresh)

    def on_member(self, alert_id: str, joined: MemberJoined, *, fresh: bool = True) -> Alert:
        known = self._known.get(alert_id)
        if known is None:
            alert = Alert(
                alert_id,
                "member",
                joined.user,
                final=True,
                tier=joined.tier,
                months=joined.months,
                renewed=joined.renewed,
            )
            known = self._remember_alert(alert)
        self._consider(known, fresh)
        return known.alert

    def _gift(
        self, streak_id: str, gift: GiftInfo, user: UserRef, count: int, final: bool, fresh: bool
    ) -> Alert:
        known = self._known.get(streak_id)
        if known is None:
            host = self._merge_target(user, fresh)
            if host is not None:
                # Another streak of the same person while their alert waits or plays (or
                # has not reached the minimum yet): one alert for both (a burst of small
                # gifts is one moment, not ten alerts).
                self._known[streak_id] = host
                host.alert.update_part(streak_id, gift, count, final)
                host.updated_at = self._clock()
                self.stats.merged += 1
                self._on_growth(host.alert)
                self._consider(host, fresh)
                return host.alert
            known = self._remember_alert(Alert(streak_id, "gift", user, gift, count, final))
            known.updated_at = self._clock()
            known.fresh = fresh
            self._latest[user.id] = streak_id
        else:
            alert = known.alert
            parts = alert.parts or {}
            part = parts.get(streak_id)
            if part is not None and part.final:
                return alert  # the end is counted once; later reports change nothing
            alert.update_part(streak_id, gift, count, final)
            known.updated_at = self._clock()
            self._on_growth(alert)
        self._consider(known, fresh)
        return known.alert

    def _merge_target(self, user: UserRef, fresh: bool) -> _Known | None:
        """The same person's gift alert that is waiting, or playing (not a replay)."""
        if not fresh or not self.rules.merge_from_one_person:
            return None
        playing = self.current
        if (
            playing is not None
            and not playing.replay
            and playing.alert.kind == "gift"
            and playing.alert.user.id == user.id
        ):
            return self._known.get(playing.alert.alert_id)
        for alert_id, replay in self._pending:
            known = self._known[alert_id]
            if not replay and known.alert.kind == "gift" and known.alert.user.id == user.id:
                return known
        latest = self._known.get(self._latest.get(user.id, ""))
        if (
            latest is not None
            and latest.fresh
            and not latest.queued
            and self._clock() - latest.updated_at <= self.rules.merge_window_s
        ):
            return latest  # still below the minimum: this gift may lift it over
        return None

    def _remember_alert(self, alert: Alert) -> _Known:
        known = _Known(alert)
        self._known[alert.alert_id] = known
        while len(self._known) > self._remember:
            old_id, old = self._known.popitem(last=False)
            if old_id == old.alert.alert_id:
                self._pending = deque(p for p in self._pending if p[0] != old_id)
                if self._latest.get(old.alert.user.id) == old_id:
                    del self._latest[old.alert.user.id]
        return known

    def _consider(self, known: _Known, fresh: bool) -> None:
        if known.queued:
            return
        if not fresh or not self.rules.pops_up(known.alert):
            if known.alert.final:
                self.stats.feed_only += 1
            return
        known.queued = True
        known.queued_at = self._active_time()
        self._enqueue(known.alert.alert_id, replay=False)

    def _on_growth(self, alert: Alert) -> None:
        playing = self.current
        if playing is None or playing.alert is not alert or playing.paused_left is not None:
            return
        rules = self.rules
        duration = rules.duration_for(alert)  # grows when the streak reaches a bigger band
        if playing.catching_up:
            duration = min(duration, rules.catch_up_duration_s)
        # Held up while it grows only when nothing waits; with others waiting it keeps its
        # own time (the count still moves on screen).
        hold = rules.max_hold_factor if not self._pending else 1.0
        cap = playing.started_at + duration * hold
        wanted = max(
            playing.ends_at,
            playing.started_at + duration,
            self._clock() + rules.hold_after_update_s,
        )
        playing.ends_at = min(wanted, max(cap, playing.ends_at))

    def _enqueue(self, alert_id: str, *, replay: bool, front: bool = False) -> None:
        if front:
            self._pending.appendleft((alert_id, replay))
        else:
            self._pending.append((alert_id, replay))
        while len(self._pending) > self.rules.max_pending:
            smallest = min(self._pending, key=lambda p: self._keep_score(p))
            self._pending.remove(smallest)
            self.stats.dropped += 1

    def _keep_score(self, entry: tuple[str, bool]) -> tuple[int, float]:
        # Replays and paying members are dropped last; then by band, then by value.
        alert = self._known[entry[0]].alert
        if entry[1] or alert.kind == "member":
            return (len(self.rules.variations) + 1, INFINITY)
        return (self.rules.rank(alert), alert.diamonds)

    # --- playing ----------------------------------------------------------------------

    def advance(self) -> list[AlertStart]:
        """Finish the current alert when its time is up and start the next one."""
        starts: list[AlertStart] = []
        if not self.paused:
            self._drop_stale()
        while True:
            now = self._clock()
            playing = self.current
            if playing is not None and not self.paused and now >= playing.ends_at:
                self._finish()
                continue
            if playing is None and not self.paused and self._pending:
                self._drop_stale()
                if self._pending:
                    starts.append(self._start_next(now))
                    continue
            return starts

    def _active_time(self) -> float:
        """The clock without the time alerts were paused: a pause the creator chose does not
        make waiting alerts late."""
        now = self._clock()
        paused = self._paused_total + (now - self._paused_at if self.paused else 0.0)
        return now - paused

    def _drop_stale(self) -> None:
        """Gift alerts below the big band too far behind the live leave the queue (they stay
        in the feed); big gifts, memberships and replays always play (shortened when many
        wait)."""
        rules = self.rules
        big = len(rules.variations) - 1
        now = self._active_time()
        kept: deque[tuple[str, bool]] = deque()
        for alert_id, replay in self._pending:
            known = self._known[alert_id]
            late = now - known.queued_at > rules.max_behind_s
            if late and not replay and known.alert.kind == "gift" and rules.rank(known.alert) < big:
                self.stats.dropped += 1
            else:
                kept.append((alert_id, replay))
        self._pending = kept

    def _next_entry(self) -> tuple[str, bool]:
        """Replays first (the creator asked), then the biggest band, first come first."""
        best = max(
            range(len(self._pending)),
            key=lambda n: (
                self._pending[n][1],
                self.rules.rank(self._known[self._pending[n][0]].alert),
                -n,
            ),
        )
        entry = self._pending[best]
        del self._pending[best]
        return entry

    def _start_next(self, now: float) -> AlertStart:
        self._drop_stale()
        if not self._pending:
            raise IndexError("nothing to start")
        alert_id, replay = self._next_entry()
        alert = self._known[alert_id].alert
        duration = self.rules.duration_for(alert)
        catching_up = len(self._pending) >= self.rules.catch_up_after
        if catching_up:
            duration = min(duration, self.rules.catch_up_duration_s)
        self.current = _Playing(alert, now, now + duration, replay, catching_up)
        return AlertStart(alert, self.rules.variation_for(alert), replay)

    def _finish(self) -> None:
        assert self.current is not None
        alert_id = self.current.alert.alert_id
        self.current = None
        self.stats.played += 1
        if alert_id in self._history:
            self._history.remove(alert_id)
        self._history.append(alert_id)

    def wait_s(self) -> float | None:
        """Seconds until `next_deadline()` (None: nothing to wait for)."""
        deadline = self.next_deadline()
        return None if deadline is None else max(deadline - self._clock(), 0.0)

    def next_deadline(self) -> float | None:
        """When `advance` next has something to do on its own (None: only on new events)."""
        if self.paused:
            return None
        if self.current is not None:
            return self.current.ends_at
        return self._clock() if self._pending else None

    # --- the creator's controls -------------------------------------------------------

    def pause(self) -> None:
        """Hold the current alert on screen and start nothing new until `resume`."""
        if self.paused:
            return
        self.paused = True
        self._paused_at = self._clock()
        playing = self.current
        if playing is not None:
            playing.paused_left = max(playing.ends_at - self._clock(), 0.0)
            playing.paused_length = playing.ends_at - playing.started_at
            playing.ends_at = INFINITY

    def resume(self) -> None:
        if not self.paused:
            return
        self.paused = False
        self._paused_total += self._clock() - self._paused_at
        playing = self.current
        if playing is not None and playing.paused_left is not None:
            now = self._clock()
            playing.ends_at = now + playing.paused_left
            # The pause does not count as time shown.
            playing.started_at = playing.ends_at - playing.paused_length
            playing.paused_left = None

    def skip(self) -> None:
        """End the current alert now (the next starts on `advance`, unless paused)."""
        if self.current is not None:
            self.stats.skipped += 1
            self._finish()

    def replay(self, alert_id: str | None = None) -> bool:
        """Play an alert again next: the given one, or the one that played last."""
        if alert_id is None:
            if self.current is not None:
                alert_id = self.current.alert.alert_id
            elif self._history:
                alert_id = self._history[-1]
        if alert_id is None or alert_id not in self._known:
            return False
        self._enqueue(alert_id, replay=True, front=True)
        return True

    def clear(self) -> None:
        """Drop every waiting alert (the current one plays on)."""
        self._pending.clear()

    def reset(self) -> None:
        """A live starts (or ends): nothing of before waits or stays on screen. The last one
        can still be replayed; pause stays as the creator set it."""
        self._pending.clear()
        if self.current is not None:
            self._finish()
        self.stats = QueueStats()  # the status line counts this live

    def behind_s(self) -> float:
        """How long the oldest waiting alert has waited (not counting pauses): how far alerts
        are behind the live."""
        now = self._active_time()
        waits = [
            now - self._known[alert_id].queued_at
            for alert_id, replay in self._pending
            if not replay
        ]
        return max(waits, default=0.0)

    def set_rules(self, rules: AlertRules) -> None:
        """New rules apply at once: waiting alerts that no longer pop up leave the queue."""
        self.rules = rules
        self._pending = deque(
            p for p in self._pending if p[1] or rules.pops_up(self._known[p[0]].alert)
        )

    # --- reading ----------------------------------------------------------------------

    @property
    def pending(self) -> list[Alert]:
        return [self._known[alert_id].alert for alert_id, _ in self._pending]

    @property
    def played(self) -> list[Alert]:
        """Alerts that finished playing, oldest first (bounded)."""
        return [self._known[a].alert for a in self._history if a in self._known]

    def alert(self, alert_id: str) -> Alert | None:
        known = self._known.get(alert_id)
        return known.alert if known else None

    def remaining_s(self) -> float | None:
        """Seconds the current alert still plays (frozen while paused)."""
        playing = self.current
        if playing is None:
            return None
        if playing.paused_left is not None:
            return playing.paused_left
        return max(playing.ends_at - self._clock(), 0.0)

    def left_fraction(self) -> float:
        """0..1: how much of the current alert's time is still to run (0 when none plays)."""
        playing = self.current
        if playing is None:
            return 0.0
        length = (
            playing.paused_length
            if playing.paused_left is not None
            else (playing.ends_at - playing.started_at)
        )
        left = self.remaining_s() or 0.0
        return min(left / length, 1.0) if length > 0 else 0.0


def is_fresh(event_ts_ms: int, now_ms: int, max_age_s: float = 60.0) -> bool:
    """An event older than `max_age_s` (a replay after a reconnect) goes to the feed only."""
    return now_ms - event_ts_ms <= max_age_s * 1000
