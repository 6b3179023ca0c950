"""The session bar's OBS strip: what it says for each state, and the dropped-frames warning."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.obs.connection import ObsStatus
from app.obs.health import ObsHealth
from app.ui.obs.strip import ObsStrip

CONNECTED = ObsStatus("connected", obs_version="29.0.2", websocket_version="5.1.0")


def test_states_in_words(qtbot: QtBot) -> None:
    strip = ObsStrip()
    qtbot.addWidget(strip)
    assert strip.label.text() == "OBS: not running"
    strip.set_status(ObsStatus("wrong_password", "authentication failed"), "authentication failed")
    assert strip.label.text() == "OBS: wrong password"
    assert strip.label.objectName() == "errorText"
    assert strip.label.toolTip() == "authentication failed"
    strip.set_status(ObsStatus("no_answer"))
    assert strip.label.text() == "OBS: not answering"
    strip.set_status(CONNECTED)
    strip.set_health(ObsHealth(cpu_pct=3.4))
    assert strip.label.text() == "OBS not streaming · CPU 3%"
    assert strip.label.objectName() == "statCaption"


def test_streaming_health_and_the_warning_when_frames_drop(qtbot: QtBot) -> None:
    strip = ObsStrip()
    qtbot.addWidget(strip)
    strip.set_status(CONNECTED)
    health = ObsHealth(
        streaming=True, recording=True, bitrate_kbps=2480.4, total_frames=1000, cpu_pct=12
    )
    strip.set_health(health)
    assert strip.label.text() == "OBS ● LIVE · REC · 2,480 kb/s · dropped 0.0% · CPU 12%"
    dropping = ObsHealth(
        streaming=True, bitrate_kbps=900, dropped_frames=30, total_frames=1000, dropping=True
    )
    strip.set_health(dropping)
    assert strip.label.text().endswith("dropped 3.0% · CPU 0%  ⚠ dropping frames")
    assert strip.label.objectName() == "errorText"
    strip.set_health(ObsHealth(streaming=True, reconnecting=True))
    assert strip.label.text().startswith("OBS reconnecting")
