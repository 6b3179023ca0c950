"""A widget's style sheet that follows the theme: rebuilt when the palette changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.ui.theme import Theme, current_theme

_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class ThemedSheet(QObject):
    """Sets `sheet(current_theme())` on `widget` now and after every palette change.

    setStyleSheet itself sends a palette change, so the sheet is set only when its text
    differs from the one set last (no loop, no needless re-polish). Call `apply()` when
    something else the sheet depends on changed.
    """

    def __init__(self, widget: QWidget, sheet: Callable[[Theme], str]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._sheet = sheet
        self._applied: str | None = None
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        sheet = self._sheet(current_theme())
        if sheet != self._applied:
            self._applied = sheet
            self._widget.setStyleSheet(sheet)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() in _PALETTE_EVENTS:
            self.apply()
        return False
