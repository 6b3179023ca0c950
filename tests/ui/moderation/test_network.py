"""The embedded backend on the network: TLS when configured, a loud warning when not."""

from __future__ import annotations

import asyncio
import socket
import ssl
from pathlib import Path

from app.client.redeem import redeem_invite
from app.client.tokens import account_id_from_token
from app.protocol.payloads import MintInvite
from app.server.embedded import stop_embedded
from app.store.localstore import LocalStore
from app.ui.app import start_embedded_backend
from app.ui.console import Console
from app.ui.moderation.appwiring import CreatorModeration
from app.ui.moderation.network import ServerAddress
from app.ui.settings import ConsoleSettings
from app.ui.storerecovery import StoreRecovery
from tests.certs import self_signed
from tests.ui.consolekit import wait_until


async def _creator_on(
    tmp_path: Path, settings: ConsoleSettings
) -> tuple[object, object, Console, LocalStore, CreatorModeration]:
    embedded, plan = await start_embedded_backend(settings, tmp_path / "server", demo=False)
    port = embedded.server.port
    url = plan.local_url(port)
    token = embedded.creator_token
    store = LocalStore(tmp_path / f"{account_id_from_token(token)}.db")
    options = {"ssl_context": plan.client_ssl} if plan.client_ssl is not None else None
    console = Console(settings, url=url, token=token, store=store, client_options=options)
    extras = CreatorModeration(
        console,
        address=ServerAddress(url, plan, port),
        store_scope="embedded-demo",
        settings=settings,
        recovery=StoreRecovery(),
        client_ssl=plan.client_ssl,
    )
    console.window.show()
    await console.start()
    return embedded, plan, console, store, extras


async def _close(embedded: object, console: Console, store: LocalStore, extras: object) -> None:
    await extras.close()  # type: ignore[attr-defined]
    await console.stop()
    console.window.close()
    console.window.deleteLater()
    store.close()
    await stop_embedded(embedded)  # type: ignore[arg-type]


def test_tls_on_the_network_no_warning_and_moderators_join_over_wss(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    cert, key = self_signed(tmp_path)
    settings = ConsoleSettings(tmp_path / "creator.ini")
    for name, value in (("lan_enabled", True), ("lan_port", 0)):
        settings.set(name, value)
    settings.set("tls_cert", str(cert))
    settings.set("tls_key", str(key))

    async def scenario() -> None:
        embedded, plan, console, store, extras = await _creator_on(tmp_path, settings)
        try:
            assert plan.encrypted and plan.on_network  # type: ignore[attr-defined]
            assert embedded.server.host == "0.0.0.0"  # type: ignore[attr-defined]
            await console.client.wait_caught_up(10)  # the creator's own wss:// over loopback
            assert extras.warning is None
            extras.show_moderators()
            status = extras.moderators.network.status  # type: ignore[union-attr]
            assert "encrypted" in status.text() and not status.property("warning")
            # A moderator elsewhere trusts the certificate the creator sent them.
            minted = await console.client.request(MintInvite(label="Sam"))
            assert minted.ok and minted.result is not None
            trusting = ssl.create_default_context(cafile=str(cert))
            trusting.check_hostname = False  # the test reaches it by 127.0.0.1, not its name
            redeemed = await redeem_invite(
                console.client.url, minted.result["code"], "Sam", ssl_context=trusting
            )
            assert redeemed.token
        finally:
            await _close(embedded, console, store, extras)

    qloop.run_until_complete(scenario())


def test_plain_network_access_shows_a_warning_in_the_session_bar(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = ConsoleSettings(tmp_path / "creator.ini")
    settings.set("lan_enabled", True)
    settings.set("lan_port", 0)

    async def scenario() -> None:
        embedded, plan, console, store, extras = await _creator_on(tmp_path, settings)
        try:
            assert plan.exposed_without_tls  # type: ignore[attr-defined]
            chip = extras.warning
            assert chip is not None and chip.isVisibleTo(console.window)
            assert "not encrypted" in chip.text()
            chip.click()
            window = extras.moderators
            assert window is not None and window.isVisible()
            status = window.network.status
            assert status.property("warning") is True
            assert "Not encrypted" in status.text() and "ws://" in status.text()
            # The form edits the settings for the next start.
            window.network.cert.setText(str(tmp_path / "cert.pem"))
            window.network.key.setText(str(tmp_path / "key.pem"))
            window.network.save.click()
            assert settings.get("tls_cert").endswith("cert.pem")
            assert "next time" in window.network.saved.text()
            await wait_until(lambda: console.client.state.status == "connected", what="up")
        finally:
            await _close(embedded, console, store, extras)

    qloop.run_until_complete(scenario())


def test_a_taken_port_falls_back_to_this_computer_and_says_so(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    blocker = socket.socket()
    blocker.bind(("0.0.0.0", 0))
    blocker.listen()
    settings = ConsoleSettings(tmp_path / "creator.ini")
    settings.set("lan_enabled", True)
    settings.set("lan_port", blocker.getsockname()[1])

    async def scenario() -> None:
        embedded, plan, console, store, extras = await _creator_on(tmp_path, settings)
        try:
            assert not plan.on_network and "could not be opened" in plan.problem  # type: ignore[attr-defined]
            assert extras.warning is None
            assert "could not be opened" in console.window.statusBar().currentMessage()
            await console.client.wait_caught_up(10)
        finally:
            await _close(embedded, console, store, extras)
            blocker.close()

    qloop.run_until_complete(scenario())
