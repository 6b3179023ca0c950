"""The console's embedded backend, when its storage fails (a commit rolled back): it is
started again on its port, the console resumes on it and says so in the session bar."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.__main__ import parse_args
from app.ui.app import ConsoleApp
from tests.ui.consolekit import wait_until


def test_a_failed_embedded_backend_is_restarted_and_the_console_resumes(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        console_app = ConsoleApp(parse_args(["--seed", "3"]))
        running = asyncio.ensure_future(console_app.run())
        await wait_until(lambda: console_app.console is not None, what="the creator's console")
        console = console_app.console
        assert console is not None and console_app.embedded is not None
        await console.client.wait_caught_up(15)
        failed = console_app.embedded
        sessions = console.client.stats.connections
        port = failed.server.port
        failed.backend.set_viewer_count(4321)  # an event waiting in the open transaction
        assert failed.backend._db is not None
        failed.backend._db.rollback()  # what SQLite does when its COMMIT fails
        await wait_until(lambda: console_app.embedded is not failed, 15, "the restart")
        restarted = console_app.embedded
        assert restarted is not None and restarted.server.port == port
        assert failed.backend.failed.is_set() and not restarted.backend.failed.is_set()
        bar = console.window.session_bar
        assert bar.problem.isVisible() and "restarted" in bar.problem.text()
        await wait_until(
            lambda: console.client.stats.connections > sessions
            and console.client.state.status == "connected",
            30,
            "the console resumed on the restarted backend",
        )
        await console.client.wait_caught_up(15)
        console.window.close()
        assert await asyncio.wait_for(running, 20) == 0
        console.window.deleteLater()

    qloop.run_until_complete(scenario())
