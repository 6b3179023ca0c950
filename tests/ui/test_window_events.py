"""The console window's own events run no Python code, and its close still reaches every
feature (they listen to `ConsoleWindow.closing`, not to the window's events)."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent

from tests.ui.consolekit import running_console


def _python_calls_while(action: Any) -> Counter[str]:
    """Python functions called (by name) while `action` runs, Qt's callbacks included."""
    calls: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call":
            calls[frame.f_code.co_qualname] += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def test_a_frame_of_the_console_window_calls_no_python_event_filter(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> Counter[str]:
        async with running_console(tmp_path, features=True) as rc:
            window = rc.console.window
            window.resize(1280, 720)
            await asyncio.sleep(0.3)

            def frames() -> None:
                # What the repaint manager sends the window for each frame, and a relayout.
                for _ in range(20):
                    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))
                    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LayoutRequest))

            return _python_calls_while(frames)

    calls = qloop.run_until_complete(scenario())
    filters = {name: n for name, n in calls.items() if name.endswith("eventFilter")}
    assert filters == {}, f"Python event filters ran for the window's own events: {filters}"


def test_closing_the_window_closes_every_feature(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> dict[str, bool]:
        async with running_console(tmp_path, features=True) as rc:
            assert rc.features is not None
            alerts: Any = rc.features.get("alerts")
            inbox: Any = rc.features.get("inbox")
            moderation: Any = rc.features.get("moderation")
            earnings: Any = rc.features.get("earnings")
            earnings._redraw.start()
            alerts._lists.start()
            assert not inbox._closed and not moderation._closed
            rc.console.window.close()
            await asyncio.sleep(0.05)
            return {
                "alerts": not alerts._lists.isActive(),
                "inbox": inbox._closed,
                "moderation": moderation._closed,
                "earnings": not earnings._redraw.isActive(),
            }

    closed = qloop.run_until_complete(scenario())
    assert closed == {"alerts": True, "inbox": True, "moderation": True, "earnings": True}
