"""The alert card repaints only its time-left line while an alert just plays on (10 Hz), and
the whole card when anything else it shows changed, also in place (a streak's count)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.alerts import Alert
from app.protocol.payloads import UserRef
from app.ui.alerts.card import AlertCard, CardState
from tests.ui.alerts.alertkit import g


class PaintRects(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


def _painted(card: AlertCard, paints: PaintRects, state: CardState) -> list[QRect]:
    paints.rects.clear()
    card.set_state(state)
    QApplication.processEvents()
    return list(paints.rects)


def test_a_tick_repaints_the_time_left_line_only(qtbot: QtBot) -> None:
    card = AlertCard()
    qtbot.addWidget(card)
    card.resize(360, 200)
    card.show()
    qtbot.waitExposed(card)
    paints = PaintRects()
    card.installEventFilter(paints)
    alert = Alert("a1", "gift", UserRef(id="u1", name="Mira"), gift=g("rose"), count=3)
    playing = CardState(alert=alert, variation="small", left=1.0)
    assert _painted(card, paints, playing) == [card.rect()]

    ticked = _painted(card, paints, replace(playing, left=0.9))
    assert len(ticked) == 1 and ticked[0].height() <= 5 and ticked[0].bottom() < card.height()
    assert _painted(card, paints, replace(playing, left=0.9)) == []  # nothing moved

    alert.count = 4  # the streak grows in place: the same object, so the state looks equal
    assert _painted(card, paints, replace(playing, left=0.9)) == [card.rect()]
    # what the tick paints looks as the whole card would there
    whole = card.grab().toImage()
    card.set_state(replace(playing, left=0.5))
    card.set_state(replace(playing, left=0.9))
    QApplication.processEvents()
    assert card.grab().toImage() == whole
