"""Light and dark palettes, chat colours that stay readable on both, and `apply_theme`."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

ThemeMode = Literal["light", "dark", "system"]

# Text on every pill is white; each pill colour keeps at least 4.5:1 against it (tested).
# Filled pills (who the user is): white text keeps 4.5:1 on every fill (tested).
_BADGE_COLORS: dict[str, str] = {
    "creator": "#c2255c",
    "moderator": "#2a7d3b",
    "member:1": "#1971c2",
    "member:2": "#5f3dc4",
    "member:3": "#9c36b5",
    "top_gifter": "#c2410c",
    "other": "#5c636e",
}
# Outlined pills (a state of this message): hue only; the shade is fitted to the theme.
_STATE_HUES: dict[str, str] = {
    "held": "#e67700",
    "answered": "#2f9e44",
    "first": "#1098ad",
    "failed": "#e03131",
}
_NAME_HUES = 24
NAME_CONTRAST = 4.5


def relative_luminance(color: QColor) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours, 1.0 to 21.0."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Theme:
    """Every colour the console paints itself; widgets get the rest from the QPalette."""

    name: Literal["light", "dark"]
    window: QColor
    base: QColor
    raised: QColor
    text: QColor
    dim_text: QColor
    time_text: QColor
    hover: QColor
    first_tint: QColor
    separator: QColor
    accent: QColor
    accent_text: QColor
    failed: QColor
    badge_text: QColor = field(default_factory=lambda: QColor("#ffffff"))
    _name_colors: dict[int, QColor] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_dark(self) -> bool:
        return self.name == "dark"

    def badge_color(self, kind: str) -> QColor:
        """Fill of a badge pill: "creator", "moderator", "member:N", "top_gifter", "first"..."""
        return QColor(_BADGE_COLORS.get(kind, _BADGE_COLORS["other"]))

    def state_color(self, kind: str) -> QColor:
        """Text/outline colour of a state pill ("held", "answered", "first", "failed")."""
        key = -1 - list(_STATE_HUES).index(kind) if kind in _STATE_HUES else -99
        color = self._name_colors.get(key)
        if color is None:
            hue = QColor(_STATE_HUES.get(kind, "#868e96")).hslHueF() * 360
            color = _readable_hue(int(hue), self.base)
            self._name_colors[key] = color
        return color

    def name_color(self, user_id: str) -> QColor:
        """A stable per-user colour (same hue in both themes) with 4.5:1 contrast on `base`."""
        hue = zlib.crc32(user_id.encode("utf-8")) % _NAME_HUES
        color = self._name_colors.get(hue)
        if color is None:
            color = _readable_hue(hue * 360 // _NAME_HUES, self.base)
            self._name_colors[hue] = color
        return color


def _readable_hue(hue: int, background: QColor) -> QColor:
    dark_bg = relative_luminance(background) < 0.2
    lightness = 0.62 if dark_bg else 0.42
    step = 0.02 if dark_bg else -0.02
    color = QColor.fromHslF(hue / 360, 0.72, lightness)
    while contrast_ratio(color, background) < NAME_CONTRAST and 0.05 < lightness < 0.95:
        lightness += step
        color = QColor.fromHslF(hue / 360, 0.72, lightness)
    return color


LIGHT = Theme(
    name="light",
    window=QColor("#eef0f3"),
    base=QColor("#ffffff"),
    raised=QColor("#f6f7f9"),
    text=QColor("#16181d"),
    dim_text=QColor("#5b6170"),
    time_text=QColor("#6b7080"),
    hover=QColor("#f1f3f7"),
    first_tint=QColor("#f0f8fa"),
    separator=QColor("#dde1e7"),
    accent=QColor("#5b3fd6"),
    accent_text=QColor("#ffffff"),
    failed=QColor("#c92a2a"),
)

DARK = Theme(
    name="dark",
    window=QColor("#131417"),
    base=QColor("#1a1b1f"),
    raised=QColor("#24262b"),
    text=QColor("#e9eaee"),
    dim_text=QColor("#a3a7b3"),
    time_text=QColor("#8e93a0"),
    hover=QColor("#222429"),
    first_tint=QColor("#182529"),
    separator=QColor("#2f3238"),
    accent=QColor("#7c66f0"),
    accent_text=QColor("#ffffff"),
    failed=QColor("#ff6b6b"),
)

_current: Theme = LIGHT


def current_theme() -> Theme:
    """The theme last applied (light until `apply_theme` is called)."""
    return _current


def build_palette(theme: Theme) -> QPalette:
    """A complete QPalette for Fusion, including the disabled group."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.raised,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.raised,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.ToolTipBase: theme.raised,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.dim_text,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.accent_text,
        QPalette.ColorRole.Link: theme.accent,
        QPalette.ColorRole.Mid: theme.separator,
        QPalette.ColorRole.Midlight: theme.separator,
        QPalette.ColorRole.Dark: theme.separator.darker(130),
        QPalette.ColorRole.Light: theme.raised.lighter(110),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0, 90),
    }
    for role, color in roles.items():
        pal.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, theme.dim_text)
    return pal


