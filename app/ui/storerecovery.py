"""A local store that cannot be used never ends the console with a traceback.

At start-up (`StoreRecovery.open`) and while the console runs (`StoreRecovery.watch`), a
store that is damaged (garbled, truncated, damaged pages found by any later read or
write), foreign, or locked by another program gets a dialog that says what happened. For a
broken file it offers a fresh store: the old file (and its -wal/-shm companions) is kept
beside it under a name the dialog shows, and the new store is synced again from the
server. For a locked or unwritable one it offers to try again. Quitting is always offered.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.store.errors import DAMAGED, StoreError
from app.store.localstore import LocalStore
from app.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

Choice = Literal["fresh", "retry", "quit"]

# Reasons where only a new file helps; the old one is kept aside, never deleted.
REPLACEABLE = DAMAGED | {"not_livedesk", "newer_version"}
_COMPANIONS = ("-wal", "-shm", "-journal")


def aside_path(path: Path) -> Path:
    """Where a broken store is kept: beside it, named with the time, never overwriting."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    return candidate


def move_aside(path: Path, aside: Path) -> None:
    """Rename the store and its companion files (a WAL belongs to its database)."""
    for suffix in ("", *_COMPANIONS):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(f"{aside}{suffix}")
    log.warning("local store %s kept aside as %s", path, aside)


def _move_aside_or_explain(path: Path, aside: Path) -> None:
    try:
        move_aside(path, aside)
    except OSError as exc:
        raise StoreError(
            f"Could not rename {path} to {aside}: {exc}", path=path, reason="io"
        ) from exc


class RecoveryDialog(QMessageBox):
    """Says what is wrong with the store and asks what to do (plain text only)."""

    def __init__(
        self, error: StoreError, aside: Path, *, late: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.aside = aside
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWindowTitle(self.tr("LiveDesk — local data"))
        self.setText(self._headline(error, late))
        self.setInformativeText(self._explanation(error, aside))
        self.setDetailedText(str(error))
        self.fresh_button = None
        self.retry_button = None
        if error.reason in REPLACEABLE:
            self.fresh_button = self.addButton(
                self.tr("Start a fresh store"), QMessageBox.ButtonRole.AcceptRole
            )
            self.setDefaultButton(self.fresh_button)
        else:
            self.retry_button = self.addButton(
                self.tr("Try again"), QMessageBox.ButtonRole.AcceptRole
            )
            self.setDefaultButton(self.retry_button)
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setEscapeButton(self.quit_button)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._future: asyncio.Future[Choice] | None = None
        self.finished.connect(self._done)

    def _headline(self, error: StoreError, late: bool) -> str:
        if error.reason in DAMAGED:
            if late:
                return self.tr("The local store became unreadable while LiveDesk was running.")
            return self.tr("The local store of this account is damaged and cannot be read.")
        if error.reason == "not_livedesk":
            return self.tr("The local store file belongs to another program.")
        if error.reason == "newer_version":
            return self.tr("The local store was written by a newer version of LiveDesk.")
        if error.reason == "busy":
            return self.tr("The local store is in use by another program.")
        return self.tr("The local store cannot be used.")

    def _explanation(self, error: StoreError, aside: Path) -> str:
        if error.reason in REPLACEABLE:
            return self.tr(
                "LiveDesk can start a fresh local store and sync it again from the server. "
                "The old file is kept, renamed to:\n{0}\n\nHistory the server no longer "
                "has stays only in that file."
            ).format(str(aside))
        if error.reason == "busy":
            return self.tr(
                "Another program holds {0} locked (is LiveDesk already running for this "
                "account?). Close it, then try again."
            ).format(str(error.path))
        if error.reason == "disk_full":
            return self.tr("The disk is full. Free some space, then try again.")
        return self.tr("{0}\n\nCheck the file and its folder, then try again.").format(
            str(error.path)
        )

    async def ask(self) -> Choice:
        self._future = asyncio.get_running_loop().create_future()
        self.open()
        return await self._future

    def _done(self) -> None:
        clicked = self.clickedButton()
        choice: Choice = "quit"
        if clicked is not None and clicked is self.fresh_button:
            choice = "fresh"
        elif clicked is not None and clicked is self.retry_button:
            choice = "retry"
        if self._future is not None and not self._future.done():
            self._future.set_result(choice)


class StoreRecovery(QObject):
    """Opens the store with a dialog instead of a traceback, and watches it while it runs.

    The console app calls `open` at start-up, `watch` once the window exists, and after
    its run ended `restart_requested`: True when the creator chose a fresh store for a
    damage found while running; the app then starts again and `open` moves the broken
    file aside first (it is closed by then).
    """

    _damaged = Signal(object)  # from any thread: the store thread finds most damage

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._restart = False
        # Broken files to move aside when next opened, by path: the damage may be found in
        # the moderator window's store while the console restarts on its own.
        self._move_on_open: dict[Path, Path] = {}
        self._asking = False
        self._window: QWidget | None = None
        self.dialog: RecoveryDialog | None = None  # the one on screen, for tests
        self._tasks = BackgroundTasks("store recovery")
        self._damaged.connect(self._on_damaged, Qt.ConnectionType.QueuedConnection)

    async def open(self, path: Path, parent: QWidget | None = None) -> LocalStore | None:
        """The store at `path`, or None when the creator chose to quit."""
        while True:
            try:
                move_to = self._move_on_open.pop(Path(path), None)
                if move_to is not None:
                    _move_aside_or_explain(path, move_to)
                store = LocalStore(path)
            except StoreError as error:
                log.error("cannot open the local store: %s", error)
                aside = aside_path(path)
                choice = await self._ask(RecoveryDialog(error, aside, late=False, parent=parent))
                if choice == "quit":
                    return None
                if choice == "fresh":
                    self._move_on_open[Path(path)] = aside
                continue
            store.on_damage = self._damaged.emit
            return store

    def watch(self, window: QWidget) -> None:
        """Damage found while `window` runs: ask, then close it (to restart or to quit)."""
        self._window = window

    def restart_requested(self) -> bool:
        restart, self._restart = self._restart, False
        return restart

    def _on_damaged(self, error: StoreError) -> None:
        window = self._window
        if self._asking or window is None or not window.isVisible():
            return
        self._tasks.spawn(self._recover(error, window))

    async def _recover(self, error: StoreError, window: QWidget) -> None:
        aside = aside_path(error.path)
        choice = await self._ask(RecoveryDialog(error, aside, late=True, parent=window))
        if choice == "fresh":
            self._restart = True
            self._move_on_open[Path(error.path)] = aside
        window.close()

    async def _ask(self, dialog: RecoveryDialog) -> Choice:
        self._asking = True
        self.dialog = dialog
        try:
            return await dialog.ask()
        finally:
            self._asking = False
            self.dialog = None
            dialog.deleteLater()
