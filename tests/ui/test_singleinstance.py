"""A console that cannot take its lock never takes over the running console's socket."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from app.ui.singleinstance import ConsoleInstance, claim


def test_a_lock_that_cannot_be_written_leaves_the_running_consoles_socket_alone(
    qtbot: QtBot, private_data_dir: Path
) -> None:
    first = claim(private_data_dir, "", "creator")
    assert isinstance(first, ConsoleInstance) and first.problem is None and first.listening
    locks = private_data_dir / "locks"
    try:
        # The locks folder stops being one (moved away, a file in its place): a second start
        # cannot lock, for a reason other than "another console holds it".
        locks.rename(private_data_dir / "locks-moved")
        locks.write_text("not a folder")
        second = claim(private_data_dir, "", "creator")
        assert isinstance(second, ConsoleInstance)
        try:
            assert second.problem is not None and str(locks) in second.problem
            assert "cannot check that it runs only once" in second.problem
            assert not second.listening
            # The first console still answers a raise request on its socket.
            socket = QLocalSocket()
            with qtbot.waitSignal(first.raise_requested, timeout=5000):
                socket.connectToServer(first.key)
                assert socket.waitForConnected(3000), socket.errorString()
                socket.write(b"raise\n")
                socket.flush()
            unconnected = QLocalSocket.LocalSocketState.UnconnectedState
            qtbot.waitUntil(lambda: socket.state() == unconnected)
            assert bytes(socket.readAll().data()) == b"raised\n"
            qtbot.wait(50)  # the first console's end of it is deleted (deleteLater)
        finally:
            second.release()
    finally:
        first.release()
