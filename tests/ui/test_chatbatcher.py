"""ChatBatcher pacing: frames slow down when painting is costly or the screen is flooded."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.chat.batcher import FLOODED_MS, FRAME_MS, ChatBatcher
from app.ui.chat.model import ChatModel
from tests.ui.chatlines import line


def batcher_with(model: ChatModel) -> ChatBatcher:
    batcher = ChatBatcher(model)
    batcher.flush()
    return batcher


def test_a_calm_chat_flushes_every_frame(qapp: QApplication) -> None:
    batcher = batcher_with(ChatModel(100))
    batcher.screen_lines = lambda: 30
    batcher.push([line(1)])
    batcher.flush()
    batcher.push([line(2)])
    assert batcher.next_flush_ms == FRAME_MS


def test_a_costly_paint_spaces_the_frames(qapp: QApplication) -> None:
    batcher = batcher_with(ChatModel(100))
    batcher.paint_ms = lambda: 30.0
    batcher.push([line(1)])
    assert batcher.next_flush_ms >= 60  # twice what the frame cost: half the loop stays free


def test_a_flood_that_replaces_the_screen_slows_to_the_flood_pace(qapp: QApplication) -> None:
    batcher = batcher_with(ChatModel(1000))
    batcher.screen_lines = lambda: 20
    batcher.push([line(n) for n in range(1, 51)])
    assert batcher.flush() == 50
    batcher.push([line(51)])
    assert batcher.next_flush_ms == FLOODED_MS
    batcher.flush()  # one line: readable again
    batcher.push([line(52)])
    assert batcher.next_flush_ms == FRAME_MS
