"""PNGs of the earnings page with a week of data, per day and per session, light and dark."""

from __future__ import annotations

import asyncio

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.ui.theme import apply_theme
from tests.ui.earnings.render import OUT, render_all


def test_earnings_screens_render_in_both_themes(
    qapp: QApplication, qloop: asyncio.AbstractEventLoop
) -> None:
    try:
        written = qloop.run_until_complete(render_all(qapp, OUT))
    finally:
        apply_theme(qapp, "light")
    assert len(written) == 4
    for path in written:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 1280
    light = QImage(str(OUT / "earnings_week_by_day_light.png"))
    dark = QImage(str(OUT / "earnings_week_by_day_dark.png"))
    assert light != dark
