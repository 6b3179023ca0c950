"""A damaged or locked store.db gets a dialog, never a traceback (real app, real files)."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app.__main__ import parse_args
from app.core.historyquery import parse_history_query
from app.store.localstore import LocalStore
from app.store.paths import config_dir
from app.ui.app import ConsoleApp
from app.ui.settings import ConsoleSettings
from app.ui.storerecovery import RecoveryDialog
from tests.ui.consolekit import wait_until
from tests.unit.store.factories import chat

ARTIFACTS = Path(__file__).parents[2] / "artifacts"


async def first_run() -> Path:
    """Run the demo console once; the path of the store it kept."""
    console_app = ConsoleApp(parse_args([]))
    running = asyncio.ensure_future(console_app.run())
    await wait_until(lambda: console_app.console is not None, 15, "the console")
    console = console_app.console
    assert console is not None
    await console.client.wait_caught_up(15)
    path = console.store.path
    console.window.close()
    assert await asyncio.wait_for(running, 20) == 0
    console.window.deleteLater()
    return path


def garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = os.urandom(100)
    path.write_bytes(data)


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def grow(path: Path) -> None:
    """Enough history that damage in the middle of the file is not read at start-up."""
    with LocalStore(path) as store:
        for k in range(12):
            store.apply_events(
                [chat(1_000_000 + k * 500 + i, f"old message {k} {i} " * 4) for i in range(500)]
            )


def damage_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    for page in range(pages // 3, pages // 3 + 20):
        data[page * 4096 : (page + 1) * 4096] = os.urandom(4096)
    path.write_bytes(data)


class Probe:
    def __init__(self) -> None:
        self.cycle = self


def translators() -> list[QTranslator]:
    """The translators installed on the app (each is the app's child until removed)."""
    app = QCoreApplication.instance()
    assert app is not None
    return app.findChildren(QTranslator, options=Qt.FindChildOption.FindDirectChildrenOnly)


async def dialog_of(console_app: ConsoleApp) -> RecoveryDialog:
    await wait_until(lambda: console_app.recovery.dialog is not None, 15, "the recovery dialog")
    dialog = console_app.recovery.dialog
    assert dialog is not None
    await wait_until(dialog.isVisible, 5, "the dialog on screen")
    return dialog


async def start_fresh_and_sync(console_app: ConsoleApp, dialog: RecoveryDialog, path: Path) -> None:
    aside = dialog.aside
    assert str(aside) in dialog.informativeText()  # the dialog names the kept file
    assert dialog.fresh_button is not None
    damaged = console_app.console  # the console that found the damage (or none yet)
    dialog.fresh_button.click()
    await wait_until(
        lambda: (
            console_app.console not in (None, damaged)
            and console_app.console.store.path == path
            and console_app.console.client.stats.connections > 0
        ),
        20,
        "a console on a fresh store",
    )
    console = console_app.console
    assert console is not None
    await console.client.wait_caught_up(15)
    assert aside.exists()
    assert console.store.count_events() > 0  # synced again from the server


@pytest.mark.parametrize(("damage", "name"), [(garble, "garbled"), (truncate, "truncated")])
def test_a_store_damaged_at_start_gets_a_dialog_and_a_fresh_store(
    qloop: asyncio.AbstractEventLoop, damage: Callable[[Path], None], name: str
) -> None:
    async def scenario() -> None:
        path = await first_run()
        damage(path)
        broken = path.read_bytes()
        console_app = ConsoleApp(parse_args([]))
        running = asyncio.ensure_future(console_app.run())
        dialog = await dialog_of(console_app)
        assert console_app.console is None  # no window on a store that cannot open
        ARTIFACTS.mkdir(exist_ok=True)
        dialog.grab().save(str(ARTIFACTS / f"storerecovery-{name}.png"))
        aside = dialog.aside
        await start_fresh_and_sync(console_app, dialog, path)
        assert aside.read_bytes() == broken  # kept as it was
        console = console_app.console
        assert console is not None
        console.window.close()
        assert await asyncio.wait_for(running, 20) == 0
        console.window.deleteLater()

    qloop.run_until_complete(scenario())


def test_damage_found_while_running_ends_in_the_dialog_not_a_quit(
    qloop: asyncio.AbstractEventLoop,
) -> None:
    async def scenario() -> None:
        path = await first_run()
        grow(path)
        damage_middle(path)
        before = len(translators())  # the tests' own English one
        # Cyclic garbage of the first console's run: frozen by its gc.freeze() with the rest.
        probe, frozen = Probe(), gc.get_freeze_count()
        probe_ref = weakref.ref(probe)
        console_app = ConsoleApp(parse_args([]))
        running = asyncio.ensure_future(console_app.run())
        await wait_until(lambda: console_app.console is not None, 15, "the console")
        console = console_app.console
        assert console is not None and console.window.isVisible()
        await wait_until(lambda: gc.get_freeze_count() > frozen, 15, "the start-up freeze")
        del probe
        # The History page reads old messages: the damaged pages.
        with pytest.raises(Exception, match="damaged"):
            await console._search_history(parse_history_query("old message"), 5000)
        dialog = await dialog_of(console_app)
        assert "while LiveDesk was running" in dialog.text()
        dialog.grab().save(str(ARTIFACTS / "storerecovery-late.png"))
        assert not running.done()
        await start_fresh_and_sync(console_app, dialog, path)
        fresh = console_app.console
        assert fresh is not None and fresh is not console and fresh.window.isVisible()
        # The restarted console replaced the first one's translator instead of adding one.
        await wait_until(lambda: len(translators()) == before + 1, 5, "one console translator")
        # The first run's garbage was collected, not kept frozen for the app's lifetime.
        assert probe_ref() is None
        fresh.window.close()
        assert await asyncio.wait_for(running, 20) == 0
        console.window.deleteLater()
        fresh.window.deleteLater()
        await wait_until(lambda: len(translators()) == before, 5, "the translator removed")

    qloop.run_until_complete(scenario())


def tiktok_tasks() -> list[str]:
    return [t.get_name() for t in asyncio.all_tasks() if t.get_name().startswith("tiktok")]


def test_quitting_at_the_dialog_leaves_no_tiktok_bridge_running(
    qloop: asyncio.AbstractEventLoop,
) -> None:
    async def scenario() -> None:
        path = await first_run()
        garble(path)
        settings = ConsoleSettings(config_dir() / "livedesk.ini")
        settings.set("tiktok_username", "mia.draws")
        settings.set("tiktok_sign_url", "http://127.0.0.1:9")  # never reaches TikTok
        console_app = ConsoleApp(parse_args([]))
        running = asyncio.ensure_future(console_app.run())
        dialog = await dialog_of(console_app)
        assert console_app.embedded is not None  # the backend runs, the store is not open:
        assert console_app.tiktok is None and tiktok_tasks() == []  # TikTok waits for it
        dialog.quit_button.click()
        assert await asyncio.wait_for(running, 20) == 1
        assert tiktok_tasks() == []
        assert console_app.embedded is None and console_app.tiktok is None

    qloop.run_until_complete(scenario())


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("CREATE TABLE IF NOT EXISTS other_program (x)")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_store_locked_by_another_process_gets_a_dialog_and_can_be_retried(
    qloop: asyncio.AbstractEventLoop,
) -> None:
    async def scenario() -> None:
        path = await first_run()
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
            console_app = ConsoleApp(parse_args([]))
            running = asyncio.ensure_future(console_app.run())
            dialog = await dialog_of(console_app)
            assert "in use by another program" in dialog.text()
            assert dialog.fresh_button is None and dialog.retry_button is not None
            dialog.grab().save(str(ARTIFACTS / "storerecovery-locked.png"))
        finally:
            locker.kill()
            locker.wait()
            if locker.stdout is not None:
                locker.stdout.close()
        dialog.retry_button.click()
        await wait_until(lambda: console_app.console is not None, 15, "the console")
        console = console_app.console
        assert console is not None
        await console.client.wait_caught_up(15)
        assert console.store.path == path
        assert not list(path.parent.glob("*.damaged-*"))  # nothing was moved
        console.window.close()
        assert await asyncio.wait_for(running, 20) == 0
        console.window.deleteLater()

    qloop.run_until_complete(scenario())
