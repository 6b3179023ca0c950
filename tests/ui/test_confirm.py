"""End live and Quit while live ask first; "don't ask again" for End live is remembered."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.client.state import ConnectionState
from app.ui.mainwindow import ConsoleWindow
from app.ui.settings import ConsoleSettings


def _answer_when_asked(button: str, *, dont_ask_again: bool = False) -> list[str]:
    """Click `button` on the next confirmation box; returns the texts it showed."""
    seen: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, poll)
            return
        seen.append(box.text())
        if dont_ask_again:
            check = box.checkBox()
            assert check is not None
            check.setChecked(True)
        seen.append("checkbox" if box.checkBox() is not None else "no checkbox")
        for b in box.buttons():
            if b.text() == button:
                b.click()
                return
        raise AssertionError(f"no {button!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, poll)
    return seen


def _window(qtbot: QtBot, tmp_path: Path, role: str = "creator") -> ConsoleWindow:
    settings = ConsoleSettings(tmp_path / "cfg.ini")
    window = ConsoleWindow(QWidget(), QWidget(), settings, role=role)
    qtbot.addWidget(window)
    window.show()
    window.session_bar.set_can_go_live(True)
    window.session_bar.set_connection(ConnectionState("connected"))
    return window


def _go_live(window: ConsoleWindow) -> None:
    window.session_bar.set_live(int(time.time() * 1000) - 60_000)


def _count(signal_owner: Callable[[Callable[[], None]], object]) -> list[int]:
    hits: list[int] = []
    signal_owner(lambda: hits.append(1))
    return hits


def test_end_live_asks_and_keep_streaming_keeps_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.session_bar
    ended = _count(bar.end_live_requested.connect)
    _go_live(window)
    seen = _answer_when_asked("Keep streaming")
    bar.live_button.click()
    assert seen and "End the live now?" in seen[0] and seen[1] == "checkbox"
    assert ended == []
    _answer_when_asked("End live")
    bar.live_button.click()
    assert ended == [1]
    assert window.settings.get("confirm_end_live") is True  # asked again next time


def test_dont_ask_again_is_remembered_in_settings(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    bar = window.session_bar
    ended = _count(bar.end_live_requested.connect)
    _go_live(window)
    _answer_when_asked("End live", dont_ask_again=True)
    bar.live_button.click()
    assert ended == [1]
    assert ConsoleSettings(tmp_path / "cfg.ini").get("confirm_end_live") is False
    bar.live_button.click()  # no box this time: nothing answers one, and it still ends
    assert ended == [1, 1]


def test_go_live_does_not_ask(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    started = _count(window.session_bar.go_live_requested.connect)
    window.session_bar.live_button.click()
    assert started == [1]


def test_quit_while_live_asks_and_stay_keeps_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    _go_live(window)
    seen = _answer_when_asked("Stay")
    window.request_quit()
    assert "You are live" in seen[0] and seen[1] == "no checkbox"
    assert window.isVisible()
    _answer_when_asked("Quit")
    window.request_quit()
    assert not window.isVisible()


def test_quit_while_offline_does_not_ask(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.request_quit()  # a box here would block the test: nothing answers it
    assert not window.isVisible()


def test_settings_dialog_turns_the_question_back_on(qtbot: QtBot, tmp_path: Path) -> None:
    from app.ui.settingsdialog import SettingsDialog

    settings = ConsoleSettings(tmp_path / "cfg.ini")
    settings.set("confirm_end_live", False)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.confirm_end.isChecked()
    dialog.confirm_end.setChecked(True)
    dialog.accept()
    assert settings.get("confirm_end_live") is True


def test_the_close_button_asks_while_live_and_stay_reaches_no_close_watcher(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QEvent, QObject

    window = _window(qtbot, tmp_path)
    seen: list[QEvent.Type] = []

    class Watcher(QObject):  # as the features watch the window close (save, shut down)
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Close:
                seen.append(event.type())
            return False

    watcher = Watcher(window)
    window.installEventFilter(watcher)
    _go_live(window)
    handle = window.windowHandle()
    assert handle is not None
    asked = _answer_when_asked("Stay")
    handle.close()  # what the window manager's close button does
    assert asked and "You are live" in asked[0]
    assert window.isVisible() and seen == []
    _answer_when_asked("Quit")
    handle.close()
    assert not window.isVisible() and seen == [QEvent.Type.Close]
