"""The inbox against a real backend: viewers' inquiries arrive unread, replies reach the viewer,
status changes reach a second creator window, bookings reach the ledger, moderators get nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.protocol.frames import Error
from app.protocol.payloads import (
    CreateInquiry,
    EarningsSummary,
    GetInquiryThread,
    InquiryMessage,
    InquiryStatusChanged,
    LedgerEntry,
    ListInquiries,
    MintInvite,
)
from app.ui.inbox.listmodel import UNREAD_ROLE
from app.ui.inbox.look import appointment_time
from tests.integration.conftest import raw_client
from tests.ui.inbox.harness import (
    close_console,
    open_console,
    running_desk,
    viewer_client,
    wait_until,
)


def test_a_viewers_inquiry_arrives_unread_and_the_reply_reaches_the_viewer(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            opened = await open_console(desk, "creator")
            feature, window = opened.feature, opened.console.window
            assert feature.page is not None
            flashes: list[int] = []
            opened.console.attention = lambda: flashes.append(1)  # type: ignore[method-assign]
            counts: list[int] = []
            feature.unread_changed.connect(counts.append)
            try:
                async with viewer_client(desk, "Marta") as (viewer, received):
                    asked = await viewer.request(
                        CreateInquiry(service_id="mix", text="Could you listen to my mix?")
                    )
                    inquiry_id = (asked.result or {})["inquiry_id"]
                    await wait_until(lambda: feature.unread_count == 1)
                    assert counts[-1] == 1 and flashes
                    assert window.pages.tabText(window.pages.indexOf(feature.page)) == "Inbox (1)"
                    model = feature.page.model
                    assert model.rowCount() == 1
                    assert model.index(0).data(UNREAD_ROLE) is True
                    item = feature.inbox.items[inquiry_id]
                    assert item.session_title == "Friday night mix" and item.elapsed_s is not None

                    # Open it: read; reply with the keyboard (Enter is a new line).
                    feature.show_inbox()
                    feature.page.select(inquiry_id)
                    await wait_until(lambda: feature.unread_count == 0)
                    await wait_until(lambda: feature.inbox.items[inquiry_id].thread_loaded)
                    box = feature.page.thread_view.composer.box
                    box.setFocus()
                    qtbot.keyClicks(box, "Sure, send it")
                    qtbot.keyClick(box, Qt.Key.Key_Return)
                    qtbot.keyClicks(box, "over!")
                    assert box.toPlainText() == "Sure, send it\nover!"
                    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
                    assert box.toPlainText() == ""

                    def viewer_got_it() -> bool:
                        return any(
                            isinstance(e.data, InquiryMessage)
                            and e.data.author == "creator"
                            and e.data.text == "Sure, send it\nover!"
                            for e in received
                        )

                    await wait_until(viewer_got_it)
                    # Answering a new inquiry opened it, and the viewer's client is told about
                    # statuses it may see only (open is the creator's triage: not sent).
                    await wait_until(lambda: feature.inbox.items[inquiry_id].status == "open")
                    assert not any(isinstance(e.data, InquiryStatusChanged) for e in received)
                    timeline = feature.inbox.items[inquiry_id].timeline()
                    assert [getattr(m, "delivery", "") for m in timeline if hasattr(m, "text")] == [
                        "sent"
                    ]
            finally:
                await close_console(opened)

    qloop.run_until_complete(scenario())


def test_status_changes_sync_to_a_second_window_and_a_booking_reaches_the_ledger(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            first = await open_console(desk, "window-a")
            second = await open_console(desk, "window-b")
            a, b = first.feature, second.feature
            assert a.page is not None and b.page is not None
            try:
                async with viewer_client(desk, "Jo") as (viewer, received):
                    asked = await viewer.request(CreateInquiry(service_id="lesson", text="Tue?"))
                    qid = (asked.result or {})["inquiry_id"]
                    await wait_until(lambda: qid in a.inbox.items and qid in b.inbox.items)
                    a.show_inbox()
                    a.page.select(qid)
                    b.show_inbox()
                    b.page.select(qid)
                    actions = a.page.thread_view.status_actions
                    labels = [button.text() for button in actions.action_buttons()]
                    assert labels == [
                        "Open",
                        "Quote a price…",
                        "Decline",
                        "Close",
                        "Snooze…",
                    ]

                    # Quote 40.00 EUR with the keyboard in window A (Q, type, Enter).
                    a.page.focus_list()
                    qtbot.keyClick(a.page.list, Qt.Key.Key_Q)
                    assert actions.price_panel.isVisible()
                    assert actions.price.suffix() == " EUR"
                    assert actions.price.value() == 35.0  # the listed price, to start from
                    actions.price.setValue(40.0)
                    qtbot.keyClick(actions.price, Qt.Key.Key_Return)
                    await wait_until(lambda: b.status_of(qid) == "quoted")
                    b_item = b.inbox.items[qid]
                    assert b_item.price_cents == 4000

                    def b_labels() -> list[str]:
                        buttons = b.page.thread_view.status_actions.action_buttons()
                        return [x.text() for x in buttons]

                    # Window B's buttons follow the synced status (they refresh on the event).
                    await wait_until(lambda: b_labels()[:1] == ["Book at the quoted price…"])
                    assert b.page.thread_view.price.text() == "€40.00"

                    # Book it in window B: nothing is booked until a date and time is picked.
                    b_actions = b.page.thread_view.status_actions
                    b_actions.action_buttons()[0].click()
                    assert b_actions.when.isVisible() and not b_actions.price.isVisible()
                    await asyncio.sleep(0.2)
                    assert a.status_of(qid) == "quoted"
                    tuesday = QDateTime(QDate.currentDate().addDays(2), QTime(18, 30))
                    b_actions.when.setDateTime(tuesday)
                    b_actions.price_ok.click()
                    # Both windows and the ledger see the booking, with its date.
                    await wait_until(lambda: a.status_of(qid) == "booked")
                    await wait_until(lambda: bool(a.inbox.items[qid].bookings))
                    assert a.inbox.items[qid].booked_for_ms == tuesday.toMSecsSinceEpoch()
                    [booking] = a.inbox.items[qid].bookings.values()
                    assert booking.cents == 4000
                    a.refresh()

                    def texts(name: str) -> list[str]:
                        assert a.page is not None
                        labels = a.page.thread_view.timeline.findChildren(QLabel)
                        return [x.text() for x in labels if x.objectName() == name]

                    when = appointment_time(tuesday.toMSecsSinceEpoch())
                    assert "18:30" in when
                    booking_texts = texts("threadBooking")
                    assert booking_texts and "€40.00" in booking_texts[0]
                    assert when in booking_texts[0]  # the earnings line says for when
                    assert any(f"Booked for {when}" in t for t in texts("threadStep"))
                    assert when in a.page.thread_view.price.text()

                    # Move it to Thursday from window A: same price, no second ledger line.
                    a_actions = a.page.thread_view.status_actions
                    assert [x.text() for x in a_actions.action_buttons()] == [
                        "Mark completed",
                        "Move booking…",
                        "Close",
                    ]
                    a_actions.action_buttons()[1].click()
                    assert a_actions.when.dateTime() == tuesday  # starts from the booking
                    thursday = tuesday.addDays(2)
                    a_actions.when.setDateTime(thursday)
                    qtbot.keyClick(a_actions.when, Qt.Key.Key_Return)
                    await wait_until(
                        lambda: b.inbox.items[qid].booked_for_ms == thursday.toMSecsSinceEpoch()
                    )
                    a.refresh()
                    moved = appointment_time(thursday.toMSecsSinceEpoch())
                    await wait_until(
                        lambda: any(f"Booking moved to {moved}" in t for t in texts("threadStep"))
                    )
                    assert len(a.inbox.items[qid].bookings) == 1
                    summary = await first.console.client.request(EarningsSummary())
                    # The lesson is priced in EUR: summed apart from the USD figures, never
                    # converted or added to them.
                    assert summary.ok and summary.result is not None
                    assert summary.result["currency"] == "USD"
                    assert summary.result["service_cents"] == 0
                    eur = summary.result["other_currencies"]["EUR"]
                    assert (eur["service_cents"], eur["entries"]) == (4000, 1)
                    ledger = [
                        e.data
                        for e in desk.backend.hub.read("creator", 0, None, 1000)
                        if isinstance(e.data, LedgerEntry)
                    ]
                    assert [(e.kind, e.cents, e.currency, e.ref) for e in ledger] == [
                        ("service", 4000, "EUR", qid)
                    ]

                    def viewer_statuses() -> list[str]:
                        return [
                            e.data.status
                            for e in received
                            if isinstance(e.data, InquiryStatusChanged)
                        ]

                    await wait_until(lambda: viewer_statuses() == ["quoted", "booked", "booked"])
                    # A refused move shows why, in the window that tried it.
                    a.set_status(qid, "quoted", 100, None)
                    await wait_until(
                        lambda: (
                            a.page is not None
                            and a.page.thread_view.status_actions.error.isVisible()
                        )
                    )
                    assert "booked" in a.page.thread_view.status_actions.error.text()
            finally:
                await close_console(second)
                await close_console(first)

    qloop.run_until_complete(scenario())


def test_a_moderator_is_refused_the_inbox_and_gets_no_inbox_page(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            minted = await desk.backend.execute(desk.creator, "mint", MintInvite(label="Sam"))
            code = (getattr(minted, "result", None) or {})["code"]
            _moderator, mod_token = desk.backend.redeem_invite(code, "Sam")
            async with raw_client(desk.url, mod_token) as raw:
                assert raw.ready is not None and "creator" not in raw.ready.heads
                assert raw.ready.snapshot.profile is None
                for cmd in (ListInquiries(), GetInquiryThread(inquiry_id="q")):
                    reply, _events = await raw.command(cmd)
                    assert isinstance(reply, Error) and reply.code == "forbidden"
            opened = await open_console(desk, "mod", token=mod_token, role="moderator")
            try:
                window = opened.console.window
                assert opened.feature.page is None and opened.feature.bio_page is None
                titles = [window.pages.tabText(i) for i in range(window.pages.count())]
                assert not any("Inbox" in t or "Service" in t for t in titles)
                await asyncio.sleep(0.1)
                assert opened.feature.unread_count == 0
            finally:
                await close_console(opened)

    qloop.run_until_complete(scenario())
