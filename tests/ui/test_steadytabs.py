"""A label's new text inside a tab page must not repaint the whole tab widget (QuietTabs),
while what the tab widget arranges (its tab bar) still lays out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.steadytabs import QuietTabs


class Paints(QObject):
    """Counts paints of the whole widget (a label's own area shows through, that is fine)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and event.rect() == self.widget.rect():  # type: ignore[attr-defined]
            self.count += 1
        return False


def _tabs(qtbot: QtBot, quiet: bool) -> tuple[QTabWidget, QLabel, Paints]:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel("1")
    label.setFixedWidth(200)  # its hints stay as they are: nothing for the tabs to arrange
    layout.addWidget(label)
    layout.addStretch(1)
    tabs.addTab(page, "Live")
    tabs.tabBar().setVisible(False)
    if quiet:
        QuietTabs(tabs)
    tabs.resize(600, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    QApplication.processEvents()
    paints = Paints(tabs)
    tabs.installEventFilter(paints)
    return tabs, label, paints


def _change_text(label: QLabel, times: int) -> None:
    for n in range(times):
        label.setText("x" * (n % 7 + 2))
        QApplication.processEvents()
        QApplication.processEvents()


def test_a_label_changing_inside_a_page_does_not_repaint_the_tab_widget(qtbot: QtBot) -> None:
    _, label, paints = _tabs(qtbot, quiet=True)
    _change_text(label, 10)
    assert paints.count == 0


def test_without_it_qt_repaints_the_whole_tab_widget_each_time(qtbot: QtBot) -> None:
    _, label, paints = _tabs(qtbot, quiet=False)  # the cause, shown
    _change_text(label, 10)
    assert paints.count >= 5


def test_the_tab_bar_still_lays_out(qtbot: QtBot) -> None:
    tabs, _label, _paints = _tabs(qtbot, quiet=True)
    page = tabs.widget(0)
    top = page.mapTo(tabs, page.rect().topLeft()).y()
    tabs.addTab(QWidget(), "Inbox")
    tabs.tabBar().setVisible(True)
    qtbot.waitUntil(lambda: page.mapTo(tabs, page.rect().topLeft()).y() > top, timeout=2000)
