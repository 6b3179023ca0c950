"""The settings window edits the real settings file; alert rules follow what it saved."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui.alerts.feature import rules_from_settings
from app.ui.settings import ConsoleSettings
from app.ui.settingsdialog import SettingsDialog
from tests.ui.consolekit import running_console

SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


def test_alert_minimum_and_duration_are_set_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    settings = ConsoleSettings(tmp_path / "livedesk.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.alert_min.value() == 5 and dialog.alert_duration.value() == 5  # defaults
    dialog.alert_min.setValue(100)
    dialog.alert_duration.setValue(12)
    dialog.font_size.setValue(14)
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENS / "settings-dialog.png"))
    dialog.accept()
    again = ConsoleSettings(tmp_path / "livedesk.ini")  # what the next start reads
    assert (again.get("alert_min_diamonds"), again.get("alert_duration_s")) == (100, 12)
    assert again.get("font_size") == 14
    rules = rules_from_settings(again)
    assert (rules.min_diamonds, rules.duration_s) == (100, 12.0)


def test_cancel_keeps_the_saved_values(qtbot: QtBot, tmp_path: Path) -> None:
    settings = ConsoleSettings(tmp_path / "livedesk.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.alert_min.setValue(999)
    dialog.reject()
    assert settings.get("alert_min_diamonds") == 5
    dialog.show()  # opened again: shows what is saved, not the abandoned edit
    assert dialog.alert_min.value() == 5


def test_account_buttons_ask_for_sign_out_and_the_moderators_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(ConsoleSettings(tmp_path / "livedesk.ini"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sign_out.isVisible() and not dialog.moderators.isVisible()
    with qtbot.wait_signal(dialog.sign_out_requested, timeout=1000):
        dialog.sign_out.click()
    dialog.moderators.show()  # as the creator's console does
    with qtbot.wait_signal(dialog.moderators_requested, timeout=1000):
        dialog.moderators.click()


def test_hover_pause_is_a_setting_the_chat_panes_follow(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "livedesk.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hover_pause.value() == 3  # the default: 3 s of stillness releases the chat
    assert "20 s" in dialog.alert_rule.text()  # the alert queue's rule, as it is
    dialog.hover_pause.setValue(0)
    assert dialog.hover_pause.text() == "Never (only when scrolled up)"

    async def scenario() -> None:
        async with running_console(tmp_path / "console", settings=settings, show=False) as rc:
            panes = [rc.console.public_pane, rc.console.below_pane]
            assert [p.view.hover_pause_s for p in panes] == [3.0, 3.0]
            dialog.hover_pause.setValue(8)
            dialog.accept()
            assert [p.view.hover_pause_s for p in panes] == [8.0, 8.0]

    qloop.run_until_complete(scenario())


def test_the_theme_previews_at_once_and_cancel_takes_it_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.theme import apply_theme, current_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = ConsoleSettings(tmp_path / "cfg.ini")
    settings.set("theme", "light")
    apply_theme(app, "light")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        assert current_theme().is_dark  # seen before OK
        dialog.reject()
        assert not current_theme().is_dark and settings.get("theme") == "light"
        dialog.show()
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.accept()
        assert current_theme().is_dark and settings.get("theme") == "dark"
    finally:
        apply_theme(app, "light")
