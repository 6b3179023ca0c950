"""UI test fixtures: the pointer kept off the widgets, and no top-level widget may leak."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from app.ui.eventloop import ConsoleLoop
from app.ui.i18n import install_translator, remove_translator


def _top_level_ids() -> set[int]:
    return {shiboken6.getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fails a test that leaves a top-level widget alive (register widgets with qtbot)."""
    before = _top_level_ids()
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [
        f"{type(w).__name__}({w.objectName()!r})"
        for w in QApplication.topLevelWidgets()
        if shiboken6.getCppPointer(w)[0] not in before
    ]
    assert not leaked, f"top-level widgets leaked: {leaked}"


@pytest.fixture(autouse=True, scope="session")
def english_plurals(qapp: QApplication) -> Iterator[None]:
    """English as the app runs it: with the plural forms of "%n" texts (livedesk_en.qm),
    so a test reads "1 message" / "2 messages" as the creator does."""
    translator = install_translator(qapp, "en")
    yield
    if translator is not None:
        remove_translator(qapp, translator)


@pytest.fixture(autouse=True)
def pointer_away(qapp: QApplication) -> None:
    """Chat panes pause under the pointer; keep it away unless a test moves it."""
    QCursor.setPos(-5000, -5000)


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """One event loop for Qt and asyncio (ConsoleLoop); run coroutines with run_until_complete."""
    qapp.setQuitOnLastWindowClosed(False)  # closing a test window must not stop the loop
    loop = ConsoleLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    loop.run_until_complete(asyncio.sleep(0))
    asyncio.set_event_loop(None)
    loop.close()
