"""A room's mode controls fit the moderator window's middle column in English and German."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.i18n import install_translator, remove_translator
from app.ui.moderation.roomcontrols import RoomControls

COLUMN_PX = 430  # the middle column of a 1600 px wide moderator window


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translator = install_translator(qapp, request.param) if request.param != "en" else None
    try:
        yield str(request.param)
    finally:
        if translator is not None:
            remove_translator(qapp, translator)


def test_the_slow_mode_interval_is_never_cut(qtbot: QtBot, language: str) -> None:
    column = QWidget()  # as in the window: a column of a set width holds the controls
    qtbot.addWidget(column)
    column.setFixedWidth(COLUMN_PX)
    controls = RoomControls("public", "Öffentlicher Chat" if language == "de" else "Public chat")
    QVBoxLayout(column).addWidget(controls)
    column.show()
    qtbot.waitExposed(column)
    assert controls.width() <= COLUMN_PX
    suffix = controls.interval.suffix()
    assert ("zwischen" in suffix) == (language == "de")
    interval = controls.interval
    assert interval.width() >= interval.sizeHint().width()  # its words are not cut
    for widget in (controls.slow, interval, controls.members_only):
        assert widget.geometry().right() <= controls.width()  # nothing past the edge
