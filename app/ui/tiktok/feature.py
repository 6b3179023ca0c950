"""Wires the TikTok chip into a creator's console, and runs the bridge on the embedded backend."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.client.tokens import KeyringUnavailable, TokenVault
from app.protocol.frames import Event
from app.protocol.payloads import TikTokActivity, TikTokConnection
from app.ui.tiktok.chip import TikTokChip

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class TikTokSettings:
    """The creator's TikTok LIVE as Settings name it; the composition root (app.ui.app)
    hands these to the backend's bridge."""

    username: str
    sign_key: str | None  # the signing service's API key, from the keyring
    sign_url: str | None  # the signing service's URL (None: the library's own)


async def console_tiktok_options(
    settings: ConsoleSettings, vault: TokenVault | None = None
) -> TikTokSettings | None:
    """What Settings say about the creator's TikTok LIVE (None: none set)."""
    username = str(settings.get("tiktok_username")).strip()
    if not username:
        return None
    key: str | None = None
    try:
        key = await (vault or TokenVault()).aget(SIGN_KEY_ACCOUNT)
    except KeyringUnavailable as exc:
        log.warning("TikTok signing key not read: %s", exc)
    return TikTokSettings(
        username=username,
        sign_key=key,
        sign_url=str(settings.get("tiktok_sign_url")).strip() or None,
    )
