"""The demo starts off-air: the audience chats, a hint says what to do until the first live."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.ui.settings import ConsoleSettings
from tests.ui.consolekit import running_console, wait_until


def test_demo_starts_off_air_with_a_hint_until_the_creator_goes_live(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "cfg.ini")

    async def scenario() -> None:
        async with running_console(
            tmp_path, demo=True, seed=4, settings=settings, audience_live=False
        ) as rc:
            c = rc.console
            bar, hint = c.window.session_bar, c.window.first_run
            await wait_until(lambda: c.public_pane.model.rowCount() >= 3, 20, "pre-show chat")
            assert not bar.is_live and bar.live_button.text() == "Go live"
            assert bar.live_button.isEnabled()
            assert rc.server.backend.state.live is None
            assert hint.isVisible() and "press Go live" in hint.text.text()
            assert "simulated audience" in hint.text.text()
            bar.live_button.click()
            await wait_until(lambda: bar.is_live, 10, "the live to start")
            assert not hint.isVisible()
            assert settings.get("first_run_hint") is False
            # Ending it shows no hint again: the creator knows the way now.
            bar.confirm_end = None
            bar.live_button.click()
            await wait_until(lambda: not bar.is_live, 10, "the live to end")
            assert not hint.isVisible()

    qloop.run_until_complete(scenario())


def test_got_it_dismisses_the_hint_for_good(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "cfg.ini")

    async def scenario() -> None:
        async with running_console(tmp_path, settings=settings) as rc:
            hint = rc.console.window.first_run
            await wait_until(lambda: hint.isVisible(), 10, "the hint")
            assert "Chat, the inbox and moderation already work" in hint.text.text()
            hint.dismiss.click()
            assert not hint.isVisible() and settings.get("first_run_hint") is False
            rc.console.window.session_bar.set_can_go_live(True)  # a reconnect
            assert not hint.isVisible()

    qloop.run_until_complete(scenario())
