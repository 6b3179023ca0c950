"""Column widths change only when the creator drags a divider, and are remembered."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton

from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import running_console


def test_a_growing_line_in_a_column_moves_no_divider_and_grows_no_window(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            window = rc.console.window
            window.resize(1280, 720)
            # A status line in the side column, as the alert queue and the totals have.
            status = QLabel("2 waiting")
            window.add_side_panel(status, first=True)
            await asyncio.sleep(0.2)
            await asyncio.sleep(0.1)
            sizes, width = window.splitter.sizes(), window.width()
            status.setText("14 waiting · pop-up from 5 💎 · 48 s behind · " * 3)
            await asyncio.sleep(0.2)
            await asyncio.sleep(0.1)
            assert window.splitter.sizes() == sizes
            assert window.width() == width
            # The inbox: a wider row of buttons in the thread does not move its divider.
            inbox = rc.features.get("inbox") if rc.features else None
            page = inbox.page  # type: ignore[union-attr]
            window.pages.setCurrentWidget(page)
            await asyncio.sleep(0.1)
            split = page.splitter.sizes()
            row = page.thread_view.status_actions.buttons_row
            for n in range(8):
                row.addWidget(QPushButton(f"A long action label {n}"))
            await asyncio.sleep(0.1)
            assert page.splitter.sizes() == split

    qloop.run_until_complete(scenario())


def test_a_dragged_inbox_divider_is_remembered(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "cfg.ini")

    async def scenario() -> list[int]:
        async with running_console(tmp_path, features=True, settings=settings) as rc:
            page = rc.features.get("inbox").page  # type: ignore[union-attr]
            rc.console.window.resize(1280, 720)
            rc.console.window.pages.setCurrentWidget(page)
            await asyncio.sleep(0.1)
            total = sum(page.splitter.sizes())
            before = page.splitter.sizes()
            page.splitter.moveSplitter(before[0] + 150, 1)  # what a drag does
            await asyncio.sleep(0.1)
            dragged = page.splitter.sizes()
            assert dragged[0] > before[0] and sum(dragged) == total
            return dragged

    dragged = qloop.run_until_complete(scenario())

    async def again() -> None:
        async with running_console(tmp_path / "b", features=True, settings=settings) as rc:
            page = rc.features.get("inbox").page  # type: ignore[union-attr]
            rc.console.window.resize(1280, 720)
            await asyncio.sleep(0.1)
            rc.console.window.pages.setCurrentWidget(page)
            await asyncio.sleep(0.1)
            assert page.splitter.sizes()[0] == dragged[0]

    qloop.run_until_complete(again())


def test_the_moderator_window_does_not_grow_by_itself(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    from tests.ui.moderation.harness import desk

    async def scenario() -> None:
        async with desk(tmp_path) as d:
            window = d.moderator.window
            window.resize(1600, 900)
            await asyncio.sleep(0.2)
            sizes, width = window.splitter.sizes(), window.width()
            column = d.feature(d.moderator).column
            assert column is not None
            column.addWidget(
                QLabel("a moderation log line that is much longer than its column " * 4)
            )
            await asyncio.sleep(0.2)
            assert window.width() == width == 1600
            assert window.splitter.sizes() == sizes

    qloop.run_until_complete(scenario())
