"""ChatBatcher pacing: frames slow down when painting is costly or the screen is flooded."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.chat.batcher import FLOODED_MS, FRAME_MS, ChatBatcher
from app.ui.chat.model import ChatModel
from tests.ui.chatlines import line


def batcher_with(model: ChatModel) -> ChatBatcher:
    batcher = ChatBatcher(model)
    batcher.flush()
    return batcher


def one_frame_after_the_flush(batcher: ChatBatcher, frame_ms: int) -> bool:
    """The pending flush comes `frame_ms` after the last one (the push came just after it:
    a slow machine may have taken a millisecond or two in between)."""
    return frame_ms - 3 <= batcher.next_flush_ms <= frame_ms


def test_a_calm_chat_flushes_every_frame(qapp: QApplication) -> None:
    batcher = batcher_with(ChatModel(100))
    batcher.screen_lines = lambda: 30
    batcher.push([line(1)])
    batcher.flush()
    batcher.push([line(2)])
    assert one_frame_after_the_flush(batcher, FRAME_MS)


def test_a_line_after_a_quiet_frame_goes_on_at_once(qtbot: QtBot) -> None:
    """At a trickle a line needs no wake-up of its own a frame later: it is flushed on the
    next pass of the event loop. One that comes within a frame of a flush waits for it."""
    model = ChatModel(100)
    batcher = batcher_with(model)
    batcher.push([line(1)])
    assert batcher.queued == 1 and batcher.next_flush_ms == 0
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=1000)
    batcher.push([line(2)])
    batcher.flush()
    batcher.push([line(3)])  # just after a flush: the frame's pace holds
    assert one_frame_after_the_flush(batcher, FRAME_MS)
    batcher.flush()
    qtbot.wait(FRAME_MS + 5)
    batcher.push([line(4)])  # a frame went by quietly
    assert batcher.next_flush_ms == 0
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=1000)


def test_a_costly_paint_spaces_the_frames(qapp: QApplication) -> None:
    batcher = batcher_with(ChatModel(100))
    batcher.paint_ms = lambda: 30.0
    batcher.push([line(1)])
    batcher.flush()
    batcher.push([line(2)])
    # twice what the frame cost: half the loop stays free
    assert one_frame_after_the_flush(batcher, 60)


def test_a_flood_that_replaces_the_screen_slows_to_the_flood_pace(qapp: QApplication) -> None:
    batcher = batcher_with(ChatModel(1000))
    batcher.screen_lines = lambda: 20
    batcher.push([line(n) for n in range(1, 51)])
    assert batcher.flush() == 50
    batcher.push([line(51)])
    assert one_frame_after_the_flush(batcher, FLOODED_MS)
    batcher.flush()  # one line: readable again
    batcher.push([line(52)])
    assert one_frame_after_the_flush(batcher, FRAME_MS)
