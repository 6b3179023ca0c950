"""ChatPane with real widgets, offscreen: painting, following, the N-new button, actions."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, QRect, QSortFilterProxyModel, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QEnterEvent,
    QGuiApplication,
    QImage,
    QMouseEvent,
    QPainter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QListView, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.protocol.payloads import UserRef
from app.ui.chat.delegate import ChatDelegate
from app.ui.chat.filter import ChatFilterProxy
from app.ui.chat.model import LINE_ROLE, ChatLine, ChatModel
from app.ui.chat.pane import ChatPane
from app.ui.theme import current_theme
from tests.ui.chatkit import feed, line, lines

MARKUP = "<b>hi</b><img src=x>"
ME = UserRef(id="me", name="Alex", badges=("creator",))


@pytest.fixture
def pane(qtbot: QtBot) -> ChatPane:
    widget = ChatPane("public", max_rows=2000)
    qtbot.addWidget(widget)
    widget.resize(420, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def at_bottom(pane: ChatPane) -> bool:
    bar = pane.view.verticalScrollBar()
    return bar.maximum() > 0 and bar.value() == bar.maximum()


def top_line_id(pane: ChatPane) -> str:
    line_ = pane.view.indexAt(QPoint(20, 2)).data(LINE_ROLE)
    assert isinstance(line_, ChatLine)
    return line_.message_id


# --- untrusted text stays text --------------------------------------------------------


class RecordingPainter(QPainter):
    """A QPainter that remembers every string it was asked to draw."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: Any) -> None:  # type: ignore[override]
        self.texts.extend(a for a in args if isinstance(a, str))
        super().drawText(*args)


def test_delegate_draws_markup_as_plain_strings(qapp: QApplication) -> None:
    delegate = ChatDelegate()
    markup_line = line(1, MARKUP, name="<i>x</i>")
    image = QImage(420, 60, QImage.Format.Format_RGB32)
    image.fill(current_theme().base)
    painter = RecordingPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 420, delegate.height_for(markup_line, 420))
    option.state = QStyle.StateFlag.State_Enabled
    delegate.paint_line(painter, option, markup_line)
    painter.end()
    assert MARKUP in painter.texts and "<i>x</i>" in painter.texts


def test_view_paints_markup_exactly_like_drawtext(pane: ChatPane) -> None:
    feed(pane, [line(1, MARKUP)])
    viewport = pane.view.viewport()
    shown = viewport.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    delegate = pane.delegate
    pos, text = delegate.layout_for(pane.model.line_at(0), viewport.width()).fragments[0]
    assert text == MARKUP

    expected = QImage(shown.size(), QImage.Format.Format_RGB32)
    expected.fill(current_theme().base)
    painter = QPainter(expected)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(delegate.text_font)
    painter.setPen(current_theme().text)
    painter.drawText(pos, MARKUP)
    painter.end()

    metrics = delegate._fm
    region = QRect(
        int(pos.x()) - 1,
        int(pos.y() - metrics.ascent()) - 1,
        int(metrics.horizontalAdvance(MARKUP)) + 2,
        int(metrics.height()) + 2,
    )
    assert region.width() > 100  # twenty literal characters, not a bold "hi"
    assert shown.copy(region) == expected.copy(region)


def test_tooltip_shows_names_literally(qapp: QApplication) -> None:
    model = ChatModel()
    model.append_lines([line(1, "x", name="<b>boss</b><img src=x>")])
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(tip)
    assert "<b>boss</b><img src=x>" in doc.toPlainText()
    assert "<img" not in tip


def test_header_labels_are_plain_text(pane: ChatPane) -> None:
    pane.set_title("<b>big</b>")
    pane.set_pinned("<img src=x>", "<i>mod</i>")
    for label in (pane.title_label, pane.pinned_label, pane.slow_chip):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<img src=x>" in pane.pinned_label.full_text()


# --- following, pausing, "N new messages" ---------------------------------------------


def test_sticks_to_the_bottom_while_following(pane: ChatPane) -> None:
    assert isinstance(pane.view, QListView)
    feed(pane, lines(1, 300))
    assert pane.view.following and at_bottom(pane)
    feed(pane, lines(301, 40))
    assert at_bottom(pane) and pane.model.rowCount() == 340
    assert not pane.new_button.isVisible()


