"""Inbox widgets on their own: literal user text, allowed status moves, keys, quick replies, bio."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from app.core import quick_replies as qr
from app.core.inbox import Inbox, InboxFilter
from app.core.inquiries import ALL_STATUSES, TRANSITIONS
from app.protocol.frames import Event
from app.protocol.payloads import (
    CreatorProfile,
    InquiryCreated,
    InquiryMessage,
    InquiryStatus,
    Service,
    UserRef,
)
from app.ui.inbox.composer import Composer
from app.ui.inbox.listmodel import InboxListModel, InboxRowDelegate
from app.ui.inbox.look import STATUS_COLORS
from app.ui.inbox.page import InboxPage
from app.ui.inbox.quickreplies import QuickRepliesEditor
from app.ui.inbox.servicebio import ServiceBioPage
from app.ui.inbox.statusactions import actions_for
from app.ui.theme import contrast_ratio

MARKUP = "<b>x</b><img src=y>"
T0 = int(time.time() * 1000) - 60_000
MIX = Service(
    id="mix",
    title="Mix feedback",
    category="consulting",
    price_cents=2500,
    license_free_confirmed=True,
)


def focused(widget: QWidget) -> bool:
    return widget.window().focusWidget() is widget


def inbox_with(*texts: str, name: str = "Vic") -> Inbox:
    inbox = Inbox()
    events = [
        Event(
            ch="creator",
            seq=i + 1,
            id=f"e{i}",
            ts=T0 + i,
            data=InquiryCreated(
                inquiry_id=f"q{i}",
                user=UserRef(id=f"u{i}", name=name),
                service_id="mix",
                service_title="Mix feedback",
                text=text,
                session_id="s1",
                elapsed_s=754,
            ),
        )
        for i, text in enumerate(texts)
    ]
    inbox.apply(events)
    return inbox


def filled_page(qtbot: QtBot, inbox: Inbox) -> InboxPage:
    page = InboxPage()
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    now = int(time.time() * 1000)
    page.show_rows(inbox.visible(InboxFilter("all"), now), frozenset(inbox.items), now)
    return page


def paint_row(inbox: Inbox) -> QImage:
    model = InboxListModel()
    now = int(time.time() * 1000)
    model.set_rows(list(inbox.items.values()), frozenset(), now)
    delegate = InboxRowDelegate()
    image = QImage(480, 90, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 480, 90)
    delegate.paint(painter, option, model.index(0))
    painter.end()
    return image


def test_markup_in_a_row_is_painted_as_typed(qapp: QApplication) -> None:
    # Rendered as HTML both would show a bold "x" and a broken image: the same pixels.
    literal_y = paint_row(inbox_with(MARKUP, name="<i>Vic</i>"))
    literal_z = paint_row(inbox_with(MARKUP.replace("src=y", "src=z"), name="<i>Vic</i>"))
    assert literal_y != literal_z
    model = InboxListModel()
    model.set_rows(list(inbox_with(MARKUP).items.values()), frozenset(), 0)
    assert MARKUP in model.index(0).data(Qt.ItemDataRole.DisplayRole)


def test_markup_in_a_thread_is_shown_literally(qtbot: QtBot) -> None:
    inbox = inbox_with(MARKUP, name="<b>Bold</b> name")
    message = InquiryMessage(
        inquiry_id="q0",
        message_id="m1",
        author="viewer",
        user=UserRef(id="u0", name="x"),
        text=MARKUP + " 2",
    )
    inbox.apply([Event(ch="creator", seq=9, id="e9", ts=T0 + 5, data=message)])
    page = filled_page(qtbot, inbox)
    page.show_thread(inbox.items["q0"], MIX, int(time.time() * 1000))
    labels = page.thread_view.findChildren(QLabel)
    shown = {label.text(): label for label in labels}
    assert MARKUP in shown and MARKUP + " 2" in shown and "<b>Bold</b> name" in shown
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    bubble = shown[MARKUP]
    before = bubble.grab().toImage()
    bubble.setText(MARKUP.replace("src=y", "src=z"))
    assert bubble.grab().toImage() != before  # the letters are painted, not an image


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_buttons_offer_exactly_the_allowed_moves(status: InquiryStatus) -> None:
    item = inbox_with("hi").items["q0"]
    item.status = status
    item.price_cents = 900 if status == "quoted" else None
    actions = actions_for(item)
    assert {a.status for a in actions} == set(TRANSITIONS[status])
    assert len(actions) == len({a.status for a in actions})
    assert all(a.needs == "price" for a in actions if a.status == "quoted")
    assert all(a.needs == "snooze" for a in actions if a.status == "snoozed")


@pytest.mark.parametrize("status", sorted(STATUS_COLORS))
def test_status_chips_are_readable(status: str) -> None:
    assert contrast_ratio(QColor(STATUS_COLORS[status]), QColor("white")) >= 4.5


def test_reply_box_keys_and_quick_replies(qtbot: QtBot) -> None:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.show()
    box = composer.box
    box.fields = lambda: {"name": "Marta", "service": "Mix feedback", "price": "$25.00"}
    composer.set_recipient("Marta")
    assert "Ctrl+Enter" in box.placeholderText() and "/price" in box.placeholderText()
    box.setFocus()
    qtbot.keyClicks(box, "Hello ")
    qtbot.keyClicks(box, "/pr")
    assert "/price" in composer.hint.text() and "Marta" in composer.hint.text()
    qtbot.keyClicks(box, "ice")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == "Hello Hi Marta! Mix feedback is $25.00. Shall I book you in?"
    assert focused(box)  # Tab expanded instead of moving on
    box.undo()
    assert box.toPlainText() == "Hello /price"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.toPlainText() == "Hello /price\n"
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(box, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert sent.args == ["Hello /price"]
    assert box.toPlainText() == ""
    with qtbot.waitSignal(box.escape_pressed):
        qtbot.keyClick(box, Qt.Key.Key_Escape)


def test_keyboard_moves_through_the_list_and_acts_on_the_thread(qtbot: QtBot) -> None:
    inbox = inbox_with("first", "second", "third")
    page = filled_page(qtbot, inbox)
    opened: list[str] = []
    page.selection_changed.connect(opened.append)

    def show_selected(inquiry_id: str) -> None:
        page.show_thread(inbox.items[inquiry_id], MIX, int(time.time() * 1000))

    page.selection_changed.connect(show_selected)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # window shortcuts (Ctrl+Up) need an active window
    page.focus_list()
    assert opened == []  # focusing the list opens nothing by itself
    qtbot.keyClick(page, Qt.Key.Key_J)
    qtbot.keyClick(page.list, Qt.Key.Key_J)
    qtbot.keyClick(page.list, Qt.Key.Key_K)
    qtbot.keyClick(page.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["q2", "q1", "q2", "q1"]  # newest first
    qtbot.keyClick(page.list, Qt.Key.Key_R)
    assert focused(page.thread_view.composer.box)
    qtbot.keyClick(
        page.thread_view.composer.box, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
    )
    assert opened[-1] == "q2"  # Ctrl+Up works while typing a reply
    qtbot.keyClick(page.thread_view.composer.box, Qt.Key.Key_Escape)
    assert focused(page.list)
    with qtbot.waitSignal(page.mark_unread_requested) as unread:
        qtbot.keyClick(page.list, Qt.Key.Key_U)
    assert unread.args == ["q2"]
    qtbot.keyClick(page.list, Qt.Key.Key_Slash)
    assert focused(page.search)
    page.focus_list()

    actions = page.thread_view.status_actions
    qtbot.keyClick(page.list, Qt.Key.Key_Z)
    assert actions.snooze_panel.isVisible()
    with qtbot.waitSignal(page.status_requested) as snoozed:
        actions.preset_buttons[0].click()  # 30 min
    inquiry_id, status, price, until = snoozed.args
    assert (inquiry_id, status, price) == ("q2", "snoozed", None)
    assert 29 * 60_000 < until - time.time() * 1000 <= 30 * 60_000 + 1000

    menu = actions.open_menu()
    try:
        assert [a.text() for a in menu.actions()] == [
            a.label for a in actions_for(inbox.items["q2"])
        ]
    finally:
        menu.close()
    assert actions.open_menu() is menu  # one menu, filled afresh each time
    menu.close()


def test_empty_states_say_what_to_expect(qtbot: QtBot) -> None:
    page = filled_page(qtbot, Inbox())
    assert page.list_stack.currentWidget() is page.list_empty
    assert page.thread_stack.currentWidget() is page.thread_empty
    assert "J / K" in page.thread_empty.text()


def test_quick_replies_editor_checks_then_saves(qtbot: QtBot) -> None:
    editor = QuickRepliesEditor(qr.DEFAULT_QUICK_REPLIES)
    qtbot.addWidget(editor)
    editor.show()
    editor.codes.setCurrentRow(0)
    editor.code.setText("Pr ice")
    editor.code.textEdited.emit("Pr ice")
    editor._save()
    assert "/pr ice" in editor.problems.text()
    editor.code.setText("hours")
    editor.code.textEdited.emit("hours")
    editor.text.setPlainText("I'm live Mondays 8 pm.")
    with qtbot.waitSignal(editor.saved) as saved:
        editor._save()
    [replies] = saved.args
    assert replies[0] == qr.QuickReply("hours", "I'm live Mondays 8 pm.")
    assert len(replies) == len(qr.DEFAULT_QUICK_REPLIES)


def test_service_bio_edits_checks_and_saves(qtbot: QtBot) -> None:
    page = ServiceBioPage()
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.set_profile(CreatorProfile(followers=None, adult_confirmed=False))
    page.set_services((MIX,))
    panel = page.eligibility
    assert not panel.eligible
    marks = [mark.text() for mark, _t, _d in panel.marks]
    assert marks == ["✗", "?", "✓", "•"]
    assert any("follower count" in r for r in panel.reasons())

    page._add()
    assert page.list.count() == 2 and focused(page.title)
    page.title.setText("Voice <i>coaching</i>")
    page.title.textEdited.emit(page.title.text())
    page.on_request.setChecked(True)
    assert not page.price.isEnabled()
    assert [m.text() for m, _t, _d in panel.marks][2] == "✗"
    assert "Voice <i>coaching</i>" in panel.marks[2][2].text()
    assert page.state.text() == "Unsaved changes."
    page.license.setChecked(True)
    with qtbot.waitSignal(page.save_requested) as saved:
        page.save_button.click()
    [services] = saved.args
    assert [(s.title, s.price_cents, s.license_free_confirmed) for s in services] == [
        ("Mix feedback", 2500, True),
        ("Voice <i>coaching</i>", None, True),
    ]
    page.set_services(services)  # the server's services.changed
    page.save_finished(True)
    assert not page.draft.dirty and not page.revert_button.isEnabled()

    with qtbot.waitSignal(panel.adult_changed) as adult:
        panel.adult.setChecked(True)
    assert adult.args == [True]
    page.set_profile(CreatorProfile(followers=12_400, adult_confirmed=True))
    assert panel.eligible and panel.verdict.text() == "You can offer Service+."


def test_service_bio_keeps_unsaved_edits_when_the_server_changes(qtbot: QtBot) -> None:
    page = ServiceBioPage()
    qtbot.addWidget(page)
    page.set_services((MIX,))
    page.title.setText("Mix notes")
    page.title.textEdited.emit("Mix notes")
    other = Service(id="x", title="Other", category="shop_offer")
    page.set_services((MIX, other))
    assert [s.title for s in page.draft.services] == ["Mix notes"]
    assert "changed elsewhere" in page.state.text()
    page.revert_button.click()
    assert [s.title for s in page.draft.services] == ["Mix feedback", "Other"]


def test_a_new_message_is_added_to_the_open_thread_without_rebuilding_it(qtbot: QtBot) -> None:
    inbox = inbox_with("hello")
    page = filled_page(qtbot, inbox)
    now = int(time.time() * 1000)
    page.show_thread(inbox.items["q0"], MIX, now)
    before = page.thread_view.timeline.findChildren(QLabel)
    message = InquiryMessage(
        inquiry_id="q0",
        message_id="m1",
        author="viewer",
        user=UserRef(id="u0", name="Vic"),
        text="more",
    )
    inbox.apply([Event(ch="creator", seq=50, id="e50", ts=now, data=message)])
    page.show_thread(inbox.items["q0"], MIX, now)
    after = page.thread_view.timeline.findChildren(QLabel)
    assert all(label in after for label in before)
    assert [label.text() for label in after if label.objectName() == "bubbleText"] == [
        "hello",
        "more",
    ]


def test_service_bio_price_and_duration_are_sized_for_what_they_hold(qtbot: QtBot) -> None:
    bio = ServiceBioPage()
    qtbot.addWidget(bio)
    bio.resize(1280, 720)
    bio.show()
    qtbot.waitExposed(bio)
    for field in (bio.price, bio.duration):
        assert 120 <= field.width() <= 170  # not stretched over the whole column
