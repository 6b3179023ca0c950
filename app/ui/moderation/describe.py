"""Words for moderation: actions in the log, timeout lengths, times (all translatable)."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core.moderation import LogEntry
from app.ui import formatting

TIMEOUT_CHOICES_S = (60, 600, 3600, 86_400)


def duration_text(seconds: int) -> str:
    """ "30 s", "10 min", "1 h", "24 h" — short enough for a button."""
    if seconds < 60:
        return QCoreApplication.translate("Moderation", "{0} s").format(seconds)
    if seconds < 3600 or seconds % 3600:
        return QCoreApplication.translate("Moderation", "{0} min").format(round(seconds / 60))
    return QCoreApplication.translate("Moderation", "{0} h").format(seconds // 3600)


def clock_text(ts_ms: int) -> str:
    """ "14:03:27" for today's times, "2026-11-21 14:03" for older ones."""
    when = time.localtime(ts_ms / 1000)
    today = time.localtime()
    if (when.tm_year, when.tm_yday) == (today.tm_year, today.tm_yday):
        return formatting.time_of_day(ts_ms, seconds=True)
    return formatting.date_time(ts_ms)


_ACTIONS = {
    "chat.delete": QT_TRANSLATE_NOOP("Moderation", "deleted a message"),
    "user.timeout": QT_TRANSLATE_NOOP("Moderation", "timed out"),
    "user.ban": QT_TRANSLATE_NOOP("Moderation", "banned"),
    "user.unban": QT_TRANSLATE_NOOP("Moderation", "unbanned"),
    "chat.pin": QT_TRANSLATE_NOOP("Moderation", "pinned a message"),
    "chat.unpin": QT_TRANSLATE_NOOP("Moderation", "unpinned"),
    "room.set_mode": QT_TRANSLATE_NOOP("Moderation", "changed room modes"),
    "held.approve": QT_TRANSLATE_NOOP("Moderation", "approved a held message"),
    "held.remove": QT_TRANSLATE_NOOP("Moderation", "removed a held message"),
    "oncamera.queue": QT_TRANSLATE_NOOP("Moderation", "queued for the camera"),
    "oncamera.answered": QT_TRANSLATE_NOOP("Moderation", "answered on camera"),
    "moderation.set_blocked_terms": QT_TRANSLATE_NOOP("Moderation", "changed blocked terms"),
    "invite.mint": QT_TRANSLATE_NOOP("Moderation", "made a moderator invite"),
    "invite.revoke": QT_TRANSLATE_NOOP("Moderation", "revoked a moderator"),
    "invite.redeem": QT_TRANSLATE_NOOP("Moderation", "joined as moderator"),
    "live.start": QT_TRANSLATE_NOOP("Moderation", "went live"),
    "live.end": QT_TRANSLATE_NOOP("Moderation", "ended the live"),
    "services.set": QT_TRANSLATE_NOOP("Moderation", "changed Service+ listings"),
}


def action_text(entry: LogEntry) -> str:
    """What happened, e.g. "timed out (10 min)"; unknown actions show their code."""
    known = _ACTIONS.get(entry.action)
    text = QCoreApplication.translate("Moderation", str(known)) if known else entry.action
    if entry.seconds:
        text += f" ({duration_text(entry.seconds)})"
    return text


def log_line(entry: LogEntry) -> str:
    """One plain-text sentence: "14:03:27 Sam timed out (10 min) Mia — spam"."""
    parts = [clock_text(entry.ts), entry.actor.name, action_text(entry)]
    if entry.target_name:
        parts.append(entry.target_name)
    line = " ".join(parts)
    return f"{line} — {entry.reason}" if entry.reason else line
