"""The alert queue policy: one alert per gift streak or membership, played one after another."""

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
    # (it stays in the feed).
    catch_up_after: int = 5
    catch_up_duration_s: float = 2.5
    max_pending: int = 30

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

    def pops_up(self, alert: Alert) -> bool:
        if alert.kind == "member":
            return self.member_alerts
        return alert.diamonds >= self.min_diamonds


@dataclass
class Alert:
    """One gift streak (its count grows in place until final) or one membership."""

    alert_id: str
    kind: AlertKind
    user: UserRef
    gift: GiftInfo | None = None
    count: int = 1
    final: bool = False
    tier: int = 0
    months: int = 0
    renewed: bool = False

    @property
    def diamonds(self) -> int:
        return self.count * self.gift.diamonds if self.gift is not None else 0


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


@dataclass
class _Known:
    alert: Alert
    queued: bool = False  # has ever entered the queue: never a second time by itself


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
        self._pending: deque[tuple[str, bool]] = deque()  # (alert id, is a replay)
        self._history: deque[str] = deque(maxlen=history)
        self.current: _Playing | None = None
        self.paused = False
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
        self, alert_id: str, gift: GiftInfo, user: UserRef, count: int, final: bool, fresh: bool
    ) -> Alert:
        known = self._known.get(alert_id)
        if known is None:
            known = self._remember_alert(Alert(alert_id, "gift", user, gift, count, final))
        else:
            alert = known.alert
            if alert.final:
                return alert  # the end is counted once; later reports change nothing
            alert.count = max(alert.count, count)
            alert.final = final
            self._on_growth(alert)
        self._consider(known, fresh)
        return known.alert

    def _remember_alert(self, alert: Alert) -> _Known:
        known = _Known(alert)
        self._known[alert.alert_id] = known
        while len(self._known) > self._remember:
            old_id, _ = self._known.popitem(last=False)
            self._pending = deque(p for p in self._pending if p[0] != old_id)
        return known

    def _consider(self, known: _Known, fresh: bool) -> None:
        if known.queued:
            return
        if not fresh or not self.rules.pops_up(known.alert):
            if known.alert.final:
                self.stats.feed_only += 1
            return
        known.queued = True
        self._enqueue(known.alert.alert_id, replay=False)

    def _on_growth(self, alert: Alert) -> None:
        playing = self.current
        if playing is None or playing.alert is not alert or playing.paused_left is not None:
            return
        rules = self.rules
        duration = rules.duration_for(alert)  # grows when the streak reaches a bigger band
        if playing.catching_up:
            duration = min(duration, rules.catch_up_duration_s)
        cap = playing.started_at + duration * rules.max_hold_factor
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
            smallest = min(self._pending, key=lambda p: _keep_score(self._known[p[0]].alert))
            self._pending.remove(smallest)
            self.stats.dropped += 1

    # --- playing ----------------------------------------------------------------------

    def advance(self) -> list[AlertStart]:
        """Finish the current alert when its time is up and start the next one."""
        starts: list[AlertStart] = []
        while True:
            now = self._clock()
            playing = self.current
            if playing is not None and not self.paused and now >= playing.ends_at:
                self._finish()
                continue
            if playing is None and not self.paused and self._pending:
                starts.append(self._start_next(now))
                continue
            return starts

    def _start_next(self, now: float) -> AlertStart:
        alert_id, replay = self._pending.popleft()
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
        playing = self.current
        if playing is not None:
            playing.paused_left = max(playing.ends_at - self._clock(), 0.0)
            playing.paused_length = playing.ends_at - playing.started_at
            playing.ends_at = INFINITY

    def resume(self) -> None:
        if not self.paused:
            return
        self.paused = False
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


def _keep_score(alert: Alert) -> float:
    # Paying members are never dropped before a gift; among gifts the smallest goes first.
    return INFINITY if alert.kind == "member" else alert.diamonds


def is_fresh(event_ts_ms: int, now_ms: int, max_age_s: float = 60.0) -> bool:
    """An event older than `max_age_s` (a replay after a reconnect) goes to the feed only."""
    return now_ms - event_ts_ms <= max_age_s * 1000
