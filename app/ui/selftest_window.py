"""Self-test, Qt half: the real console on the embedded demo backend, offscreen, checked."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.selftest import Report, SelfTestFailure
from app.ui.eventloop import ConsoleLoop
from app.ui.i18n import resources_dir, translations_dir

ROWS_TIMEOUT_S = 15.0
MIN_COLOURS = 8  # text, names and badges on a background: far more than a blank pane has
ICONS = ("livedesk.svg", "livedesk-256.png")


def make_loop(qt_app: QApplication) -> ConsoleLoop:
    """The event loop the console runs on (as `python -m app` makes it)."""
    return ConsoleLoop(qt_app)


def make_application(report: Report) -> QApplication:
    """The QApplication, offscreen unless QT_QPA_PLATFORM says otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("LiveDesk")
    app.setOrganizationName("LiveDesk")
    app.setApplicationVersion(__version__)
    font = QFontInfo(app.font()).family()
    metrics = QFontMetrics(app.font())
    if not all(metrics.inFontUcs4(ord(char)) for char in "Aa1"):
        # A bare system without fonts: Qt falls back to a font with no glyphs and every
        # letter becomes an empty box.
        raise SelfTestFailure(
            f"no usable font (Qt picked {font or 'none'!r}, which lacks Latin letters): text "
            "would show as empty boxes; install fonts, e.g. fonts-dejavu-core",
            "Qt",
        )
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    report.ok(
        "Qt",
        f"{QLibraryInfo.version().toString()}, platform {app.platformName()}, font {font!r} "
        f"of {len(QFontDatabase.families())} families, plugins in {plugins}",
    )
    return app


def check_resources(report: Report) -> None:
    """Icons (PNG, and SVG through Qt's image plugin) and every translation must load."""
    folder = resources_dir()
    if not folder.is_dir():
        raise SelfTestFailure(f"the resources folder is missing: {folder}", "resources")
    for name in ICONS:
        path = folder / "icons" / name
        if QImage(str(path)).isNull():
            raise SelfTestFailure(f"the app icon {path} is missing or cannot be read", "resources")
    translations = sorted(translations_dir().glob("*.qm"))
    for path in translations:
        if not QTranslator().load(str(path)):
            raise SelfTestFailure(f"the translation {path} cannot be loaded", "resources")
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    report.ok(
        "resources",
        f"{folder} ({files} files; icons load; {len(translations)} translations load)",
    )


async def exercise_console(
    report: Report, args: argparse.Namespace, screenshot: Path | None
) -> Path:
    """Start the console as `livedesk` does, wait for demo chat in both panes, check the
    paint, close it; returns the path of the account's store (closed by then)."""
    from app.ui.app import ConsoleApp

    console_app = ConsoleApp(args)
    started = time.monotonic()
    run = asyncio.ensure_future(console_app.run())
    try:
        console = await _until(lambda: console_app.console, run, "the main window did not open")
        embedded = console_app.embedded
        report.ok(
            "backend",
            f"embedded demo backend at {getattr(embedded, 'url', '?')} on a temporary folder",
        )
        window = console.window
        if not window.isVisible():
            raise SelfTestFailure("the main window was created but is not shown", "window")
        await _until(lambda: console.me, run, "the backend never confirmed the sign-in")
        panes: dict[str, Any] = dict(console.panes)
        await _until(
            lambda: _rows_shown(panes),
            run,
            lambda: (
                "demo chat did not reach both chat panes ("
                + ", ".join(f"{room}: {p.model.rowCount()} rows" for room, p in panes.items())
                + ")"
            ),
        )
        rows = {room: pane.model.rowCount() for room, pane in panes.items()}
        report.ok(
            "window",
            f"main window open; demo chat shown after {time.monotonic() - started:.1f} s "
            f"({rows['public']} public, {rows['below']} Below Room rows)",
        )
        colours = {room: _colours(pane.view.viewport()) for room, pane in panes.items()}
        blank = [room for room, count in colours.items() if count < MIN_COLOURS]
        if blank:
            raise SelfTestFailure(f"chat pane(s) {blank} look blank ({colours} colours)", "render")
        report.ok(
            "render", f"chat panes painted ({colours['public']} / {colours['below']} colours)"
        )
        await _check_overlay(report, console_app, run)
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(screenshot))
        store_path = Path(console.store.path)
    finally:
        if console_app.console is not None:
            console_app.console.window.close()
        if not run.done():
            exit_code = await asyncio.wait_for(run, 10)
        else:
            exit_code = run.result()
    if exit_code != 0:
        raise SelfTestFailure(f"the console exited with code {exit_code}", "window")
    return store_path


async def _check_overlay(report: Report, console_app: Any, run: asyncio.Future[int]) -> None:
    """The stream overlay answers its page with the key and refuses it without."""
    overlay = console_app.features.get("overlay")
    if overlay is None:
        raise SelfTestFailure("the stream overlay was not installed", "overlay")
    await _until(
        lambda: overlay.server.listening or overlay.problem, run, "the overlay never started"
    )
    if overlay.problem:  # another program (a running LiveDesk?) holds the port
        report.warn("overlay", overlay.problem)
        return
    port = overlay.server.port
    good = await _http_status(port, f"/overlay/alert?key={overlay.server.key}")
    bad = await _http_status(port, "/overlay/alert?key=wrong")
    if good != (200, True) or bad[0] != 403:
        raise SelfTestFailure(
            f"the overlay page answered {good[0]} with its key and {bad[0]} without", "overlay"
        )
    report.ok("overlay", f"stream overlay pages on 127.0.0.1:{port} (key checked)")


async def _http_status(port: int, path: str) -> tuple[int, bool]:
    """(status, whether the body is the alert page) of a GET on 127.0.0.1."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        writer.write(request.encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 5)
    finally:
        writer.close()
    status = int(raw.split(b" ", 2)[1]) if raw.startswith(b"HTTP/") else 0
    return status, b'data-page="alert"' in raw


async def _until(
    value: Callable[[], Any], run: asyncio.Future[int], problem: str | Callable[[], str]
) -> Any:
    """Poll `value()` until it is truthy; fails if the console stops or time runs out."""
    deadline = time.monotonic() + ROWS_TIMEOUT_S
    while True:
        result = value()
        if result:
            return result
        if run.done():
            exc = run.exception()
            if exc is not None:
                raise SelfTestFailure(f"the console stopped: {type(exc).__name__}: {exc}", "window")
            raise SelfTestFailure(f"the console stopped early (exit code {run.result()})", "window")
        if time.monotonic() > deadline:
            text = problem() if callable(problem) else problem
            raise SelfTestFailure(f"{text} within {ROWS_TIMEOUT_S:g} s", "window")
        await asyncio.sleep(0.05)


def _rows_shown(panes: dict[str, Any]) -> bool:
    """True once every pane shows a line. A pane paused under the pointer (on a real or
    virtual display, the pointer may rest where the window opens) is told to jump to the
    newest line, as the user would with the "new messages" button."""
    for pane in panes.values():
        if pane.model.rowCount() == 0 and not pane.view.following:
            pane.jump_to_newest()
    return all(pane.model.rowCount() > 0 for pane in panes.values())


def _colours(widget: QWidget) -> int:
    """Distinct colours on a grid over the widget's grab: 1 means nothing was painted."""
    image = widget.grab().toImage()
    step = 2
    seen = {
        image.pixel(x, y)
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    }
    return len(seen)
