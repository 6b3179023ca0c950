"""One console per account and data folder.

Two consoles on one store would fight over it (the same events written twice, commands
sent twice, a quit that waits for a lock). The first console of an account (server
address and role) in a data folder holds a lock file there and listens on a local
socket; a second start finds the lock, asks the first over that socket to bring its
window to the front, says so, and exits. A lock left by a console that died (kill -9, a
crash) is taken over: QLockFile checks whether its process still runs. When the lock file
cannot be written at all (no permission, the folder is not a folder), the console cannot make
sure it is the only one: it runs anyway (refusing to start over a lock file would lock the
creator out), says why, and leaves the socket alone, since it may be a running console's.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

log = logging.getLogger(__name__)

_RAISE = b"raise\n"
_RAISED = b"raised\n"
_TIMEOUT_MS = 3000


def instance_key(data_folder: Path, server_url: str, role: str) -> str:
    """A short name for one account's console in one data folder."""
    text = f"{data_folder.resolve()}\n{server_url or 'embedded'}\n{role}"
    return "livedesk-" + hashlib.sha256(text.encode()).hexdigest()[:20]


class ConsoleInstance(QObject):
    """The lock and the local socket of the console that runs (see `claim`)."""

    raise_requested = Signal()

    def __init__(self, key: str, lock: QLockFile, problem: str | None = None) -> None:
        super().__init__()
        self.key = key
        self._lock = lock
        self._window: QWidget | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # Why this console could not make sure it is the only one (None: it did).
        self.problem = problem
        if problem is not None:
            log.warning("%s", problem)
            return  # without the lock the socket may be a running console's: never touch it
        QLocalServer.removeServer(key)  # a socket file left by a console that died
        if not self._server.listen(key):
            log.warning("cannot listen on %s: %s", key, self._server.errorString())
        self._server.newConnection.connect(self._on_connection)

    def show_on_request(self, window: QWidget) -> None:
        """A second start brings `window` to the front (or: why it cannot, said there)."""
        self._window = window
        if self.problem is not None and isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.problem)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def release(self) -> None:
        self._server.close()
        if self.problem is None:
            self._lock.unlock()

    def _on_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()) != _RAISE:
            socket.disconnectFromServer()
            return
        window = self._window
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.show()
            window.raise_()
            window.activateWindow()
        log.info("another start of this console brought its window to the front")
        self.raise_requested.emit()
        socket.write(_RAISED)
        socket.flush()
        socket.disconnectFromServer()


@dataclass(frozen=True)
class AlreadyRunning:
    """Another console of this account runs: `raised` if its window came to the front."""

    message: str
    raised: bool

    async def tell(self) -> int:
        """Say so (stderr; a dialog too when the first console did not answer): exit code."""
        print(self.message, file=sys.stderr)
        if self.raised:
            return 0
        box = QMessageBox(QMessageBox.Icon.Warning, "LiveDesk", "")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            QCoreApplication.translate(
                "ConsoleInstance", "LiveDesk is already running for this account."
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ConsoleInstance",
                "Its window did not answer. Close that console (or end its process), then "
                "start LiveDesk again.",
            )
        )
        box.setDetailedText(self.message)
        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        box.finished.connect(lambda _code: None if closed.done() else closed.set_result(None))
        box.open()
        await closed
        box.deleteLater()
        return 1


def claim(data_folder: Path, server_url: str, role: str) -> ConsoleInstance | AlreadyRunning:
    """This console's instance, or what to say because one already runs."""
    key = instance_key(data_folder, server_url, role)
    locks = data_folder / "locks"
    reason = ""
    try:
        locks.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    lock = QLockFile(str(locks / f"{key}.lock"))
    lock.setStaleLockTime(0)  # a live console's lock never expires; a dead one's does
    if lock.tryLock(0):
        return ConsoleInstance(key, lock)
    error = lock.error()
    if error != QLockFile.LockError.LockFailedError:
        if not reason and error == QLockFile.LockError.PermissionError:
            reason = QCoreApplication.translate("ConsoleInstance", "no permission")
        elif not reason:
            reason = QCoreApplication.translate("ConsoleInstance", "an unknown error")
        problem = QCoreApplication.translate(
            "ConsoleInstance",
            "LiveDesk cannot check that it runs only once for this account: its lock file in "
            "{0} cannot be written ({1}). Do not start a second LiveDesk for this account.",
        ).format(str(locks), reason)
        return ConsoleInstance(key, lock, problem)
    return _ask_first_to_raise(key, lock, data_folder)


def _ask_first_to_raise(key: str, lock: QLockFile, data_folder: Path) -> AlreadyRunning:
    socket = QLocalSocket()
    socket.connectToServer(key)
    answered = False
    if socket.waitForConnected(_TIMEOUT_MS):
        socket.write(_RAISE)
        socket.flush()
        if socket.waitForReadyRead(_TIMEOUT_MS):
            answered = bytes(socket.readAll().data()) == _RAISED
        socket.disconnectFromServer()
    if answered:
        return AlreadyRunning(
            f"livedesk: LiveDesk is already running for this account with the data folder "
            f"{data_folder}; its window was brought to the front.",
            raised=True,
        )
    pid, host, _app = lock.getLockInfo()
    owner = f" (process {pid} on {host})" if pid > 0 else ""
    return AlreadyRunning(
        f"livedesk: LiveDesk is already running for this account with the data folder "
        f"{data_folder}{owner}, but its window did not answer. Close that console (or "
        f"end that process) and start LiveDesk again.",
        raised=False,
    )
