"""ConsoleStyle: Fusion (the same look on Windows, macOS and Linux) with flat scroll bars.

Fusion paints a scroll bar with gradients over its whole groove: about 1 ms a paint in
software, and a chat pane's bar repaints as its handle moves with new lines. The flat bar
here (the groove in the window colour, a rounded handle, small chevrons on the end
buttons) costs a few dozen microseconds and fills every pixel, so a bar may be marked
opaque (nothing under it repaints). Where a click lands is still Fusion's geometry.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QProxyStyle, QScrollBar, QStyle, QStyleOptionComplex, QWidget

_CC = QStyle.ComplexControl.CC_ScrollBar
_SC = QStyle.SubControl
HANDLE_INSET = 3  # pixels between the handle and the bar's long edges
HANDLE_ALPHA = 120
HANDLE_HOVER_ALPHA = 200


class ConsoleStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control == _CC:
            self._scroll_bar(option, painter, widget)
        else:
            super().drawComplexControl(control, option, painter, widget)

    def _scroll_bar(self, option: QStyleOptionComplex, p: QPainter, widget: QWidget | None) -> None:
        pal = option.palette
        state = option.state
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        vertical = not state & QStyle.StateFlag.State_Horizontal
        window = pal.color(QPalette.ColorRole.Window)
        p.save()
        p.fillRect(option.rect, window)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(
            pal.color(
                QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled,
                QPalette.ColorRole.PlaceholderText,
            )
        )
        for control, sign in ((_SC.SC_ScrollBarSubLine, -1.0), (_SC.SC_ScrollBarAddLine, 1.0)):
            r = QRectF(self._rect(option, control, widget))
            if not r.isEmpty():
                p.drawPolygon(_chevron(r, sign, vertical))
        has_range = not isinstance(widget, QScrollBar) or widget.maximum() > widget.minimum()
        if enabled and has_range:
            handle = QRectF(self._rect(option, _SC.SC_ScrollBarSlider, widget))
            i = HANDLE_INSET
            handle = handle.adjusted(i, 1, -i, -1) if vertical else handle.adjusted(1, i, -1, -i)
            # The dim text colour, see-through: readable as a handle on either theme.
            color = QColor(pal.color(QPalette.ColorRole.PlaceholderText))
            color.setAlpha(HANDLE_ALPHA)
            if option.activeSubControls & _SC.SC_ScrollBarSlider:
                if state & QStyle.StateFlag.State_Sunken:
                    color = pal.color(QPalette.ColorRole.Highlight)
                else:
                    color.setAlpha(HANDLE_HOVER_ALPHA)
            _pill(p, handle, _over(color, window), vertical)
        p.restore()

    def _rect(
        self, option: QStyleOptionComplex, part: QStyle.SubControl, widget: QWidget | None
    ) -> QRect:
        return self.subControlRect(_CC, option, part, widget)  # type: ignore[arg-type]


def _chevron(r: QRectF, sign: float, vertical: bool) -> QPolygonF:
    """A small triangle pointing up/left (sign -1) or down/right (+1), centred in r."""
    c, h = r.center(), min(r.width(), r.height()) / 5
    if vertical:
        points = [QPointF(-h, -sign * h / 2), QPointF(h, -sign * h / 2), QPointF(0, sign * h / 2)]
    else:
        points = [QPointF(-sign * h / 2, -h), QPointF(-sign * h / 2, h), QPointF(sign * h / 2, 0)]
    return QPolygonF([c + d for d in points])


def _over(color: QColor, ground: QColor) -> QColor:
    """`color` as it looks over `ground`, made opaque."""
    a = color.alpha() / 255
    return QColor(
        round(color.red() * a + ground.red() * (1 - a)),
        round(color.green() * a + ground.green() * (1 - a)),
        round(color.blue() * a + ground.blue() * (1 - a)),
    )


def _pill(p: QPainter, r: QRectF, color: QColor, vertical: bool) -> None:
    """A rounded bar: a plain rectangle between two round ends.

    Not one antialiased rounded rectangle: Qt's raster engine hands the blending of a shape
    taller than about a hundred lines to its thread pool and waits for it, which in a
    running console (its threads asleep) cost far more than the few pixels are worth. The
    rectangle is an opaque fill (no blending); only the small round ends are antialiased.
    """
    d = min(r.width(), r.height())
    if d <= 0:
        return
    p.setBrush(color)
    if vertical:
        first, last = QRectF(r.left(), r.top(), d, d), QRectF(r.left(), r.bottom() - d, d, d)
        middle = QRectF(r.left(), r.top() + d / 2, d, r.height() - d)
    else:
        first, last = QRectF(r.left(), r.top(), d, d), QRectF(r.right() - d, r.top(), d, d)
        middle = QRectF(r.left() + d / 2, r.top(), r.width() - d, d)
    p.drawEllipse(first)
    p.drawEllipse(last)
    if not middle.isEmpty():
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(middle.toAlignedRect(), color)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
