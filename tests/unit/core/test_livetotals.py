"""The live's totals: the server's snapshot, then only what comes after its heads, each once."""

from __future__ import annotations

from app.core.livetotals import LiveTotals
from app.protocol.frames import Event, LiveSessionInfo
from app.protocol.payloads import (
    EventData,
    GiftInfo,
    GiftStreakEnded,
    LiveEnded,
    LiveStarted,
    MemberJoined,
    UserRef,
)

MIA = UserRef(id="u_1", name="Mia")
ROSE = GiftInfo(id="rose", name="Rose", diamonds=1, streakable=True)
START = 1_700_000_000_000


def ev(seq: int, data: EventData, ts: int = START + 1000, ch: str = "public") -> Event:
    return Event(ch=ch, seq=seq, id=f"e{seq}", ts=ts, data=data)


def gift(streak: str, diamonds: int) -> GiftStreakEnded:
    return GiftStreakEnded(
        streak_id=streak, gift=ROSE, user=MIA, count=1, diamonds_total=diamonds, reason="single"
    )


def joined(renewed: bool) -> MemberJoined:
    return MemberJoined(
        user=MIA,
        tier=1,
        months=2 if renewed else 1,
        renewed=renewed,
        price_cents=499,
        member_count=3,
    )


def test_the_snapshot_counts_up_to_its_heads_and_a_replay_is_not_counted_again() -> None:
    totals = LiveTotals()
    live = LiveSessionInfo("ls_1", START, "", diamonds=180, gifts=15, new_members=2, renewals=1)
    totals.on_ready(live, {"public": 40, "below": 9})
    assert (totals.diamonds, totals.gifts, totals.new_members, totals.renewals) == (180, 15, 2, 1)
    replayed = [ev(39, gift("st_old", 5)), ev(40, joined(False))]
    assert not totals.apply(replayed)  # already in the snapshot
    assert totals.apply([ev(41, gift("st_new", 25)), ev(42, joined(True))])
    assert (totals.diamonds, totals.gifts, totals.new_members, totals.renewals) == (205, 16, 2, 2)
    assert not totals.apply([ev(43, gift("st_new", 25))])  # the same streak, sent twice
    assert totals.diamonds == 205


def test_go_live_and_end_live_start_again_from_zero() -> None:
    totals = LiveTotals()
    totals.on_ready(LiveSessionInfo("ls_1", START, "", diamonds=500, gifts=3), {"public": 10})
    totals.apply([ev(11, LiveEnded(session_id="ls_1", started_ms=START, ended_ms=START + 9))])
    assert (totals.session_id, totals.diamonds, totals.gifts) == (None, 0, 0)
    totals.apply([ev(12, gift("st_off", 7), ts=START + 20)])  # off air: counted since the end
    assert totals.diamonds == 7
    later = START + 60_000
    totals.apply([ev(13, LiveStarted(session_id="ls_2", started_ms=later))])
    assert (totals.session_id, totals.started_ms, totals.diamonds) == ("ls_2", later, 0)
    totals.apply([ev(14, gift("st_early", 9), ts=later - 1)])  # stamped before the live
    assert totals.diamonds == 0


def test_other_channels_and_hostile_values_do_not_count() -> None:
    totals = LiveTotals()
    totals.on_ready(LiveSessionInfo("ls_1", START, "", diamonds=-5, gifts=-1), {})
    assert (totals.diamonds, totals.gifts) == (0, 0)
    totals.apply([ev(1, gift("st_b", 3), ch="below")])
    assert totals.gifts == 0
    totals.apply([ev(2, gift("st_big", 10_000_001))])
    assert totals.diamonds == 10_000_001 and totals.gifts == 1
