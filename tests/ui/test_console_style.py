"""ConsoleStyle's flat scroll bars, and panels that keep a repaint inside themselves.

At the demo's trickle a chat pane's scroll bar repaints with nearly every line: Fusion's
bar (gradients over the whole groove) cost ~1 ms a paint, and a bar, a session-bar figure
or an alert-list line that is not opaque repainted every widget under it first.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.giftfeed import SessionFeed
from app.ui.alerts.area import AlertArea
from app.ui.alerts.feedview import FeedModel
from app.ui.chat.listview import ChatView
from app.ui.consolestyle import HANDLE_ALPHA, HANDLE_INSET, ConsoleStyle
from app.ui.sessionbar import SessionBar
from app.ui.tearoff import PaneDock
from app.ui.theme import apply_theme
from tests.ui.paintkit import Paints

MAGENTA = QColor("#ff00ff")


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> str:
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, "light")


def _settled(qtbot: QtBot, widget: QWidget) -> None:
    """Shown, exposed and with its first paints done."""
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)


def _magenta_holder(qtbot: QtBot) -> QWidget:
    holder = QWidget()
    qtbot.addWidget(holder)
    pal = holder.palette()
    pal.setColor(QPalette.ColorRole.Window, MAGENTA)
    holder.setPalette(pal)
    holder.setAutoFillBackground(True)
    return holder


def test_the_application_style_is_console_style(themed: str, qapp: QApplication) -> None:
    # With the style sheet on, Qt wraps the style: its scroll bars are ConsoleStyle's.
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.resize(14, 300)
    bar.setRange(0, 100)
    image = bar.grab().toImage()
    plain = QScrollBar(Qt.Orientation.Vertical)
    plain.setStyle(ConsoleStyle())
    plain.setPalette(bar.palette())
    plain.resize(14, 300)
    plain.setRange(0, 100)
    assert plain.grab().toImage() == image
    bar.deleteLater()
    plain.deleteLater()


def test_a_scroll_bar_fills_every_pixel_and_its_handle_stands_out(
    themed: str, qtbot: QtBot
) -> None:
    holder = _magenta_holder(qtbot)
    bar = QScrollBar(Qt.Orientation.Vertical, holder)
    bar.setPalette(QApplication.palette())
    bar.setGeometry(0, 0, 14, 300)
    holder.resize(14, 300)
    bar.setRange(0, 1000)
    bar.setPageStep(300)
    bar.setValue(0)
    _settled(qtbot, holder)
    image = holder.grab().toImage()
    colors = {image.pixelColor(x, y).name() for x in range(14) for y in range(300)}
    assert MAGENTA.name() not in colors
    groove = image.pixelColor(1, 200)  # below the handle (the value is at the top)
    handle = image.pixelColor(7, 60)
    assert groove != handle
    assert abs(handle.lightness() - groove.lightness()) >= 25  # seen at a glance


def test_a_tall_handle_is_an_opaque_pill_of_the_see_through_colour(
    themed: str, qtbot: QtBot
) -> None:
    """Drawn as a rectangle between two round ends (one tall antialiased shape went to Qt's
    thread pool): it must look as the see-through rounded handle did."""
    bar = QScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    bar.setPalette(QApplication.palette())
    bar.resize(14, 600)
    bar.setRange(0, 100)
    bar.setPageStep(400)  # a handle of a few hundred pixels
    _settled(qtbot, bar)
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    rect = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
    )
    assert rect.height() > 200
    image = bar.grab().toImage()
    pal = bar.palette()
    groove = pal.color(QPalette.ColorRole.Window)
    ink = pal.color(QPalette.ColorRole.PlaceholderText)
    a = HANDLE_ALPHA / 255
    pairs = zip(ink.getRgb()[:3], groove.getRgb()[:3], strict=True)
    expected = [round(c * a + g * (1 - a)) for c, g in pairs]
    x, top, bottom = rect.center().x(), rect.top() + HANDLE_INSET + 1, rect.bottom() - 1
    for y in (rect.center().y(), top + 20, bottom - 20):
        got = image.pixelColor(x, y).getRgb()[:3]
        assert all(abs(g - e) <= 1 for g, e in zip(got, expected, strict=True)), (y, got, expected)
    # Round ends: the handle's corners show the groove, its middle at that row does not.
    left = rect.left() + HANDLE_INSET
    assert image.pixelColor(left, rect.top() + 1) == groove
    assert image.pixelColor(left, rect.bottom() - 1) == groove
    assert image.pixelColor(left, rect.center().y()) != groove


def test_a_chat_views_bar_is_opaque_so_its_repaint_paints_nothing_under_it(
    themed: str, qtbot: QtBot
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    view = ChatView(parent=holder)
    QVBoxLayout(holder).addWidget(view)
    holder.resize(300, 400)
    _settled(qtbot, holder)
    bar = view.verticalScrollBar()
    assert bar.isVisible()
    assert bar.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    under, own = Paints(), Paints()
    for widget in (holder, view, bar.parentWidget()):
        widget.installEventFilter(under)
    bar.installEventFilter(own)
    bar.update()
    QApplication.processEvents()
    assert own.count == 1 and under.count == 0


def test_a_changing_figure_repaints_the_session_bar_not_the_window(
    themed: str, qtbot: QtBot
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget()
    column = QVBoxLayout(central)
    bar = SessionBar(central)
    column.addWidget(bar)
    column.addStretch(1)
    window.setCentralWidget(central)
    window.resize(900, 300)
    _settled(qtbot, window)
    under = Paints()
    window.installEventFilter(under)
    central.installEventFilter(under)
    for viewers in (9, 120, 4_500, 18):  # the number's width changes too
        bar.set_viewers(viewers)
        QApplication.processEvents()
    assert under.count == 0
    line = bar.grab().toImage().pixelColor(bar.width() // 2, bar.height() - 1)
    assert line == bar.palette().color(QPalette.ColorRole.Mid)  # the line under the bar


def test_panels_stay_opaque_after_the_style_sheet_polishes_them(
    themed: str, qtbot: QtBot, qapp: QApplication
) -> None:
    """The application's style sheet turns autoFillBackground off for a widget a rule
    paints: these panels must not get such a rule."""
    window = QWidget()
    qtbot.addWidget(window)
    area = AlertArea(FeedModel(SessionFeed()), window)
    dock = PaneDock(QWidget(), "Public chat", window)
    column = QVBoxLayout(window)
    column.addWidget(area)
    column.addWidget(dock)
    _settled(qtbot, window)
    apply_theme(qapp, "dark" if themed == "light" else "light")  # polished again
    QApplication.processEvents()
    assert area.autoFillBackground() and dock.autoFillBackground()
