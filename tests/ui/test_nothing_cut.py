"""At 1280 x 720 nothing a creator needs is cut: F1 help lines wrap, the earnings
explainer scrolls."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.earnings.page import ConversionForm
from app.ui.helpoverlay import HelpOverlay

LONG_DE = "Zu den neuesten Nachrichten springen (Strg+Ende auch beim Schreiben)"


def test_a_long_help_line_wraps_instead_of_being_cut(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    overlay = HelpOverlay(host, [("Ctrl+1", "Short"), ("End / Ctrl+End", LONG_DE)])
    font = QFont(overlay.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    what_w, line_h = 396, 30  # the help box at 1280 px: 640 wide, the text column 396
    short, long = overlay.row_heights(font, what_w, line_h)
    assert short == line_h
    assert QFontMetrics(font).horizontalAdvance(LONG_DE) > what_w  # it would not fit
    assert long >= 2 * QFontMetrics(font).height()  # so it takes two lines


def test_the_earnings_explainer_is_all_there_at_1280x720(qtbot: QtBot) -> None:
    form = ConversionForm()
    qtbot.addWidget(form)
    form.resize(400, 240)  # its part of the earnings page at 1280 x 720
    form.show()
    qtbot.waitExposed(form)
    scroll = form.source_scroll
    assert form.source.text() == form.defaults_source()
    needed = form.source.heightForWidth(scroll.viewport().width())
    shown = scroll.viewport().height()
    # Whatever does not fit can be scrolled to: nothing is cut off.
    assert needed <= shown or scroll.verticalScrollBar().maximum() >= needed - shown - 2
