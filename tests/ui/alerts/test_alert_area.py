"""The alert area with real widgets: card, controls, pop-out, feed, and sounds via a real player."""

from __future__ import annotations

import array
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.protocol.frames import Event
from app.protocol.payloads import (
    LiveStarted,
    MemberJoined,
)
from app.ui.alerts.feature import AlertsFeature
from app.ui.alerts.feedview import ITEM_ROLE
from app.ui.alerts.sound import PLAYER_ENV, AlertSound, find_player, scale_wav, sounds_dir
from app.ui.settings import ConsoleSettings
from tests.ui.alerts.alertkit import MARKUP, T0, Clock, ended, ev, make, player_script, u, update


def lines_of(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_a_streak_shows_one_growing_alert_with_one_sound(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    argv, log = player_script(tmp_path)
    feature, clock = make(qtbot, settings, tmp_path, argv)
    feature.on_events([ev(LiveStarted(session_id="ls1", started_ms=T0 - 1000))])
    for count in range(1, 26):
        feature.on_events([update("s1", "rose", count, name="Mia")])
        clock.now += 0.1
    card = feature.area.stage.card
    assert card.state.alert is not None and card.state.alert.count == 25
    assert not card.state.alert.final
    feature.on_events([ended("s1", "rose", 25, name="Mia")])
    assert card.state.alert.final
    qtbot.waitUntil(lambda: len(lines_of(log)) == 1, timeout=5000)
    QApplication.processEvents()
    qtbot.wait(300)
    assert len(lines_of(log)) == 1  # no sound per streak update
    assert lines_of(log)[0].endswith(".wav")
    feature._show_lists()
    assert feature.feed.diamonds == 25
    assert feature.model.rowCount() == 1
    assert "25" in feature.area.summary.text()
    # The next gift gets its own sound once the first alert is over.
    feature.on_events([ended("s2", "lion", 1, who=2)])
    clock.now += 60
    feature.pump()
    qtbot.waitUntil(lambda: len(lines_of(log)) == 2, timeout=5000)
    assert "gift_big" in lines_of(log)[1]
    feature.close()


def test_controls_pause_skip_replay(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, clock = make(qtbot, settings, tmp_path)
    feature.on_events([ended("a", "corgi", 1, 1), ended("b", "swan", 1, 2)])
    stage = feature.area.stage
    assert feature.queue.current is not None and feature.queue.current.alert.alert_id == "a"
    qtbot.mouseClick(stage.pause, Qt.MouseButton.LeftButton)
    assert feature.queue.paused and stage.pause.text() == "▶"
    assert stage.card.state.paused
    clock.now += 100
    feature.pump()
    assert feature.queue.current is not None and feature.queue.current.alert.alert_id == "a"
    assert "Paused" in stage.status.text() and "1 waiting" in stage.status.text()
    qtbot.mouseClick(stage.pause, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stage.skip, Qt.MouseButton.LeftButton)
    assert feature.queue.current is not None and feature.queue.current.alert.alert_id == "b"
    qtbot.mouseClick(stage.replay, Qt.MouseButton.LeftButton)  # replay b (playing) next
    assert [a.alert_id for a in feature.queue.pending] == ["b"]
    clock.now += 30
    feature.pump()
    assert feature.queue.current is not None and feature.queue.current.replay
    assert stage.card.state.replay
    feature.close()


def test_small_gifts_go_to_the_feed_only(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, _ = make(qtbot, settings, tmp_path)
    feature.on_events([ended("r", "rose", 3, 1)])  # 3 diamonds < 5
    assert feature.queue.current is None
    feature._show_lists()
    assert feature.model.rowCount() == 1
    settings.set("alert_min_diamonds", 1)
    feature.on_events([ended("r2", "rose", 2, 2)])
    assert feature.queue.current is not None and feature.queue.current.alert.alert_id == "r2"
    feature.close()


def test_old_backlog_events_do_not_pop_up(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, _ = make(qtbot, settings, tmp_path)
    stale = ended("old", "lion", 1)
    stale = Event(ch=stale.ch, seq=stale.seq, id=stale.id, ts=T0 - 3_600_000, data=stale.data)
    feature.on_events([stale])
    assert feature.queue.current is None and feature.feed.diamonds == 29999
    feature.close()


def test_members_pop_up_and_names_stay_plain_text(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, _ = make(qtbot, settings, tmp_path)
    joined = MemberJoined(
        user=u(7, MARKUP), tier=2, months=1, renewed=False, price_cents=999, member_count=3
    )
    feature.on_events([ev(joined), ended("x", "lion", 1, 8, MARKUP)])
    feature._show_lists()
    # The Lion plays first (big gifts first); the membership waits its turn.
    assert feature.queue.current is not None and feature.queue.current.alert.kind == "gift"
    assert [a.kind for a in feature.queue.pending] == ["member"]
    labels = [w for w in feature.area.findChildren(QLabel) if w.text()]
    assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)
    assert feature.area.top_rows[0].text().startswith(f"1. {MARKUP}")
    row = feature.model.index(1, 0)
    assert row.data(ITEM_ROLE).user.name == MARKUP
    assert feature.area.summary.text().count("1 new member") == 1
    image = feature.area.grab()  # paints the card and the feed without trouble
    assert not image.isNull()
    feature.close()


def test_pop_out_window_stays_on_top_and_comes_back(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    feature, _ = make(qtbot, settings, tmp_path)
    area = feature.area
    qtbot.mouseClick(area.stage.popout, Qt.MouseButton.LeftButton)
    assert area.popped_out and area.window_.isVisible()
    assert area.window_.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert area.placeholder.isVisible()
    assert settings.layout_flag("alerts_popped_out")
    area.window_.close()  # closing the window brings the alerts back
    assert not area.popped_out and not area.placeholder.isVisible()
    assert not settings.layout_flag("alerts_popped_out")
    feature.toggle_popout()
    feature.toggle_popout()
    assert not area.popped_out and area.stage.parent() is area
    feature.close()


def test_mute_and_volume_are_settings(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    argv, log = player_script(tmp_path)
    feature, clock = make(qtbot, settings, tmp_path, argv)
    stage = feature.area.stage
    stage.mute.click()
    assert settings.get("sound") is False and feature.sound.muted and stage.mute.text() == "🔇"
    feature.on_events([ended("a", "lion", 1)])
    qtbot.wait(300)
    assert lines_of(log) == []
    stage.mute.click()
    stage.volume.setValue(40)
    assert settings.get("alert_volume") == 40
    clock.now += 30
    feature.on_events([ended("b", "lion", 1, 2)])
    qtbot.waitUntil(lambda: len(lines_of(log)) == 1, timeout=5000)
    assert Path(lines_of(log)[0]).name == "gift_big-40.wav"
    feature.close()


def test_sound_unavailable_is_visible(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PLAYER_ENV, "no-such-player-here --quiet")
    player, problem = find_player()
    assert player is None and "no-such-player-here" in problem
    clock = Clock()
    feature = AlertsFeature(
        settings, AlertSound(tmp_path / "c"), clock=clock, wall_ms=lambda: T0 + 1000
    )
    qtbot.addWidget(feature.area)
    feature.area.show()
    assert feature.area.stage.sound_note.isVisible()
    assert "no-such-player-here" in feature.area.stage.sound_note.toolTip()
    feature.on_events([ended("a", "lion", 1)])  # alerts still play, silently
    assert feature.queue.current is not None
    feature.close()


def test_a_failing_player_turns_into_the_note(
    qtbot: QtBot, settings: ConsoleSettings, tmp_path: Path
) -> None:
    argv, _ = player_script(tmp_path, exit_code=3)
    feature, _ = make(qtbot, settings, tmp_path, argv)
    feature.on_events([ended("a", "lion", 1)])
    qtbot.waitUntil(lambda: feature.area.stage.sound_note.isVisible(), timeout=5000)
    assert "exit code 3" in feature.sound.problem
    feature.close()


def test_the_shipped_sounds_are_short_16_bit_wavs(tmp_path: Path) -> None:
    names = sorted(p.stem for p in sounds_dir().glob("*.wav"))
    assert names == ["gift_big", "gift_medium", "gift_small", "member"]
    for path in sounds_dir().glob("*.wav"):
        assert path.stat().st_size < 100_000
        with wave.open(str(path)) as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
            assert 0.2 < w.getnframes() / w.getframerate() < 2.0
    source = sounds_dir() / "gift_medium.wav"
    scale_wav(source, tmp_path / "half.wav", 0.5)

    def peak(path: Path) -> int:
        with wave.open(str(path)) as w:
            return max(abs(s) for s in array.array("h", w.readframes(w.getnframes())))

    assert abs(peak(tmp_path / "half.wav") - peak(source) // 2) <= 1
