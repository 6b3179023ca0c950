"""The stream overlay follows the in-app alert queue: real backend, console, viewer, socket."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.protocol.payloads import PinMessage, SendGift, SendMessage, StartLive
from app.ui.overlay.panel import OverlayPanel, masked
from tests.ui.consolekit import wait_until
from tests.ui.overlay.harness import page_socket, studio

SCREENS = Path(__file__).resolve().parents[3] / "artifacts" / "screens"


def _alert(state: dict) -> dict | None:  # type: ignore[type-arg]
    return state["alert"]


def test_a_gift_plays_on_the_overlay_as_in_the_app_and_pause_skip_replay_apply(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path, alert_duration_s=30) as s:
            key = s.overlay.server.key
            async with page_socket(s.ws_url(key)) as page:
                first = await page.next_state()
                assert first["alert"] is None and first["top"] == [] and first["paused"] is False
                assert first["labels"]["sent"] == "sent {gift}"

                assert (await s.viewer.request(SendGift(gift_id="galaxy", combo_id="g1"))).ok
                shown = await page.until(lambda st: _alert(st) is not None, what="the alert")
                alert = shown["alert"]
                assert (alert["kind"], alert["user"], alert["gift"], alert["icon"]) == (
                    "gift",
                    "Mia",
                    "Galaxy",
                    "🌌",
                )
                assert (alert["diamonds"], alert["variation"]) == (1000, "big")
                # The same alert as the app's card.
                assert s.alerts.queue.current is not None
                assert s.alerts.queue.current.alert.gift is not None
                assert s.alerts.queue.current.alert.gift.name == "Galaxy"
                play = alert["play"]

                # Top gifters once the gift is final (a single gift ends at once).
                state = await page.until(lambda st: st["top"], what="the top gifter")
                assert state["top"] == [{"name": "Mia", "diamonds": 1000}]

                # Pause in the app: nothing on stream meanwhile; resume: the alert is back.
                s.alerts.toggle_pause()
                paused = await page.until(lambda st: st["paused"], what="paused")
                assert paused["alert"] is None
                s.alerts.toggle_pause()
                back = await page.until(
                    lambda st: not st["paused"] and _alert(st) is not None, what="resumed"
                )
                assert back["alert"]["gift"] == "Galaxy"

                # Skip: off the overlay too. Replay: on again, as a new entrance.
                s.alerts.skip()
                await page.until(lambda st: _alert(st) is None, what="skipped")
                s.alerts.replay()
                again = await page.until(lambda st: _alert(st) is not None, what="the replay")
                assert again["alert"]["gift"] == "Galaxy" and again["alert"]["play"] > play

    qloop.run_until_complete(scenario())


def test_small_gifts_under_the_minimum_stay_off_the_overlay_and_a_streak_grows_in_place(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path, min_diamonds=5, alert_duration_s=30) as s:
            key = s.overlay.server.key
            async with page_socket(s.ws_url(key)) as page:
                await page.next_state()
                # One rose: 1 diamond, under the minimum of 5 -> top gifters, no alert.
                assert (await s.viewer.request(SendGift(gift_id="rose", combo_id="r1"))).ok
                await wait_until(lambda: s.alerts.feed.diamonds == 1, what="the rose, final")
                state = await page.until(lambda st: st["top"], what="the rose in top gifters")
                assert state["top"] == [{"name": "Mia", "diamonds": 1}]
                assert all(st["alert"] is None for st in page.states)
                # Not just unseen: the queue never played it (the overlay shows only what the
                # queue plays), it went to the feed.
                queue = s.alerts.queue
                assert (queue.stats.played, queue.current, queue.stats.feed_only) == (0, None, 1)

                # A streak of finger hearts (5 each): one alert whose count grows in place.
                for count in range(1, 5):
                    reply = await s.viewer.request(
                        SendGift(gift_id="finger_heart", combo_id="f1", count=count)
                    )
                    assert reply.ok
                # The rose (below the minimum, moments ago, same person) joins the streak's
                # alert: one moment, 1 + 4 gifts, 1 + 20 diamonds. Updates may come batched,
                # so only the streak's last state is certain to be shown.
                final = await page.until(
                    lambda st: _alert(st) is not None and st["alert"]["diamonds"] == 21,
                    what="the streak at 4",
                )
                assert final["alert"]["count"] == 5
                plays = {st["alert"]["play"] for st in page.states if st["alert"] is not None}
                assert plays == {final["alert"]["play"]}  # one entrance, however many updates
                # Counted once, at its end (the server's quiet timeout): 1 + 20 diamonds.
                await page.until(
                    lambda st: st["top"] == [{"name": "Mia", "diamonds": 21}], what="21 diamonds"
                )

    qloop.run_until_complete(scenario())


def test_goal_and_public_pinned_message_reach_the_overlay_below_room_pins_do_not(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path) as s:
            key = s.overlay.server.key
            async with page_socket(s.ws_url(key)) as page:
                assert (await page.next_state())["goal"] is None
                s.console.settings.set("overlay_goal_diamonds", 500)
                s.console.settings.set("overlay_goal_title", "New mic")
                goal = await page.until(
                    lambda st: st["goal"] and st["goal"]["title"] == "New mic", what="the goal"
                )
                assert goal["goal"] == {"title": "New mic", "target": 500, "current": 0}
                assert (await s.viewer.request(SendGift(gift_id="corgi", combo_id="c1"))).ok
                await page.until(
                    lambda st: st["goal"]["current"] == 299, what="the goal moving to 299"
                )

                markup = "<b>be nice</b> <img src=x onerror=alert(1)>"
                sent = await s.console.client.request(SendMessage(room="public", text=markup))
                assert sent.ok and sent.result is not None
                mid = sent.result["message_id"]
                assert (await s.console.client.request(PinMessage(message_id=mid))).ok
                pinned = await page.until(lambda st: st["pinned"], what="the pinned message")
                assert pinned["pinned"]["text"] == markup  # as text; the page sets textContent

                below = await s.console.client.request(SendMessage(room="below", text="secret"))
                assert below.ok and below.result is not None
                pin_below = PinMessage(message_id=below.result["message_id"])
                assert (await s.console.client.request(pin_below)).ok
                await asyncio.sleep(0.5)
                assert s.overlay.state().pinned is not None
                assert s.overlay.state().pinned.text == markup

    qloop.run_until_complete(scenario())


def test_a_reloaded_page_gets_the_current_state_at_once(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    """With no page open no state is built (the alerts change it several times a second);
    a page that connects gets the current one at once."""

    async def scenario() -> None:
        async with studio(tmp_path, alert_duration_s=30) as s:
            key = s.overlay.server.key
            published = s.overlay.server.state.version
            assert (await s.console.client.request(StartLive(title="x"))).ok
            assert (await s.viewer.request(SendGift(gift_id="swan", combo_id="s1"))).ok
            await wait_until(lambda: s.alerts.queue.current is not None, what="the alert")
            await wait_until(lambda: s.alerts.feed.diamonds == 699, what="the swan, final")
            assert s.overlay.server.state.version == published
            async with page_socket(s.ws_url(key)) as page:
                state = await page.next_state()
                assert state["alert"]["gift"] == "Swan"
                assert state["top"] == [{"name": "Mia", "diamonds": 699}]
                s.alerts.toggle_pause()  # with a page open, changes go out as they happen
                assert (await page.until(lambda st: st["paused"], what="paused"))["alert"] is None

    qloop.run_until_complete(scenario())


def test_overlay_panel_copies_the_url_with_its_key_and_shows_it_masked(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path) as s:
            panel = OverlayPanel(s.overlay)
            qtbot.addWidget(panel)
            panel.show()
            key = s.overlay.server.key
            assert key not in panel.url_labels["alert"].text()
            assert panel.url_labels["alert"].text() == masked(s.url("alert"))
            panel.copy_buttons["alert"].click()
            copied = QGuiApplication.clipboard().text()
            assert copied == s.url("alert") and f"key={key}" in copied
            assert copied.startswith(f"http://127.0.0.1:{s.overlay.server.port}/overlay/alert?")
            assert "port" in panel.status.text()

            # A new key: two clicks (no modal dialog), then old URLs are refused.
            panel.new_key.click()
            assert s.overlay.server.key == key
            panel.new_key.click()
            assert s.overlay.server.key != key
            assert s.console.settings.get("overlay_secret") != key
            panel.close()

    qloop.run_until_complete(scenario())


def test_a_taken_port_is_reported_and_a_new_port_is_used(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    async def scenario() -> None:
        blocker = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        taken = blocker.sockets[0].getsockname()[1]
        try:
            async with studio(tmp_path) as s:
                s.console.settings.set("overlay_port", taken)
                await wait_until(lambda: bool(s.overlay.problem), what="the port problem")
                assert str(taken) in s.overlay.problem
                assert not s.overlay.server.listening
                s.console.settings.set("overlay_port", 0)
                await wait_until(lambda: s.overlay.server.listening, what="a free port")
                assert s.overlay.problem == ""
        finally:
            blocker.close()
            await blocker.wait_closed()

    qloop.run_until_complete(scenario())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_overlay_panel_screenshot(
    qloop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.theme import apply_theme

    async def scenario() -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, theme)
        try:
            async with studio(tmp_path, overlay_goal_diamonds=5000) as s:
                panel = OverlayPanel(s.overlay)
                qtbot.addWidget(panel)
                panel.resize(720, 520)
                panel.show()
                await asyncio.sleep(0.1)
                SCREENS.mkdir(parents=True, exist_ok=True)
                out = SCREENS / f"overlay-panel-{theme}.png"
                assert panel.grab().save(str(out))
                assert out.stat().st_size > 5000
                panel.close()
        finally:
            apply_theme(app, "light")

    qloop.run_until_complete(scenario())