def test_scrolling_up_pauses_and_the_button_jumps_back(pane: ChatPane, qtbot: QtBot) -> None:
    feed(pane, lines(1, 300))
    bar = pane.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert not pane.view.following
    value, first = bar.value(), top_line_id(pane)
    feed(pane, lines(301, 50))
    assert pane.model.rowCount() == 300  # held below, nothing moved
    assert bar.value() == value and top_line_id(pane) == first
    assert pane.batcher.pending_count == 50
    assert pane.new_button.isVisible() and "50 new messages" in pane.new_button.text()
    qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    assert pane.view.following and at_bottom(pane)
    assert pane.model.rowCount() == 350 and not pane.new_button.isVisible()


def test_hovering_pauses_and_leaving_resumes(pane: ChatPane) -> None:
    feed(pane, lines(1, 200))
    viewport = pane.view.viewport()
    point = QPointF(30, 30)
    QApplication.sendEvent(viewport, QEnterEvent(point, point, viewport.mapToGlobal(point)))
    assert not pane.view.following
    first = top_line_id(pane)
    feed(pane, lines(201, 30))
    assert pane.model.rowCount() == 200 and top_line_id(pane) == first
    assert "30 new messages" in pane.new_button.text()
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    assert pane.view.following and pane.model.rowCount() == 230 and at_bottom(pane)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _move(viewport: Any, x: float, y: float) -> None:
    point = QPointF(x, y)
    global_point = QPointF(viewport.mapToGlobal(point))
    QApplication.sendEvent(
        viewport,
        QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            global_point,
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )


def test_a_resting_pointer_releases_the_chat_after_a_few_still_seconds(pane: ChatPane) -> None:
    clock = FakeClock()
    view = pane.view
    view.clock = clock
    assert view.hover_pause_s == 3.0  # the default
    feed(pane, lines(1, 200))
    viewport = view.viewport()
    point = QPointF(30, 30)
    QApplication.sendEvent(viewport, QEnterEvent(point, point, viewport.mapToGlobal(point)))
    _move(viewport, 40, 60)
    assert not view.following  # moving over it: the creator is reading
    feed(pane, lines(201, 10))
    assert pane.model.rowCount() == 200
    clock.now += 2.0
    _move(viewport, 42, 90)  # still reading: the stillness starts again
    clock.now += 2.0
    view.release_if_still()
    assert not view.following and pane.model.rowCount() == 200
    # The same position again is no movement (Qt reports moves when content shifts).
    _move(viewport, 42, 90)
    clock.now += 1.1
    view.release_if_still()  # what the stillness timer calls
    assert view.following and pane.model.rowCount() == 210 and at_bottom(pane)
    # The pointer still rests there: new lines keep coming in, the chat keeps moving.
    feed(pane, lines(211, 5))
    assert pane.model.rowCount() == 215 and at_bottom(pane)
    assert not pane.new_button.isVisible()
    # Scrolled up still holds, however still the pointer is.
    view.verticalScrollBar().setValue(0)
    clock.now += 60
    view.release_if_still()
    feed(pane, lines(216, 3))
    assert pane.model.rowCount() == 215 and not view.following


def test_the_stillness_timer_runs_for_the_set_time(pane: ChatPane) -> None:
    view = pane.view
    feed(pane, lines(1, 50))
    view.set_hover_pause(5)
    viewport = view.viewport()
    _move(viewport, 10, 10)
    assert view._stillness.isActive() and 5000 <= view._stillness.interval() < 5100
    view.set_hover_pause(0)  # the setting off: a pointer never pauses the chat
    _move(viewport, 20, 20)
    assert view.following


