"""Gift catalogue and streak tracker: one end per streak, never counted twice, quiet ones close."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.gifts import CATALOGUE, StreakTracker, gift_by_id
from app.protocol.payloads import GiftInfo, GiftStreakEnded, GiftStreakUpdate, UserRef

MIA = UserRef(id="u1", name="Mia")
LEO = UserRef(id="u2", name="Leo")


def _gift(gift_id: str) -> GiftInfo:
    gift = gift_by_id(gift_id)
    assert gift is not None, gift_id
    return gift


ROSE = _gift("rose")
LION = _gift("lion")


def _ids() -> itertools.count[int]:
    return itertools.count(1)


def _tracker(timeout: float = 5.0, **kwargs: int) -> StreakTracker:
    counter = _ids()
    return StreakTracker(timeout, new_streak_id=lambda: f"s{next(counter)}", **kwargs)


def test_catalogue_ids_are_unique_and_prices_match_public_lists() -> None:
    ids = [g.id for g in CATALOGUE]
    assert len(ids) == len(set(ids))
    expected = {
        "rose": (1, True),
        "finger_heart": (5, True),
        "doughnut": (30, True),
        "hat_and_mustache": (99, True),
        "corgi": (299, False),
        "galaxy": (1000, False),
        "lion": (29_999, False),
        "universe": (34_999, False),
    }
    for gift_id, (diamonds, streakable) in expected.items():
        gift = gift_by_id(gift_id)
        assert gift is not None, gift_id
        assert (gift.diamonds, gift.streakable) == (diamonds, streakable)
    assert all(g.icon for g in CATALOGUE)
    assert [g.diamonds for g in CATALOGUE] == sorted(g.diamonds for g in CATALOGUE)
    assert gift_by_id("no-such-gift") is None


def test_single_gift_ends_at_once_and_its_key_never_counts_again() -> None:
    tracker = _tracker()
    events = tracker.report(MIA, LION, "c1", 2, False, now=0.0)
    assert events == [
        GiftStreakEnded(
            streak_id="s1", gift=LION, user=MIA, count=2, diamonds_total=59_998, reason="single"
        )
    ]
    assert tracker.report(MIA, LION, "c1", 2, False, now=0.1) == []
    assert tracker.report(MIA, LION, "c1", 3, True, now=0.2) == []
    assert tracker.next_deadline() is None


def test_streak_grows_ignores_duplicates_and_ends_once_on_marker() -> None:
    tracker = _tracker()
    seen: list[GiftStreakUpdate | GiftStreakEnded] = []
    for count in (1, 2, 2, 1, 5, 4):
        seen += tracker.report(MIA, ROSE, "c1", count, False, now=float(count))
    assert [e.count for e in seen] == [1, 2, 5]
    assert all(isinstance(e, GiftStreakUpdate) and e.streak_id == "s1" for e in seen)

    ended = tracker.report(MIA, ROSE, "c1", 6, True, now=7.0)
    assert ended == [
        GiftStreakEnded(
            streak_id="s1", gift=ROSE, user=MIA, count=6, diamonds_total=6, reason="marker"
        )
    ]
    assert tracker.report(MIA, ROSE, "c1", 6, True, now=7.1) == []
    assert tracker.report(MIA, ROSE, "c1", 9, False, now=7.2) == []
    assert tracker.expire(1e9) == []
    assert tracker.active_count == 0


def test_end_marker_with_a_smaller_count_keeps_the_largest_count() -> None:
    tracker = _tracker()
    tracker.report(MIA, ROSE, "c1", 10, False, now=0.0)
    (ended,) = tracker.report(MIA, ROSE, "c1", 3, True, now=0.5)
    assert isinstance(ended, GiftStreakEnded)
    assert (ended.count, ended.diamonds_total, ended.reason) == (10, 10, "marker")


def test_first_report_with_end_marker_ends_without_an_update() -> None:
    tracker = _tracker()
    (ended,) = tracker.report(MIA, ROSE, "c1", 4, True, now=0.0)
    assert isinstance(ended, GiftStreakEnded) and ended.reason == "marker" and ended.count == 4
    assert tracker.next_deadline() is None


def test_quiet_streak_times_out_exactly_once() -> None:
    tracker = _tracker(timeout=5.0)
    tracker.report(MIA, ROSE, "c1", 1, False, now=100.0)
    tracker.report(MIA, ROSE, "c1", 7, False, now=102.0)
    assert tracker.next_deadline() == 107.0
    tracker.report(MIA, ROSE, "c1", 7, False, now=106.0)  # a duplicate is not a sign of life
    assert tracker.next_deadline() == 107.0
    assert tracker.expire(106.99) == []
    assert tracker.expire(107.0) == [
        GiftStreakEnded(
            streak_id="s1", gift=ROSE, user=MIA, count=7, diamonds_total=7, reason="timeout"
        )
    ]
    assert tracker.expire(200.0) == []
    assert tracker.next_deadline() is None
    # The marker arriving late must not end or count the streak a second time.
    assert tracker.report(MIA, ROSE, "c1", 8, True, now=108.0) == []
    assert tracker.report(MIA, ROSE, "c1", 9, False, now=108.0) == []


def test_next_deadline_is_the_earliest_of_several_streaks() -> None:
    tracker = _tracker(timeout=2.0)
    tracker.report(MIA, ROSE, "a", 1, False, now=0.0)
    tracker.report(LEO, ROSE, "b", 1, False, now=1.0)
    assert tracker.next_deadline() == 2.0
    tracker.report(MIA, ROSE, "a", 2, False, now=1.5)  # growth moves Mia's deadline back
    assert tracker.next_deadline() == 3.0
    assert [e.user for e in tracker.expire(3.0)] == [LEO]
    assert tracker.next_deadline() == 3.5


def test_new_combo_from_the_same_user_is_a_new_streak_and_users_do_not_share_combos() -> None:
    tracker = _tracker()
    (first,) = tracker.report(MIA, ROSE, "c1", 3, True, now=0.0)
    (second,) = tracker.report(MIA, ROSE, "c2", 1, False, now=0.1)
    (other,) = tracker.report(LEO, ROSE, "c1", 1, False, now=0.1)
    assert len({first.streak_id, second.streak_id, other.streak_id}) == 3
    assert isinstance(second, GiftStreakUpdate) and isinstance(other, GiftStreakUpdate)


def test_default_streak_ids_are_unique() -> None:
    tracker = StreakTracker()
    ids = {tracker.report(MIA, LION, f"c{i}", 1, False, now=0.0)[0].streak_id for i in range(500)}
    assert len(ids) == 500


def test_report_naming_another_gift_in_a_running_combo_is_ignored() -> None:
    tracker = _tracker()
    doughnut = _gift("doughnut")
    tracker.report(MIA, ROSE, "c1", 1, False, now=0.0)
    assert tracker.report(MIA, doughnut, "c1", 5, False, now=0.1) == []
    (ended,) = tracker.expire(10.0)
    assert ended.gift == ROSE and ended.count == 1


def test_flood_of_never_ending_streaks_is_bounded() -> None:
    tracker = _tracker(max_active=100, max_ended=250)
    ended: list[GiftStreakEnded] = []
    for i in range(1000):
        for event in tracker.report(UserRef(id=f"u{i}", name="x"), ROSE, "c", 1, False, now=0.0):
            if isinstance(event, GiftStreakEnded):
                ended.append(event)
        assert tracker.active_count <= 100
        assert tracker.remembered_ended_count <= 250
    assert len(ended) == 900
    assert all(e.reason == "timeout" for e in ended)
    assert ended[0].user.id == "u0"  # the quietest streak is the one ended early


def test_invalid_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        StreakTracker(0)
    with pytest.raises(ValueError):
        StreakTracker(1, max_active=0)
    assert _tracker().report(MIA, ROSE, "c1", 0, False, now=0.0) == []


_report = st.tuples(
    st.sampled_from(["u1", "u2"]),
    st.sampled_from(["c1", "c2", "c3"]),
    st.sampled_from(["rose", "doughnut", "corgi"]),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
    st.floats(min_value=0, max_value=3, allow_nan=False),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_report, max_size=60))
def test_every_streak_ends_exactly_once_with_its_largest_count(
    reports: list[tuple[str, str, str, int, bool, float]],
) -> None:
    tracker = _tracker(timeout=2.0)
    now = 0.0
    events: list[GiftStreakUpdate | GiftStreakEnded] = []
    combo_gift: dict[tuple[str, str], GiftInfo] = {}
    for user_id, combo, gift_id, count, end, step in reports:
        now += step
        # A real sender keeps one gift per combo; that is what this property is about.
        gift = combo_gift.setdefault((user_id, combo), _gift(gift_id))
        events += tracker.expire(now)
        events += tracker.report(UserRef(id=user_id, name=user_id), gift, combo, count, end, now)
    events += tracker.expire(math.inf)

    ends = [e for e in events if isinstance(e, GiftStreakEnded)]
    assert len({e.streak_id for e in ends}) == len(ends), "a streak ended twice"
    assert len({(e.user.id, e.streak_id) for e in events}) == len(ends), "a streak never ended"
    last_count: dict[str, int] = {}
    for event in events:
        previous = last_count.get(event.streak_id, 0)
        if isinstance(event, GiftStreakUpdate):
            assert event.count > previous
        else:
            assert event.count >= previous
            assert event.diamonds_total == event.count * event.gift.diamonds
        last_count[event.streak_id] = event.count
    assert tracker.active_count == 0
