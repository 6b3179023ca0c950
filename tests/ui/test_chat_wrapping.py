"""Chat lines wrap at word boundaries, also with emoji (UTF-16 positions), and stay inside."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from app.ui.chat.delegate import PAD_X, ChatDelegate
from app.ui.chat.line import ChatLine

TEXTS = [
    "Tonight 🎉 we are building the whole set live, stay for the Q&A at nine",
    "🎉🎉 Tonight is the night, thank you all for coming 🙌🙌 see you at nine",
    "Wonderful 🌸 everyone is here already, 👨‍👩‍👧 families too, and 🇩🇪 flags",
    "plain words only, nothing special here at all, just a longer line of text to wrap",
]


def _line(text: str, badges: tuple[str, ...] = ("creator",)) -> ChatLine:
    return ChatLine(
        message_id=f"m-{hash(text)}",
        seq=1,
        ts=1_763_780_000_000,
        room="public",
        user_id="me",
        user_name="Creator",
        badges=badges,
        text=text,
    )


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [240, 300, 330, 420, 520])
def test_wraps_only_between_words_and_never_past_the_right_edge(
    qapp: QApplication, text: str, width: int
) -> None:
    delegate = ChatDelegate(11.0)
    layout = delegate.layout_for(_line(text), width)
    fragments = [fragment for _pos, fragment in layout.fragments]
    # Nothing lost, nothing doubled, and every break falls on a space.
    assert " ".join(fragments) == text
    fm = QFontMetricsF(delegate.text_font)
    for pos, fragment in layout.fragments:
        assert pos.x() + fm.horizontalAdvance(fragment) <= width - PAD_X + 0.5, fragment
    assert len(fragments) >= 2 or fm.horizontalAdvance(text) < width


def test_a_word_longer_than_the_row_still_breaks_somewhere(qapp: QApplication) -> None:
    text = "🎉" + "a" * 120 + " end"
    layout = ChatDelegate(11.0).layout_for(_line(text), 300)
    assert "".join(f for _p, f in layout.fragments).replace(" ", "") == text.replace(" ", "")
