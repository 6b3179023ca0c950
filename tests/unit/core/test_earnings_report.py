"""LedgerBook and build_report: grouping per session/day/week, conversion, top lists, payout."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.earnings import EarningsSettings, Totals, to_money
from app.core.earnings_report import (
    OUTSIDE_SESSIONS,
    LedgerBook,
    SessionInfo,
    build_report,
    group_rows,
    totals_from_summary,
)
from app.protocol.codec import ProtocolError
from app.protocol.payloads import LedgerEntry, UserRef

MON = int(datetime(2025, 11, 17, tzinfo=UTC).timestamp() * 1000)  # a Monday, 00:00 UTC
HOUR = 3_600_000
DAY = 24 * HOUR


def entry(
    n: int, kind: str, amount: int, who: int = 1, session: str | None = "ls1", label: str = ""
) -> LedgerEntry:
    return LedgerEntry(
        entry_id=f"l{n}",
        kind=kind,  # type: ignore[arg-type]
        diamonds=amount if kind == "gift" else 0,
        cents=0 if kind == "gift" else amount,
        user=UserRef(id=f"u{who}", name=f"viewer{who}"),
        ref=f"r{n}",
        session_id=session,
        label=label,
    )


def sample_book() -> LedgerBook:
    book = LedgerBook()
    book.add_session(SessionInfo("ls1", "Monday Q&A", MON + 18 * HOUR, MON + 20 * HOUR))
    book.add_session(SessionInfo("ls2", "Thursday build", MON + 3 * DAY + 18 * HOUR))
    rows = [
        (MON + 18 * HOUR + 1, entry(1, "gift", 25, 1, "ls1", "25 × Rose")),
        (
            MON + 18 * HOUR + 2,
            entry(2, "subscription", 499, 2, "ls1", "Below Room tier 1, month 1"),
        ),
        (MON + 19 * HOUR, entry(3, "gift", 29999, 3, "ls1", "1 × Lion")),
        (MON + 2 * DAY, entry(4, "service", 4500, 4, None, "Portfolio review")),
        (MON + 3 * DAY + 18 * HOUR, entry(5, "gift", 10, 1, "ls2", "10 × Rose")),
        (MON + 8 * DAY, entry(6, "service", 2000, 5, "ls1", "Late booking")),
    ]
    for ts, e in reversed(rows):  # arrival order does not matter
        assert book.add(ts, e)
    return book


def test_the_book_keeps_each_line_once_in_time_order() -> None:
    book = sample_book()
    assert not book.add(MON, entry(1, "gift", 999))  # same entry id: a duplicate
    assert len(book) == 6
    assert [e.entry_id for _, e in book.between(None, None)] == [f"l{n}" for n in range(1, 7)]
    assert [e.entry_id for _, e in book.between(MON + DAY, MON + 4 * DAY)] == ["l4", "l5"]
    assert [e.entry_id for _, e in book.of_session("ls1")] == ["l1", "l2", "l3", "l6"]


def test_add_page_reads_an_earnings_ledger_result() -> None:
    book = LedgerBook()
    e = entry(1, "gift", 25)
    result = {
        "entries": [{"ts": MON, "entry": msgspec.to_builtins(e)}],
        "cursor": 1,
        "more": False,
        "sessions": [{"session_id": "ls1", "title": "Q&A", "started_ms": MON, "ended_ms": None}],
    }
    assert book.add_page(result) == 1
    assert book.add_page(result) == 0
    assert book.between(None, None) == [(MON, e)]
    assert book.sessions["ls1"] == SessionInfo("ls1", "Q&A", MON, None)


def test_rows_per_session_day_and_week() -> None:
    book = sample_book()
    settings = EarningsSettings()
    dated = book.between(None, None)
    by_session = group_rows(dated, "session", settings, sessions=book.sessions)
    assert [(r.key, r.title) for r in by_session] == [
        ("ls1", "Monday Q&A"),
        ("ls2", "Thursday build"),
        (OUTSIDE_SESSIONS, ""),
    ]
    assert by_session[0].totals == Totals(30024, 2, 499, 1, 2000, 1)
    by_day = group_rows(dated, "day", settings, fill=(MON, MON + 9 * DAY))
    assert [r.key for r in by_day] == [f"2025-11-{d}" for d in range(17, 26)]  # empty days too
    assert by_day[1].totals == Totals()
    assert by_day[0].start_ms == MON
    by_week = group_rows(dated, "week", settings)
    assert [(r.key, r.totals.entries) for r in by_week] == [("2025-11-17", 5), ("2025-11-24", 1)]
    # Days follow the time zone asked for: 23:00 UTC on Monday is Tuesday in UTC+2.
    late = [(MON + 23 * HOUR, entry(9, "gift", 1))]
    plus2 = timezone(timedelta(hours=2))
    assert group_rows(late, "day", settings, tz=plus2)[0].key == "2025-11-18"


def test_report_totals_equal_the_sum_of_lines_and_convert_with_the_settings() -> None:
    book = sample_book()
    settings = EarningsSettings(diamonds_per_usd=200, platform_share=0.3, payout_threshold_usd=100)
    report = build_report(book, since_ms=None, until_ms=None, grouping="session", settings=settings)
    lines = [e for _, e in book.between(None, None)]
    assert report.totals.gift_diamonds == sum(e.diamonds for e in lines) == 30034
    assert report.totals.subscription_cents == 499
    assert report.totals.service_cents == 6500
    assert sum((r.totals for r in report.rows), Totals()) == report.totals
    # 30034 diamonds / 200 = $150.17; creators keep 70% of $4.99 -> 349 c and of $65 -> 4550 c.
    assert report.money.gift_cents == 15017
    assert report.money.subscription_cents == 349
    assert report.money.service_cents == 4550
    assert report.payout.reached and report.payout.fraction == 1.0
    cheaper = EarningsSettings(diamonds_per_usd=400, platform_share=0.5, payout_threshold_usd=100)
    other = build_report(book, since_ms=None, until_ms=None, grouping="day", settings=cheaper)
    assert other.money.gift_cents == 7508 and other.money.service_cents == 3250
    assert other.totals == report.totals  # the figures never depend on the settings
    assert [g.user.id for g in report.top_gifters] == ["u3", "u1"]
    assert report.top_gifters[1].diamonds == 35
    assert [(t.name, t.count) for t in report.top_gifts] == [("Lion", 1), ("Rose", 35)]


def test_report_of_a_period_or_a_session_with_a_separate_balance() -> None:
    book = sample_book()
    settings = EarningsSettings(payout_threshold_usd=1000)
    week = build_report(
        book, since_ms=MON, until_ms=MON + 7 * DAY, grouping="day", settings=settings
    )
    assert week.entries == 5 and len(week.rows) == 7
    session = build_report(
        book, since_ms=None, until_ms=None, grouping="day", settings=settings, session_id="ls2"
    )
    assert session.totals == Totals(gift_diamonds=10, gifts=1)
    balance = Totals(gift_diamonds=100_000)  # all time, from earnings.summary
    with_balance = build_report(
        book, since_ms=None, until_ms=None, grouping="day", settings=settings, balance=balance
    )
    assert with_balance.payout.balance_cents == 50_000
    assert with_balance.payout.fraction == pytest.approx(0.5)
    assert totals_from_summary(
        {"gift_diamonds": 7, "subscription_cents": 3, "service_cents": 5}
    ) == Totals(gift_diamonds=7, subscription_cents=3, service_cents=5)


amounts = st.lists(
    st.tuples(
        st.sampled_from(["gift", "subscription", "service"]),
        st.integers(0, 10**7),
        st.integers(0, 40 * DAY),
        st.sampled_from(["ls1", "ls2", None]),
    ),
    max_size=40,
)


@given(amounts, st.integers(1, 10_000), st.integers(0, 100))
def test_any_grouping_sums_to_the_whole(lines: list, per_usd: int, share_pct: int) -> None:
    book = LedgerBook()
    for n, (kind, amount, offset, session) in enumerate(lines):
        book.add(MON + offset, entry(n, kind, amount, n % 4, session))
    settings = EarningsSettings(diamonds_per_usd=per_usd, platform_share=share_pct / 100)
    for grouping in ("session", "day", "week"):
        report = build_report(
            book,
            since_ms=None,
            until_ms=None,
            grouping=grouping,
            settings=settings,
        )
        assert sum((r.totals for r in report.rows), Totals()) == report.totals
        assert report.money == to_money(report.totals, settings)
        # Rows round down one by one, so together they are never more than the exact total.
        assert sum(r.money.total_cents for r in report.rows) <= report.money.total_cents


def test_a_line_or_session_that_cannot_be_read_is_refused_by_name_and_the_rest_is_added() -> None:
    book = LedgerBook()
    good, unknown_kind, wrong_type = entry(1, "gift", 25), entry(2, "gift", 5), entry(3, "gift", 7)
    unknown = {**msgspec.to_builtins(unknown_kind), "kind": "tip"}
    wrong = {**msgspec.to_builtins(wrong_type), "diamonds": "7"}
    session = {"session_id": "ls1", "title": "Q&A", "started_ms": MON, "ended_ms": None}
    result = {
        "entries": [
            {"ts": MON + 2, "entry": unknown},
            {"ts": MON + 1, "entry": msgspec.to_builtins(good)},
            {"ts": MON + 3, "entry": wrong},
            {"entry": msgspec.to_builtins(entry(4, "gift", 1))},
            "garbage",
            "garbage",  # unnamed lines count each
        ],
        "cursor": 5,
        "more": False,
        "sessions": [{**session, "started_ms": "soon"}, {**session, "session_id": "ls2"}],
    }
    assert book.add_page(result) == 1
    assert book.between(None, None) == [(MON + 1, good)]
    assert list(book.sessions) == ["ls2"]
    assert book.refused[0].startswith("ledger line 'l2': ") and "`$.entry.kind`" in book.refused[0]
    assert book.refused[1].startswith("ledger line 'l3': ")
    assert "`$.entry.diamonds`" in book.refused[1]
    assert book.refused[2] == "ledger line 'l4': Object missing required field `ts`"
    assert book.refused[3].startswith("a ledger line: Expected `object`")
    assert book.refused[4] == book.refused[3]
    assert book.refused[5].startswith("a live session of the ledger: ")
    assert len(book.refused) == 6
    book.add_page(result)  # read again (a reload): the named ones count once
    assert len(book.refused) == 8
    del book.refused[6:]
    assert book.add_page({"entries": "none", "sessions": None}) == 0
    assert book.refused[6:] == [
        "the ledger's entries: not a list",
        "the ledger's sessions: not a list",
    ]


def test_a_page_whose_cursor_cannot_be_read_stops_the_reading_with_a_clear_error() -> None:
    async def ask(_cmd: object) -> dict[str, object]:
        return {"entries": [], "cursor": "next", "more": True, "sessions": []}

    with pytest.raises(ProtocolError, match="Expected `int`, got `str`"):
        asyncio.run(LedgerBook().read_pages(ask))  # type: ignore[arg-type]
