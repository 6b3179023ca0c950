"""SessionFeed: streak lines updated in place, each final gift counted once, top gifters."""

from __future__ import annotations

from app.core.earnings import gift_label
from app.core.giftfeed import SessionFeed
from app.core.gifts import gift_by_id
from app.protocol.payloads import (
    GiftInfo,
    GiftStreakEnded,
    GiftStreakUpdate,
    LedgerEntry,
    MemberJoined,
    UserRef,
)

T0 = 1_763_780_000_000


def g(gift_id: str) -> GiftInfo:
    found = gift_by_id(gift_id)
    assert found is not None
    return found


def u(n: int, name: str = "") -> UserRef:
    return UserRef(id=f"u{n}", name=name or f"viewer{n}")


def ended(streak: str, gift_id: str, count: int, who: int) -> GiftStreakEnded:
    gift = g(gift_id)
    return GiftStreakEnded(
        streak_id=streak,
        gift=gift,
        user=u(who),
        count=count,
        diamonds_total=gift.diamonds * count,
        reason="marker",
    )


def test_a_streak_is_one_line_counted_once_at_its_end() -> None:
    feed = SessionFeed()
    feed.start_session("ls1", T0)
    for count in range(1, 26):
        feed.on_streak(
            GiftStreakUpdate(streak_id="s", gift=g("rose"), user=u(1), count=count), T0 + count
        )
    [line] = feed.items
    assert (line.count, line.final) == (25, False)
    assert feed.diamonds == 0  # running streaks are not counted yet
    feed.on_gift_end(ended("s", "rose", 25, 1), T0 + 30)
    feed.on_gift_end(ended("s", "rose", 25, 1), T0 + 31)  # a duplicate delivery
    feed.on_streak(GiftStreakUpdate(streak_id="s", gift=g("rose"), user=u(1), count=26), T0 + 32)
    [line] = feed.items
    assert (line.count, line.final, line.diamonds) == (25, True, 25)
    assert (feed.diamonds, feed.gifts) == (25, 1)


def test_top_gifters_and_members_of_the_session() -> None:
    feed = SessionFeed(max_items=3)
    feed.start_session("ls1", T0)
    feed.on_gift_end(ended("a", "lion", 1, 1), T0 + 1)
    feed.on_gift_end(ended("b", "rose", 10, 2), T0 + 2)
    feed.on_gift_end(ended("c", "corgi", 2, 2), T0 + 3)
    feed.on_gift_end(ended("d", "swan", 1, 3), T0 + 4)
    joined = MemberJoined(
        user=u(4), tier=1, months=1, renewed=False, price_cents=499, member_count=1
    )
    feed.on_member("ev1", joined, T0 + 5)
    feed.on_member("ev1", joined, T0 + 5)
    renewed = MemberJoined(
        user=u(5), tier=3, months=4, renewed=True, price_cents=2499, member_count=2
    )
    feed.on_member("ev2", renewed, T0 + 6)
    assert [i.item_id for i in feed.items] == ["d", "ev1", "ev2"]  # bounded, newest kept
    assert (feed.new_members, feed.renewals) == (1, 1)
    # Totals still count the lines that scrolled out.
    assert feed.diamonds == 29999 + 10 + 598 + 699 and feed.gifts == 4
    top = feed.top_gifters(2)
    assert [(t.user.id, t.diamonds, t.gifts) for t in top] == [("u1", 29999, 1), ("u3", 699, 1)]


def test_a_new_session_starts_empty_and_old_events_stay_out() -> None:
    feed = SessionFeed()
    feed.on_gift_end(ended("x", "rose", 1, 1), T0 - 10)  # offline: counted
    assert feed.diamonds == 1
    feed.start_session("ls2", T0)
    assert feed.items == [] and feed.diamonds == 0
    feed.on_gift_end(ended("y", "rose", 3, 1), T0 - 5)  # backlog from before the start
    assert feed.items == [] and feed.diamonds == 0
    version = feed.version
    feed.start_session("ls2", T0)  # the same session again (a reconnect): kept
    assert feed.version == version


def test_seeding_from_the_ledger_never_counts_a_streak_twice() -> None:
    feed = SessionFeed()
    feed.start_session("ls1", T0)

    def entry(
        n: int, gift_id: str, count: int, who: int, session: str | None = "ls1"
    ) -> tuple[int, LedgerEntry]:
        gift = g(gift_id)
        return T0 + n, LedgerEntry(
            entry_id=f"l{n}",
            kind="gift",
            diamonds=gift.diamonds * count,
            cents=0,
            user=u(who),
            ref=f"s{n}",
            session_id=session,
            label=f"{count} × {gift.name}",
        )

    sub = LedgerEntry(
        entry_id="sub",
        kind="subscription",
        diamonds=0,
        cents=499,
        user=u(9),
        ref="m",
        session_id="ls1",
    )
    dated = [
        entry(1, "rose", 25, 1),
        entry(2, "lion", 1, 2),
        entry(3, "rose", 4, 3, "old"),
        (T0, sub),
    ]
    assert feed.seed_from_ledger(dated) == 2
    assert feed.seed_from_ledger(dated) == 0
    feed.on_gift_end(ended("s1", "rose", 25, 1), T0 + 9)  # the live event of a seeded streak
    assert feed.diamonds == 25 + 29999 and feed.gifts == 2
    assert feed.item("s1") is not None and feed.item("s1").gift == g("rose")  # type: ignore[union-attr]
    # A label that is not in the catalogue still gives the right diamonds.
    odd = LedgerEntry(
        entry_id="z",
        kind="gift",
        diamonds=30,
        cents=0,
        user=u(1),
        ref="sz",
        session_id="ls1",
        label=gift_label("Mystery", 3),
    )
    assert feed.seed_from_ledger([(T0 + 50, odd)]) == 1
    assert feed.item("sz").diamonds == 30  # type: ignore[union-attr]
