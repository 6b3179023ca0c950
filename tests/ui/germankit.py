"""What English formatting looks like, and the texts a widget shows: for the German checks."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget

# What English formatting looks like; none of it may show on a German page.
ENGLISH = {
    "English digit grouping": re.compile(r"\b[1-9]\d{0,2}(,\d{3})+\b"),  # not 0,005
    "English decimal point": re.compile(r"\b\d+\.\d+\s*(K|M|\$|€|USD)"),
    "a leading currency sign": re.compile(r"[$€£]\s?\d"),
    "an English weekday": re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"),
    "an English month": re.compile(r"\b(Jan|Feb|Apr|Jun|Jul|Aug|Oct|Nov|Dec) \d"),
    "an English plural": re.compile(
        r"\b\d+ (messages?|bookings?|gifts?|members?|subscriptions?|renewals?|terms?|"
        r"ledger lines?|followers?|waiting)\b"
    ),
    "a (s) plural": re.compile(r"\w\(s\)"),
    "a double stop": re.compile(r"[^.]\.\.(\s|$)"),
    "an untranslated compact number": re.compile(r"\d+(\.\d)?K\b"),
    "an English decimal percent": re.compile(r"\b\d+\.\d+\s*%"),
}


def english_in(texts: list[str]) -> list[str]:
    return [
        f"{what}: {text!r}" for text in texts for what, rx in ENGLISH.items() if rx.search(text)
    ]


def texts_of(widget: QWidget) -> list[str]:
    """What the widget and its children show as text: labels, buttons, item views."""
    found: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        if isinstance(child, QLabel | QAbstractButton):
            found.append(child.text())
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            found += model_texts(child.model())
        found.append(child.toolTip())
    return [t for t in found if t]


def model_texts(model: QAbstractItemModel) -> list[str]:
    out = []
    root = QModelIndex()
    # A list model keeps columnCount private: one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for row in range(model.rowCount(root)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(row, column, root), role)
                if isinstance(value, str):
                    out.append(value)
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(header, str):
            out.append(header)
    return out
