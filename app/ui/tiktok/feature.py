"""Wires the TikTok chip into a creator's console, and runs the bridge on the embedded backend."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.client.tokens import KeyringUnavailable, TokenVault
from app.protocol.frames import Event
from app.protocol.payloads import TikTokActivity, TikTokConnection
from app.ui.tiktok.chip import TikTokChip

if TYPE_CHECKING:
    from app.server.backend import Backend
    from app.server.tiktok.service import TikTokOptions, TikTokService
    from app.ui.console import Console
    from app.ui.settings import ConsoleSettings

log = logging.getLogger(__name__)

SIGN_KEY_ACCOUNT = "tiktok|signing-key"  # the signing service's API key, in the keyring only


def install_tiktok(console: Console) -> TikTokChip | None:
    """The creator's session bar gets a chip that shows `tiktok.connection` states."""
    if console.role != "creator":
        return None
    bar = console.window.session_bar
    chip = TikTokChip(bar)
    bar.add_status_widget(chip)

    def on_events(events: list[Event]) -> None:
        for event in events:
            data = event.data
            if isinstance(data, TikTokConnection):
                chip.set_state(data)
                bar.set_demo(False)  # the audience is the creator's TikTok LIVE, not simulated
            elif isinstance(data, TikTokActivity):
                chip.add_activity(data)

    console.add_event_listener(on_events)
    return chip


async def console_tiktok_options(
    settings: ConsoleSettings, vault: TokenVault | None = None
) -> TikTokOptions | None:
    """What Settings say about the creator's TikTok LIVE (None: none set)."""
    username = str(settings.get("tiktok_username")).strip()
    if not username:
        return None
    key: str | None = None
    try:
        key = await (vault or TokenVault()).aget(SIGN_KEY_ACCOUNT)
    except KeyringUnavailable as exc:
        log.warning("TikTok signing key not read: %s", exc)
    # Imported here: the library (and its dependencies) load only for creators who use it.
    from app.server.tiktok.service import TikTokOptions

    return TikTokOptions(
        username=username,
        sign_key=key,
        sign_url=str(settings.get("tiktok_sign_url")).strip() or None,
    )


async def start_console_tiktok(
    settings: ConsoleSettings, backend: Backend, vault: TokenVault | None = None
) -> TikTokService | None:
    """Read the creator's TikTok LIVE into the embedded backend, if Settings names one."""
    options = await console_tiktok_options(settings, vault)
    if options is None:
        return None
    from app.server.tiktok.service import TikTokService

    service = TikTokService(backend, options)
    service.start()
    return service
