"""A keyboard-shortcut overlay drawn over the window (F1); no modal dialog while live."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.ui import formatting

_WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter)


class HelpOverlay(QWidget):
    """Covers its parent; lists (keys, what) pairs; any key or click closes it."""

    def __init__(self, parent: QWidget, shortcuts: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self._host = parent
        self.shortcuts = shortcuts
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self._host.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()

    def row_heights(self, font: QFont, what_w: int, line_h: int) -> list[int]:
        """Each line's height: a long description wraps onto more lines instead of being cut
        (German runs long)."""
        fm = QFontMetrics(font)
        return [
            max(line_h, fm.boundingRect(QRect(0, 0, what_w, 10_000), _WRAP, what).height() + 8)
            for _keys, what in self.shortcuts
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 190))
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        body_font = QFont(self.font())
        body_font.setPointSizeF(body_font.pointSizeF() * 1.25)
        line_h = int(body_font.pointSizeF() * 2.4)
        box_w = min(self.width() - 40, 640)
        what_w = box_w - 244
        heights = self.row_heights(body_font, what_w, line_h)
        box_h = 90 + sum(heights) + 40
        box = QRect(
            (self.width() - box_w) // 2, max(20, (self.height() - box_h) // 2), box_w, box_h
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(32, 34, 40))
        painter.setPen(QColor(90, 94, 104))
        painter.drawRoundedRect(box, 12, 12)
        painter.setPen(QColor(240, 240, 245))
        painter.setFont(title_font)
        painter.drawText(
            box.adjusted(24, 18, -24, 0),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
            self.tr("Keyboard shortcuts"),
        )
        painter.setFont(body_font)
        y = box.top() + 80
        for (keys, what), row_h in zip(self.shortcuts, heights, strict=True):
            painter.setPen(QColor(255, 214, 102))
            painter.drawText(
                QRect(box.left() + 24, y, 190, line_h),
                Qt.AlignmentFlag.AlignVCenter,
                formatting.shortcut_text(keys),
            )
            painter.setPen(QColor(230, 230, 235))
            painter.drawText(QRect(box.left() + 220, y, what_w, row_h), _WRAP, what)
            y += row_h
        painter.setPen(QColor(160, 160, 170))
        painter.drawText(
            box.adjusted(24, 0, -24, -12),
            Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
            self.tr("Press any key to close"),
        )
