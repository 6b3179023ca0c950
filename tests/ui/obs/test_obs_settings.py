"""The OBS settings rows and rules editor: keyring trouble, the rule list, turned off."""

from __future__ import annotations

import asyncio
from pathlib import Path

import keyring
import keyring.backends.fail
from pytestqt.qtbot import QtBot

from app.obs.scenerules import SceneRule
from app.ui.obs import ObsFeature, ObsSettingsBox
from app.ui.obs.panel import ObsPanel
from app.ui.obs.rules import SceneRulesDialog
from app.ui.obs.strip import ObsStrip
from app.ui.settings import ConsoleSettings
from tests.integration.obs.harness import RunningObs
from tests.ui.consolekit import running_console, wait_until

SCREENS = Path(__file__).resolve().parents[3] / "artifacts" / "screens"


def test_no_keyring_is_said_and_the_password_is_not_written_anywhere(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "s.ini")
    feature = ObsFeature(settings)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        problem = qloop.run_until_complete(feature.save("127.0.0.1", 4456, "hunter2", False))
        assert "keyring" in problem and "forgets it" in problem
        assert feature.password == "hunter2"  # used until LiveDesk closes
        box = ObsSettingsBox(feature)
        qtbot.addWidget(box)
        assert box.state.text() == problem
        assert "hunter2" not in (tmp_path / "s.ini").read_text(encoding="utf-8")
    finally:
        keyring.set_keyring(previous)
        qloop.run_until_complete(feature.close())


def test_rules_editor_keeps_rules_and_marks_scenes_obs_does_not_have(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, shared_obs: RunningObs
) -> None:
    settings = ConsoleSettings(tmp_path / "s.ini")
    settings.set("obs_port", shared_obs.port)
    settings.set("obs_enabled", True)
    feature = ObsFeature(settings)

    async def scenario() -> None:
        await feature.save("127.0.0.1", shared_obs.port, shared_obs.password, True)
        await wait_until(lambda: feature.link.connected, what="connected")
        feature.set_rules(
            [
                SceneRule("gift", "Main", hold_s=5, min_diamonds=1000),
                SceneRule("question", "Q&A corner", hold_s=60),
            ]
        )
        dialog = SceneRulesDialog(feature)
        qtbot.addWidget(dialog)
        dialog.load()
        dialog.resize(dialog.sizeHint())
        dialog.show()
        await wait_until(lambda: bool(dialog.obs_scenes), what="OBS's scenes")
        assert "Main" in dialog.obs_scenes
        assert dialog.problems.text() == "Rule 2: OBS has no scene “Q&A corner” (yet)."
        SCREENS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENS / "obs-rules.png"))
        dialog.add.click()
        assert "Rule 3: choose a scene." in dialog.problems.text()
        dialog.accept()  # the unfinished third rule is not kept
        assert feature.rules() == [
            SceneRule("gift", "Main", hold_s=5, min_diamonds=1000),
            SceneRule("question", "Q&A corner", hold_s=60),
        ]
        assert feature.director.rules == feature.rules()
        await feature.close()

    qloop.run_until_complete(scenario())


def test_obs_turned_off_shows_nothing_and_connects_to_nothing(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as run:
            assert run.features is not None
            feature = run.features.get("obs")
            assert isinstance(feature, ObsFeature)
            window = run.console.window
            strip = window.session_bar.findChild(ObsStrip)
            panel = window.findChild(ObsPanel)
            assert strip is not None and panel is not None
            assert not strip.isVisible() and not panel.isVisible()
            await asyncio.sleep(0.2)
            assert not feature.link.running and feature.link.status.state == "off"

    qloop.run_until_complete(scenario())
