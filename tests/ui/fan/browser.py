"""Debian's Chromium through Playwright for the fan page tests, on one worker thread.

Playwright's sync API keeps its objects on the thread that made them, so every call runs
there; `call(fn)` is awaitable on the (qasync) loop that runs the backend and the console.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.ui.chromium import BROWSER, BROWSER_ARGS

T = TypeVar("T")
SCREENS = Path(__file__).resolve().parents[3] / "artifacts" / "screens"
PHONE = (390, 844)
DESKTOP = (1280, 800)
sync_api = pytest.importorskip("playwright.sync_api")


class FanBrowser:
    def __init__(self, extra_args: list[str] | None = None) -> None:
        self.extra_args = extra_args or []
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="chromium")
        self._pw: Any = None
        self._browser: Any = None
        self.errors: list[str] = []

    async def call(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn)

    async def start(self) -> None:
        def open_() -> None:
            self._pw = sync_api.sync_playwright().start()
            self._browser = self._pw.chromium.launch(
                executable_path=BROWSER, headless=True, args=[*BROWSER_ARGS, *self.extra_args]
            )

        await self.call(open_)

    async def stop(self) -> None:
        def close() -> None:
            if self._browser is not None:
                self._browser.close()
            if self._pw is not None:
                self._pw.stop()

        await self.call(close)
        self.pool.shutdown(wait=True)

    async def page(
        self, size: tuple[int, int], *, scheme: str = "light", locale: str = "en-US"
    ) -> Any:
        """A page in a context of its own (its own cookies), as a phone or a desktop."""

        def make() -> Any:
            context = self._browser.new_context(
                viewport={"width": size[0], "height": size[1]},
                color_scheme=scheme,
                locale=locale,
                has_touch=size == PHONE,
            )
            page = context.new_page()
            page.on("pageerror", lambda exc: self.errors.append(str(exc)))
            page.on(
                "console",
                lambda msg: (
                    self.errors.append(msg.text)
                    if msg.type == "error" and "401" not in msg.text
                    else None
                ),
            )
            return page

        return await self.call(make)


def shot(page: Any, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    out = SCREENS / f"fan-{name}.png"
    page.evaluate("() => window.scrollTo(0, 0)")  # the sticky bar stays at the top
    page.screenshot(path=str(out), full_page=True)
    return out
