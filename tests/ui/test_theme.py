"""Theme colours stay readable: names, pills and text on both backgrounds."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from app.ui import theme
from app.ui.theme import DARK, LIGHT, Theme, contrast_ratio


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_text_and_names_are_readable(palette: Theme) -> None:
    assert contrast_ratio(palette.text, palette.base) >= 7
    assert contrast_ratio(palette.dim_text, palette.base) >= 4.5
    assert contrast_ratio(palette.time_text, palette.base) >= 4.5
    for n in range(300):
        color = palette.name_color(f"user-{n}")
        assert contrast_ratio(color, palette.base) >= 4.5, (n, color.name())
        assert contrast_ratio(color, palette.first_tint) >= 4.0, (n, color.name())
    for kind in ("held", "answered", "first", "failed"):
        assert contrast_ratio(palette.state_color(kind), palette.base) >= 4.5, kind


def test_a_user_keeps_the_same_hue_in_both_themes() -> None:
    for user in ("ann", "bob", "u-1234"):
        light, dark = LIGHT.name_color(user), DARK.name_color(user)
        assert abs(light.hslHueF() - dark.hslHueF()) < 0.02


@pytest.mark.parametrize(
    "kind", ["creator", "moderator", "member:1", "member:2", "member:3", "top_gifter", "x"]
)
def test_pill_text_is_readable_on_its_fill(kind: str) -> None:
    assert contrast_ratio(QColor("#ffffff"), LIGHT.badge_color(kind)) >= 4.5


def test_apply_theme_switches_palette(qapp: QApplication) -> None:
    try:
        assert theme.apply_theme(qapp, "dark") is DARK
        assert qapp.palette().base().color() == DARK.base
        assert theme.current_theme() is DARK
        assert theme.apply_theme(qapp, "light") is LIGHT
        assert theme.apply_theme(qapp, "system") in (LIGHT, DARK)
    finally:
        theme.apply_theme(qapp, "light")


def test_the_system_setting_follows_the_os_scheme_as_it_changes(qapp: QApplication) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    setting = ["system"]
    hints = QGuiApplication.styleHints()
    slot = theme.follow_system_scheme(qapp, lambda: setting[0])
    try:
        theme.apply_theme(qapp, "dark")  # as if the OS had been dark
        assert theme.current_theme() is DARK
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the OS switched
        # Offscreen the OS scheme reads as not dark, so "system" means light here.
        assert theme.resolve_mode("system") == "light"
        assert theme.current_theme() is LIGHT
        setting[0] = "dark"  # a fixed choice is kept whatever the OS does
        theme.apply_theme(qapp, "dark")
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert theme.current_theme() is DARK
    finally:
        hints.colorSchemeChanged.disconnect(slot)
        theme.apply_theme(qapp, "light")
