"""A stacked bar chart of earnings over time, painted with QPainter (no chart library).

Why not QtCharts or pyqtgraph: QtCharts is deprecated since Qt 6.10 and lives in the 175 MB
PySide6-Addons wheel; pyqtgraph would bring numpy into every installer. One bar per period,
stacked by kind, with a money axis and a legend, is a few dozen lines of painting, follows the
console's theme exactly, and grabs to PNG offscreen like any widget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.ui.formatting import format_cents
from app.ui.safetext import plain_tooltip
from app.ui.theme import current_theme

# One colour per kind, the same in the legend, the bars and the summary cards.
KIND_COLORS = {"gifts": "#7048e8", "subscriptions": "#1c7ed6", "services": "#f08c00"}


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar: "Mon 17", "W47", a session's start
    tooltip: str  # plain text
    gifts: int  # cents the creator keeps, per kind
    subscriptions: int
    services: int

    @property
    def total(self) -> int:
        return self.gifts + self.subscriptions + self.services


def nice_step(top: int, lines: int = 4) -> int:
    """A round grid step (1, 2, 2.5 or 5 x 10^n cents) so that `lines` steps reach `top`."""
    if top <= 0:
        return 100
    raw = top / lines
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = int(factor * magnitude)
        if step >= raw and step > 0:
            return step
    return int(10 * magnitude)


class EarningsChart(QWidget):
    """Shows `Bar`s; `bar_clicked(index)` when the creator clicks one."""

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earningsChart")
        self.bars: list[Bar] = []
        self.currency = "USD"
        self.empty_text = ""
        self.selected = -1
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def set_bars(self, bars: list[Bar], currency: str, empty_text: str = "") -> None:
        self.bars = bars
        self.currency = currency
        self.empty_text = empty_text
        if self.selected >= len(bars):
            self.selected = -1
        self.update()

    def select(self, index: int) -> None:
        self.selected = index
        self.update()

    # --- geometry ---------------------------------------------------------------------

    def _plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance(format_cents(88_888_800, self.currency)) + 14
        return QRectF(
            left,
            fm.height() * 2 + 10,
            self.width() - left - 12,
            self.height() - fm.height() * 4 - 16,
        )

    def _bar_rects(self) -> list[QRectF]:
        plot = self._plot_rect()
        n = len(self.bars)
        if n == 0:
            return []
        slot = plot.width() / n
        width = max(min(slot * 0.7, 56.0), 2.0)
        return [
            QRectF(plot.left() + slot * i + (slot - width) / 2, plot.top(), width, plot.height())
            for i in range(n)
        ]

    def bar_at(self, x: float) -> int:
        for i, rect in enumerate(self._bar_rects()):
            if rect.left() - 2 <= x <= rect.right() + 2:
                return i
        return -1

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        theme = current_theme()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), theme.base)
        self._paint_legend(p)
        plot = self._plot_rect()
        top_value = max((b.total for b in self.bars), default=0)
        if top_value <= 0:
            p.setPen(theme.dim_text)
            text = self.empty_text or self.tr("No earnings in this period yet.")
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
            p.end()
            return
        step = nice_step(top_value)
        lines = max(1, math.ceil(top_value / step))
        scale_top = step * lines
        fm = p.fontMetrics()
        for i in range(lines + 1):
            y = plot.bottom() - plot.height() * i / lines
            p.setPen(theme.separator)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(theme.dim_text)
            label = format_cents(step * i, self.currency)
            p.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 8, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        rects = self._bar_rects()
        label_every = max(
            1, math.ceil(len(rects) * (fm.horizontalAdvance("Mon 00") + 8) / max(plot.width(), 1))
        )
        for i, (bar, rect) in enumerate(zip(self.bars, rects, strict=True)):
            y = plot.bottom()
            for value, kind in (
                (bar.gifts, "gifts"),
                (bar.subscriptions, "subscriptions"),
                (bar.services, "services"),
            ):
                if value <= 0:
                    continue
                h = plot.height() * value / scale_top
                p.fillRect(QRectF(rect.left(), y - h, rect.width(), h), QColor(KIND_COLORS[kind]))
                y -= h
            if i == self.selected:
                p.setPen(theme.text)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(rect.left() - 2, y - 2, rect.width() + 4, plot.bottom() - y + 2))
            if i % label_every == 0:
                p.setPen(theme.dim_text)
                p.drawText(
                    QRectF(rect.center().x() - 40, plot.bottom() + 4, 80, fm.height() + 2),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    bar.label,
                )
        p.end()

    def _paint_legend(self, p: QPainter) -> None:
        theme = current_theme()
        font = QFont(self.font())
        p.setFont(font)
        fm = p.fontMetrics()
        x = 12.0
        y = 8.0
        names = {
            "gifts": self.tr("Gifts"),
            "subscriptions": self.tr("Below Room"),
            "services": self.tr("Service+"),
        }
        for kind, name in names.items():
            p.fillRect(QRectF(x, y + 3, 12, 12), QColor(KIND_COLORS[kind]))
            p.setPen(theme.text)
            p.drawText(QPointF(x + 18, y + fm.ascent() + 1), name)
            x += 18 + fm.horizontalAdvance(name) + 18
        p.setPen(theme.dim_text)
        note = self.tr("what you keep, in {0}").format(self.currency)
        p.drawText(QPointF(x + 6, y + fm.ascent() + 1), note)

    # --- interaction ------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().x())
        if index >= 0:
            # Tooltips guess rich text: escape, and keep the line breaks.
            tip = plain_tooltip(self.bars[index].tooltip)
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().x())
        if index >= 0:
            self.select(index)
            self.bar_clicked.emit(index)
        super().mousePressEvent(event)