def test_an_empty_pane_under_the_pointer_still_shows_its_first_messages(
    pane: ChatPane,
) -> None:
    viewport = pane.view.viewport()
    point = QPointF(30, 30)
    QApplication.sendEvent(viewport, QEnterEvent(point, point, viewport.mapToGlobal(point)))
    assert pane.view.following  # nothing to read yet: nothing to hold still
    feed(pane, lines(1, 5))
    assert pane.model.rowCount() == 5 and not pane.new_button.isVisible()
    feed(pane, lines(6, 300))  # now the pane has rows under the pointer: it pauses
    assert pane.model.rowCount() < 305 and pane.new_button.isVisible()


def test_end_key_resumes_even_under_the_pointer(pane: ChatPane, qtbot: QtBot) -> None:
    feed(pane, lines(1, 200))
    pane.view.verticalScrollBar().setValue(0)
    feed(pane, lines(201, 5))
    qtbot.keyClick(pane.view, Qt.Key.Key_End)
    assert pane.view.following and at_bottom(pane) and pane.model.rowCount() == 205


def test_one_new_message_is_singular(pane: ChatPane) -> None:
    feed(pane, lines(1, 200))
    pane.view.verticalScrollBar().setValue(0)
    feed(pane, lines(201, 1))
    assert pane.new_button.text().endswith("1 new message")


def test_appending_lays_out_only_what_is_seen(pane: ChatPane) -> None:
    feed(pane, lines(1, 2000))
    measured = pane.view.rows_measured
    feed(pane, lines(2001, 500))
    assert pane.view.rows_measured - measured < 60
    pane.resize(300, 560)
    QApplication.processEvents()
    assert pane.view.rows_measured - measured < 200  # a new width re-measures the screenful
    assert at_bottom(pane)


def test_scrolling_to_the_top_asks_for_history_and_keeps_the_place(
    pane: ChatPane, qtbot: QtBot
) -> None:
    feed(pane, lines(1000, 300))
    bar = pane.view.verticalScrollBar()
    bar.setValue(600)
    with qtbot.waitSignal(pane.history_requested) as blocker:
        bar.setValue(0)
    assert blocker.args == [1000]
    first = top_line_id(pane)
    pane.prepend_history(list(reversed(lines(900, 100))))  # any order
    assert pane.model.line_at(0).message_id == "m900"
    assert top_line_id(pane) == first and bar.value() > 0


# --- compose, filter, context menu ----------------------------------------------------


def test_enter_sends_and_clears(pane: ChatPane, qtbot: QtBot) -> None:
    with qtbot.waitSignal(pane.send_requested) as blocker:
        qtbot.keyClicks(pane.compose, "  hello there ")
        qtbot.keyClick(pane.compose, Qt.Key.Key_Return)
    assert blocker.args == ["hello there"] and pane.compose.text() == ""
    with qtbot.assertNotEmitted(pane.send_requested):
        qtbot.keyClicks(pane.compose, "   ")
        qtbot.keyClick(pane.compose, Qt.Key.Key_Return)
    pane.compose.setText("x" * 600)
    assert len(pane.compose.text()) == 500


def test_ctrl_f_filters_and_escape_restores(pane: ChatPane, qtbot: QtBot) -> None:
    feed(pane, lines(1, 50))
    pane.activateWindow()
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.filter_edit.isVisible()
    qtbot.keyClicks(pane.filter_edit, "from:viewer3")
    proxy = pane.view.model()
    assert isinstance(proxy, ChatFilterProxy) and proxy.rowCount() == 10
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Escape)
    assert not pane.filter_edit.isVisible() and pane.view.model() is pane.model


def test_empty_pane_says_so(pane: ChatPane) -> None:
    assert "No messages yet" in pane.view.empty_text()
    image = pane.view.viewport().grab().toImage()
    base = current_theme().base.rgb()
    middle = image.height() // 2
    inked = [x for x in range(image.width()) if image.pixel(x, middle) != base]
    assert inked, "the empty-state text is painted across the middle"


def menu_actions(pane: ChatPane, line_: ChatLine) -> dict[str, QAction]:
    menu = pane.build_context_menu(line_)
    return {a.objectName(): a for a in menu.findChildren(QAction) if a.objectName()}


