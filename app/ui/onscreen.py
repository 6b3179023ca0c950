"""Place new top-level windows where the creator can see all of them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget


def _frame_extra(window: QWidget, like: QWidget | None) -> QSize:
    """What the window manager's frame adds to `window`; before it is shown, what it adds to
    the shown window `like` (the frame is not known until then)."""
    for w in (window, like.window() if like is not None else None):
        if w is not None and w.isVisible():
            frame = w.frameGeometry()
            return QSize(frame.width() - w.width(), frame.height() - w.height())
    return QSize(0, 0)


def fit_on_screen(
    window: QWidget, at: QPoint | None = None, screen_of: QWidget | None = None
) -> None:
    """Move (and if needed shrink) `window` so that it lies wholly on one screen: the screen
    of `screen_of` (else its own), at `at` (its top-left, global) or where it is."""
    screen = (screen_of or window).screen()
    area: QRect = screen.availableGeometry()
    extra = _frame_extra(window, screen_of)
    width = min(window.width() + extra.width(), area.width())
    height = min(window.height() + extra.height(), area.height())
    if width - extra.width() < window.width() or height - extra.height() < window.height():
        window.resize(width - extra.width(), height - extra.height())
    top_left = at if at is not None else window.frameGeometry().topLeft()
    x = min(max(top_left.x(), area.left()), area.right() - width + 1)
    y = min(max(top_left.y(), area.top()), area.bottom() - height + 1)
    window.move(x, y)


def centre_over(window: QWidget, parent: QWidget) -> None:
    """Open `window` centred over `parent`, wholly on `parent`'s screen."""
    centre = parent.frameGeometry().center()
    at = QPoint(centre.x() - window.width() // 2, centre.y() - window.height() // 2)
    fit_on_screen(window, at, parent)
