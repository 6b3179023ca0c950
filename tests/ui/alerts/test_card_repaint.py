"""The alert card repaints only its time-left line while an alert just plays on (10 Hz), and
the whole card when anything else it shows changed, also in place (a streak's count); the
status line under it is rebuilt on a tick only when it says something new."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication, QWidget
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
    paints, strip = PaintRects(), PaintRects()
    card.installEventFilter(paints)
    card.time_left.installEventFilter(strip)
    alert = Alert("a1", "gift", UserRef(id="u1", name="Mira"), gift=g("rose"), count=3)
    playing = CardState(alert=alert, variation="small", left=1.0)
    assert _painted(card, paints, playing) == [card.rect()]

    strip.rects.clear()
    assert _painted(card, paints, replace(playing, left=0.9)) == []  # not the card itself
    assert len(strip.rects) == 1 and card.time_left.height() <= 5
    assert card.time_left.geometry().bottom() < card.height()
    strip.rects.clear()
    assert _painted(card, paints, replace(playing, left=0.9)) == []  # nothing moved
    assert strip.rects == []

    alert.count = 4  # the streak grows in place: the same object, so the state looks equal
    assert _painted(card, paints, replace(playing, left=0.9)) == [card.rect()]
    # what the tick paints looks as the whole card would there
    whole = card.grab().toImage()
    card.set_state(replace(playing, left=0.5))
    card.set_state(replace(playing, left=0.9))
    QApplication.processEvents()
    assert card.grab().toImage() == whole


@pytest.mark.parametrize("variation", ["small", "big"])
def test_a_tick_repaints_no_ancestor_and_looks_like_the_whole_card(
    qtbot: QtBot, variation: str
) -> None:
    """The card is not opaque (rounded corners): a tick painted in the card repainted every
    ancestor under the strip too, 10 times a second."""
    holder = QWidget()
    qtbot.addWidget(holder)
    card = AlertCard(holder)
    card.setGeometry(0, 0, 360, 200)
    holder.resize(360, 200)
    holder.show()
    qtbot.waitExposed(holder)
    alert = Alert("a1", "gift", UserRef(id="u1", name="Mira"), gift=g("rose"), count=3)
    playing = CardState(alert=alert, variation=variation, left=1.0)
    card.set_state(playing)
    QApplication.processEvents()
    behind = PaintRects()
    holder.installEventFilter(behind)
    for left in (0.8, 0.6, 0.4):
        _painted(card, PaintRects(), replace(playing, left=left))
    assert behind.rects == []
    ticked = holder.grab().toImage()
    card.update()  # the whole card, as it paints when anything else changes
    QApplication.processEvents()
    assert holder.grab().toImage() == ticked


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


def test_the_time_left_line_rides_a_frame_the_chat_makes_anyway(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    """A chat flush moves the line in its own frame and the 10 Hz tick counts from there;
    a flush just after a tick changes nothing (the line moved a moment ago)."""
    feature, clock = make(qtbot, settings, tmp_path)
    feature.on_events([ended("lion", "lion", 1)])  # plays for seconds
    card = feature.area.stage.card
    left = card.state.left
    clock.now += 0.5
    feature.ride_frame(3)  # right after the tick that started it: not yet
    assert card.state.left == left
    qtbot.wait(70)
    feature.ride_frame(3)
    assert card.state.left < left  # moved with the chat's frame
    assert feature._frame.remainingTime() > 80  # and the next tick counts from it
    feature.pump()
    feature.queue.skip()
    feature.pump()
    moved_to = card.state
    qtbot.wait(70)
    feature.ride_frame(1)  # nothing plays: no tick runs, nothing to ride
    assert card.state is moved_to and not feature._frame.isActive()
    feature.close()
