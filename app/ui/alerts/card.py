"""The alert card: the playing alert painted big enough to read from across the room."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.alerts import Alert
from app.ui import formatting
from app.ui.theme import Theme, contrast_ratio, current_theme

# Accent per variation: the band of a gift is visible before its numbers are read.
VARIATION_COLORS = {
    "small": "#5b3fd6",
    "medium": "#d9480f",
    "big": "#e8a200",
    "member": "#1971c2",
}
MEMBER_ICON = "👑"


@dataclass(frozen=True)
class CardState:
    """What the card shows; the controller replaces it whenever something changed."""

    alert: Alert | None = None
    variation: str = "small"
    left: float = 0.0  # 0..1 of the alert's time still to run
    paused: bool = False
    replay: bool = False
    waiting: int = 0
    min_diamonds: int = 1


def _face(state: CardState) -> tuple[object, ...]:
    """Everything the card paints but the time-left line, by value (an Alert is changed in
    place, so the state holding it compares equal before and after)."""
    a = state.alert
    shown: tuple[object, ...] | None = None
    if a is not None:
        shown = (a.alert_id, a.kind, a.user, a.gift, a.count, a.final, a.tier, a.months)
        shown = (*shown, a.renewed, a.diamonds, a.mixed)
    return (shown, state.variation, state.paused, state.replay, state.waiting, state.min_diamonds)


def has_emoji_font() -> bool:
    return any("emoji" in family.lower() for family in QFontDatabase.families())


def _font(base: QFont, pixels: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(9, int(pixels)))
    font.setBold(bold)
    return font


class AlertCard(QWidget):
    """Paints a CardState; all text is drawn as plain text (names are other people's input)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertCard")
        self.state = CardState()
        self._face = _face(self.state)
        self._emoji = has_emoji_font()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(150)
        self.time_left = _TimeLeft(self)

    def sizeHint(self) -> QSize:
        return QSize(340, 190)

    def set_state(self, state: CardState) -> None:
        """Repaints what changed: the whole card when anything it shows changed (an alert
        also changes in place: a streak's count grows), else, while an alert plays, only
        the time-left line and only when it moved by a pixel (it ticks at 10 Hz: a whole
        card repainted each tick was most of an idle console's paint work)."""
        face = _face(state)
        previous, self.state = self.state, state
        if face != self._face:
            self._face = face
            self.update()
        elif state.alert is not None and self._bar_width(state) != self._bar_width(previous):
            self.time_left.update()

    def _bar_width(self, state: CardState) -> int:
        return int((self.width() - 32) * max(0.0, min(1.0, state.left)))

    def _track(self) -> QRect:
        """Where the time-left line can be (with a pixel around it for antialiasing)."""
        return QRect(15, self.height() - 11, max(0, self.width() - 30), 5)

    # --- painting ---------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.time_left.setGeometry(self._track())

    def _accent(self) -> QColor:
        return QColor(VARIATION_COLORS.get(self.state.variation, VARIATION_COLORS["small"]))

    def _face_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4, 4, -4, -4)

    def _face_brush(self, rect: QRectF, theme: Theme, accent: QColor) -> QBrush:
        if self.state.alert is not None and self.state.variation == "big":
            gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
            gradient.setColorAt(0, _mix(theme.raised, accent, 0.28))
            gradient.setColorAt(1, theme.raised)
            return QBrush(gradient)
        return QBrush(theme.raised)

    def _paint_face(self, p: QPainter, theme: Theme, accent: QColor) -> QRectF:
        """The card's rounded face (the rectangle it fills is returned)."""
        rect = self._face_rect()
        path = QPainterPath()
        path.addRoundedRect(rect, 12, 12)
        p.fillPath(path, self._face_brush(rect, theme, accent))
        return rect

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = current_theme()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        state = self.state
        accent = self._accent()
        rect = self._paint_face(p, theme, accent)
        path = QPainterPath()
        path.addRoundedRect(rect, 12, 12)
        p.setPen(theme.separator)
        p.drawPath(path)
        if state.alert is None:
            self._paint_empty(p, rect, theme)
        else:
            self._paint_alert(p, rect, theme, state.alert, accent)
        p.end()

    def _paint_empty(self, p: QPainter, rect: QRectF, theme: Theme) -> None:
        state = self.state
        h = rect.height()
        p.setPen(theme.dim_text)
        title = self.tr("Paused") if state.paused else self.tr("Gift alerts show here")
        p.setFont(_font(self.font(), min(h * 0.13, rect.width() * 0.065, 30.0), bold=True))
        top = QRectF(rect.left() + 12, rect.top() + h * 0.2, rect.width() - 24, h * 0.25)
        title = p.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, int(top.width()))
        p.drawText(top, Qt.AlignmentFlag.AlignCenter, title)
        if state.paused and state.waiting:
            hint = self.tr("%Ln waiting — resume to play them", "", state.waiting)
        else:
            hint = self.tr(
                "Gifts worth {0}+ 💎 and new members pop up here; every gift goes to the feed."
            ).format(formatting.number(state.min_diamonds))
        p.setFont(_font(self.font(), min(max(12.0, h * 0.075), 17.0)))
        bottom = QRectF(rect.left() + 16, top.bottom() + 4, rect.width() - 32, h * 0.5)
        p.drawText(
            bottom,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            hint,
        )

    def _paint_alert(
        self, p: QPainter, rect: QRectF, theme: Theme, alert: Alert, accent: QColor
    ) -> None:
        h, w = rect.height(), rect.width()
        pad = max(10.0, h * 0.07)
        # Accent stripe on the left edge.
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 8, h), 4, 4)
        p.fillPath(stripe, accent)

        icon_size = min(h * 0.46, w * 0.28)
        icon_rect = QRectF(rect.left() + pad + 6, rect.top() + pad, icon_size, icon_size)
        self._paint_icon(p, icon_rect, alert, accent, theme)

        text_left = icon_rect.right() + pad
        text_w = rect.right() - pad - text_left
        name_font = _font(self.font(), h * 0.15, bold=True)
        p.setFont(name_font)
        p.setPen(theme.text)
        name = p.fontMetrics().elidedText(alert.user.name, Qt.TextElideMode.ElideRight, int(text_w))
        name_rect = QRectF(text_left, rect.top() + pad, text_w, h * 0.2)
        p.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)

        p.setFont(_font(self.font(), h * 0.095))
        p.setPen(theme.dim_text)
        action = p.fontMetrics().elidedText(
            self._action_text(alert), Qt.TextElideMode.ElideRight, int(text_w)
        )
        action_rect = QRectF(text_left, name_rect.bottom(), text_w, h * 0.15)
        p.drawText(action_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, action)

        # The big numbers: the count and the diamonds (a member: the tier).
        big_top = icon_rect.bottom() + h * 0.04
        big_rect = QRectF(
            rect.left() + pad + 6, big_top, w - 2 * pad - 6, rect.bottom() - big_top - pad
        )
        if alert.kind == "gift":
            count_text = f"× {formatting.number(alert.count)}"
            diamonds_text = f"💎 {formatting.number(alert.diamonds)}"
        else:
            count_text = self.tr("Tier {0}").format(alert.tier)
            diamonds_text = (
                self.tr("month {0}").format(alert.months)
                if alert.renewed
                else self.tr("new member")
            )
        # Side by side when they fit; in a narrow column both shrink together (never
        # below 60%), and what still does not fit is elided rather than overlapped.
        count_font = _font(self.font(), h * 0.24, bold=True)
        rest_font = _font(self.font(), h * 0.15, bold=True)
        needed = (
            QFontMetricsF(count_font).horizontalAdvance(count_text)
            + pad
            + QFontMetricsF(rest_font).horizontalAdvance(diamonds_text)
        )
        if needed > big_rect.width():
            scale = max(0.6, big_rect.width() / needed)
            count_font = _font(self.font(), h * 0.24 * scale, bold=True)
            rest_font = _font(self.font(), h * 0.15 * scale, bold=True)
        p.setFont(count_font)
        p.setPen(readable_on(accent, theme.raised))
        count_text = p.fontMetrics().elidedText(
            count_text, Qt.TextElideMode.ElideRight, int(big_rect.width())
        )
        p.drawText(big_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, count_text)
        count_w = p.fontMetrics().horizontalAdvance(count_text)
        p.setFont(rest_font)
        p.setPen(theme.text)
        rest = QRectF(
            big_rect.left() + count_w + pad,
            big_rect.top(),
            max(0.0, big_rect.width() - count_w - pad),
            big_rect.height(),
        )
        diamonds_text = p.fontMetrics().elidedText(
            diamonds_text, Qt.TextElideMode.ElideRight, int(rest.width())
        )
        p.drawText(rest, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, diamonds_text)

        self._paint_pill(p, rect, theme, alert)
        self._paint_time_left(p, rect, accent)

    def _paint_time_left(self, p: QPainter, rect: QRectF, accent: QColor) -> None:
        """Time left, as a thin line along the bottom edge (inside `_track`)."""
        left = max(0.0, min(1.0, self.state.left))
        p.fillRect(
            QRectF(rect.left() + 12, rect.bottom() - 6, (rect.width() - 24) * left, 3), accent
        )

    def paint_track(self, p: QPainter) -> None:
        """What the card looks like in `_track` (`p` in the card's coordinates)."""
        accent = self._accent()
        # `_track` lies inside the face's straight part (clear of its rounded corners): the
        # face there is a plain fill with the face's brush, no need to fill the whole path.
        rect = self._face_rect()
        p.fillRect(QRectF(self._track()), self._face_brush(rect, current_theme(), accent))
        if self.state.alert is not None:
            self._paint_time_left(p, rect, accent)

    def _paint_pill(self, p: QPainter, rect: QRectF, theme: Theme, alert: Alert) -> None:
        state = self.state
        if state.paused:
            text, color = self.tr("PAUSED"), theme.dim_text
        elif state.replay:
            text, color = self.tr("REPLAY"), theme.dim_text
        elif alert.kind == "gift" and not alert.final:
            text, color = self.tr("● COMBO"), QColor(VARIATION_COLORS["medium"])
        else:
            return
        p.setFont(_font(self.font(), max(11.0, rect.height() * 0.065), bold=True))
        fm = p.fontMetrics()
        pill = QRectF(0, 0, fm.horizontalAdvance(text) + 16, fm.height() + 4)
        pill.moveTopRight(rect.topRight() + QPointF(-10, 10))
        p.setPen(color)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_icon(
        self, p: QPainter, box: QRectF, alert: Alert, accent: QColor, theme: Theme
    ) -> None:
        icon = MEMBER_ICON if alert.kind == "member" else (alert.gift.icon if alert.gift else "")
        if icon and self._emoji:
            p.setFont(_font(self.font(), box.height() * 0.78))
            p.setPen(theme.text)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, icon)
            return
        # No emoji font (some bare Linux desktops): a disc with the gift's initial.
        p.setBrush(accent)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(box)
        name = alert.gift.name if alert.gift else "★"
        p.setPen(QColor("#ffffff"))
        p.setFont(_font(self.font(), box.height() * 0.5, bold=True))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, name[:1].upper())

    def _action_text(self, alert: Alert) -> str:
        if alert.kind == "member":
            if alert.renewed:
                return self.tr("renewed Below Room · tier {0}").format(alert.tier)
            return self.tr("joined Below Room · tier {0}").format(alert.tier)
        gift = alert.gift.name if alert.gift else self.tr("a gift")
        if alert.mixed:  # several kinds of gifts from one person, added up
            return self.tr("sent {0} and more").format(gift)
        return self.tr("sent {0}").format(gift)


