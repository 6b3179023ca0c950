"""Paints chat lines as plain text with QPainter.drawText: time, badge pills, name, message."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui import formatting
from app.ui.chat.line import FAILED, ChatLine, missed_text
from app.ui.chat.line import GAP as GAP_FLAG
from app.ui.chat.model import LINE_ROLE, REPLY_ROLE
from app.ui.safetext import isolated
from app.ui.theme import Theme, current_theme

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

PAD_X = 10.0
PAD_Y = 4.0
PILL_PAD_X = 5.0
GAP = 6.0
REPLY_GAP = 4.0  # a reply's context line must not read as part of the line above
_CACHE_MAX = 4096
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]+")
_PILL_ORDER = ("creator", "moderator", "member", "top_gifter", "fan")
OUTLINED_PILLS = frozenset({"held", "answered", "first"})


@dataclass(slots=True)
class Pill:
    rect: QRectF
    label: str
    kind: str


@dataclass(slots=True)
class LineLayout:
    """Everything `paint` draws for one line at one width, positions relative to the row."""

    height: float
    time_text: str = ""
    time_pos: QPointF = field(default_factory=QPointF)
    clock_rect: QRectF | None = None
    pills: list[Pill] = field(default_factory=list)
    name: str = ""
    name_pos: QPointF = field(default_factory=QPointF)
    reply_text: str = ""
    reply_pos: QPointF = field(default_factory=QPointF)
    fragments: list[tuple[QPointF, str]] = field(default_factory=list)
    marker_text: str = ""
    marker_rect: QRectF | None = None
    gap_text: str = ""


class ChatDelegate(QStyledItemDelegate):
    """Lays out and paints ChatLines; layouts are cached per (message, flags, width, font).

    Never uses rich text: every string reaches the screen through QPainter.drawText.
    `layout_changed` tells views that every row height may have changed (font size).
    """

    layout_changed = Signal()

    def __init__(self, font_size_pt: float = 11.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int, int, float], LineLayout] = {}
        self._small_cache: dict[object, object] = {}  # clock texts, name widths, pill lists
        self._font_size = font_size_pt
        self._build_fonts()

    # --- fonts -----------------------------------------------------------------------

    @property
    def font_size(self) -> float:
        return self._font_size

    def set_font_size(self, points: float) -> None:
        points = min(max(points, 7.0), 32.0)
        if points != self._font_size:
            self._font_size = points
            self._build_fonts()
            self._cache.clear()
            self._small_cache.clear()
            self.layout_changed.emit()

    def _build_fonts(self) -> None:
        base = QFont(QGuiApplication.font())
        base.setPointSizeF(self._font_size)
        self.text_font = base
        self.name_font = QFont(base)
        self.name_font.setWeight(QFont.Weight.Bold)
        self.struck_font = QFont(base)
        self.struck_font.setStrikeOut(True)
        self.small_font = QFont(base)
        self.small_font.setPointSizeF(self._font_size * 0.84)
        self.pill_font = QFont(base)
        self.pill_font.setPointSizeF(self._font_size * 0.72)
        self.pill_font.setWeight(QFont.Weight.Bold)
        self.pill_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        self._fm = QFontMetricsF(self.text_font)
        self._name_fm = QFontMetricsF(self.name_font)
        self._small_fm = QFontMetricsF(self.small_font)
        self._pill_fm = QFontMetricsF(self.pill_font)
        self._time_width = self._small_fm.horizontalAdvance(formatting.widest_time_of_day())
        self._text_left = PAD_X + self._time_width + 8
        sample = "Chat moves fast, so estimate: how wide is an average letter?"
        self._avg_char = self._fm.horizontalAdvance(sample) / len(sample)
        self._line_height = max(self._fm.lineSpacing(), self._pill_fm.height() + 4) + 1
        self._text_option = QTextOption()
        self._text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    # --- layout ----------------------------------------------------------------------

    def layout_for(self, line: ChatLine, width: int, reply_text: str = "") -> LineLayout:
        """The cached layout of `line` in a row `width` pixels wide."""
        key = (line.message_id, int(line.flags), width, self._font_size)
        layout = self._cache.get(key)
        if layout is None:
            if len(self._cache) >= _CACHE_MAX:
                for old in list(itertools.islice(self._cache, _CACHE_MAX // 4)):
                    del self._cache[old]
            layout = self._layout(line, width, reply_text)
            self._cache[key] = layout
        return layout

    def estimate_heights(self, lines: Iterable[ChatLine | None], width: int) -> list[int]:
        """Cheap guesses of `height_for` (no text layout) for rows not yet seen, 0 for None;
        one call per batch, with the constants looked up once: the view estimates every
        arriving row, tens of thousands a second in a flood."""
        avail = max(40.0, width - self._text_left - PAD_X)
        avg_char, line_height = self._avg_char, self._line_height
        gap_height = int(line_height + 2 * PAD_Y + 6)
        reply_extra = self._small_fm.lineSpacing() + REPLY_GAP
        failed_extra = self._small_fm.height() + 6
        heights: list[int] = []
        append = heights.append
        for line in lines:
            if line is None:
                append(0)
                continue
            flags = line.flags
            if flags & GAP_FLAG:
                append(gap_height)
                continue
            chars = len(line.text) + len(line.user_name) + 8 * len(line.badges) + 4
            rows = 1 + int(chars * avg_char / avail)
            extra = reply_extra if line.reply_to else 0.0
            if flags & FAILED:
                extra += failed_extra
            append(int(2 * PAD_Y + rows * line_height + extra + 0.999))
        return heights

    def height_for(self, line: ChatLine, width: int, reply_text: str = "") -> int:
        return int(self.layout_for(line, width, reply_text).height + 0.999)

    def _cached(self, key: object, make: Callable[[], T]) -> T:
        value = self._small_cache.get(key)
        if value is None:
            if len(self._small_cache) >= _CACHE_MAX:
                self._small_cache.clear()
            value = self._small_cache[key] = make()
        return value  # type: ignore[return-value]

    def _clock_text(self, ts: int) -> str:
        minute = ts // 60_000
        return self._cached(("clock", minute), lambda: formatting.time_of_day(minute * 60_000))

    def _name_width(self, name: str) -> float:
        return self._cached(("name", name), lambda: self._name_fm.horizontalAdvance(name))

    def _pills_of(self, line: ChatLine) -> list[tuple[str, str, float]]:
        key = ("pills", line.badges, line.flags, line.first_in_room)

        def make() -> list[tuple[str, str, float]]:
            return [
                (kind, label, self._pill_fm.horizontalAdvance(label) + 2 * PILL_PAD_X)
                for kind, label in self.pill_labels(line)
            ]

        return self._cached(key, make)

    def pill_labels(self, line: ChatLine) -> list[tuple[str, str]]:
        """(kind, label) of every pill a line shows, in display order."""
        pills: list[tuple[str, str]] = []
        if line.held:
            pills.append(("held", self.tr("HELD")))
        if line.answered_on_camera:
            pills.append(("answered", self.tr("✓ ANSWERED")))
        by_kind: dict[str, tuple[str, str]] = {}
        for badge in line.badges:
            kind, _, tier = badge.partition(":")
            if kind == "member" and "member" not in by_kind:
                level = tier if tier in {"1", "2", "3"} else "1"
                label = (
                    self.tr("MEMBER") if level == "1" else self.tr("MEMBER %1").replace("%1", level)
                )
                by_kind["member"] = (f"member:{level}", label)
            elif kind == "creator":
                by_kind[kind] = (kind, self.tr("CREATOR"))
            elif kind == "moderator":
                by_kind[kind] = (kind, self.tr("MOD"))
            elif kind == "top_gifter":
                by_kind[kind] = (kind, self.tr("TOP GIFTER"))
            elif kind == "fan":  # the source mark of what came from the fan page
                by_kind[kind] = (kind, self.tr("FAN PAGE"))
        pills.extend(by_kind[kind] for kind in _PILL_ORDER if kind in by_kind)
        if line.first_in_room:
            pills.append(("first", self.tr("FIRST")))
        return pills

    def _layout(self, line: ChatLine, width: int, reply_text: str) -> LineLayout:
        fm = self._fm
        line_h = self._line_height
        baseline = PAD_Y + (line_h - fm.height()) / 2 + fm.ascent()
        if line.is_gap:
            text = line.text or missed_text(line.missed)  # a note line says its own words
            text = self._small_fm.elidedText(text, Qt.TextElideMode.ElideRight, width - 6 * PAD_X)
            return LineLayout(height=line_h + 2 * PAD_Y + 6, gap_text=text)
        layout = LineLayout(height=0.0)
        layout.time_text = self._clock_text(line.ts)
        left = self._text_left
        right = max(left + 40, width - PAD_X)
        top = 0.0
        if line.reply_to and reply_text:
            small = self._small_fm
            quoted = isolated(_single_line(reply_text))  # cannot reorder the label
            label = self.tr("↪ replying to %1").replace("%1", quoted)
            layout.reply_text = small.elidedText(label, Qt.TextElideMode.ElideRight, right - left)
            layout.reply_pos = QPointF(left, PAD_Y + REPLY_GAP + small.ascent())
            top = small.lineSpacing() + REPLY_GAP
        baseline += top
        layout.time_pos = QPointF(PAD_X, baseline)
        x = left
        if line.pending:
            size = fm.ascent() * 0.8
            layout.clock_rect = QRectF(x, baseline - size, size, size)
            x += size + GAP
        pill_h = self._pill_fm.height() + 2
        pill_top = top + PAD_Y + (line_h - pill_h) / 2
        for kind, label, w in self._pills_of(line):
            layout.pills.append(Pill(QRectF(x, pill_top, w, pill_h), label, kind))
            x += w + 4
        if layout.pills:
            x += GAP - 4
        name_lines = 0
        if line.user_name:
            name, name_w = line.user_name, self._name_width(line.user_name)
            room = right - x
            if x > left and name_w > room and (name_w < (right - left) / 2 or room < name_w * 0.6):
                # Badges filled the line: a short name starts the next line rather than
                # lose letters; a long one that mostly fits is elided instead.
                x, baseline, name_lines = left, baseline + line_h, 1
            if name_w > right - x:
                name = self._name_fm.elidedText(name, Qt.TextElideMode.ElideRight, right - x)
                name_w = self._name_fm.horizontalAdvance(name)
            layout.name = name
            layout.name_pos = QPointF(x, baseline)
            x += name_w + GAP
        text_lines = self._layout_text(layout, _single_line(line.text), x, left, right, baseline)
        height = top + PAD_Y * 2 + line_h * (name_lines + text_lines)
        if line.failed:
            layout.marker_text = self.tr("⚠ failed — retry")
            marker_w = self._small_fm.horizontalAdvance(layout.marker_text) + 2 * PILL_PAD_X
            layout.marker_rect = QRectF(left, height - PAD_Y, marker_w, self._small_fm.height() + 4)
            height += self._small_fm.height() + 6
        layout.height = height
        return layout

    def _layout_text(
        self, layout: LineLayout, text: str, x: float, left: float, right: float, baseline: float
    ) -> int:
        """Wraps `text` into fragments: the first line starts at x, the others at left."""
        if not text:
            return 1
        if right - x < min(120.0, (right - left) * 0.35):
            x, baseline = left, baseline + self._line_height  # no room after a long name
            lines_used = 2
        else:
            lines_used = 1
        if len(text) < 200 and self._fm.horizontalAdvance(text) <= right - x:
            layout.fragments.append((QPointF(x, baseline), text))
            return lines_used
        text_layout = QTextLayout(text, self.text_font)
        text_layout.setTextOption(self._text_option)
        text_layout.beginLayout()
        # QTextLine positions count UTF-16 code units: an emoji outside the BMP is two of them
        # but one Python character, so rows are cut from the UTF-16 form of the text.
        utf16 = text.encode("utf-16-le")
        start_x, y = x, baseline
        while True:
            row = text_layout.createLine()
            if not row.isValid():
                break
            row.setLineWidth(right - start_x)
            begin, end = 2 * row.textStart(), 2 * (row.textStart() + row.textLength())
            fragment = utf16[begin:end].decode("utf-16-le", errors="replace").rstrip()
            layout.fragments.append((QPointF(start_x, y), fragment))
            start_x, y = left, y + self._line_height
        text_layout.endLayout()
        return lines_used + max(0, len(layout.fragments) - 1)

    # --- Qt virtuals -----------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = index.data(LINE_ROLE)
        width = option.rect.width()
        if not isinstance(line, ChatLine):
            return QSize(max(width, 0), int(self._line_height + 2 * PAD_Y))
        reply = index.data(REPLY_ROLE) if line.reply_to else ""
        return QSize(max(width, 0), self.height_for(line, width, reply))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        line = index.data(LINE_ROLE)
        if isinstance(line, ChatLine):
            reply = index.data(REPLY_ROLE) if line.reply_to else ""
            self.paint_line(painter, option, line, reply)

    # --- painting --------------------------------------------------------------------

    def paint_line(
        self, painter: QPainter, option: QStyleOptionViewItem, line: ChatLine, reply: str = ""
    ) -> None:
        rect = QRectF(option.rect)
        theme = current_theme()
        layout = self.layout_for(line, int(rect.width()), reply)
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.topLeft())
        local = QRectF(0, 0, rect.width(), rect.height())
        if line.is_gap:
            self._paint_gap(painter, local, layout, theme)
            painter.restore()
            return
        state = option.state
        if line.first_in_room and not line.deleted:
            painter.fillRect(local, theme.first_tint)
            painter.fillRect(QRectF(0, 0, 3, local.height()), theme.state_color("first"))
        if state & QStyle.StateFlag.State_MouseOver or state & QStyle.StateFlag.State_Selected:
            painter.fillRect(local, theme.hover)
        if line.pending:
            painter.setOpacity(0.55)
        elif line.deleted:
            painter.setOpacity(0.75)  # struck through and dimmed, but moderators can read it
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if layout.reply_text:
            painter.setFont(self.small_font)
            painter.setPen(theme.dim_text)
            painter.drawText(layout.reply_pos, layout.reply_text)
        painter.setFont(self.small_font)
        painter.setPen(theme.time_text)
        painter.drawText(layout.time_pos, layout.time_text)
        if layout.clock_rect is not None:
            _paint_clock(painter, layout.clock_rect, theme.dim_text)
        if layout.pills:
            self._paint_pills(painter, layout.pills, theme)
        if layout.name:
            painter.setFont(self.name_font)
            painter.setPen(theme.dim_text if line.deleted else theme.name_color(line.user_id))
            painter.drawText(layout.name_pos, layout.name)
        painter.setFont(self.struck_font if line.deleted else self.text_font)
        painter.setPen(theme.dim_text if line.deleted else theme.text)
        for pos, text in layout.fragments:
            painter.drawText(pos, text)
        if layout.marker_rect is not None:
            painter.setOpacity(1.0)
            self._paint_marker(painter, layout, theme)
        painter.restore()

    def _paint_pills(self, painter: QPainter, pills: list[Pill], theme: Theme) -> None:
        painter.setFont(self.pill_font)
        ascent = self._pill_fm.ascent()
        for pill in pills:
            r = pill.rect
            if pill.kind in OUTLINED_PILLS:
                # States of this message are outlined; who the user is is filled.
                color = theme.state_color(pill.kind)
                painter.setPen(QPen(color, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(r.adjusted(0.6, 0.6, -0.6, -0.6), 4, 4)
                painter.setPen(color)
            else:
                path = QPainterPath()
                path.addRoundedRect(r, 4, 4)
                painter.fillPath(path, theme.badge_color(pill.kind))
                painter.setPen(theme.badge_text)
            painter.drawText(QPointF(r.x() + PILL_PAD_X, r.y() + 1 + ascent), pill.label)

    def _paint_marker(self, painter: QPainter, layout: LineLayout, theme: Theme) -> None:
        assert layout.marker_rect is not None
        r = layout.marker_rect
        painter.setFont(self.small_font)
        painter.setPen(QPen(theme.failed, 1))
        painter.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.drawText(
            QPointF(r.x() + PILL_PAD_X, r.y() + 2 + self._small_fm.ascent()), layout.marker_text
        )

    def _paint_gap(self, painter: QPainter, rect: QRectF, layout: LineLayout, theme: Theme) -> None:
        painter.setFont(self.small_font)
        fm = self._small_fm
        text_w = fm.horizontalAdvance(layout.gap_text)
        cx, cy = rect.center().x(), rect.center().y()
        painter.setPen(QPen(theme.separator, 1))
        margin = PAD_X * 2
        painter.drawLine(QPointF(margin, cy), QPointF(cx - text_w / 2 - 10, cy))
        painter.drawLine(QPointF(cx + text_w / 2 + 10, cy), QPointF(rect.width() - margin, cy))
        painter.setPen(theme.dim_text)
        painter.drawText(
            QPointF(cx - text_w / 2, cy - fm.height() / 2 + fm.ascent()), layout.gap_text
        )

    def paint_placeholder(self, painter: QPainter, rect: QRect, text: str) -> None:
        """The empty state: a centred, wrapped hint where lines will appear."""
        painter.setFont(self.text_font)
        painter.setPen(current_theme().dim_text)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect.adjusted(24, 24, -24, -24), int(flags), text)

    # --- hit testing -----------------------------------------------------------------

    def name_hit(self, line: ChatLine, width: int, pos: QPointF, reply: str = "") -> bool:
        """Whether `pos` (row coordinates) is on the sender's name (it opens the user card)."""
        layout = self.layout_for(line, width, reply)
        if not layout.name:
            return False
        fm = self._name_fm
        x, baseline = layout.name_pos.x(), layout.name_pos.y()
        rect = QRectF(x, baseline - fm.ascent(), fm.horizontalAdvance(layout.name), fm.height())
        return rect.adjusted(-2, -2, 2, 2).contains(pos)

    def retry_hit(self, line: ChatLine, width: int, pos: QPointF, reply: str = "") -> bool:
        """Whether a click at `pos` (row coordinates) hits the "failed — retry" marker."""
        rect = self.layout_for(line, width, reply).marker_rect
        return rect is not None and rect.adjusted(-4, -4, 4, 4).contains(pos)


def _single_line(text: str) -> str:
    return _CONTROL_CHARS.sub(" ", text).strip()


def _paint_clock(painter: QPainter, rect: QRectF, color: QColor) -> None:
    painter.setPen(QPen(color, 1.3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(rect)
    c = rect.center()
    painter.drawLine(c, QPointF(c.x(), rect.top() + rect.height() * 0.22))
    painter.drawLine(c, QPointF(c.x() + rect.width() * 0.25, c.y()))
