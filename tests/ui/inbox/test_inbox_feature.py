"""The inbox feature in a real console: history on start, read marks kept on this device, snooze,
filters, quick replies with live data, and the service bio and profile saved through the backend."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.inbox_read import READ_MARKS_KEY, ReadMarks
from app.protocol.payloads import (
    CreateInquiry,
    CreatorProfile,
    ProfileChanged,
    ReplyInquiry,
    SetInquiryStatus,
)
from tests.ui.inbox.harness import (
    SERVICES,
    close_console,
    open_console,
    running_desk,
    viewer_client,
    wait_until,
)


def test_history_read_marks_and_snooze_survive_a_restart(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            async with viewer_client(desk, "Ada") as (viewer, _):
                ids = []
                for service, text in (("mix", "first"), ("lesson", "second"), ("print", "third")):
                    asked = await viewer.request(CreateInquiry(service_id=service, text=text))
                    ids.append((asked.result or {})["inquiry_id"])
                await viewer.request(ReplyInquiry(inquiry_id=ids[0], text="follow-up"))
            await desk.backend.execute(
                desk.creator, "decline", SetInquiryStatus(inquiry_id=ids[2], status="declined")
            )

            opened = await open_console(desk, "creator")
            feature = opened.feature
            assert feature.page is not None
            page = feature.page
            try:
                # Made before the console started: from inquiry.list, all unread.
                await wait_until(lambda: len(feature.inbox.items) == 3)
                await wait_until(lambda: feature.unread_count == 3)
                assert feature.inbox.items[ids[0]].message_count == 1
                feature.show_inbox()
                feature.refresh()
                listed = [page.model.item_at(r) for r in range(page.model.rowCount())]
                assert [i.inquiry_id for i in listed if i] == [
                    ids[0],
                    ids[2],
                    ids[1],
                ]  # newest first

                # Filters from the page's own widgets.
                page.view_combo.setCurrentIndex(page.view_combo.findData("declined"))
                assert page.model.rowCount() == 1
                page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
                page.service_combo.setCurrentIndex(page.service_combo.findData("lesson"))
                assert page.model.rowCount() == 1
                page.service_combo.setCurrentIndex(0)
                page.search.setText("FOLLOW")  # replies are searched too
                assert page.model.rowCount() == 1
                page.search.setText("")
                page.select(ids[0])
                await wait_until(lambda: feature.inbox.items[ids[0]].thread_loaded)

                # Read one, mark another unread after reading, snooze the third.
                await wait_until(lambda: feature.unread_count == 2)
                page.select(ids[1])
                await wait_until(lambda: feature.unread_count == 1)
                page.focus_list()
                qtbot.keyClick(page.list, Qt.Key.Key_U)
                assert feature.unread_count == 2
                feature.refresh()
                assert feature.unread_count == 2  # still open, but kept unread
                page.select(ids[0])
                actions = page.thread_view.status_actions
                qtbot.keyClick(page.list, Qt.Key.Key_Z)
                actions.preset_buttons[1].click()  # 1 hour
                await wait_until(lambda: feature.status_of(ids[0]) == "snoozed")
                page.view_combo.setCurrentIndex(page.view_combo.findData("active"))
                shown = {page.model.item_at(r).inquiry_id for r in range(page.model.rowCount())}  # type: ignore[union-attr]
                assert ids[0] not in shown and ids[1] in shown
                page.view_combo.setCurrentIndex(page.view_combo.findData("snoozed"))
                assert page.model.rowCount() == 1
            finally:
                await close_console(opened)

            # The same device later: marks came back from the local store.
            saved = ReadMarks.from_json(_kv(opened.store.path))
            mark = saved.get(ids[1])
            assert mark is not None and mark.marked_unread
            again = await open_console(desk, "creator")
            try:
                await wait_until(lambda: len(again.feature.inbox.items) == 3)
                await wait_until(lambda: again.feature.unread_count == 2)
                unread = {
                    i
                    for i, item in again.feature.inbox.items.items()
                    if again.feature.inbox.is_unread(item, 0)
                }
                assert ids[1] in unread and ids[2] in unread
            finally:
                await close_console(again)

    qloop.run_until_complete(scenario())


def _kv(path: Path) -> str | None:
    import sqlite3

    with sqlite3.connect(path) as db:
        row = db.execute("SELECT value FROM kv WHERE key = ?", (READ_MARKS_KEY,)).fetchone()
    return None if row is None else str(row[0])


def test_an_inquiry_the_console_cannot_read_is_named_and_the_others_still_show(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            async with viewer_client(desk, "Ada") as (viewer, _):
                ids = []
                for service in ("mix", "lesson", "print"):
                    asked = await viewer.request(CreateInquiry(service_id=service, text="Hi"))
                    ids.append((asked.result or {})["inquiry_id"])
            # In the server's database: a status this console does not know (a newer server's)
            # for the second, a change the console hears of only from the list for the first
            # (listed after the second: newest first).
            with contextlib.closing(sqlite3.connect(desk.root / "server" / "server.db")) as db:
                db.execute("UPDATE inquiries SET status = 'lost' WHERE id = ?", (ids[1],))
                db.execute(
                    "UPDATE inquiries SET status = 'open', updated_ms = updated_ms + 1000 "
                    "WHERE id = ?",
                    (ids[0],),
                )
                db.commit()

            opened = await open_console(desk, "creator")
            feature = opened.feature
            problem = opened.console.window.session_bar.problem
            try:
                await wait_until(lambda: problem.isVisibleTo(opened.console.window))
                items = feature.inbox.items
                await wait_until(lambda: len(items) == 3)  # the third from its event
                assert [items[i].status for i in ids] == ["open", "new", "new"]
                assert problem.text() == (
                    "Inquiries the inbox could not read: 1 (kept on the server)"
                )
                assert f"inquiry {ids[1]!r} could not be read" in caplog.text
                assert "`$.status`" in caplog.text
            finally:
                await close_console(opened)

    qloop.run_until_complete(scenario())


def test_a_thread_message_the_console_cannot_read_is_named_and_the_rest_still_shows(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            async with viewer_client(desk, "Ada") as (viewer, _):
                asked = await viewer.request(CreateInquiry(service_id="mix", text="Hi"))
                inquiry = (asked.result or {})["inquiry_id"]
                for text in ("first", "second", "third"):
                    await viewer.request(ReplyInquiry(inquiry_id=inquiry, text=text))
            # In the server's database: an author this console does not know (a newer
            # server's) on the second reply.
            with contextlib.closing(sqlite3.connect(desk.root / "server" / "server.db")) as db:
                db.execute("UPDATE inquiry_messages SET author = 'assistant' WHERE text = 'second'")
                db.commit()

            opened = await open_console(desk, "creator")
            feature = opened.feature
            problem = opened.console.window.session_bar.problem
            try:
                items = feature.inbox.items
                await wait_until(lambda: inquiry in items)
                feature._selection_changed(inquiry)  # the creator opens it: its thread loads
                await wait_until(lambda: items[inquiry].thread_loaded)
                # The rest of the thread merged; the second is there from its own event.
                texts = sorted(m.text for m in items[inquiry].messages.values())
                assert texts == ["first", "second", "third"]
                await wait_until(lambda: problem.isVisibleTo(opened.console.window))
                assert problem.text() == (
                    "Parts of an inquiry's thread the inbox could not read: 1 (kept on the server)"
                )
                assert f"a message of inquiry {inquiry!r}" in caplog.text
                assert "`$.author`" in caplog.text
            finally:
                await close_console(opened)

    qloop.run_until_complete(scenario())


def test_quick_reply_uses_the_live_inquiry_and_the_bio_saves_for_everyone(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path) as desk:
            desk.backend.set_profile(CreatorProfile(followers=640, adult_confirmed=False))
            first = await open_console(desk, "window-a")
            second = await open_console(desk, "window-b")
            a, b = first.feature, second.feature
            assert a.page is not None and a.bio_page is not None and b.bio_page is not None
            try:
                # Not eligible: the inbox says why and links to the bio.
                await wait_until(lambda: a.page is not None and not a.page.banner.isHidden())
                assert "1,000" in a.page.banner_text.text()
                async with viewer_client(desk, "Marta") as (viewer, _):
                    asked = await viewer.request(CreateInquiry(service_id="mix", text="Price?"))
                    qid = (asked.result or {})["inquiry_id"]
                await wait_until(lambda: qid in a.inbox.items)
                a.show_inbox()
                a.page.select(qid)
                box = a.page.thread_view.composer.box
                box.setFocus()
                qtbot.keyClicks(box, "/price")
                qtbot.keyClick(box, Qt.Key.Key_Tab)
                assert (
                    box.toPlainText()
                    == "Hi Marta! Mix feedback on your track is $25.00. Shall I book you in?"
                )

                # The creator confirms their age in window A; window B hears of it.
                a.show_bio()
                a.bio_page.eligibility.adult.setChecked(True)
                await wait_until(lambda: b.profile is not None and b.profile.adult_confirmed)
                assert b.bio_page.eligibility.adult.isChecked()
                marks = [m.text() for m, _t, _d in b.bio_page.eligibility.marks]
                assert marks == ["✓", "✗", "✓", "•"]  # 640 followers is still too few
                profile_events = [
                    e
                    for e in desk.backend.hub.read("creator", 0, None, 1000)
                    if isinstance(e.data, ProfileChanged)
                ]
                assert profile_events[-1].data.profile.adult_confirmed  # type: ignore[union-attr]

                # A new service, saved in A: the backend, B, and B's service filter have it.
                bio = a.bio_page
                bio.add_button.click()
                bio.title.setText("Cover art review")
                bio.title.textEdited.emit("Cover art review")
                bio.license.setChecked(True)
                bio.save_button.click()
                await wait_until(lambda: len(desk.backend.services()) == len(SERVICES) + 1)
                await wait_until(lambda: "Saved" in bio.state.text())
                await wait_until(lambda: len(b.services) == len(SERVICES) + 1)
                assert b.bio_page.list.count() == len(SERVICES) + 1
                assert not b.bio_page.draft.dirty and not bio.draft.dirty
                assert b.page is not None
                assert b.page.service_combo.findText("Cover art review") >= 0
                new = desk.backend.services()[-1]
                assert msgspec.to_builtins(new)["category"] == "consulting"
                await asyncio.sleep(0)
            finally:
                await close_console(second)
                await close_console(first)

    qloop.run_until_complete(scenario())


def test_render_writes_the_inbox_and_bio_in_both_themes(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    from tests.ui.inbox.render_inbox import render

    written = qloop.run_until_complete(render(tmp_path))
    assert sorted(p.name for p in written) == [
        "inbox-dark.png",
        "inbox-light.png",
        "servicebio-dark.png",
        "servicebio-light.png",
    ]
    light, dark = (
        QImage(str(tmp_path / "inbox-light.png")),
        QImage(str(tmp_path / "inbox-dark.png")),
    )
    assert light.width() >= 1000 and light.pixelColor(700, 700) != dark.pixelColor(700, 700)
