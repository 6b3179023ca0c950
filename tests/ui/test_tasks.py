"""The UI's one background-task helper: failures are logged once, with their owner, and asyncio
never reports "Task exception was never retrieved"; no other module starts loose tasks."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from app.ui.tasks import BackgroundTasks

UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def test_a_failed_task_is_logged_with_its_owner_and_never_unretrieved(
    qloop: asyncio.AbstractEventLoop, caplog: pytest.LogCaptureFixture
) -> None:
    unretrieved: list[dict[str, Any]] = []
    qloop.set_exception_handler(lambda _loop, context: unretrieved.append(context))

    async def boom() -> None:
        raise RuntimeError("the store is gone")

    async def scenario() -> None:
        tasks = BackgroundTasks("inbox")
        tasks.spawn(boom())  # nobody awaits it
        await asyncio.sleep(0.05)
        assert len(tasks) == 0  # not kept once done

    with caplog.at_level(logging.ERROR, logger="app.ui.tasks"):
        qloop.run_until_complete(scenario())
        gc.collect()
        qloop.run_until_complete(asyncio.sleep(0))
    failures = [r for r in caplog.records if r.name == "app.ui.tasks"]
    assert len(failures) == 1 and "inbox" in failures[0].getMessage()
    assert failures[0].exc_info is not None and "store is gone" in str(failures[0].exc_info[1])
    assert not unretrieved, unretrieved


def test_cancel_stops_every_running_task(qloop: asyncio.AbstractEventLoop) -> None:
    async def scenario() -> None:
        tasks = BackgroundTasks("earnings")
        running = [tasks.spawn(asyncio.sleep(30)) for _ in range(3)]
        await asyncio.sleep(0)
        tasks.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        assert all(t.cancelled() for t in running) and len(tasks) == 0

    qloop.run_until_complete(scenario())


def test_no_ui_module_starts_a_task_of_its_own() -> None:
    """ensure_future/create_task only in tasks.py (and the self-test, which awaits its run)."""
    loose = re.compile(r"\b(ensure_future|create_task)\(")
    allowed = {UI / "tasks.py", UI / "selftest_window.py"}
    offenders = [
        f"{path.relative_to(UI)}:{n}"
        for path in sorted(UI.rglob("*.py"))
        if path not in allowed
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if loose.search(line)
    ]
    assert not offenders, offenders
