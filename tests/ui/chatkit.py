"""Chat lines for the chat pane tests, and a way to feed them to a pane on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from app.ui.chat.model import ChatLine
from app.ui.chat.pane import ChatPane


def line(n: int, text: str = "", name: str = "", **kw: Any) -> ChatLine:
    return ChatLine(
        message_id=f"m{n}",
        seq=n,
        ts=1_700_000_000_000 + n * 1000,
        room="public",
        user_id=f"u{n % 5}",
        user_name=name or f"viewer{n % 5}",
        badges=("member:1",) if n % 3 == 0 else (),
        text=text or f"message number {n} " + "words " * (n % 11),
        **kw,
    )


def lines(first: int, count: int) -> list[ChatLine]:
    return [line(n) for n in range(first, first + count)]


def feed(pane: ChatPane, new: list[ChatLine]) -> None:
    pane.push_lines(new)
    pane.batcher.flush()
    QApplication.processEvents()
