"""The session bar's connection line counts down to the next try and says refusals."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.client.state import ConnectionState
from app.ui.sessionbar import SessionBar


def test_reconnecting_counts_down_to_the_next_try(qtbot: QtBot) -> None:
    bar = SessionBar()
    qtbot.addWidget(bar)
    bar.set_connection(ConnectionState("reconnecting", retry_in_s=3.0, queued=2))
    assert bar.connection.text().startswith("Reconnecting in 3 s")
    assert "2 queued" in bar.connection.text()
    qtbot.waitUntil(lambda: bar.connection.text().startswith("Reconnecting in 2 s"), timeout=2500)
    bar.set_connection(ConnectionState("reconnecting", retry_in_s=None))  # the attempt runs
    assert bar.connection.text() == "Reconnecting…"
    bar.set_connection(ConnectionState("offline", retry_in_s=5.0, detail="connection refused"))
    assert bar.connection.text().startswith("Offline · next try in 5 s — connection refused")
    bar.set_connection(ConnectionState("connected"))
    assert bar.connection.text() == "● Connected"
    assert not bar._countdown.isActive()


def test_a_refusal_is_shown_then_goes_away(qtbot: QtBot) -> None:
    bar = SessionBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_problem("Pinning the message did not work: <b>gone</b>", seconds=0.2)
    assert bar.problem.isVisible() and bar.problem.text().endswith("<b>gone</b>")
    qtbot.waitUntil(lambda: not bar.problem.isVisible(), timeout=2000)


def test_a_long_reason_offline_does_not_widen_the_window(qtbot: QtBot) -> None:
    import time

    bar = SessionBar()
    qtbot.addWidget(bar)
    bar.set_demo(True)
    bar.set_can_go_live(True)
    bar.set_connection(ConnectionState("connected"))
    bar.set_live(int(time.time() * 1000) - 60_000)
    bar.set_viewers(12_345)
    bar.set_diamonds(1_234_567)
    detail = "Cannot reach the server: connection refused (is it running? check the address)"
    bar.set_connection(ConnectionState("offline", retry_in_s=4.0, queued=12, detail=detail))
    bar.show()
    assert bar.reconnect.isVisible()
    # The console's smallest supported window: the bar fits, the reason is elided, not lost.
    assert bar.minimumSizeHint().width() <= 1280
    assert detail in bar.connection.text() and bar.connection.toolTip() == detail
