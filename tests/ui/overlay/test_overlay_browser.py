"""The overlay pages in a real headless Chromium (Debian's), driven by Playwright.

The console, its overlay server and the backend run on this thread's qasync loop; the browser
is driven from one worker thread (Playwright's sync API keeps its objects on their thread).
Screenshots go to artifacts/screens/overlay-*.png.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.protocol.payloads import SendGift
from tests.ui.chromium import BROWSER, BROWSER_ARGS
from tests.ui.consolekit import wait_until
from tests.ui.overlay.harness import studio

T = TypeVar("T")
SCREENS = Path(__file__).resolve().parents[3] / "artifacts" / "screens"
NASTY_NAME = '<b>Zoë</b><img src=x onerror="document.title=1">'

if not BROWSER or not Path(BROWSER).exists():
    if os.environ.get("LIVEDESK_REQUIRE_BROWSER"):
        raise RuntimeError("LIVEDESK_REQUIRE_BROWSER is set but Chromium is not installed")
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


class Browser:
    """One Chromium on a worker thread; `call(fn)` runs fn(page) there, awaitable here."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="chromium")
        self._pw: Any = None
        self._browser: Any = None
        self.page: Any = None

    def _open(self) -> None:
        self._pw = sync_api.sync_playwright().start()
        self._browser = self._pw.chromium.launch(
            executable_path=BROWSER, headless=True, args=BROWSER_ARGS
        )
        self.page = self._browser.new_page(viewport={"width": 800, "height": 600})

    def _close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._pw is not None:
            self._pw.stop()

    async def call(self, fn: Callable[[Any], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, lambda: fn(self.page))

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.pool, self._open)

    async def stop(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.pool, self._close)
        self.pool.shutdown(wait=True)


@pytest.fixture
def browser(qloop: asyncio.AbstractEventLoop) -> Iterator[Browser]:
    b = Browser()
    qloop.run_until_complete(b.start())
    yield b
    qloop.run_until_complete(b.stop())


