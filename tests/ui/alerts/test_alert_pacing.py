"""Alerts near real time in the console: a live starts empty, the status says how far behind,
a burst from one person is one card, and the stream overlay shows what the card shows."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.overlay.state import alert_on_stream
from app.protocol.payloads import LiveEnded, LiveStarted
from app.ui.settings import ConsoleSettings
from tests.ui.alerts.alertkit import T0, ended, ev, make, update

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


def test_a_new_live_starts_with_an_empty_queue_on_screen_and_on_stream(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, _clock = make(qtbot, settings, tmp_path)
    feature.on_events([ended(f"g{n}", "corgi", 1, who=n) for n in range(6)])
    assert feature.queue.current is not None and len(feature.queue.pending) == 5
    assert alert_on_stream(feature.queue, 1) is not None
    feature.on_events([ev(LiveEnded(session_id="s1", started_ms=T0 - 9000, ended_ms=T0))])
    assert feature.queue.current is None and feature.queue.pending == []
    assert alert_on_stream(feature.queue, 1) is None  # the OBS page reads the same queue
    feature.on_events([ended("late", "corgi", 1, who=40)])  # a gift after End live...
    feature.on_events([ev(LiveStarted(session_id="s2", started_ms=T0 + 1000))])
    assert feature.queue.current is None and feature.queue.pending == []  # ...not carried over
    feature.on_events([ended("new", "rose", 5, who=41)])
    assert feature.queue.current is not None and feature.queue.current.alert.alert_id == "new"
    feature.close()


def test_the_status_says_how_far_behind_and_a_burst_is_one_card(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, clock = make(qtbot, settings, tmp_path)
    feature.on_events([ended("lion", "lion", 1, who=1)])  # plays a while
    feature.on_events([ended(f"c{n}", "corgi", 1, who=10 + n) for n in range(2)])
    # one person's burst: a running streak and two more gifts -> one waiting alert
    feature.on_events(
        [
            update("b1", "rose", 4, who=5),
            ended("b2", "rose", 3, who=5),
            ended("b3", "gg", 2, who=5),
        ]
    )
    assert len(feature.queue.pending) == 3
    burst = feature.queue.pending[2]
    assert (burst.count, burst.final, burst.mixed) == (9, False, True)
    clock.now += 7.0
    feature.pump()
    status = feature.area.stage.status.text()
    assert "3 waiting" in status and "7 s behind" in status, status
    assert "…" not in status
    feature.area.grab().save(str(ARTIFACTS / "alerts-behind.png"))
    clock.now += 2.0
    feature.pump()
    assert "9 s behind" in feature.area.stage.status.text()
    feature.close()
