"""A chat pane that follows its newest line changes its scroll range with every line; its
scroll bar (and every ancestor under it) repainted each time, though it looked the same."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.steadyscrollbar import SteadyScrollBar
from tests.ui.paintkit import Paints


def test_a_range_change_that_looks_the_same_repaints_nothing(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    bar = SteadyScrollBar(Qt.Orientation.Vertical, holder)
    bar.setGeometry(0, 0, 14, 600)
    holder.resize(14, 600)
    holder.show()
    qtbot.waitExposed(holder)
    bar.setPageStep(600)
    bar.setRange(0, 200_000)
    bar.setValue(200_000)
    QApplication.processEvents()
    painted, behind = Paints(), Paints()
    bar.installEventFilter(painted)
    holder.installEventFilter(behind)
    for n in range(1, 11):  # ten new lines at the bottom, followed: the handle stays put
        with bar.held():
            bar.setRange(0, 200_000 + 20 * n)
            bar.setValue(200_000 + 20 * n)
        QApplication.processEvents()
    assert painted.count == 0 and behind.count == 0
    bar.setValue(100_000)  # the reader scrolled up: the handle moves, the bar repaints
    QApplication.processEvents()
    assert painted.count >= 1
    image = bar.grab().toImage()
    bar.update()
    QApplication.processEvents()
    assert bar.grab().toImage() == image


def test_the_chat_view_uses_it() -> None:
    from app.ui.chat.listview import ChatView

    view = ChatView()
    assert isinstance(view.verticalScrollBar(), SteadyScrollBar)
    view.deleteLater()
