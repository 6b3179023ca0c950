"""Earnings math: exact totals, integer-cent conversion, rankings and payout progress."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.earnings import (
    TIER_PRICE_CENTS,
    EarningsSettings,
    Money,
    Totals,
    creator_cents,
    diamonds_to_cents,
    format_cents,
    gift_label,
    parse_gift_label,
    payout_progress,
    to_money,
    top_gifters,
    top_gifts,
    totals,
    totals_per_day,
    totals_per_session,
    totals_per_week,
)
from app.protocol.payloads import LedgerEntry, LedgerKind, UserRef

MIA = UserRef(id="u1", name="Mia")
LEO = UserRef(id="u2", name="Leo")
ZOE = UserRef(id="u3", name="Zoe")
DEFAULTS = EarningsSettings()
_n = 0


def _entry(
    kind: LedgerKind,
    *,
    diamonds: int = 0,
    cents: int = 0,
    user: UserRef = MIA,
    session: str | None = "s1",
    label: str = "",
) -> LedgerEntry:
    global _n
    _n += 1
    return LedgerEntry(
        entry_id=f"e{_n}",
        kind=kind,
        diamonds=diamonds,
        cents=cents,
        user=user,
        ref=f"r{_n}",
        session_id=session,
        label=label,
    )


def test_tier_prices_cover_tiers_one_to_three_and_rise() -> None:
    assert sorted(TIER_PRICE_CENTS) == [1, 2, 3]
    assert TIER_PRICE_CENTS[1] < TIER_PRICE_CENTS[2] < TIER_PRICE_CENTS[3]


def test_default_settings_are_the_documented_figures() -> None:
    assert DEFAULTS.diamonds_per_usd == 200
    assert DEFAULTS.platform_share == 0.5
    assert DEFAULTS.currency == "USD"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"diamonds_per_usd": 0},
        {"platform_share": -0.1},
        {"platform_share": 1.5},
        {"payout_threshold_usd": -1},
        {"currency": "usd"},
        {"currency": "DOLLARS"},
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        EarningsSettings(**kwargs)  # type: ignore[arg-type]


def test_totals_per_kind() -> None:
    entries = [
        _entry("gift", diamonds=30, label="Doughnut"),
        _entry("gift", diamonds=5, label="Rose ×5"),
        _entry("subscription", cents=499),
        _entry("service", cents=5000),
        _entry("service", cents=2500),
    ]
    assert totals(entries) == Totals(
        gift_diamonds=35,
        gifts=2,
        subscription_cents=499,
        subscriptions=1,
        service_cents=7500,
        services=2,
    )
    assert totals(entries).entries == 5
    assert totals([]) == Totals()


def test_money_uses_200_diamonds_per_dollar_and_half_of_subscriptions() -> None:
    t = Totals(gift_diamonds=1_000, subscription_cents=499, service_cents=5_000)
    assert to_money(t, DEFAULTS) == Money(
        gift_cents=500, subscription_cents=249, service_cents=2500
    )
    assert to_money(t, DEFAULTS).total_cents == 3249


def test_conversion_rounds_down_once_per_sum_not_per_entry() -> None:
    # 199 single roses are 99.5 cents: rounding each would give 199 * 0 = 0 cents.
    entries = [_entry("gift", diamonds=1) for _ in range(199)]
    assert to_money(totals(entries), DEFAULTS).gift_cents == 99
    assert diamonds_to_cents(1, DEFAULTS) == 0
    assert diamonds_to_cents(200, DEFAULTS) == 100


def test_platform_share_like_point_three_is_exact() -> None:
    share = EarningsSettings(platform_share=0.3)
    assert creator_cents(1000, share) == 700  # not 699 from 0.7000000000000001 or 0.6999…
    assert creator_cents(10**12, share) == 7 * 10**11
    assert creator_cents(999, EarningsSettings(platform_share=0.2)) == 799
    assert creator_cents(999, EarningsSettings(platform_share=0.0)) == 999
    assert creator_cents(999, EarningsSettings(platform_share=1.0)) == 0


def test_negative_diamonds_are_refused_and_taken_back_money_mirrors_its_booking() -> None:
    with pytest.raises(ValueError):
        diamonds_to_cents(-1, DEFAULTS)
    for gross in (1, 999, 4001, 10**9 + 7):
        for share in (0.0, 0.2, 0.5, 1.0):
            settings = EarningsSettings(platform_share=share)
            assert creator_cents(-gross, settings) == -creator_cents(gross, settings)


def test_totals_per_session_keep_off_air_entries_apart() -> None:
    entries = [
        _entry("gift", diamonds=10, session="a"),
        _entry("gift", diamonds=20, session="b"),
        _entry("service", cents=100, session=None),
        _entry("subscription", cents=499, session="a"),
    ]
    per = totals_per_session(entries)
    assert per["a"] == Totals(gift_diamonds=10, gifts=1, subscription_cents=499, subscriptions=1)
    assert per["b"] == Totals(gift_diamonds=20, gifts=1)
    assert per[None] == Totals(service_cents=100, services=1)


def test_totals_per_day_and_week_respect_the_time_zone() -> None:
    # 2024-01-07 is a Sunday; 23:30 UTC is already Monday 2024-01-08 in UTC+2.
    sunday_late_utc = 1_704_670_200_000
    monday_noon_utc = sunday_late_utc + 12 * 3600 * 1000
    dated = [
        (sunday_late_utc, _entry("gift", diamonds=1)),
        (monday_noon_utc, _entry("gift", diamonds=2)),
    ]
    utc_days = totals_per_day(dated)
    assert utc_days == {
        date(2024, 1, 7): Totals(gift_diamonds=1, gifts=1),
        date(2024, 1, 8): Totals(gift_diamonds=2, gifts=1),
    }
    plus_two = timezone(timedelta(hours=2))
    assert totals_per_day(dated, plus_two) == {date(2024, 1, 8): Totals(gift_diamonds=3, gifts=2)}
    assert totals_per_week(dated) == {
        date(2024, 1, 1): Totals(gift_diamonds=1, gifts=1),
        date(2024, 1, 8): Totals(gift_diamonds=2, gifts=1),
    }
    assert totals_per_week(dated, plus_two) == {date(2024, 1, 8): Totals(gift_diamonds=3, gifts=2)}


def test_top_gifters_rank_by_diamonds_then_name() -> None:
    entries = [
        _entry("gift", diamonds=100, user=LEO),
        _entry("gift", diamonds=50, user=MIA),
        _entry("gift", diamonds=50, user=MIA),
        _entry("gift", diamonds=30, user=ZOE),
        _entry("subscription", cents=99_999, user=ZOE),  # not a gift
    ]
    ranked = top_gifters(entries)
    assert [(g.user.name, g.diamonds, g.gifts) for g in ranked] == [
        ("Leo", 100, 1),
        ("Mia", 100, 2),
        ("Zoe", 30, 1),
    ]
    assert len(top_gifters(entries, limit=1)) == 1


def test_top_gifters_show_the_newest_name() -> None:
    renamed = UserRef(id="u1", name="Mia ✨")
    ranked = top_gifters([_entry("gift", diamonds=1), _entry("gift", diamonds=1, user=renamed)])
    assert ranked[0].user == renamed and ranked[0].diamonds == 2


def test_gift_labels_round_trip() -> None:
    assert gift_label("Rose", 1) == "Rose"
    assert gift_label("Rose", 12) == "Rose ×12"
    assert parse_gift_label("Rose ×12") == ("Rose", 12)
    assert parse_gift_label("Hat and Mustache x3") == ("Hat and Mustache", 3)
    assert parse_gift_label("Lion") == ("Lion", 1)
    assert parse_gift_label("×5") == ("×5", 1)
    assert parse_gift_label("12 × Rose") == ("Rose", 12)  # the reference backend's form
    assert parse_gift_label("1 × Hat and Mustache") == ("Hat and Mustache", 1)
    assert parse_gift_label("Lion 2") == ("Lion 2", 1)
    assert parse_gift_label("Box5") == ("Box5", 1)


def test_top_gifts_rank_by_diamonds_with_counts_and_senders() -> None:
    entries = [
        _entry("gift", diamonds=29_999, label="Lion", user=LEO),
        _entry("gift", diamonds=12, label="Rose ×12", user=MIA),
        _entry("gift", diamonds=30, label="Rose ×30", user=LEO),
        _entry("gift", diamonds=30, label="Doughnut", user=MIA),
        _entry("gift", diamonds=3, label="3 × Rose", user=ZOE),
    ]
    ranked = top_gifts(entries)
    assert [(g.name, g.count, g.diamonds, g.senders) for g in ranked] == [
        ("Lion", 1, 29_999, 1),
        ("Rose", 45, 45, 3),
        ("Doughnut", 1, 30, 1),
    ]


def test_payout_progress() -> None:
    settings = EarningsSettings(payout_threshold_usd=10)
    half = payout_progress(500, settings)
    assert (half.fraction, half.remaining_cents, half.reached) == (0.5, 500, False)
    full = payout_progress(1_500, settings)
    assert (full.fraction, full.remaining_cents, full.reached) == (1.0, 0, True)
    assert payout_progress(-5, settings).balance_cents == 0
    assert payout_progress(0, EarningsSettings(payout_threshold_usd=0)).reached


def test_format_cents() -> None:
    assert format_cents(123_456) == "$1,234.56"
    assert format_cents(5, "EUR") == "€0.05"
    assert format_cents(-250) == "-$2.50"
    assert format_cents(100, "CHF") == "1.00 CHF"


# --- properties -------------------------------------------------------------------------

_users = st.sampled_from([MIA, LEO, ZOE])
_entries = st.lists(
    st.one_of(
        st.builds(
            lambda d, u, s: _entry("gift", diamonds=d, user=u, session=s, label="Rose"),
            st.integers(0, 10**7),
            _users,
            st.sampled_from(["a", "b", None]),
        ),
        st.builds(
            lambda c, k, s: _entry(k, cents=c, session=s),
            st.integers(0, 10**7),
            st.sampled_from(["subscription", "service"]),
            st.sampled_from(["a", "b", None]),
        ),
    ),
    max_size=40,
)
_share = st.sampled_from([0.0, 0.2, 0.3, 0.35, 0.5, 0.55, 1.0])


@given(_entries)
def test_totals_equal_the_sum_of_entries(entries: list[LedgerEntry]) -> None:
    t = totals(entries)
    assert t.gift_diamonds == sum(e.diamonds for e in entries if e.kind == "gift")
    assert t.subscription_cents == sum(e.cents for e in entries if e.kind == "subscription")
    assert t.service_cents == sum(e.cents for e in entries if e.kind == "service")
    assert t.entries == len(entries)
    sessions = totals_per_session(entries)
    assert sum(sessions.values(), Totals()) == t
    days = totals_per_day((i * 3_600_000 * 7, e) for i, e in enumerate(entries))
    assert sum(days.values(), Totals()) == t
    weeks = totals_per_week((i * 3_600_000 * 30, e) for i, e in enumerate(entries))
    assert sum(weeks.values(), Totals()) == t
    assert sum(g.diamonds for g in top_gifters(entries, limit=99)) == t.gift_diamonds
    assert sum(g.diamonds for g in top_gifts(entries, limit=99)) == t.gift_diamonds


@given(
    st.integers(0, 10**12),
    st.integers(0, 10**6),
    st.integers(1, 100_000),
    _share,
)
def test_conversion_is_monotonic_and_never_negative(
    amount: int, extra: int, per_usd: int, share: float
) -> None:
    settings = EarningsSettings(diamonds_per_usd=per_usd, platform_share=share)
    low, high = diamonds_to_cents(amount, settings), diamonds_to_cents(amount + extra, settings)
    assert 0 <= low <= high
    assert low <= amount * 100 / per_usd < low + 1
    low, high = creator_cents(amount, settings), creator_cents(amount + extra, settings)
    assert 0 <= low <= high <= amount + extra


@given(_entries, _share)
def test_money_is_never_more_than_gross(entries: list[LedgerEntry], share: float) -> None:
    t = totals(entries)
    money = to_money(t, EarningsSettings(platform_share=share))
    assert money.gift_cents >= 0 and money.subscription_cents >= 0 and money.service_cents >= 0
    assert money.subscription_cents <= t.subscription_cents
    assert money.service_cents <= t.service_cents
    assert money.total_cents == money.gift_cents + money.subscription_cents + money.service_cents


def test_tiktok_live_gifts_count_as_gifts_and_apart_in_every_sum() -> None:
    entries = [
        _entry("gift", diamonds=30, label="Doughnut"),
        _entry("tiktok", diamonds=500, user=LEO, label="1 × Money Gun"),
        _entry("tiktok", diamonds=7, label="7 × Rose"),
    ]
    expected = Totals(gift_diamonds=537, gifts=3, tiktok_diamonds=507, tiktok_gifts=2)
    assert totals(entries) == expected
    assert sum((totals([e]) for e in entries), Totals()) == expected
    assert totals_per_session(entries)["s1"] == expected
    assert [(g.user.name, g.diamonds) for g in top_gifters(entries)] == [("Leo", 500), ("Mia", 37)]
    assert {t.name for t in top_gifts(entries)} == {"Money Gun", "Rose", "Doughnut"}
