"""The earnings page over a real Backend's ledger: totals, conversion, live lines, CSV, roles."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from app.client.state import CommandResult
from app.core.earnings import Totals, totals
from app.core.earnings_csv import figures_from_csv, ledger_from_csv
from app.protocol.frames import Error, Event
from app.protocol.payloads import (
    CommandData,
    EarningsLedger,
    EarningsSummary,
    LedgerEntry,
    SendGift,
)
from app.ui.earnings import feature as earnings_feature
from app.ui.earnings import install_earnings
from app.ui.earnings.feature import EarningsFeature, period_range
from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import wait_until
from tests.ui.earnings.week import DAYS, LAST_DAY, Week, feature_for, with_week


async def all_lines(week: Week) -> list[tuple[int, LedgerEntry]]:
    reply = await week.request(EarningsLedger(limit=5000))
    assert reply.ok and reply.result is not None
    return [(r["ts"], msgspec.convert(r["entry"], LedgerEntry)) for r in reply.result["entries"]]


def test_totals_equal_the_sum_of_the_ledger_lines(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        lines = await all_lines(week)
        # The script: its gifts, subscriptions and bookings are all in the ledger, once each.
        assert sum(1 for _, e in lines if e.kind == "gift") == sum(len(d[1]) for d in DAYS)
        assert sum(1 for _, e in lines if e.kind == "subscription") == sum(len(d[2]) for d in DAYS)
        assert sum(1 for _, e in lines if e.kind == "service") == sum(len(d[3]) for d in DAYS)
        feature.set_period("all")
        await asyncio.gather(*feature.tasks)
        report = feature.report
        assert report is not None
        expected = totals(e for _, e in lines)
        assert report.totals == expected
        assert report.totals.gift_diamonds == sum(e.diamonds for _, e in lines)
        assert report.totals.subscription_cents == sum(
            e.cents for _, e in lines if e.kind == "subscription"
        )
        assert report.totals.service_cents == sum(e.cents for _, e in lines if e.kind == "service")
        # Each live session of the script: the view's figures, the lines, and the server's own
        # earnings.summary all agree.
        summary = await week.request(EarningsSummary())
        assert summary.ok and summary.result is not None
        by_session = summary.result["by_session"]
        for session_id in week.session_ids:
            feature.live_session = session_id
            feature.set_period("live")
            own = [e for _, e in lines if e.session_id == session_id]
            assert feature.report is not None and feature.report.totals == totals(own)
            assert feature.report.totals.gift_diamonds == by_session[session_id]["gift_diamonds"]
            assert feature.report.totals.service_cents == by_session[session_id]["service_cents"]
            subs = by_session[session_id]["subscription_cents"]
            assert feature.report.totals.subscription_cents == subs
        feature.live_session = None
        feature.set_period("all")
        # Per session rows add up to the same, and the page shows the total row.
        feature.set_grouping("session")
        assert sum((r.totals for r in feature.report.rows), Totals()) == expected  # type: ignore[union-attr]
        last = feature.page.table_model.rows[-1]
        assert last[0] == "Total" and last[1] == f"{expected.gift_diamonds:,}"
        # The week's days, as the chart shows them (every day, empty ones too).
        feature.set_period("7d")
        feature.set_grouping("day")
        assert len(feature.page.chart.bars) == 7
        assert sum(b.gifts for b in feature.page.chart.bars) <= feature.report.money.gift_cents  # type: ignore[union-attr]

    with_week(qloop, tmp_path, scenario)


def test_conversion_follows_the_settings(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        feature.set_period("12w")
        report = feature.report
        assert report is not None
        diamonds = report.totals.gift_diamonds
        assert report.money.gift_cents == diamonds * 100 // 200
        assert report.money.subscription_cents == report.totals.subscription_cents // 2
        card = feature.page.cards["gifts"].value.text()
        form = feature.page.conversion
        form.per_usd.setValue(100)  # the creator edits the rate on the page
        form.share.setValue(30)
        assert feature.settings.get("earnings_diamonds_per_usd") == 100
        assert feature.settings.get("earnings_platform_share_pct") == 30
        report = feature.report
        assert report is not None
        assert report.money.gift_cents == diamonds  # 100 diamonds per dollar: 1 cent each
        assert report.money.subscription_cents == report.totals.subscription_cents * 7 // 10
        assert report.money.service_cents == report.totals.service_cents * 7 // 10
        assert feature.page.cards["gifts"].value.text() != card
        form.reset.click()
        assert feature.settings.get("earnings_diamonds_per_usd") == 200
        assert feature.report.money.gift_cents == diamonds // 2  # type: ignore[union-attr]
        # Payout progress uses every line, with the threshold from the settings.
        feature.settings.set("earnings_payout_threshold_usd", 100_000)
        payout = feature.report.payout  # type: ignore[union-attr]
        assert not payout.reached and payout.threshold_cents == 10_000_000
        assert "to go" in feature.page.payout_text.text()

    with_week(qloop, tmp_path, scenario)


async def lion_ledger_line(week: Week, combo: str) -> Event:
    """A viewer sends a lion (29,999 diamonds); the creator's ledger line for it."""
    await week.run(week.viewers[0], SendGift(gift_id="lion", combo_id=combo, end=True))
    return [
        e
        for e in week.backend.hub.read("creator", 0, None, 10_000)
        if isinstance(e.data, LedgerEntry)
    ][-1]


