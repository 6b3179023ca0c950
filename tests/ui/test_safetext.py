"""Viewer text in tooltips shows as the characters it is, whatever markup it holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from app.store.history import StoredMessage
from app.ui.historysearch import HistoryModel
from app.ui.safetext import plain_tooltip

NASTY = [
    "<b>boss</b><img src=x>",
    "<table><tr><td>spoof</td></tr></table>",
    "a &amp; b &lt;c&gt;",
    "  two  spaces\nand a line  ",
    '<a href="file:///etc/passwd">click</a>',
]


def shown(tooltip: str) -> str:
    """What Qt shows for a tooltip string: rich text is laid out, plain text stays."""
    if not GuiQt.mightBeRichText(tooltip):
        return tooltip
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()


@pytest.mark.parametrize("text", NASTY)
def test_plain_tooltip_shows_the_text_literally(text: str) -> None:
    tip = plain_tooltip(text)
    assert GuiQt.mightBeRichText(tip)  # escaped inside rich text: never guessed either way
    assert shown(tip) == text
    doc = QTextDocument()
    doc.setHtml(tip)
    assert "<img" not in doc.toHtml() and "<a " not in doc.toHtml()


@pytest.mark.parametrize("text", NASTY)
def test_history_tooltips_show_names_and_texts_literally(qapp: object, text: str) -> None:
    model = HistoryModel()
    model.set_rows(
        [
            StoredMessage(
                message_id="m1",
                event_id="e1",
                ch="public",
                seq=1,
                ts=1_763_780_000_000,
                room="public",
                user_id="u1",
                user_name=text,
                badges=(),
                text=text,
                reply_to=None,
                first_in_room=False,
                deleted=False,
            )
        ]
    )
    for column in (2, 3):
        index = model.index(0, column)
        assert model.data(index, Qt.ItemDataRole.DisplayRole) == text
        assert shown(model.data(index, Qt.ItemDataRole.ToolTipRole)) == text