def test_context_menu_actions_emit(pane: ChatPane, qtbot: QtBot) -> None:
    target = line(7, "is this live?", name="Ann")
    actions = menu_actions(pane, target)
    assert "answerOnCameraAction" not in actions  # public pane
    cases = [
        ("pinAction", pane.pin_requested, ["m7"]),
        ("deleteAction", pane.delete_requested, ["m7"]),
        ("timeout600Action", pane.timeout_requested, ["u2", 600]),
        ("timeout86400Action", pane.timeout_requested, ["u2", 86400]),
        ("banAction", pane.ban_requested, ["u2"]),
        ("copyAction", pane.text_copied, ["is this live?"]),
    ]
    for name, signal, args in cases:
        with qtbot.waitSignal(signal) as blocker:
            actions[name].trigger()
        assert blocker.args == args, name
    assert QGuiApplication.clipboard().text() == "is this live?"

    actions["replyAction"].trigger()
    assert pane.compose.text() == "@Ann " and pane.replying_to == "m7"
    seen: list[str | None] = []
    pane.send_requested.connect(lambda _text: seen.append(pane.replying_to))
    qtbot.keyClicks(pane.compose, "yes!")
    qtbot.keyClick(pane.compose, Qt.Key.Key_Return)
    assert seen == ["m7"] and pane.replying_to is None


def test_below_room_can_queue_for_camera_and_unsent_lines_only_copy(qtbot: QtBot) -> None:
    below = ChatPane("below")
    qtbot.addWidget(below)
    target = line(3)
    with qtbot.waitSignal(below.answer_on_camera_requested) as blocker:
        menu_actions(below, target)["answerOnCameraAction"].trigger()
    assert blocker.args == ["m3"]
    pending = ChatLine.local_pending("rid-1", "below", ME, "hi")
    assert set(menu_actions(below, pending)) == {"copyAction"}
    failed = pending.with_flags(add=4, remove=2)
    with qtbot.waitSignal(below.retry_requested) as blocker:
        menu_actions(below, failed)["retryAction"].trigger()
    assert blocker.args == ["rid-1"]
    below.set_own_user_id("u3")
    assert "banAction" not in menu_actions(below, target)


def test_right_click_opens_the_menu_and_pauses(pane: ChatPane, qtbot: QtBot) -> None:
    feed(pane, lines(1, 100))
    viewport = pane.view.viewport()
    point = QPoint(40, viewport.height() - 10)
    with qtbot.waitSignal(pane.view.line_menu_requested) as blocker:
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point)
        )
        QApplication.sendEvent(viewport, event)
    assert isinstance(blocker.args[0], ChatLine)
    assert not pane.view.following  # chat holds still while the menu is open
    popup = QApplication.activePopupWidget()
    assert popup is not None
    popup.close()
    QApplication.processEvents()
    assert pane.view.following


def test_header_setters(pane: ChatPane) -> None:
    pane.set_modes(5, True)
    pane.set_member_count(1284)
    assert pane.slow_chip.isVisible() and pane.slow_chip.text() == "Slow 5s"
    assert pane.members_chip.isVisible() and "members" in pane.member_count_label.text()
    pane.set_modes(0, False)
    pane.set_pinned(None)
    assert not pane.slow_chip.isVisible() and not pane.members_chip.isVisible()
    assert not pane.pinned_label.isVisible()


# --- PySide6 pitfall regression -------------------------------------------------------


def test_unknown_roles_through_a_proxy_do_not_leak_none(qapp: QApplication) -> None:
    """PySide6 6.12 + Python 3.11 lose a reference to None per None returned from a Python
    data() called by C++ (Python 3.11 then dies with "deallocating None" after a few thousand
    calls); 6.11 does not. Either way data() must not return None, so this stays safe if the
    pin ever moves."""
    model = ChatModel()
    model.append_lines(lines(1, 10))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(4, 0)
    roles = [*range(0, 40), *range(300, 340)]
    assert all(proxy.data(index, role) is not None for role in roles)
    assert model.data(QModelIndex(), 12345) is not None
    before = sys.getrefcount(None)
    for i in range(5000):
        proxy.data(index, roles[i % len(roles)])
    assert before - sys.getrefcount(None) < 50