def test_live_ledger_lines_update_the_page_once(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        feature.set_period("all")
        await asyncio.gather(*feature.tasks)
        before = feature.report.totals.gift_diamonds  # type: ignore[union-attr]
        new = await lion_ledger_line(week, "late")
        feature.on_events([new, new])  # delivered twice: counted once
        qtbot.waitUntil(lambda: feature.report.totals.gift_diamonds == before + 29999, timeout=3000)  # type: ignore[union-attr]
        await feature.start_load()  # a reconnect reloads from the cursor: still once
        assert feature.report.totals.gift_diamonds == before + 29999  # type: ignore[union-attr]

    with_week(qloop, tmp_path, scenario)


def test_csv_export_round_trips_the_figures(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        feature.set_grouping("session")
        await feature.export("figures", tmp_path / "figures.csv")
        raw = (tmp_path / "figures.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
        assert figures_from_csv(raw.decode("utf-8-sig")) == feature.report.rows  # type: ignore[union-attr]
        await feature.export("ledger", tmp_path / "ledger.csv")
        back = ledger_from_csv((tmp_path / "ledger.csv").read_text(encoding="utf-8-sig"))
        since, until = period_range("7d", LAST_DAY)
        assert [e.entry_id for _, e in back] == [
            e.entry_id for _, e in feature.book.between(since, until)
        ]
        assert "Saved" in feature.page.status.text()

    with_week(qloop, tmp_path, scenario)


def test_a_refused_query_shows_why(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario(week: Week) -> None:
        mod, _ = week.backend.create_account("Sam", "moderator")

        async def as_moderator(cmd: CommandData) -> CommandResult:
            reply = await week.backend.execute(mod, "m1", cmd)
            assert isinstance(reply, Error)
            return CommandResult("m1", False, None, reply.code, reply.message)

        feature = EarningsFeature(
            ConsoleSettings(tmp_path / "s.ini"), as_moderator, today=lambda: LAST_DAY
        )
        qtbot.addWidget(feature.page)
        await feature.start_load()
        assert "moderator" in feature.page.status.text()
        assert feature.report is not None and feature.report.entries == 0

    with_week(qloop, tmp_path, scenario)


def test_moderators_get_no_earnings_page() -> None:
    assert install_earnings(SimpleNamespace(role="moderator")) is None  # type: ignore[arg-type]


def test_periods_are_local_calendar_ranges() -> None:
    today = date(2025, 11, 23)  # a Sunday
    since, until = period_range("7d", today)
    assert datetime.fromtimestamp(since / 1000) == datetime(2025, 11, 17)  # type: ignore[operator]
    assert datetime.fromtimestamp(until / 1000) == datetime(2025, 11, 24)  # type: ignore[operator]
    since, until = period_range("12w", today)
    assert datetime.fromtimestamp(since / 1000).weekday() == 0  # type: ignore[operator]
    assert (until - since) // 86_400_000 in (83, 84, 85)  # type: ignore[operator]
    assert period_range("all", today) == (None, None)
    assert period_range("today", today)[1] - period_range("today", today)[0] in (  # type: ignore[operator]
        82_800_000,
        86_400_000,
        90_000_000,
    )


def test_a_booking_in_another_currency_is_shown_apart_never_converted(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.protocol.payloads import CreateInquiry, SetInquiryStatus, SetServices
    from tests.ui.earnings.week import EUR_LESSON as lesson
    from tests.ui.earnings.week import SERVICE

    async def scenario(week: Week) -> None:
        creator, viewer = week.creator, week.viewers[0]
        await week.backend.execute(creator, "s1", SetServices(services=(SERVICE, lesson)))
        asked = await week.backend.execute(
            viewer, "i1", CreateInquiry(service_id=lesson.id, text="Tuesday?")
        )
        inquiry = asked.result["inquiry_id"]  # type: ignore[union-attr]
        for n, (status, price) in enumerate((("open", None), ("booked", 4000))):
            when = 4_102_444_800_000 if status == "booked" else None  # 2100-01-01
            cmd = SetInquiryStatus(
                inquiry_id=inquiry, status=status, price_cents=price, booked_for_ms=when
            )
            await week.backend.execute(creator, f"b{n}", cmd)
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        lines = await all_lines(week)
        feature.set_period("all")
        await asyncio.gather(*feature.tasks)
        report = feature.report
        assert report is not None
        usd = [e for _, e in lines if e.currency == "USD"]
        assert report.totals == totals(usd)  # the EUR booking is not in the dollar figures
        [eur] = report.other_currencies
        assert (eur.currency, eur.gross_cents, eur.money.total_cents) == ("EUR", 4000, 2000)
        text = feature.page.other_money.text()
        assert not feature.page.other_money.isHidden()
        assert "€20.00 EUR kept of €40.00 EUR gross (1 booking)" in text
        assert "not converted" in text
        screens = Path(__file__).resolve().parents[3] / "artifacts" / "screens"
        screens.mkdir(parents=True, exist_ok=True)
        feature.page.resize(1280, 800)
        feature.page.show()
        assert feature.page.grab().save(str(screens / "earnings-other-currency.png"))

    with_week(qloop, tmp_path, scenario)


def test_a_past_live_opens_from_the_table_with_its_own_top_gifters(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.core.earnings import top_gifters

    async def scenario(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        lines = await all_lines(week)
        feature.set_period("all")
        await asyncio.gather(*feature.tasks)
        feature.set_grouping("session")
        report = feature.report
        assert report is not None
        first = week.session_ids[0]
        row = next(i for i, r in enumerate(report.rows) if r.key == first)
        feature.page.table.doubleClicked.emit(feature.page.table_model.index(row, 0))
        opened = feature.report
        assert opened is not None and feature.period == "live"
        own = [e for _, e in lines if e.session_id == first]
        assert opened.totals == totals(own)
        expected = [(g.user.name, g.diamonds) for g in top_gifters(own)]
        assert [(g.user.name, g.diamonds) for g in opened.top_gifters] == expected
        assert feature.page.period.currentText().startswith("Live: ")
        # Choosing a period again: "This live" is the current or newest live once more.
        feature.page.period.setCurrentIndex(feature.page.period.findData("7d"))
        feature.page.period.setCurrentIndex(feature.page.period.findData("live"))
        assert feature.page.period.currentText() == "This live"
        assert feature.opened_session is None

    with_week(qloop, tmp_path, scenario)


def test_a_ledger_line_the_console_cannot_read_is_counted_and_the_rest_adds_up(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    """A line that did not read (a newer server's kind, a wrong type) stopped the whole load
    half-way: the page said "Loading earnings…" for good and later lines were lost. Now it is
    left out and counted, every other line adds up."""

    async def scenario(week: Week) -> None:
        lines = await all_lines(week)
        spoilt: list[str] = []

        async def spoiling(cmd: CommandData) -> CommandResult:
            result = await week.request(cmd)
            if isinstance(cmd, EarningsLedger) and result.result is not None:
                rows = result.result["entries"]
                if len(rows) >= 2:
                    rows[0]["entry"]["kind"] = "tip"  # a kind this version does not know
                    rows[-1]["entry"]["cents"] = "900"
                    spoilt.extend(r["entry"]["entry_id"] for r in (rows[0], rows[-1]))
            return result

        feature = EarningsFeature(
            ConsoleSettings(tmp_path / "s.ini"), spoiling, today=lambda: LAST_DAY
        )
        qtbot.addWidget(feature.page)
        feature.set_period("all")
        await feature.start_load()
        await asyncio.gather(*feature.tasks)
        assert len(spoilt) >= 2 and feature.loaded
        assert feature.page.status.text() == (
            f"Ledger lines the earnings view could not read: {len(feature.book.refused)}"
            " (kept on the server)"
        )
        assert any("`$.entry.kind`" in reason for reason in feature.book.refused)
        kept = [e for _, e in lines if e.entry_id not in spoilt]
        assert len(feature.book) == len(kept)
        assert feature.report is not None and feature.report.totals == totals(kept)

    with_week(qloop, tmp_path, scenario)


def test_a_hidden_page_rebuilds_its_report_when_shown_not_on_each_gift(
    qloop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Gifts add ledger lines several times a second in a live: with the page on another
    tab the report is rebuilt as the page is shown (before it paints), not on each."""
    built: list[int] = []
    real_build = earnings_feature.build_report

    def counting_build(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(earnings_feature, "build_report", counting_build)

    async def scenario(week: Week) -> None:
        feature = feature_for(qtbot, week, tmp_path)
        await feature.start_load()
        feature.set_period("all")
        await asyncio.gather(*feature.tasks)
        before = feature.report.totals.gift_diamonds  # type: ignore[union-attr]
        built.clear()
        feature.on_events([await lion_ledger_line(week, "hidden")])
        await asyncio.sleep(0.5)  # twice the redraw delay
        assert built == []  # hidden: not rebuilt
        feature.page.show()
        assert built == [1]  # shown: rebuilt before its first paint
        assert feature.report.totals.gift_diamonds == before + 29999  # type: ignore[union-attr]
        feature.on_events([await lion_ledger_line(week, "shown")])
        await wait_until(lambda: len(built) == 2, what="the redraw of a shown page")
        assert feature.report.totals.gift_diamonds == before + 2 * 29999  # type: ignore[union-attr]
        feature.page.hide()
        feature.on_events([await lion_ledger_line(week, "read")])
        await asyncio.sleep(0.5)
        assert len(built) == 2
        # Read while hidden (an export, a test): rebuilt for the reader, once.
        assert feature.report.totals.gift_diamonds == before + 3 * 29999  # type: ignore[union-attr]
        assert feature.report is feature.report and len(built) == 3

    with_week(qloop, tmp_path, scenario)
