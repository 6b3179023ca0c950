"""The user card: private notes per user id on this computer, staff without mod buttons,
user text shown as text, cards from the log and the held queue; shortcuts in two windows."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.protocol.payloads import SendMessage, SetBlockedTerms, TimeoutUser
from app.ui.chat.pane import ChatPane
from app.ui.moderation.feature import NOTE_KEY
from app.ui.moderation.usercard import NOTE_SAVE_DELAY_MS
from tests.ui.consolekit import running_console, wait_until
from tests.ui.moderation.harness import desk, shown


def test_notes_are_private_per_user_and_come_back(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            mod = d.feature(d.moderator)
            ann, bob = await d.viewer("Ann", tmp_path), await d.viewer("<b>Bob</b>", tmp_path)
            ann_line = await shown(d.moderator.public_pane, await ann.say("hi"))
            bob_line = await shown(d.moderator.public_pane, await bob.say("<i>yo</i>"))
            card = mod.card
            d.moderator.public_pane.line_clicked.emit(ann_line, QPoint(100, 100))
            card.note.setPlainText("asks about lenses")
            await asyncio.sleep(NOTE_SAVE_DELAY_MS / 1000 + 0.3)
            assert await mod.note_of(ann.account_id) == "asks about lenses"
            # Switching user saves a note still being typed.
            card.note.setPlainText("asks about lenses; kind")
            d.moderator.public_pane.line_clicked.emit(bob_line, QPoint(100, 100))
            assert card.name.text() == "<b>Bob</b>"  # a name, not markup
            assert card.name.textFormat() == Qt.TextFormat.PlainText
            await wait_until(
                lambda: card.messages.count() == 1 and "<i>yo</i>" in card.messages.item(0).text()
            )
            assert card.note.toPlainText() == ""
            assert await mod.note_of(ann.account_id) == "asks about lenses; kind"
            d.moderator.public_pane.line_clicked.emit(ann_line, QPoint(100, 100))
            await wait_until(lambda: card.note.toPlainText() == "asks about lenses; kind")
            # Private: the note is in this moderator's store only, not the creator's.
            assert d.creator.store.kv_get(NOTE_KEY + ann.account_id) is None
            d.moderator.window.activateWindow()
            card.note.setFocus()
            await asyncio.sleep(0.05)
            QTest.keyClick(card.note, Qt.Key.Key_Escape)
            assert not card.isVisible()

    qloop.run_until_complete(scenario())


def test_staff_cards_have_no_mod_buttons_and_status_shows(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            mod = d.feature(d.moderator)
            d.creator.public_pane.compose.setText("welcome all")
            d.creator.public_pane.compose.returnPressed.emit()
            await wait_until(
                lambda: any(x.text == "welcome all" for x in d.moderator.public_pane.model.lines())
            )
            own = next(x for x in d.moderator.public_pane.model.lines() if x.text == "welcome all")
            d.moderator.public_pane.line_clicked.emit(own, QPoint(50, 50))
            card = mod.card
            assert not card.ban.isVisibleTo(card) and not card.unban.isVisibleTo(card)
            assert not any(b.isVisibleTo(card) for b in card.timeout_buttons.values())
            assert "cannot be timed out" in card.feedback.text()

            # A viewer timed out by someone else: the card says so and offers unban.
            vic = await d.viewer("Vic", tmp_path)
            said = await shown(d.moderator.public_pane, await vic.say("hello"))
            result = await d.creator.client.request(
                TimeoutUser(user_id=vic.account_id, seconds=3600, reason="calm down")
            )
            assert result.ok
            d.moderator.public_pane.line_clicked.emit(said, QPoint(50, 50))
            await wait_until(lambda: "Timed out until" in card.state.text(), what="status")
            assert card.unban.isVisibleTo(card) and card.ban.isVisibleTo(card)
            # From the log: double-clicking the timeout row opens Vic's card.
            card.dismiss()
            await wait_until(lambda: any(e.action == "user.timeout" for e in mod.log.entries()))
            entry = next(e for e in mod.log.entries() if e.action == "user.timeout")
            mod.log_panel.target_activated.emit(entry)
            assert card.isVisible() and card.name.text() == "Vic"

    qloop.run_until_complete(scenario())


def test_held_queue_opens_the_card_and_a_new_window_sees_the_current_queue(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            assert (await d.creator.client.request(SetBlockedTerms(terms=("spam",)))).ok
            zed = await d.viewer("Zed", tmp_path)
            held = await zed.client.request(SendMessage(room="public", text="spam spam"))
            assert held.result and held.result["held"]
            launcher = d.extras.launcher
            await launcher.close()  # held while the moderator window was closed ...
            again = await launcher.open()
            assert again is not None
            mod = d.feature(again)
            await wait_until(lambda: len(mod.held) == 1, what="... is in the queue on open")
            assert mod.terms_editor.terms() == ["spam"]
            row = mod.held_panel.row(str(held.result["message_id"]))
            assert row is not None
            row.name.click()
            assert mod.card.isVisible() and mod.card.name.text() == "Zed"

    qloop.run_until_complete(scenario())


def test_shortcuts_work_in_both_windows(qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with desk(tmp_path) as d:
            for console in (d.moderator, d.creator):
                window = console.window
                window.activateWindow()
                await asyncio.sleep(0.05)
                QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
                await asyncio.sleep(0.05)
                assert QApplication.focusWidget() is console.below_pane.compose
            # A torn-off pane's window has the console's shortcuts too: dock it back.
            dock = d.moderator.window.public_dock
            dock.tear_off()
            torn = d.moderator.public_pane.window()
            assert dock.is_torn and torn is not d.moderator.window
            torn.activateWindow()
            await asyncio.sleep(0.05)
            shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            QTest.keyClick(torn, Qt.Key.Key_1, shift_ctrl)
            await wait_until(lambda: not dock.is_torn, what="docked by its shortcut")

    qloop.run_until_complete(scenario())


def test_a_click_on_a_name_opens_the_card_elsewhere_on_the_line_or_a_drag_not(
    qtbot: QtBot,
) -> None:
    from tests.ui.chatkit import feed, lines

    pane = ChatPane("public", max_rows=200)
    qtbot.addWidget(pane)
    pane.resize(420, 560)
    pane.show()
    qtbot.waitExposed(pane)
    feed(pane, lines(1, 30))
    view, viewport = pane.view, pane.view.viewport()
    clicked: list[str] = []
    pane.line_clicked.connect(lambda chat_line, _pos: clicked.append(chat_line.message_id))
    last = view.model().rowCount() - 1
    line = view.line_at(last)
    assert line is not None
    layout = view._delegate.layout_for(line, viewport.width())
    top = view._rows.top(last) - view.verticalOffset()
    name = QPoint(int(layout.name_pos.x()) + 4, int(top + layout.name_pos.y()) - 4)
    text_pos, _fragment = layout.fragments[0]
    on_text = QPoint(int(text_pos.x()) + 20, int(top + text_pos.y()) - 4)
    on_time = QPoint(14, name.y())
    for elsewhere in (on_text, on_time):
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=elsewhere)
    assert clicked == []  # reading, selecting, stopping the chat: no card
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=name)
    assert clicked == ["m30"]
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=name)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(40, 10))
    QTest.mouseClick(viewport, Qt.MouseButton.RightButton, pos=name)
    assert clicked == ["m30"]


def test_esc_closes_the_card_from_its_inputs_and_the_compose_box_and_tabs_hide_it(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    from app.ui.moderation.usercard import CardSubject

    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            c, features = rc.console, rc.features
            assert features is not None
            feature = features.get("moderation")
            card = feature.card  # type: ignore[union-attr]
            c.window.activateWindow()
            for focus in (card.note, card.reason, c.public_pane.compose):
                feature.open_card(CardSubject("u1", "Ann"), None)  # type: ignore[union-attr]
                await wait_until(card.isVisible, what="the card")
                focus.setFocus()
                QTest.keyClick(focus, Qt.Key.Key_Escape)
                assert not card.isVisible(), focus.objectName()
            feature.open_card(CardSubject("u1", "Ann"), None)  # type: ignore[union-attr]
            assert card.isVisible()
            c.window.pages.setCurrentWidget(c.history)
            assert not card.isVisible()  # it does not float over the History page

    qloop.run_until_complete(scenario())
