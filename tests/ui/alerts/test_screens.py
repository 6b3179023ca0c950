"""PNGs of the alert area mid-alert, its pop-out and its empty state, light and dark."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.ui.theme import apply_theme
from tests.ui.alerts.render import OUT, render_all


def test_alert_screens_render_in_both_themes(qapp: QApplication) -> None:
    try:
        written = render_all(qapp, OUT)
    finally:
        apply_theme(qapp, "light")
    names = sorted(p.name for p in written)
    assert names == sorted(
        f"alerts_{kind}_{mode}.png"
        for kind in ("area", "popout", "empty")
        for mode in ("light", "dark")
    )
    light = QImage(str(OUT / "alerts_area_light.png"))
    dark = QImage(str(OUT / "alerts_area_dark.png"))
    assert light.width() >= 380
    assert light != dark
    # Mid-alert: the card's big count is painted in the accent colour, so the card is not blank.
    card = light.copy(20, 60, 340, 150)
    colours = {
        card.pixel(x, y) for x in range(0, card.width(), 4) for y in range(0, card.height(), 4)
    }
    assert len(colours) > 20
