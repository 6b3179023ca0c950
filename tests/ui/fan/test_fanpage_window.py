"""File → Fan page… on a real backend: link, QR code, reach, passes made/renewed/revoked in
the window, the fans who signed in. Renders to artifacts/screens/fanpage-window-*.png."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import segno
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from app.overlay.state import qr_rows
from app.protocol.frames import Ack
from app.protocol.payloads import RedeemPass
from app.server.listen import ListenPlan
from app.ui import formatting
from app.ui.fanpage import FanPageWindow, fan_link, install_fanpage
from app.ui.i18n import install_translator, remove_translator
from app.ui.moderation.network import ServerAddress
from app.ui.theme import apply_theme
from tests.integration.fankit import fan_client, sign_up
from tests.ui.consolekit import wait_until
from tests.ui.fan.browser import SCREENS
from tests.ui.germankit import english_in, texts_of
from tests.ui.inbox.harness import close_console, open_console, running_desk
from tests.ui.overlay.harness import studio


def test_the_qr_code_is_segnos_with_a_quiet_zone() -> None:
    url = "http://192.168.1.20:8765/fan/"
    rows = qr_rows(url)
    matrix = segno.make(url, error="m", micro=False).matrix
    assert len(rows) == len(matrix) + 8 and all(len(r) == len(rows) for r in rows)
    assert rows[4][4:-4] == "".join("1" if c else "0" for c in matrix[0])
    assert set(rows[0]) == {"0"}


def test_the_link_says_how_far_it_reaches(qapp: QApplication) -> None:
    local = fan_link(ServerAddress("ws://127.0.0.1:8765/ws", ListenPlan("127.0.0.1", 8765), 8765))
    assert local[:2] == ("http://127.0.0.1:8765/fan/", "local")
    assert fan_link(ServerAddress("wss://live.example:443/ws"))[:2] == (
        "https://live.example:443/fan/",
        "tls",
    )
    assert fan_link(ServerAddress("ws://192.168.1.20:8765/ws"))[1] == "network"


def test_passes_are_made_renewed_and_revoked_in_the_window_and_fans_are_listed(
    qloop: asyncio.AbstractEventLoop, qapp: QApplication, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with running_desk(tmp_path, live=False) as desk:
            opened = await open_console(desk, "creator")
            try:
                feature = install_fanpage(opened.console, ServerAddress(desk.url))
                [action] = [
                    a
                    for a in opened.console.window.findChildren(QAction)
                    if a.text() == "Fan page…"
                ]
                action.trigger()  # File → Fan page… opens the window
                [window] = opened.console.window.findChildren(FanPageWindow)
                assert window.isVisible()
                await wait_until(lambda: window.fans_empty.isVisible(), what="the empty state")
                assert window.url_edit.text() == f"http://127.0.0.1:{desk.server.port}/fan/"
                assert window.reach.objectName() == "reach-local"
                window.tier.setValue(2)
                window.days.setValue(14)
                window.price.setValue(4.99)
                window.currency.setCurrentText("EUR")
                window.label.setText("Mia <b>(PayPal)</b>")
                window.make_button.click()
                await wait_until(lambda: feature.last_code is not None, what="the new pass")
                assert feature.last_code is not None
                code = feature.last_code[1]
                assert window.code_line.text().endswith(f"/fan/#pass={code}")
                token, _ = await sign_up(desk.server, "Mia <i>fan</i>")
                async with fan_client(desk.server, token) as fan:
                    redeemed, _ = await fan.command(RedeemPass(code=code))
                    assert isinstance(redeemed, Ack)
                await feature.refresh()
                assert window.table.item(0, 4).text() == "active"
                assert window.table.item(0, 5).text() == "Mia <i>fan</i>"
                assert window.table.item(0, 3).text() == "€4.99"
                assert window.fans.item(0, 0).text() == "Mia <i>fan</i>"
                assert window.fans.item(0, 2).text().startswith("tier 2 until ")
                fan_id = feature.fans[0]["id"]
                window.table.selectRow(0)
                window.days.setValue(30)
                window.price.setValue(0)
                before = feature.passes[0]["expires_ms"]
                window.renew_button.click()
                await wait_until(lambda: feature.passes[0]["expires_ms"] > before)
                window.revoke_button.click()  # arms
                assert window.revoke_button.text() == "Click again to revoke"
                assert desk.backend.is_member(fan_id)
                window.revoke_button.click()
                await wait_until(lambda: feature.passes[0]["status"] == "revoked")
                assert not desk.backend.is_member(fan_id)
                assert window.table.item(0, 4).text() == "revoked"
                await _render(window, qapp)
                window.close()
            finally:
                await close_console(opened)

    qloop.run_until_complete(scenario())


async def _render(window: FanPageWindow, qapp: QApplication) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    window.resize(1000, 700)
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        await asyncio.sleep(0.05)
        window.grab().save(str(SCREENS / f"fanpage-window-{theme}-en.png"))
    apply_theme(qapp, "light")
    translator = install_translator(qapp, "de")
    assert translator is not None
    try:
        german = FanPageWindow(window.feature, window.parentWidget())
        german.resize(1000, 700)
        german.show()
        await asyncio.sleep(0.05)
        german.grab().save(str(SCREENS / "fanpage-window-light-de.png"))
        # Money and dates the German way, from app.ui.formatting like every other page.
        expires = window.feature.passes[0]["expires_ms"]
        assert german.table.item(0, 3).text() == "4,99\xa0€"
        assert german.table.item(0, 6).text() == formatting.short_date(expires)
        assert re.fullmatch(r"\d\d\.\d\d\.\d\d", german.table.item(0, 6).text())
        problems = english_in(texts_of(german))
        assert not problems, problems
        german.close()
    finally:
        remove_translator(qapp, translator)


def test_the_overlay_shows_the_qr_code_only_when_phones_can_reach_the_page(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with studio(tmp_path / "local") as s:
            install_fanpage(s.console, ServerAddress(s.server.url), s.overlay)
            assert s.overlay.state().fan is None  # 127.0.0.1: no use on stream
        async with studio(tmp_path / "network") as s:
            install_fanpage(s.console, ServerAddress("ws://192.168.1.20:8765/ws"), s.overlay)
            fan = s.overlay.state().fan
            assert fan is not None and fan.url == "http://192.168.1.20:8765/fan/"
            assert fan.qr == qr_rows(fan.url)

    qloop.run_until_complete(scenario())