def build_stylesheet(theme: Theme) -> str:
    """A small stylesheet for the pieces a palette cannot express (chips, rounded inputs)."""
    return f"""
QLabel#modeChip {{
    background: {theme.raised.name()}; color: {theme.dim_text.name()};
    border: 1px solid {theme.separator.name()}; border-radius: 9px; padding: 1px 8px;
}}
QLabel#roomTitle {{ font-weight: 600; }}
QLabel#pinnedMessage {{
    background: {theme.raised.name()}; color: {theme.text.name()}; margin: 0 8px 6px 8px;
    border: 1px solid {theme.separator.name()}; border-left: 3px solid {theme.accent.name()};
    border-radius: 4px; padding: 4px 8px;
}}
QLabel#memberCount, QLabel#composeCounter {{ color: {theme.dim_text.name()}; }}
QLineEdit#chatFilter {{ margin: 0 8px 6px 8px; }}
QLineEdit#compose, QLineEdit#chatFilter {{
    background: {theme.base.name()}; border: 1px solid {theme.separator.name()};
    border-radius: 6px; padding: 5px 8px;
}}
QLineEdit#compose:focus, QLineEdit#chatFilter:focus {{ border-color: {theme.accent.name()}; }}
QPushButton#newMessagesButton {{
    background: {theme.accent.name()}; color: {theme.accent_text.name()};
    border: 1px solid {theme.accent.darker(130).name()};
    border-radius: 11px; padding: 3px 16px; min-height: 16px; font-weight: 600;
}}
QPushButton#newMessagesButton:hover {{ background: {theme.accent.lighter(115).name()}; }}
QLabel#statCaption, QLabel#hintText {{ color: {theme.dim_text.name()}; }}
QPushButton#liveButton {{
    background: #1f9d55; color: #ffffff; border: 1px solid #17804a; border-radius: 6px;
    padding: 6px 16px; font-weight: 700; min-height: 22px;
}}
QPushButton#liveButton:hover {{ background: #23b162; }}
QPushButton#liveButton[live="true"] {{ background: #d93636; border-color: #b52a2a; }}
QPushButton#liveButton[live="true"]:hover {{ background: #e84a4a; }}
QPushButton#liveButton:disabled {{
    background: {theme.raised.name()}; color: {theme.dim_text.name()};
    border-color: {theme.separator.name()};
}}
QLabel#demoChip {{
    background: #f2b705; color: #1d1d1d; border-radius: 9px; padding: 2px 10px; font-weight: 600;
}}
QWidget#firstRunHint {{
    background: {theme.raised.name()}; border-bottom: 1px solid {theme.separator.name()};
    border-left: 4px solid #1f9d55;
}}
QLabel#firstRunText {{ color: {theme.text.name()}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QLabel#statValue[stale="true"] {{ color: {theme.dim_text.name()}; }}
QLabel#connectionLabel {{ font-weight: 600; }}
QLabel#connectionLabel[status="connected"] {{ color: {"#3ecf7a" if theme.is_dark else "#1a7f45"}; }}
QLabel#connectionLabel[status="reconnecting"], QLabel#connectionLabel[status="connecting"] {{
    color: {"#f2b705" if theme.is_dark else "#9a6b00"};
}}
QLabel#connectionLabel[status="offline"], QLabel#connectionLabel[status="failed"] {{
    color: {theme.failed.name()};
}}
QLabel#actionProblem {{ color: {theme.failed.name()}; font-weight: 600; }}
QLabel#paneTitle {{ font-weight: 600; }}
QLabel#emptyState {{ color: {theme.dim_text.name()}; }}
QLabel#errorText {{ color: {theme.failed.name()}; }}
"""


def resolve_mode(mode: str) -> Literal["light", "dark"]:
    """ "light", "dark", or "system" (anything else): the OS colour scheme, else light."""
    if mode in ("light", "dark"):
        return "dark" if mode == "dark" else "light"
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QGuiApplication, mode: ThemeMode | str = "system") -> Theme:
    """Switch the whole application to the light, dark or system theme; returns it.

    Uses ConsoleStyle (Fusion with flat scroll bars) so the palette looks the same on
    Windows, macOS and Linux.
    """
    from PySide6.QtWidgets import QApplication

    from app.ui.consolestyle import ConsoleStyle

    global _current
    _current = DARK if resolve_mode(mode) == "dark" else LIGHT
    if isinstance(app, QApplication):
        app.setStyle(ConsoleStyle())
    app.setPalette(build_palette(_current))
    if hasattr(app, "setStyleSheet"):
        app.setStyleSheet(build_stylesheet(_current))
    return _current


def follow_system_scheme(app: QGuiApplication, mode: Callable[[], str]) -> Callable[..., None]:
    """While the theme setting is "system", switch with the OS (a dark mode at sunset).
    Returns the connected slot (to disconnect it)."""

    def changed(_scheme: object = None) -> None:
        if mode() not in ("light", "dark"):
            apply_theme(app, "system")

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)
    return changed
