"""A torn-off pane takes its column with it and opens wholly on the screen; so does the
stream overlay window."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.onscreen import fit_on_screen
from tests.ui.consolekit import running_console


def _on_screen(window: QWidget) -> bool:
    return window.screen().availableGeometry().contains(window.frameGeometry())


def test_a_torn_off_pane_leaves_no_empty_column_and_opens_on_screen(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path) as rc:
            window = rc.console.window
            window.resize(760, 560)
            await asyncio.sleep(0.1)
            dock = window.public_dock
            dock.tear_off()
            await asyncio.sleep(0.1)
            torn = rc.console.public_pane.window()
            assert torn is not window and torn.isVisible()
            assert not dock.isVisible()  # its column is gone, not an empty placeholder
            visible = [window.splitter.widget(i).isVisible() for i in range(3)]
            assert visible == [False, True, True]
            assert _on_screen(torn)
            dock.dock()
            await asyncio.sleep(0.1)
            assert dock.isVisible() and rc.console.public_pane.window() is window

    qloop.run_until_complete(scenario())


def test_fit_on_screen_pulls_a_window_back_from_an_edge(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.resize(300, 200)
    window.show()  # its frame is known once shown
    fit_on_screen(window, QPoint(area.left() - 150, area.bottom() - 50))  # half out, bottom left
    assert _on_screen(window)
    big = QWidget()
    qtbot.addWidget(big)
    big.resize(area.width() + 400, area.height() + 300)
    big.show()
    fit_on_screen(big)
    assert big.width() <= area.width() and big.height() <= area.height()


def test_the_overlay_window_opens_over_the_console_on_screen(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            window = rc.console.window
            action = next(a for a in window.actions() if a.text().startswith("Stream overlay"))
            action.trigger()
            await asyncio.sleep(0.1)
            from app.ui.overlay.panel import OverlayPanel

            [panel] = [p for p in window.findChildren(OverlayPanel) if p.isVisible()]
            assert _on_screen(panel)
            panel.close()

    qloop.run_until_complete(scenario())