class _TimeLeft(QWidget):
    """The card's strip under the time-left line, a child of its own that paints every
    pixel (the card's face, then the line): a tick (10 Hz while an alert plays) repaints
    these few pixels only. As part of the card, which is not opaque (rounded corners),
    each tick also repainted the strip of every ancestor under it."""

    def __init__(self, card: AlertCard) -> None:
        super().__init__(card)
        self._card = card
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.translate(-QPointF(self.pos()))
        self._card.paint_track(p)
        p.end()


def readable_on(color: QColor, background: QColor, ratio: float = 4.5) -> QColor:
    """`color`, lightened on a dark background or darkened on a light one until it reads."""
    dark_bg = background.lightnessF() < 0.5
    hue, sat, light = color.hslHueF(), color.hslSaturationF(), color.lightnessF()
    out = QColor(color)
    for _ in range(40):
        if contrast_ratio(out, background) >= ratio:
            break
        light = min(light + 0.025, 1.0) if dark_bg else max(light - 0.025, 0.0)
        out = QColor.fromHslF(max(hue, 0.0), sat, light)
    return out


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        int(a.red() + (b.red() - a.red()) * t),
        int(a.green() + (b.green() - a.green()) * t),
        int(a.blue() + (b.blue() - a.blue()) * t),
    )