def _shot(page: Any, name: str, backdrop: str | None = "#27313b") -> Path:
    """A screenshot; with a backdrop the transparent page is shown as over a stream."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    out = SCREENS / f"overlay-{name}.png"
    if backdrop:
        page.evaluate(f"document.documentElement.style.background = {backdrop!r}")
    page.screenshot(path=str(out))
    if backdrop:
        page.evaluate("document.documentElement.style.background = ''")
    return out


def test_wrong_or_missing_key_is_refused_and_assets_need_none(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path) as s:
            good = s.url("alert")
            base = good.split("?")[0]
            statuses = await browser.call(
                lambda p: [
                    p.goto(base + "?key=wrong").status,
                    p.goto(base).status,
                    p.goto(good).status,
                    p.goto(base.replace("/alert", "/overlay.css")).status,
                    p.goto(base.replace("/alert", "/nothing")).status,
                ]
            )
            assert statuses == [403, 403, 200, 200, 404]

    qloop.run_until_complete(scenario())


def test_a_scripted_gift_appears_on_the_alert_page_within_a_second_as_text(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path, viewer_name=NASTY_NAME, alert_duration_s=30) as s:

            def load(page: Any) -> None:
                page.goto(s.url("alert"))
                page.wait_for_selector("body[data-connected='true']", timeout=5000)

            await browser.call(load)
            sent = time.monotonic()
            assert (await s.viewer.request(SendGift(gift_id="galaxy", combo_id="g1"))).ok

            def seen(page: Any) -> dict[str, Any]:
                page.wait_for_selector("#alert:not([hidden])", timeout=1000)
                shown = time.monotonic()
                result: dict[str, Any] = page.evaluate(
                    """() => ({
                        user: document.getElementById('alert-user').textContent,
                        what: document.getElementById('alert-what').textContent,
                        icon: document.getElementById('alert-icon').textContent,
                        images: document.querySelectorAll('#alert img, #alert b').length,
                        title: document.title,
                        variation: document.getElementById('alert').dataset.variation,
                    })"""
                )
                result["after_s"] = shown - sent
                page.wait_for_timeout(700)  # the entrance animation, for the screenshot
                _shot(page, "alert")
                return result

            result = await browser.call(seen)
            assert result["after_s"] < 1.0
            assert result["user"] == NASTY_NAME  # shown as the characters it is
            assert result["images"] == 0 and result["title"] != "1"
            assert (result["what"], result["icon"], result["variation"]) == (
                "sent Galaxy",
                "🌌",
                "big",
            )

            # Skip in the app: the card leaves the stream too.
            s.alerts.skip()
            await browser.call(
                lambda p: p.wait_for_selector("#alert", state="hidden", timeout=3000)
            )

    qloop.run_until_complete(scenario())


def test_top_gifters_goal_and_a_reload_show_the_current_state(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(
            tmp_path, overlay_goal_diamonds=2000, overlay_goal_title="New camera"
        ) as s:
            assert (await s.viewer.request(SendGift(gift_id="galaxy", combo_id="g1"))).ok
            await wait_until(lambda: s.alerts.feed.diamonds == 1000, what="the gift, final")

            def goal(page: Any) -> dict[str, str]:
                page.goto(s.url("goal"))
                page.wait_for_function(
                    "() => document.getElementById('goal-percent').textContent === '50%'",
                    timeout=3000,
                )
                page.set_viewport_size({"width": 800, "height": 120})
                page.wait_for_timeout(1200)  # the bar's fill slides in
                _shot(page, "goal")
                texts: dict[str, str] = page.evaluate(
                    """() => ({
                        title: document.getElementById('goal-title').textContent,
                        numbers: document.getElementById('goal-numbers').textContent,
                    })"""
                )
                return texts

            texts = await browser.call(goal)
            assert texts["title"] == "New camera"
            assert texts["numbers"].replace("\u202f", ",") in ("1,000 / 2,000 💎",)

            def top(page: Any) -> list[str]:
                page.set_viewport_size({"width": 400, "height": 500})
                page.goto(s.url("top"))
                page.wait_for_selector(".top-row", timeout=3000)
                page.reload()  # a reloaded source is current at once
                page.wait_for_selector(".top-row", timeout=3000)
                _shot(page, "top")
                rows: list[str] = page.eval_on_selector_all(
                    ".top-row", "rows => rows.map(r => r.textContent)"
                )
                return rows

            rows = await browser.call(top)
            assert len(rows) == 1 and rows[0].startswith("1Mia") and "💎" in rows[0]

    qloop.run_until_complete(scenario())


def test_the_goal_page_shows_nothing_until_a_goal_is_set(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path) as s:

            def hidden(page: Any) -> bool:
                page.goto(s.url("goal"))
                page.wait_for_selector("body[data-connected='true']", timeout=5000)
                page.wait_for_function("() => Number(document.body.dataset.version) >= 0")
                return bool(page.evaluate("document.getElementById('goal').hidden"))

            assert await browser.call(hidden)
            s.console.settings.set("overlay_goal_diamonds", 300)
            await browser.call(lambda p: p.wait_for_selector("#goal:not([hidden])", timeout=3000))

    qloop.run_until_complete(scenario())


def test_numbers_on_stream_follow_the_consoles_language(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    """A German console's goal bar reads "1.000 / 2.000" on stream, whatever OBS's locale."""
    from PySide6.QtCore import QLocale

    english = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:

        async def scenario() -> None:
            async with studio(tmp_path, overlay_goal_diamonds=2000) as s:
                assert (await s.viewer.request(SendGift(gift_id="galaxy", combo_id="g1"))).ok
                await wait_until(lambda: s.alerts.feed.diamonds == 1000, what="the gift")

                def goal(page: Any) -> str:
                    page.goto(s.url("goal"))
                    page.wait_for_function(
                        "() => document.getElementById('goal-numbers').textContent.includes('2')",
                        timeout=3000,
                    )
                    text: str = page.evaluate(
                        "() => document.getElementById('goal-numbers').textContent"
                    )
                    return text

                assert await browser.call(goal) == "1.000 / 2.000 💎"

        qloop.run_until_complete(scenario())
    finally:
        QLocale.setDefault(english)


def test_the_fan_page_qr_code_is_an_overlay_page(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    from app.overlay.state import qr_rows

    async def scenario() -> None:
        async with studio(tmp_path) as s:
            link = "http://192.168.1.20:8765/fan/"
            s.overlay.set_fan_link(link)

            def page_state(page: Any) -> dict[str, Any]:
                page.goto(s.url("fan"))
                page.wait_for_selector("#fan-qr svg", timeout=5000)
                page.set_viewport_size({"width": 400, "height": 480})
                _shot(page, "fan-qr")
                shown: dict[str, Any] = page.evaluate(
                    """() => ({
                        url: document.getElementById('fan-url').textContent,
                        view: document.querySelector('#fan-qr svg').getAttribute('viewBox'),
                        dark: [...document.querySelectorAll('#fan-qr rect[fill="#000000"]')]
                            .map(r => [r.getAttribute('x'), r.getAttribute('y'),
                                       r.getAttribute('width')].map(Number)),
                    })"""
                )
                return shown

            shown = await browser.call(page_state)
            rows = qr_rows(link)
            assert shown["url"] == link
            assert shown["view"] == f"0 0 {len(rows)} {len(rows)}"
            drawn = {(y, x + i) for x, y, width in shown["dark"] for i in range(width)}
            expected = {(y, x) for y, row in enumerate(rows) for x, c in enumerate(row) if c == "1"}
            assert drawn == expected  # every module where segno put it, nothing else

    qloop.run_until_complete(scenario())


def test_the_question_page_shows_the_on_camera_question_until_it_is_answered(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    from app.protocol.payloads import MarkAnswered, QueueOnCamera, SendMessage, Subscribe

    async def scenario() -> None:
        async with studio(tmp_path) as s:
            assert (await s.viewer.request(Subscribe(tier=1))).ok
            question = "<b>How</b> do you light a small room? 💡"
            said = await s.viewer.request(SendMessage(room="below", text=question))
            assert said.ok and said.result is not None
            message_id = str(said.result["message_id"])

            def empty(page: Any) -> bool:
                page.set_viewport_size({"width": 800, "height": 240})
                page.goto(s.url("question"))
                page.wait_for_selector("body[data-connected='true']", timeout=5000)
                return bool(page.evaluate("document.getElementById('question').hidden"))

            assert await browser.call(empty)  # nothing queued: nothing on stream
            assert (await s.console.client.request(QueueOnCamera(message_id=message_id))).ok

            def shown(page: Any) -> dict[str, str]:
                page.wait_for_selector("#question:not([hidden])", timeout=3000)
                page.wait_for_timeout(500)  # the entrance, for the screenshot
                _shot(page, "question")
                texts: dict[str, str] = page.evaluate(
                    """() => ({
                        from: document.getElementById('question-from').textContent,
                        text: document.getElementById('question-text').textContent,
                        bold: document.querySelectorAll('#question b').length,
                    })"""
                )
                return texts

            texts = await browser.call(shown)
            assert texts["from"] == "Mia asks"
            assert texts["text"] == question and texts["bold"] == 0  # as text, never markup
            assert (await s.console.client.request(MarkAnswered(message_id=message_id))).ok
            await browser.call(
                lambda p: p.wait_for_selector("#question", state="hidden", timeout=3000)
            )

    qloop.run_until_complete(scenario())


def test_a_long_name_fits_the_top_gifters_page_at_its_own_size(
    qloop: asyncio.AbstractEventLoop, browser: Browser, tmp_path: Path
) -> None:
    name = "the.bonusaccount_2009xyz"  # 24 letters, the longest a platform name gets

    async def scenario() -> None:
        async with studio(tmp_path, viewer_name=name) as s:
            assert (await s.viewer.request(SendGift(gift_id="galaxy", combo_id="g1"))).ok
            await wait_until(lambda: s.alerts.feed.diamonds == 1000, what="the gift, final")

            def top(page: Any) -> dict[str, Any]:
                page.set_viewport_size({"width": 400, "height": 500})
                page.goto(s.url("top"))
                page.wait_for_selector(".top-row", timeout=3000)
                _shot(page, "top-long-name")
                found: dict[str, Any] = page.evaluate(
                    """() => {
                        const n = document.querySelector('.top-name');
                        return {text: n.textContent, cut: n.scrollWidth > n.clientWidth};
                    }"""
                )
                return found

            found = await browser.call(top)
            assert found == {"text": name, "cut": False}

    qloop.run_until_complete(scenario())
