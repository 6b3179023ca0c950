"""The shipped TikTok recording replayed through a real backend into a real console (alerts,
top gifters, earnings, the session bar's TikTok chip), the chip's states, and Settings' row."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.core.alerts import Alert
from app.protocol.payloads import ChatMessage, TikTokConnection
from app.server.tiktok.demo_recording import DEMO_PATH
from app.server.tiktok.service import TikTokOptions, TikTokService
from app.ui.alerts.feature import AlertsFeature
from app.ui.earnings.feature import EarningsFeature
from app.ui.settings import ConsoleSettings
from app.ui.settingsdialog import SettingsDialog
from app.ui.theme import apply_theme
from app.ui.tiktok.chip import TikTokChip
from app.ui.tiktok.feature import SIGN_KEY_ACCOUNT, console_tiktok_options
from tests.conftest import MemoryKeyring
from tests.ui.consolekit import running_console, wait_until
from tests.unit.server.tiktok.expected import expected_from

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "tiktok"


def test_replaying_the_shipped_recording_fills_alerts_top_gifters_and_earnings(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_from(DEMO_PATH)

    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            c = rc.console
            assert rc.features is not None
            alerts = rc.features.get("alerts")
            earnings = rc.features.get("earnings")
            chip = rc.features.get("tiktok")
            assert isinstance(alerts, AlertsFeature) and isinstance(earnings, EarningsFeature)
            assert isinstance(chip, TikTokChip) and not chip.isVisible()
            c.window.resize(1280, 720)
            await c.client.wait_caught_up(10)
            # Every gift the queue is offered (the live's end empties the queue, so what is
            # still waiting then never plays: at speed 0 that is nearly all of them).
            offered: dict[str, Alert] = {}
            for name in ("on_streak", "on_gift_end"):
                original = getattr(alerts.queue, name)

                def spy(data: Any, *, fresh: bool = True, _original: Any = original) -> Alert:
                    alert: Alert = _original(data, fresh=fresh)
                    offered[alert.alert_id] = alert
                    return alert

                monkeypatch.setattr(alerts.queue, name, spy)
            service = TikTokService(rc.server.backend, TikTokOptions(replay=DEMO_PATH, speed=0))
            service.start()
            try:
                await wait_until(lambda: chip.data is not None and chip.data.state == "ended",
                                 timeout=20, what="the replay's end")  # fmt: skip
                await wait_until(lambda: alerts.feed.gifts == expected.gifts, timeout=10,
                                 what="every gift in the session feed")  # fmt: skip
            finally:
                await service.stop()
            # Alerts and the session's gift feed: each gift once, with the recording's diamonds.
            assert alerts.feed.diamonds == expected.diamonds
            shown = {i for i, a in offered.items() if alerts.queue.rules.pops_up(a)}
            # Gifts below the smallest alert value go to the feed only (Settings).
            least = int(c.settings.get("alert_min_diamonds"))
            assert len([v for v in expected.gift_values if v >= least]) == 5
            # Each diamond is in exactly one alert; gifts of one person in a burst are one.
            assert sum(a.diamonds for a in offered.values()) == expected.diamonds
            # (in the recording Kwame's 500 and 1,000 come one after the other: one alert)
            senders = sorted(offered[i].user.name for i in shown)
            assert senders == sorted(n for n, d in expected.diamonds_by_name.items() if d >= least)
            # The recorded LIVE ended: nothing of it waits to play into the next one.
            assert alerts.queue.pending == [] and alerts.queue.current is None
            # Top gifters: the recording's senders by diamonds.
            top = [(g.user.name, g.diamonds) for g in alerts.feed.top_gifters()]
            assert top == expected.diamonds_by_name.most_common()
            # Earnings of this live: all of it TikTok's, shown apart.
            earnings.set_period("live")
            await wait_until(
                lambda: (
                    earnings.report is not None
                    and earnings.report.totals.tiktok_diamonds == expected.diamonds
                ),
                timeout=10,
                what="the TikTok gifts in the earnings view",
            )
            assert earnings.report is not None
            assert earnings.report.totals.gift_diamonds == expected.diamonds
            detail = earnings.page.cards["gifts"].detail.text()
            assert f"on TikTok LIVE 💎 {expected.diamonds:,}" in detail
            # Chat: every comment once, as typed (markup and right-to-left text included).
            texts = [line.text for line in c.public_pane.model.lines() if line.message_id]
            assert texts == expected.comments
            # Likes, follows and shares of the recording, counted beside the state.
            assert chip.isVisible()
            assert chip.text() == "TikTok LIVE ended · ♥ 100 · 👤+1 · ↗ 1"
            assert "100 likes, 1 new followers, 1 shares, 4 joined" in chip.toolTip()
            alerts.refresh_lists()
            await asyncio.sleep(0.5)  # the side column repaints its lists on a timer
            assert not c.window.session_bar.demo_chip.isVisible()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            c.window.grab().save(str(ARTIFACTS / "console-after-replay.png"))

    qloop.run_until_complete(scenario())


STATES = [
    TikTokConnection(state="connecting", username="mia.draws"),
    TikTokConnection(state="connected", username="mia.draws", detail="Reading the LIVE."),
    TikTokConnection(
        state="not_live", username="mia.draws", detail="@mia.draws is not live.", retry_in_s=60
    ),
    TikTokConnection(state="refused", username="mia.draws", detail="<b>no</b>", retry_in_s=300),
    TikTokConnection(state="signing_unreachable", username="mia.draws", retry_in_s=4),
    TikTokConnection(state="ended", username="mia.draws"),
]


@pytest.mark.parametrize("data", STATES, ids=[s.state for s in STATES])
def test_the_chip_says_the_state_and_what_to_do(qapp: QApplication, data: TikTokConnection) -> None:
    chip = TikTokChip()
    try:
        chip.set_state(data)
        assert not chip.isHidden()
        text = chip.text()
        assert text.startswith("TikTok")
        if data.retry_in_s:
            assert f"next try in {data.retry_in_s} s" in text
        tip = chip.toolTip()
        assert "cannot delete a message on TikTok itself" in tip
        assert "&lt;b&gt;no&lt;/b&gt;" in tip or "<b>no" not in tip  # the detail stays plain
        chip.set_state(TikTokConnection(state="off"))
        assert chip.isHidden()
    finally:
        chip.deleteLater()


def test_settings_keep_the_username_and_put_the_signing_key_in_the_keyring(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = ConsoleSettings(tmp_path / "cfg.ini")
    dialog = SettingsDialog(settings)
    try:
        rows = dialog.tiktok
        rows.username.setText("  https://www.tiktok.com/@Mia.Draws/live ")
        rows.sign_key.setText("euler-key-123")
        dialog.accept()
        assert settings.get("tiktok_username") == "mia.draws"
        assert rows.saving is not None
        qloop.run_until_complete(rows.saving)
        assert memory_keyring.secrets[("LiveDesk", SIGN_KEY_ACCOUNT)] == "euler-key-123"
        assert "euler-key-123" not in (tmp_path / "cfg.ini").read_text()
        dialog.load()
        assert rows.username.text() == "@mia.draws" and rows.sign_key.text() == ""
        assert "cannot delete a message on TikTok itself" in rows.hint.text()
    finally:
        dialog.deleteLater()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_the_settings_row_and_the_session_bar(
    qloop: asyncio.AbstractEventLoop, qapp: QApplication, tmp_path: Path, theme: str
) -> None:
    """Writes artifacts/tiktok/*.png (not committed): look at them."""
    apply_theme(qapp, theme)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    settings = ConsoleSettings(tmp_path / "cfg.ini")
    settings.set("tiktok_username", "mia.draws")
    dialog = SettingsDialog(settings)
    try:
        dialog.show()
        dialog.adjustSize()
        assert dialog.grab().save(str(ARTIFACTS / f"settings-{theme}.png"))
    finally:
        dialog.close()
        dialog.deleteLater()

    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            rc.console.window.resize(1280, 720)
            assert rc.features is not None
            chip = rc.features.get("tiktok")
            assert isinstance(chip, TikTokChip)
            bar = rc.console.window.session_bar
            for data in STATES[1:4]:
                chip.set_state(data)
                await asyncio.sleep(0.05)
                assert bar.grab().save(str(ARTIFACTS / f"sessionbar-{data.state}-{theme}.png"))

    qloop.run_until_complete(scenario())
    apply_theme(qapp, "light")


def test_no_chat_line_comes_from_outside_the_recording(tmp_path: Path) -> None:
    # Guard for the test above: the recording's comments are what it says they are.
    assert "مرحبا من القاهرة 🌙" in expected_from(DEMO_PATH).comments
    assert ChatMessage  # the console's chat events are chat.message


def test_the_console_reads_the_tiktok_live_named_in_settings_with_the_keyring_key(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = ConsoleSettings(tmp_path / "cfg.ini")
    assert qloop.run_until_complete(console_tiktok_options(settings)) is None
    settings.set("tiktok_username", "mia.draws")
    settings.set("tiktok_sign_url", "https://sign.example ")
    options = qloop.run_until_complete(console_tiktok_options(settings))
    assert options is not None
    assert (options.username, options.sign_key, options.sign_url) == (
        "mia.draws", None, "https://sign.example"
    )  # fmt: skip
    memory_keyring.secrets[("LiveDesk", SIGN_KEY_ACCOUNT)] = "k-1"
    options = qloop.run_until_complete(console_tiktok_options(settings))
    assert options is not None and options.sign_key == "k-1"


def test_without_the_tiktok_extra_the_session_bar_says_it_is_not_installed(
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The installers leave the TikTokLive library out: a @username set in Settings then
    ends in a plain 'not installed' state, not a crash or a silent nothing."""
    import sys

    from app.ui.app import start_console_tiktok

    for name in [m for m in sys.modules if m.startswith(("TikTokLive", "app.server.tiktok."))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "TikTokLive", None)  # what `import TikTokLive` cannot find

    async def scenario() -> None:
        async with running_console(tmp_path, features=True) as rc:
            assert rc.features is not None
            chip = rc.features.get("tiktok")
            assert isinstance(chip, TikTokChip)
            await rc.console.client.wait_caught_up(10)
            settings = ConsoleSettings(tmp_path / "cfg.ini")
            settings.set("tiktok_username", "@mia.draws")
            assert await start_console_tiktok(settings, rc.server.backend) is None
            await wait_until(lambda: chip.data is not None, timeout=10, what="the chip's state")
            assert chip.data is not None and chip.data.state == "off"
            assert "not installed" in chip.data.detail

    qloop.run_until_complete(scenario())
