"""AlertQueue: one alert per streak, in order, pause/resume/skip/replay, minimum value, tiers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.core.alerts import AlertQueue, AlertRules, is_fresh
from app.core.gifts import gift_by_id
from app.protocol.payloads import GiftInfo, GiftStreakEnded, GiftStreakUpdate, MemberJoined, UserRef


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def gift(gift_id: str) -> GiftInfo:
    found = gift_by_id(gift_id)
    assert found is not None
    return found


def user(n: int) -> UserRef:
    return UserRef(id=f"u{n}", name=f"viewer{n}")


def update(streak: str, gift_id: str, count: int, who: int = 1) -> GiftStreakUpdate:
    return GiftStreakUpdate(streak_id=streak, gift=gift(gift_id), user=user(who), count=count)


def end(
    streak: str, gift_id: str, count: int, who: int = 1, reason: str = "marker"
) -> GiftStreakEnded:
    g = gift(gift_id)
    return GiftStreakEnded(
        streak_id=streak,
        gift=g,
        user=user(who),
        count=count,
        diamonds_total=count * g.diamonds,
        reason=reason,  # type: ignore[arg-type]
    )


def joined(who: int, renewed: bool = False) -> MemberJoined:
    return MemberJoined(
        user=user(who), tier=2, months=1, renewed=renewed, price_cents=999, member_count=10
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


def queue(clock: Clock, **rules: object) -> AlertQueue:
    return AlertQueue(AlertRules(**rules), clock)  # type: ignore[arg-type]


def play_all(q: AlertQueue, clock: Clock, step: float = 0.25, limit: float = 600) -> list[str]:
    """Run the clock until nothing is left; the ids of the alerts as they started."""
    order: list[str] = []
    stop = clock.now + limit
    while clock.now < stop:
        order += [s.alert.alert_id for s in q.advance()]
        if q.current is None and not q.pending:
            return order
        clock.now += step
    raise AssertionError("the queue never drained")


def test_a_streak_is_one_alert_whose_count_grows_in_place(clock: Clock) -> None:
    q = queue(clock)
    first = q.on_streak(update("s1", "rose", 1))
    [start] = q.advance()
    assert start.alert is first and first.count == 1
    for count in range(2, 26):
        clock.now += 0.2
        assert q.on_streak(update("s1", "rose", count)) is first
        assert q.advance() == []  # no new alert, no new sound
    assert (first.count, first.diamonds, first.final) == (25, 25, False)
    q.on_gift_end(end("s1", "rose", 25, reason="timeout"))
    assert first.final and q.pending == []
    assert play_all(q, clock) == []
    assert q.stats.played == 1 and [a.alert_id for a in q.played] == ["s1"]


def test_updates_while_queued_change_the_waiting_alert(clock: Clock) -> None:
    q = queue(clock)
    q.on_gift_end(end("big", "lion", 1))
    q.advance()  # the lion plays
    for count in range(1, 11):
        q.on_streak(update("s2", "rose", count, who=2))
    assert [a.count for a in q.pending] == [10]
    q.on_gift_end(end("s2", "rose", 12, who=2))
    q.on_streak(update("s2", "rose", 13, who=2))  # late report after the end: ignored
    [waiting] = q.pending
    assert (waiting.count, waiting.final) == (12, True)


def test_alerts_play_in_order_each_for_its_duration(clock: Clock) -> None:
    q = queue(clock, duration_s=4.0)
    for n, gift_id in enumerate(["rose", "finger_heart", "gg"]):
        q.on_gift_end(end(f"s{n}", gift_id, 1, who=n))
    started: list[tuple[str, float]] = []
    t0 = clock.now
    while q.current is not None or q.pending:
        started += [(s.alert.alert_id, clock.now - t0) for s in q.advance()]
        clock.now += 0.5
    assert started == [("s0", 0.0), ("s1", 4.0), ("s2", 8.0)]


def test_minimum_value_keeps_small_gifts_in_the_feed_only(clock: Clock) -> None:
    q = queue(clock, min_diamonds=10)
    q.on_gift_end(end("small", "rose", 3))
    assert q.pending == [] and q.stats.feed_only == 1
    # A streak pops up once it has grown past the minimum, still as one alert.
    for count in range(1, 16):
        q.on_streak(update("grows", "rose", count, who=2))
    assert [a.alert_id for a in q.pending] == ["grows"]
    q.on_gift_end(end("grows", "rose", 15, who=2))
    assert len(q.pending) == 1
    assert play_all(q, clock) == ["grows"]


def test_raising_the_minimum_takes_waiting_alerts_out(clock: Clock) -> None:
    q = queue(clock)
    q.on_gift_end(end("a", "lion", 1))
    q.on_gift_end(end("b", "rose", 1, who=2))
    q.on_gift_end(end("c", "corgi", 1, who=3))
    q.advance()
    q.set_rules(replace(q.rules, min_diamonds=100))
    assert [a.alert_id for a in q.pending] == ["c"]


def test_pause_holds_the_current_alert_and_starts_nothing(clock: Clock) -> None:
    q = queue(clock, duration_s=5.0)
    q.on_gift_end(end("a", "finger_heart", 1))
    q.on_gift_end(end("b", "rose", 1, who=2))
    q.advance()
    clock.now += 2
    q.pause()
    assert q.remaining_s() == pytest.approx(3.0)
    assert q.next_deadline() is None
    clock.now += 60
    assert q.advance() == [] and q.current is not None and q.current.alert.alert_id == "a"
    q.on_gift_end(end("c", "lion", 1, who=3))  # still queued while paused
    assert q.advance() == []
    q.resume()
    assert q.remaining_s() == pytest.approx(3.0)
    clock.now += 2.9
    assert q.advance() == []
    clock.now += 0.2
    # The lion first (big gifts first); the rose waited through the pause, which does not
    # count as being behind: it plays next.
    assert [s.alert.alert_id for s in q.advance()] == ["c"]
    assert [a.alert_id for a in q.pending] == ["b"] and q.stats.dropped == 0
    assert q.behind_s() == pytest.approx(5.1)


def test_skip_ends_the_current_alert_now(clock: Clock) -> None:
    q = queue(clock)
    for n in range(3):
        q.on_gift_end(end(f"s{n}", "corgi", 1, who=n))
    q.advance()
    q.skip()
    assert [s.alert.alert_id for s in q.advance()] == ["s1"]
    q.pause()
    q.skip()  # skipping while paused clears the screen but starts nothing
    assert q.current is None and q.advance() == []
    q.resume()
    assert [s.alert.alert_id for s in q.advance()] == ["s2"]
    assert q.stats.skipped == 2


def test_replay_plays_the_last_alert_again_next(clock: Clock) -> None:
    q = queue(clock)
    assert not q.replay()  # nothing played yet
    q.on_gift_end(end("a", "corgi", 1))
    assert play_all(q, clock) == ["a"]
    q.on_gift_end(end("b", "swan", 1, who=2))
    q.on_gift_end(end("c", "lion", 1, who=3))
    q.advance()  # c plays (the lion before the swan)
    assert q.replay("a")
    starts: list[tuple[str, bool]] = []
    while q.current is not None or q.pending:
        starts += [(s.alert.alert_id, s.replay) for s in q.advance()]
        clock.now += 0.5
    assert starts == [("a", True), ("b", False)]
    assert q.replay()  # the last one played: b
    assert [a.alert_id for a in q.pending] == ["b"]
    assert not q.replay("unknown")


def test_bigger_gifts_get_longer_louder_variations(clock: Clock) -> None:
    q = queue(clock, duration_s=5.0)
    q.on_gift_end(end("rose", "rose", 1))
    q.on_gift_end(end("swan", "swan", 1, who=2))
    q.on_gift_end(end("lion", "lion", 1, who=3))
    durations: dict[str, float] = {}
    volumes: dict[str, float] = {}
    while q.current is not None or q.pending:
        for start in q.advance():
            durations[start.alert.alert_id] = q.remaining_s() or 0.0
            volumes[start.alert.alert_id] = start.variation.volume
            assert start.variation.sound.startswith("gift_")
        clock.now += 0.25
    assert durations["rose"] < durations["swan"] < durations["lion"]
    assert volumes["rose"] < volumes["swan"] < volumes["lion"]


def test_memberships_are_alerts_too(clock: Clock) -> None:
    q = queue(clock, min_diamonds=1000)  # the gift minimum does not apply to members
    q.on_member("m1", joined(5))
    q.on_member("m1", joined(5))  # the same event again: still one alert
    [start] = q.advance()
    assert start.alert.kind == "member" and start.variation.sound == "member"
    assert q.pending == []
    q2 = queue(clock, member_alerts=False)
    q2.on_member("m2", joined(6))
    assert q2.advance() == []


def test_old_events_go_to_the_feed_only(clock: Clock) -> None:
    q = queue(clock)
    q.on_gift_end(end("old", "lion", 1), fresh=False)
    assert q.advance() == [] and q.stats.feed_only == 1
    # A streak seen first in a replay still pops up when it ends live.
    q.on_streak(update("s", "rose", 5, who=2), fresh=False)
    q.on_gift_end(end("s", "rose", 9, who=2), fresh=True)
    assert [s.alert.alert_id for s in q.advance()] == ["s"]
    assert is_fresh(1_000_000, 1_030_000) and not is_fresh(1_000_000, 1_061_000)


def test_a_running_streak_stays_up_while_it_grows_but_not_forever(clock: Clock) -> None:
    q = queue(clock, duration_s=4.0, hold_after_update_s=2.0, max_hold_factor=3.0)
    q.on_streak(update("s", "rose", 1))
    q.advance()
    for count in range(2, 200):  # grows every 0.5 s for a long time
        clock.now += 0.5
        q.on_streak(update("s", "rose", count))
        q.advance()
        if q.current is None:
            break
    shown = clock.now - 100.0
    assert 11.5 <= shown <= 12.5  # at most 3 x 4 s, then the next alert gets its turn
    q.on_gift_end(end("s", "rose", 200))
    assert q.advance() == [] and q.pending == []  # never a second alert for it


def test_end_while_playing_shows_the_final_count_for_a_moment(clock: Clock) -> None:
    q = queue(clock, duration_s=4.0, hold_after_update_s=2.0)
    q.on_streak(update("s", "rose", 1))
    q.advance()
    clock.now += 3.9
    q.on_gift_end(end("s", "rose", 8))
    assert q.remaining_s() == pytest.approx(2.0)


def test_a_busy_stream_catches_up_and_drops_the_smallest(clock: Clock) -> None:
    q = queue(clock, duration_s=5.0, catch_up_after=3, catch_up_duration_s=2.0, max_pending=4)
    q.on_member("m", joined(99))
    for n in range(8):
        q.on_gift_end(end(f"g{n}", "corgi" if n != 5 else "rose", 1, who=n))
    assert len(q.pending) == 4 and q.stats.dropped == 5
    waiting = {a.alert_id for a in q.pending}
    assert "m" in waiting and "g5" not in waiting  # members stay; the rose went first
    q.advance()
    assert q.remaining_s() == pytest.approx(2.0)  # short while three more wait


def test_rules_are_validated() -> None:
    with pytest.raises(ValueError):
        AlertRules(min_diamonds=-1)
    with pytest.raises(ValueError):
        AlertRules(duration_s=0.2)
    with pytest.raises(ValueError):
        AlertRules(variations=())


# --- near real time ------------------------------------------------------------------


def test_a_burst_from_one_person_is_one_alert(clock: Clock) -> None:
    q = queue(clock, duration_s=5.0)
    q.on_gift_end(end("other", "rose", 1, who=9))
    q.advance()  # someone else's alert plays; viewer 1's gifts wait meanwhile
    q.on_streak(update("s1", "rose", 3))
    q.on_gift_end(end("s2", "finger_heart", 1))
    q.on_gift_end(end("s3", "rose", 2))
    q.on_gift_end(end("s1", "rose", 5))
    [waiting] = q.pending
    assert waiting.alert_id == "s1" and q.stats.merged == 2
    assert (waiting.count, waiting.diamonds, waiting.mixed, waiting.final) == (8, 12, True, True)
    assert waiting.gift is not None and waiting.gift.id == "finger_heart"  # the dearest one
    # While it plays, more from the same person keeps it up instead of queueing again.
    clock.now += 5.0
    assert [s.alert.alert_id for s in q.advance()] == ["s1"]
    clock.now += 4.0
    q.on_gift_end(end("s4", "rose", 1))
    assert q.pending == [] and waiting.count == 9
    assert q.remaining_s() == pytest.approx(2.0)  # held a moment to show the new count


def test_a_same_person_streak_is_not_merged_into_a_replay(clock: Clock) -> None:
    q = queue(clock)
    q.on_gift_end(end("a", "rose", 1))
    play_all(q, clock)
    q.replay("a")
    q.advance()
    q.on_gift_end(end("b", "rose", 1))
    assert [a.alert_id for a in q.pending] == ["b"]


def test_big_gifts_play_before_the_small_ones_waiting(clock: Clock) -> None:
    q = queue(clock, catch_up_after=50, max_pending=50, duration_s=2.0)
    q.on_gift_end(end("first", "rose", 1, who=0))
    q.advance()
    for n in range(1, 8):
        q.on_gift_end(end(f"small{n}", "rose", 1, who=n))
    q.on_member("m", joined(20))
    q.on_gift_end(end("lion", "lion", 1, who=30))
    q.on_gift_end(end("swan", "swan", 1, who=31))
    order = play_all(q, clock)
    assert order[:3] == ["lion", "m", "swan"]  # big, then members and medium by arrival
    assert order[3:5] == ["small1", "small2"]
    # Without catching up (off here), roses still waiting after max_behind_s: feed only.
    assert len(order) + q.stats.dropped == 10 and q.stats.dropped > 0


def test_a_flood_of_small_gifts_stays_near_real_time(clock: Clock) -> None:
    """60 viewers each sending a rose every few seconds for five minutes, a Lion now and then:
    the queue stays bounded, alerts are never more than max_behind_s behind, Lions play."""
    rules = AlertRules()
    q = AlertQueue(rules, clock)
    worst_behind = 0.0
    worst_pending = 0
    lion_waits: list[float] = []
    lion_sent: dict[str, float] = {}
    n = 0
    end_at = clock.now + 300
    while clock.now < end_at:
        n += 1
        who = n % 60
        q.on_gift_end(end(f"r{n}", "rose", 1 + n % 3, who=who))
        if n % 97 == 0:
            lion_sent[f"lion{n}"] = clock.now
            q.on_gift_end(end(f"lion{n}", "lion", 1, who=100 + n))
        for start in q.advance():
            if start.alert.alert_id in lion_sent:
                lion_waits.append(clock.now - lion_sent[start.alert.alert_id])
        worst_behind = max(worst_behind, q.behind_s())
        worst_pending = max(worst_pending, len(q.pending))
        clock.now += 0.1  # ten gifts a second
    assert worst_pending <= rules.max_pending
    assert worst_behind <= rules.max_behind_s + 0.2
    assert len(lion_waits) >= len(lion_sent) - 1  # every Lion played (the last may be due)
    print(
        f"flood: {worst_pending} waiting at most, {worst_behind:.1f} s behind at most, Lion waits "
        f"up to {max(lion_waits):.1f} s, {q.stats.merged} merged, {q.stats.dropped} feed only"
    )
    assert max(lion_waits) < 12.0  # a Lion waits at most for the Lions before it
    assert q.stats.merged > 0 and q.stats.dropped > 0


def test_behind_says_how_long_the_oldest_waiting_alert_waited(clock: Clock) -> None:
    q = queue(clock)
    assert q.behind_s() == 0.0
    q.on_gift_end(end("a", "corgi", 1, who=1))
    q.advance()
    q.on_gift_end(end("b", "corgi", 1, who=2))
    clock.now += 3.0
    q.on_gift_end(end("c", "corgi", 1, who=3))
    assert q.behind_s() == pytest.approx(3.0)


def test_a_new_live_starts_with_an_empty_queue(clock: Clock) -> None:
    q = queue(clock)
    for n in range(4):
        q.on_gift_end(end(f"g{n}", "corgi", 1, who=n))
    q.advance()
    q.reset()
    assert q.current is None and q.pending == [] and q.advance() == []
    assert q.replay()  # the last one can still be replayed by hand


def test_small_gifts_from_one_person_add_up_to_an_alert(clock: Clock) -> None:
    q = queue(clock, min_diamonds=5)
    for n in range(4):
        q.on_gift_end(end(f"r{n}", "rose", 1))  # 1 diamond each: not worth a pop-up alone
        clock.now += 1.0
    assert q.pending == [] and q.advance() == []
    q.on_gift_end(end("r4", "rose", 1))  # the fifth within the window: 5 diamonds
    [start] = q.advance()
    assert (start.alert.alert_id, start.alert.count, start.alert.diamonds) == ("r0", 5, 5)
    clock.now += 30.0  # long after: a new burst starts from zero
    assert q.advance() == [] and q.current is None
    q.on_gift_end(end("r9", "rose", 1))
    r9 = q.alert("r9")
    assert q.pending == [] and r9 is not None and r9.alert_id == "r9" and r9.count == 1


def test_old_replayed_gifts_do_not_add_up_with_live_ones(clock: Clock) -> None:
    q = queue(clock, min_diamonds=5)
    q.on_gift_end(end("old", "rose", 4), fresh=False)  # replayed after a reconnect
    q.on_gift_end(end("new", "rose", 1))
    assert q.pending == [] and q.stats.merged == 0
