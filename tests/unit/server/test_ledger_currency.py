"""Ledger lines carry their currency: a booking in EUR is summed apart, never added to USD."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.earnings import TIER_PRICE_CENTS
from app.protocol.payloads import (
    CreateInquiry,
    EarningsLedger,
    EarningsSummary,
    SetInquiryStatus,
    SetServices,
    StartLive,
    Subscribe,
)
from app.server import ledger_table
from tests.ui.earnings.week import EUR_LESSON
from tests.unit.server.world import World, ledger_entries, run_world

BOOKED_FOR = 4_102_444_800_000  # a booking's appointment: 2100-01-01, always ahead

LESSON = EUR_LESSON


async def book(s: World, price_cents: int) -> str:
    asked = await s.ok(s.viewer, CreateInquiry(service_id=LESSON.id, text="a lesson?"))
    inquiry = asked["inquiry_id"]
    await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="open"))
    await s.ok(
        s.creator,
        SetInquiryStatus(
            inquiry_id=inquiry, status="booked", price_cents=price_cents, booked_for_ms=BOOKED_FOR
        ),
    )
    return str(inquiry)


def test_a_booking_is_in_its_services_currency_and_summed_apart(tmp_path: Path) -> None:
    async def scenario(s: World) -> None:
        await s.ok(s.creator, SetServices(services=(LESSON,)))
        live = await s.ok(s.creator, StartLive(title="Lesson night"))
        await s.ok(s.other, Subscribe(tier=1))
        inquiry = await book(s, 4000)
        page = ledger_entries(await s.ok(s.creator, EarningsLedger()))
        money = {(e.kind, e.cents, e.currency, e.ref) for _, e in page if e.kind != "gift"}
        assert ("service", 4000, "EUR", inquiry) in money
        assert any(k == "subscription" and cur == "USD" for k, _, cur, _ in money)

        summary = await s.ok(s.creator, EarningsSummary())
        assert summary["currency"] == "USD"
        assert summary["subscription_cents"] == TIER_PRICE_CENTS[1]
        assert summary["service_cents"] == 0  # EUR is not USD
        assert summary["other_currencies"] == {
            "EUR": {"subscription_cents": 0, "service_cents": 4000, "entries": 1}
        }
        session = summary["by_session"][live["session_id"]]
        assert session["other_currencies"]["EUR"]["service_cents"] == 4000
        assert summary["entries"] == 2

    run_world(tmp_path, scenario)


def test_an_older_ledger_table_is_upgraded_and_its_lines_read_as_usd(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "old.db")
    db.executescript(
        """
        CREATE TABLE ledger (
            entry_id TEXT PRIMARY KEY, kind TEXT NOT NULL, diamonds INTEGER NOT NULL,
            cents INTEGER NOT NULL, user TEXT NOT NULL, user_id TEXT NOT NULL, ref TEXT NOT NULL,
            session_id TEXT, label TEXT NOT NULL, ts_ms INTEGER NOT NULL);
        INSERT INTO ledger VALUES ('l1', 'service', 0, 2500, '{"id":"u1","name":"Vic"}',
            'u1', 'q1', NULL, 'Review', 1000);
        """
    )
    ledger_table.create_or_upgrade(db)
    ledger_table.create_or_upgrade(db)  # again: nothing to do, no error
    [(_, _, entry)], more = ledger_table.page(db, None, None, None, 0, 10)
    assert (entry.cents, entry.currency, more) == (2500, "USD", False)
    summary = ledger_table.summary(db, None, None)
    assert (summary["service_cents"], summary["other_currencies"]) == (2500, {})
    db.close()


def test_a_cancelled_booking_is_taken_back_once_and_a_new_booking_counts_again(
    tmp_path: Path,
) -> None:
    async def scenario(s: World) -> None:
        await s.ok(s.creator, SetServices(services=(LESSON,)))
        inquiry = await book(s, 4000)
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="closed"))
        lines = [e for _, e in ledger_entries(await s.ok(s.creator, EarningsLedger()))]
        assert [(e.cents, e.currency, e.ref) for e in lines] == [
            (4000, "EUR", inquiry),
            (-4000, "EUR", inquiry),
        ]
        summary = await s.ok(s.creator, EarningsSummary())
        assert summary["other_currencies"]["EUR"]["service_cents"] == 0

        # Reopened and booked again at a new price: that booking counts, once.
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="open"))
        await s.ok(
            s.creator,
            SetInquiryStatus(
                inquiry_id=inquiry, status="booked", price_cents=3000, booked_for_ms=BOOKED_FOR
            ),
        )
        summary = await s.ok(s.creator, EarningsSummary())
        assert summary["other_currencies"]["EUR"]["service_cents"] == 3000
        # Completed: nothing more is written; closing a completed job takes nothing back.
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="completed"))
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="open"))
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="closed"))
        summary = await s.ok(s.creator, EarningsSummary())
        assert summary["other_currencies"]["EUR"]["service_cents"] == 3000
        assert len(ledger_entries(await s.ok(s.creator, EarningsLedger()))) == 3

    run_world(tmp_path, scenario)


def test_cancelling_a_follow_up_booking_leaves_the_completed_job_counted(tmp_path: Path) -> None:
    async def scenario(s: World) -> None:
        await s.ok(s.creator, SetServices(services=(LESSON,)))
        inquiry = await book(s, 4000)
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="completed"))
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="open"))
        await s.ok(
            s.creator,
            SetInquiryStatus(
                inquiry_id=inquiry, status="booked", price_cents=1000, booked_for_ms=BOOKED_FOR
            ),
        )
        await s.ok(s.creator, SetInquiryStatus(inquiry_id=inquiry, status="closed"))
        lines = [e.cents for _, e in ledger_entries(await s.ok(s.creator, EarningsLedger()))]
        assert lines == [4000, 1000, -1000]  # only the cancelled follow-up is taken back
        summary = await s.ok(s.creator, EarningsSummary())
        assert summary["other_currencies"]["EUR"]["service_cents"] == 4000

    run_world(tmp_path, scenario)