def test_clicking_retry_on_a_failed_line(pane: ChatPane, qtbot: QtBot) -> None:
    failed = ChatLine.local_pending("rid-7", "public", ME, "did not go out")
    feed(pane, [failed.with_flags(add=4, remove=2)])
    view = pane.view
    marker = pane.delegate.layout_for(pane.model.line_at(0), view.viewport().width()).marker_rect
    assert marker is not None
    with qtbot.waitSignal(pane.retry_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=marker.center().toPoint())
    assert blocker.args == ["rid-7"]


def test_bigger_font_relayouts_and_stays_at_the_bottom(pane: ChatPane) -> None:
    feed(pane, lines(1, 300))
    height_before = pane.view.visualRect(pane.model.index(299)).height()
    pane.set_font_size(16)
    QApplication.processEvents()
    assert pane.view.visualRect(pane.model.index(299)).height() > height_before
    assert at_bottom(pane)


def test_typing_on_the_list_goes_to_compose(pane: ChatPane, qtbot: QtBot) -> None:
    feed(pane, lines(1, 5))
    pane.view.setFocus()
    qtbot.keyClicks(pane.view, "hey")
    assert pane.compose.text() == "hey"


def test_rows_in_view_always_have_their_real_height(qtbot: QtBot) -> None:
    small = ChatPane("public", max_rows=60)
    qtbot.addWidget(small)
    small.resize(420, 560)
    small.show()
    feed(small, lines(1, 60))
    for n in range(61, 101):  # a full window: every append trims the oldest row too
        feed(small, [line(n)])
    assert_real_heights(small)
    small.set_filter_text("from:viewer3 from:viewer4")
    small.set_filter_text("from:viewer3")  # the proxy removes rows in the middle
    assert_real_heights(small)


def assert_real_heights(pane: ChatPane) -> None:
    view, width = pane.view, pane.view.viewport().width()
    model = view.model()
    bar = view.verticalScrollBar()
    for value in (bar.maximum(), bar.maximum() // 2, 0):
        bar.setValue(value)
        first = view.indexAt(QPoint(5, 1)).row()
        last = view.indexAt(QPoint(5, view.viewport().height() - 2)).row()
        last = model.rowCount() - 1 if last < 0 else last
        for row in range(first, last + 1):
            line_ = model.index(row, 0).data(LINE_ROLE)
            real = pane.delegate.height_for(line_, width)
            assert view.visualRect(model.index(row, 0)).height() == real, (value, row)


def assert_screen_is_fresh(pane: ChatPane) -> None:
    """What the window shows (its backing store, blits included) equals a full repaint."""
    QApplication.processEvents()
    viewport = pane.view  # with the floating button and the scroll bar
    window = pane.window()
    shot = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    origin = viewport.mapTo(window, QPoint(0, 0))
    on_screen = shot.copy(QRect(origin, viewport.size()))
    fresh = viewport.grab().toImage()
    fmt = QImage.Format.Format_RGB32
    assert on_screen.convertToFormat(fmt) == fresh.convertToFormat(fmt)


def test_scrolling_by_blit_leaves_no_stale_pixels(qtbot: QtBot) -> None:
    small = ChatPane("public", max_rows=120)
    qtbot.addWidget(small)
    small.resize(420, 500)
    small.show()
    qtbot.waitExposed(small)
    n = 1
    for i in range(60):  # following, the window full: every append trims and scrolls
        small.push_lines(lines(n, 1 + i % 4))
        small.batcher.flush()
        n += 1 + i % 4
        if i % 3:
            QApplication.processEvents()  # and sometimes several appends per paint
    assert_screen_is_fresh(small)
    bar = small.view.verticalScrollBar()
    bar.setValue(bar.maximum() - 300)  # paused
    feed(small, lines(n, 10))
    small.model.mark_deleted(small.view.indexAt(QPoint(30, 40)).data(LINE_ROLE).message_id)
    assert_screen_is_fresh(small)
    bar.setValue(0)
    small.prepend_history(lines(-40, 30))
    assert_screen_is_fresh(small)
    small.jump_to_newest()
    feed(small, lines(n + 10, 3))
    assert_screen_is_fresh(small)
