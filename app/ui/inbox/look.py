"""How the inbox shows things: status names and chip colours, stream moments, times and money."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QLabel, QWidget

from app.core.inbox_thread import InboxInquiry
from app.protocol.payloads import InquiryStatus, Service
from app.ui.formatting import format_cents

# Filled chips with white text; each fill keeps at least 4.5:1 against white (tested).
STATUS_COLORS: dict[str, str] = {
    "new": "#5b3fd6",
    "open": "#1864ab",
    "quoted": "#a34f00",
    "booked": "#2b7a3b",
    "completed": "#0b6e63",
    "declined": "#c02d2d",
    "closed": "#5c636e",
    "snoozed": "#8a4d8f",
}
CHIP_TEXT = QColor("#ffffff")


def plain_label(text: str = "", parent: QWidget | None = None, name: str = "") -> QLabel:
    """A label that never interprets markup (user text is shown exactly as typed)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def status_label(status: str) -> str:
    labels = {
        "new": QCoreApplication.translate("Inbox", "New"),
        "open": QCoreApplication.translate("Inbox", "Open"),
        "quoted": QCoreApplication.translate("Inbox", "Quoted"),
        "booked": QCoreApplication.translate("Inbox", "Booked"),
        "completed": QCoreApplication.translate("Inbox", "Completed"),
        "declined": QCoreApplication.translate("Inbox", "Declined"),
        "closed": QCoreApplication.translate("Inbox", "Closed"),
        "snoozed": QCoreApplication.translate("Inbox", "Snoozed"),
    }
    return labels.get(status, status)


def view_label(view: str) -> str:
    labels = {
        "active": QCoreApplication.translate("Inbox", "Needs attention"),
        "unread": QCoreApplication.translate("Inbox", "Unread"),
        "snoozed": QCoreApplication.translate("Inbox", "Snoozed"),
        "all": QCoreApplication.translate("Inbox", "All inquiries"),
    }
    return labels.get(view) or status_label(view)


def category_label(category: str) -> str:
    labels = {
        "consulting": QCoreApplication.translate("Inbox", "Consulting"),
        "skill_training": QCoreApplication.translate("Inbox", "Skill training"),
        "local_service": QCoreApplication.translate("Inbox", "Local service"),
        "shop_offer": QCoreApplication.translate("Inbox", "Shop offer"),
    }
    return labels.get(category, category)


def status_color(status: str) -> QColor:
    return QColor(STATUS_COLORS.get(status, STATUS_COLORS["closed"]))


def format_elapsed(seconds: int) -> str:
    """12:34 below an hour, 1:02:03 above."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def stream_moment(item: InboxInquiry) -> str:
    """Where in the stream the inquiry came from: 'at 12:34 into "Friday mix"'."""
    if item.session_id is None or item.elapsed_s is None:
        return QCoreApplication.translate("Inbox", "outside a live")
    at = format_elapsed(item.elapsed_s)
    if item.session_title:
        return (
            QCoreApplication.translate("Inbox", "at {time} into “{title}”")
            .replace("{time}", at)
            .replace("{title}", item.session_title)
        )
    return QCoreApplication.translate("Inbox", "at {time} into the live").replace("{time}", at)


def clock_time(ts_ms: int, now_ms: int | None = None) -> str:
    """14:05 today; 'Mon 14:05' this week; a short date before."""
    when = QDateTime.fromMSecsSinceEpoch(ts_ms)
    now = QDateTime.currentDateTime() if now_ms is None else QDateTime.fromMSecsSinceEpoch(now_ms)
    locale = QLocale()
    time = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    days = when.date().daysTo(now.date())
    if days == 0:
        return time
    if 0 < days < 7:
        return f"{locale.dayName(when.date().dayOfWeek(), QLocale.FormatType.ShortFormat)} {time}"
    return f"{locale.toString(when.date(), QLocale.FormatType.ShortFormat)} {time}"


def appointment_format() -> str:
    """A booking's date and time as a QDateTime format, always with the weekday ("Tuesday or
    Thursday" is how customers ask): 'Thu 10 Dec 2026, 18:00'; the translation orders it."""
    return QCoreApplication.translate("Inbox", "ddd d MMM yyyy, HH:mm")


def appointment_time(ts_ms: int) -> str:
    return QLocale().toString(QDateTime.fromMSecsSinceEpoch(ts_ms), appointment_format())


def money(cents: int | None, currency: str) -> str:
    return (
        QCoreApplication.translate("Inbox", "on request")
        if cents is None
        else format_cents(cents, currency)
    )


def service_summary(service: Service | None, fallback_title: str) -> str:
    """'Mix feedback · $30.00 · 45 min' (what the inquiry is about)."""
    if service is None:
        return fallback_title
    parts = [service.title, money(service.price_cents, service.currency)]
    if service.duration_min:
        parts.append(
            QCoreApplication.translate("Inbox", "{n} min").replace("{n}", str(service.duration_min))
        )
    return " · ".join(parts)


def chip_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(7.5, base.pointSizeF() * 0.8))
    font.setBold(True)
    return font


def chip_size(text: str, font: QFont) -> tuple[float, float]:
    metrics = QFontMetricsF(font)
    return metrics.horizontalAdvance(text) + 14, metrics.height() + 4


def paint_chip(painter: QPainter, right: QPointF, text: str, color: QColor, font: QFont) -> QRectF:
    """A filled pill whose right edge is at `right` (vertically centred on it); plain text."""
    width, height = chip_size(text, font)
    rect = QRectF(right.x() - width, right.y() - height / 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setPen(CHIP_TEXT)
    painter.setFont(font)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()
    return rect


def status_of(status: InquiryStatus | str, item: InboxInquiry | None, now_ms: int) -> str:
    """The chip text: 'Snoozed' turns into 'Woke up' once the snooze ran out."""
    if status == "snoozed" and item is not None and not item.asleep(now_ms):
        return QCoreApplication.translate("Inbox", "Woke up")
    return status_label(status)
