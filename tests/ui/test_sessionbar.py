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
