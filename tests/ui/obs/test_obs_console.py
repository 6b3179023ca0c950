"""The console's OBS feature against a real OBS: settings, session bar, scene rules, restarts.

Screenshots go to artifacts/screens/obs-*.png.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.client.tokens import TokenVault
from app.obs.scenerules import SceneRule
from app.protocol.payloads import SendGift
from app.ui.i18n import install_translator, remove_translator
from app.ui.obs import ObsFeature, ObsSettingsBox, add_settings_rows, install_obs
from app.ui.obs.feature import KEYRING_SERVICE, password_key
from app.ui.obs.panel import ObsPanel
from app.ui.obs.strip import ObsStrip
from app.ui.settingsdialog import SettingsDialog
from app.ui.theme import apply_theme
from tests.integration.obs.harness import RtmpSink, RunningObs
from tests.ui.consolekit import wait_until
from tests.ui.overlay.harness import Studio, studio

SCREENS = Path(__file__).resolve().parents[3] / "artifacts" / "screens"


@dataclass
class ObsStudio:
    studio: Studio
    obs: ObsFeature


@contextlib.asynccontextmanager
async def console_with_obs(
    tmp_path: Path, obs: RunningObs, *, password: str | None = None
) -> AsyncIterator[ObsStudio]:
    await TokenVault(KEYRING_SERVICE).aset(
        password_key("127.0.0.1", obs.port), obs.password if password is None else password
    )
    async with studio(tmp_path, obs_enabled=True, obs_host="127.0.0.1", obs_port=obs.port) as s:
        feature = install_obs(s.console, s.overlay)
        try:
            yield ObsStudio(s, feature)
        finally:
            await feature.close()


async def obs_scene(feature: ObsFeature) -> str:
    return str((await feature.link.call("GetCurrentProgramScene"))["currentProgramSceneName"])


def test_connected_obs_shows_in_the_session_bar_with_versions_and_health(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, shared_obs: RunningObs
) -> None:
    async def scenario() -> None:
        async with console_with_obs(tmp_path, shared_obs) as o:
            window = o.studio.console.window
            await wait_until(lambda: o.obs.link.connected, what="OBS connected")
            await wait_until(lambda: "CPU" in bar_text(o), what="health in the bar")
            assert bar_text(o).startswith("OBS not streaming")
            await o.obs.link.call("StartRecord")
            await wait_until(lambda: "REC" in bar_text(o) and "kb/s" in bar_text(o), 8, "REC")
            window.resize(1280, 720)
            SCREENS.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(SCREENS / "obs-session-bar.png"))
            await o.obs.link.call("StopRecord")
            await wait_until(lambda: "REC" not in bar_text(o), 8, "recording stopped")

    qloop.run_until_complete(scenario())


def bar_text(o: ObsStudio) -> str:
    strip = o.studio.console.window.session_bar.findChild(ObsStrip)
    assert strip is not None and strip.isVisible()
    return strip.label.text()


def test_settings_test_button_says_connected_or_refused_and_keeps_the_password_in_the_keyring(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, shared_obs: RunningObs
) -> None:
    async def scenario() -> None:
        async with console_with_obs(tmp_path, shared_obs, password="wrong") as o:
            await wait_until(
                lambda: o.obs.link.status.state == "wrong_password", what="wrong password"
            )
            box = ObsSettingsBox(o.obs)
            qtbot.addWidget(box)
            assert "refused the password" in box.state.text()
            box.password.setText(shared_obs.password)
            box.test.click()
            await wait_until(lambda: "Connected to OBS" in box.state.text(), what="Test")
            assert box.state.text() == "Connected to OBS 29.0.2 (obs-websocket 5.1.0)"
            box.apply()
            await wait_until(lambda: o.obs.link.connected, what="connected after OK")
            stored = await TokenVault(KEYRING_SERVICE).aget(
                password_key("127.0.0.1", shared_obs.port)
            )
            assert stored == shared_obs.password
            ini = (tmp_path / "settings.ini").read_text(encoding="utf-8")
            assert shared_obs.password not in ini

    qloop.run_until_complete(scenario())


def test_a_big_gift_switches_the_scene_and_back_and_a_missing_scene_is_said(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, shared_obs: RunningObs
) -> None:
    async def scenario() -> None:
        async with console_with_obs(tmp_path, shared_obs) as o:
            await wait_until(lambda: o.obs.link.connected, what="OBS connected")
            with contextlib.suppress(Exception):
                await o.obs.link.call("CreateScene", {"sceneName": "Big gift"})
            await o.obs.link.call("SetCurrentProgramScene", {"sceneName": "Main"})
            o.obs.set_rules([SceneRule("gift", "Big gift", hold_s=1, min_diamonds=500)])
            viewer = o.studio.viewer
            assert (await viewer.request(SendGift(gift_id="galaxy", combo_id="g1"))).ok
            await wait_until(lambda: any("Big gift" in t for _, t in o.obs.feed), what="switch")
            assert await obs_scene(o.obs) == "Big gift"
            await wait_until(lambda: any("back to" in t for _, t in o.obs.feed), 5, "back")
            assert await obs_scene(o.obs) == "Main"

            o.obs.set_rules([SceneRule("gift", "Renamed away", hold_s=1, min_diamonds=500)])
            assert (await viewer.request(SendGift(gift_id="galaxy", combo_id="g2"))).ok
            await wait_until(
                lambda: any("no scene “Renamed away”" in t for _, t in o.obs.feed),
                what="the missing scene said",
            )
            bar = o.studio.console.window.session_bar
            assert "Renamed away" in bar.problem.text()
            assert await obs_scene(o.obs) == "Main"
            assert not o.obs.director.holding
            panel = o.studio.console.window.findChild(ObsPanel)
            assert panel is not None and panel.list.count() == 3  # newest first
            assert "Renamed away" in panel.list.item(0).text()
            assert "Mia's gift of 1,000 💎" in panel.list.item(2).text()
            SCREENS.mkdir(parents=True, exist_ok=True)
            panel.resize(400, 260)
            panel.grab().save(str(SCREENS / "obs-panel.png"))

    qloop.run_until_complete(scenario())


def test_obs_restarted_while_the_console_runs_reconnects_on_its_own(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, own_obs: RunningObs
) -> None:
    async def scenario() -> None:
        async with console_with_obs(tmp_path, own_obs) as o:
            o.obs.link.retry_s = (0.2,)
            await wait_until(lambda: o.obs.link.connected, what="OBS connected")
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, own_obs.stop)
            await wait_until(lambda: bar_text(o) == "OBS: not running", 5, "not running")
            # The console stays responsive meanwhile: a timer fires on time.
            before = loop.time()
            await asyncio.sleep(0.05)
            assert loop.time() - before < 0.5
            await loop.run_in_executor(None, own_obs.start)
            await wait_until(lambda: "CPU" in bar_text(o), 15, "health again")
            assert o.obs.link.connects == 2

    qloop.run_until_complete(scenario())


@pytest.mark.slow
def test_go_live_starts_the_obs_stream_and_obs_streaming_offers_to_go_live(
    qloop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
    tmp_path: Path,
    own_obs: RunningObs,
    rtmp_sink: RtmpSink,
) -> None:
    sink = rtmp_sink

    async def scenario() -> None:
        async with console_with_obs(tmp_path, own_obs) as o:
            await wait_until(lambda: o.obs.link.connected, what="OBS connected")
            await o.obs.link.call("SetStreamServiceSettings", sink.service())
            bar = o.studio.console.window.session_bar
            strip = bar.findChild(ObsStrip)
            assert strip is not None
            # OBS starts streaming on its own: LiveDesk offers to go live, and does on a click.
            await o.obs.link.call("StartStream")
            await wait_until(lambda: strip.offer.isVisible(), what="the Go live offer")
            strip.offer.click()
            await wait_until(lambda: bar.live_button.text() == "End live", what="live")
            assert not strip.offer.isVisible()
            await wait_until(lambda: "● LIVE" in strip.label.text(), what="LIVE in the bar")
            await wait_until(lambda: "kb/s" in strip.label.text(), what="the bitrate")
            # With the link on, End live stops OBS's stream, and Go live starts it again.
            o.studio.console.settings.set("obs_link_live", True)
            # End live asks first (a modal question); this test is about OBS, not the question.
            o.studio.console.settings.set("confirm_end_live", False)
            bar.live_button.click()
            await wait_until(lambda: not o.obs.obs_streaming, 8, "OBS stopped streaming")
            await wait_until(lambda: not o.obs.health.streaming, 8, "stopped in the poll")
            sink.close()
            sink.start()
            bar.live_button.click()
            await wait_until(lambda: o.obs.obs_streaming, 8, "OBS streaming again")
            await wait_until(
                lambda: bool(o.obs.health.streaming), 8, "the stream in the health poll"
            )
            assert not strip.offer.isVisible()  # LiveDesk was live already: no offer
            bar.live_button.click()  # End live: OBS stops before it is shut down
            await wait_until(lambda: not o.obs.obs_streaming, 8, "OBS stopped streaming")
            await wait_until(lambda: not o.obs.health.streaming, 8, "stopped in the poll")

    qloop.run_until_complete(scenario())


def test_add_overlay_to_an_obs_without_browser_source_says_what_to_install(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, shared_obs: RunningObs
) -> None:
    async def scenario() -> None:
        async with console_with_obs(tmp_path, shared_obs) as o:
            panel = o.studio.console.window.findChild(ObsPanel)
            assert panel is not None and panel.isVisible()
            await wait_until(lambda: panel.add_overlay.isEnabled(), what="button enabled")
            panel.add_overlay.click()
            await wait_until(lambda: panel.result.isVisible(), what="the answer")
            assert "no Browser Source" in panel.result.text()
            assert "obs-browser" in panel.result.text()
            assert panel.result.objectName() == "errorText"
            inputs = await o.obs.link.call("GetInputList")
            assert not [i for i in inputs["inputs"] if i["inputName"].startswith("LiveDesk ")]
            # The same from File → Add overlay pages to OBS, said in the session bar too.
            window = o.studio.console.window
            (action,) = [a for a in window.actions() if a.text() == "Add overlay pages to OBS"]
            action.trigger()
            bar = window.session_bar
            await wait_until(lambda: "no Browser Source" in bar.problem.text(), what="in the bar")

    qloop.run_until_complete(scenario())


def test_screenshots_of_settings_and_session_bar_with_obs_connected(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, shared_obs: RunningObs
) -> None:
    """artifacts/screens/obs-settings-{en,de}-{light,dark}.png and obs-bar-{light,dark}.png."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, style = app.styleSheet(), app.palette(), app.style().name()

    async def scenario() -> None:
        async with console_with_obs(tmp_path, shared_obs) as o:
            await wait_until(lambda: o.obs.link.connected, what="OBS connected")
            window = o.studio.console.window
            window.resize(1280, 720)
            await wait_until(lambda: "CPU" in bar_text(o), what="health in the bar")
            o.obs.add_feed("OBS → “Big gift” (Mia's gift of 1,000 💎)")
            SCREENS.mkdir(parents=True, exist_ok=True)
            for language in ("en", "de"):
                translator = install_translator(app, language)
                for mode in ("light", "dark"):
                    apply_theme(app, mode)
                    await asyncio.sleep(0.05)  # the new fonts and sizes are laid out
                    if language == "en":
                        window.session_bar.grab().save(str(SCREENS / f"obs-bar-{mode}.png"))
                        window.grab().save(str(SCREENS / f"obs-console-{mode}.png"))
                    dialog = SettingsDialog(o.studio.console.settings, window)
                    box = add_settings_rows(dialog, o.obs)
                    dialog.show()
                    # As on a 1280 × 720 screen (offscreen's is smaller and caps the size).
                    hint = dialog.sizeHint()
                    assert hint.width() <= 850 and hint.height() <= 700
                    dialog.resize(hint)
                    await wait_until(lambda b=box: "OBS 29.0.2" in b.state.text(), what="state")
                    dialog.grab().save(str(SCREENS / f"obs-settings-{language}-{mode}.png"))
                    dialog.close()
                    dialog.deleteLater()
                if translator is not None:
                    remove_translator(app, translator)

    try:
        qloop.run_until_complete(scenario())
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        app.setStyleSheet(sheet)


@pytest.mark.slow
def test_a_hung_obs_never_blocks_the_console_and_is_said_in_the_bar(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, own_obs: RunningObs
) -> None:
    async def scenario() -> None:
        async with console_with_obs(tmp_path, own_obs) as o:
            o.obs.link.retry_s = (0.2,)
            o.obs.link.connect_timeout_s = 1.0
            await wait_until(lambda: "CPU" in bar_text(o), what="health in the bar")
            own_obs.pause()
            try:
                worst = 0.0
                loop = asyncio.get_running_loop()
                deadline = loop.time() + 12
                while bar_text(o) != "OBS: not answering":
                    assert loop.time() < deadline, f"the bar says {bar_text(o)!r}"
                    before = loop.time()
                    await asyncio.sleep(0.02)
                    worst = max(worst, loop.time() - before - 0.02)
                assert worst < 0.25, f"the console's loop stalled {worst:.3f} s"
            finally:
                own_obs.resume()
            await wait_until(lambda: "CPU" in bar_text(o), 15, "health again")

    qloop.run_until_complete(scenario())
