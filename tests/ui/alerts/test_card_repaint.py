"""The alert card repaints only its time-left line while an alert just plays on (10 Hz), and
the whole card when anything else it shows changed, also in place (a streak's count); the
status line under it is rebuilt on a tick only when it says something new."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.alerts import Alert
from app.protocol.payloads import UserRef
from app.ui.alerts.card import AlertCard, CardState
from app.ui.settings import ConsoleSettings
from tests.ui.alerts.alertkit import ended, g, make


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


def test_a_tick_rebuilds_the_status_line_only_when_it_says_something_new(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, clock = make(qtbot, settings, tmp_path)
    built: list[str] = []
    status_text = feature._status_text
    feature._status_text = lambda: built.append("x") or status_text()  # type: ignore[method-assign]
    feature.on_events([ended("lion", "lion", 1, who=1), ended("c1", "corgi", 1, who=2)])
    built.clear()
    for _ in range(10):  # ticks of the playing alert, nothing else moved
        clock.now += 0.1
        feature._show_card()
    assert built == []
    clock.now += 6.0  # now it is behind: said at the next tick
    feature._show_card()
    assert len(built) == 1 and "s behind" in feature.area.stage.status.text()
    feature.close()
