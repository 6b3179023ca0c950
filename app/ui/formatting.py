"""Numbers, amounts, dates and durations as the UI language writes them (QLocale).

Every figure the console shows goes through here, so German reads "1.000", "35,00 $",
"Fr. 27. Nov." and English "1,000", "$35.00", "Fri 27 Nov". The core layer hands over plain
numbers and epoch milliseconds; only the UI formats them. The locale is QLocale() — the
default that `app.ui.i18n.install_translator` sets to the chosen UI language.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QObject, QTime
from PySide6.QtGui import QKeySequence

_FORMAT = QLocale.FormatType.ShortFormat


def locale() -> QLocale:
    return QLocale()


def number(value: int) -> str:
    """An integer with the language's group separator: 1,000 / 1.000."""
    return QLocale().toString(int(value))


def decimal(value: float, digits: int = 1) -> str:
    """A fixed-point number: 2.5 / 2,5."""
    return QLocale().toString(float(value), "f", digits)


def percent(fraction: float, digits: int = 0) -> str:
    """0.5 -> "50%" / "50 %" (the language's percent sign and spacing)."""
    value = QLocale().toString(fraction * 100, "f", digits)
    return QCoreApplication.translate("Formatting", "%1%").replace("%1", value)


def compact(value: int) -> str:
    """A large count shortened: 41,700 -> "41.7K" / "41,7 Tsd."; below 10,000 in full."""
    value = int(value)
    size = abs(value)
    if size < 10_000:
        return number(value)
    if size < 1_000_000:
        scaled, text = value / 1000, QCoreApplication.translate("Formatting", "%1K")
    else:
        scaled, text = value / 1_000_000, QCoreApplication.translate("Formatting", "%1M")
    digits = 1 if abs(scaled) < 100 else 0
    shown = QLocale().toString(scaled, "f", digits)
    if digits:
        zero = QLocale().toString(0.0, "f", 1)[1:]  # the decimal separator and a zero
        if shown.endswith(zero):
            shown = shown[: -len(zero)]
    return text.replace("%1", shown)


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_cents(cents: int, currency: str = "USD", *, code: bool = False) -> str:
    """An amount of cents in the language's currency format: $1,234.56 / 1.234,56 $.
    A currency without a symbol here shows its code (1.234,56 CHF); with `code`, a symbol
    is followed by the code too ($40.00 USD), where a lone symbol is ambiguous."""
    symbol = _SYMBOLS.get(currency)
    text = QLocale().toCurrencyString(cents / 100, symbol or currency, 2)
    return f"{text} {currency}" if code and symbol else text


def _datetime(ms: int) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(ms))


def time_of_day(ms: int, seconds: bool = False) -> str:
    """Local clock time: 14:05 (or 2:05 PM where the language writes that)."""
    fmt = QLocale().timeFormat(_FORMAT)
    if seconds and ":ss" not in fmt:
        fmt = fmt.replace("mm", "mm:ss", 1)
    return QLocale().toString(_datetime(ms).time(), fmt)


def widest_time_of_day() -> str:
    """A stand-in for the widest clock time this language writes ("88:88" / "88:88 PM"),
    to size a time column."""
    evening = QDateTime(QDate(2026, 1, 1), QTime(22, 58)).toMSecsSinceEpoch()
    return "".join("8" if c.isdigit() else c for c in time_of_day(evening))


def date_time(ms: int) -> str:
    """Local date and time, short: 11/27/26 2:05 PM / 27.11.26 14:05."""
    return QLocale().toString(_datetime(ms), _FORMAT)


def short_date(ms: int) -> str:
    """A local date with its year, short: 11/27/26 / 27.11.26."""
    return QLocale().toString(_datetime(ms).date(), _FORMAT)


def _qdate(value: int | QDate | datetime.date) -> QDate:
    if isinstance(value, QDate):
        return value
    if isinstance(value, datetime.date):
        return QDate(value.year, value.month, value.day)
    return _datetime(value).date()


def day(ms_or_date: int | QDate | datetime.date, weekday: bool = True) -> str:
    """A day with the weekday's short name: Fri 27 Nov / Fr. 27. Nov."""
    date = _qdate(ms_or_date)
    if weekday:
        pattern = QCoreApplication.translate("Formatting", "ddd d MMM")
    else:
        pattern = QCoreApplication.translate("Formatting", "d MMM")
    return QLocale().toString(date, pattern)


def weekday_and_day(value: int | QDate | datetime.date) -> str:
    """A short column label: Fri 27 / Fr. 27."""
    return QLocale().toString(_qdate(value), QCoreApplication.translate("Formatting", "ddd d"))


def week_number(value: int | QDate | datetime.date) -> str:
    """The ISO week as a short label: W48 / KW 48."""
    week = _qdate(value).weekNumber()[0]
    return QCoreApplication.translate("Formatting", "W%1").replace("%1", str(week))


def day_time(ms: int) -> str:
    """A day with weekday and the time: Fri 27 Nov 14:05 / Fr. 27. Nov. 14:05."""
    when = _datetime(ms)
    return day(when.date()) + " " + QLocale().toString(when.time(), QLocale().timeFormat(_FORMAT))


def clock(seconds: int) -> str:
    """An elapsed time as a clock: 5:07 or 1:05:07 (the same in every language)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


class Formatting(QObject):
    """Holds the plural-form texts: lupdate finds `%n` plurals only in self.tr calls."""

    def duration(self, seconds: int) -> str:
        seconds = max(0, int(seconds))
        if seconds < 60 or seconds % 60:
            return self.tr("%Ln s", "", seconds)
        minutes = seconds // 60
        if minutes < 60 or minutes % 60:
            return self.tr("%Ln min", "", minutes)
        hours = minutes // 60
        if hours < 24 or hours % 24:
            return self.tr("%Ln h", "", hours)
        return self.tr("%Ln day(s)", "", hours // 24)


_words = Formatting()


def duration(seconds: int) -> str:
    """A length of time in words, the biggest unit that fits: 30 s, 10 min, 2 h, 3 days."""
    return _words.duration(seconds)


def sentence(text: str) -> str:
    """A sentence whose last word brought its own stop ("… 10 Min." + ".") ends with one."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def shortcut_text(keys: str) -> str:
    """A shortcut as the UI language and platform write it: "Ctrl+Return" reads
    "Strg+Eingabe" in German (Qt's own key names). Parts joined by " / " stay joined;
    what is not a key sequence ("J / K" is) stays as written."""
    parts = []
    for part in keys.split(" / "):
        sequence = QKeySequence.fromString(part, QKeySequence.SequenceFormat.PortableText)
        native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        parts.append(native if sequence.count() and native else part)
    return " / ".join(parts)
