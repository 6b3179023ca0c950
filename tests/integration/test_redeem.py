"""GET /redeem on a real server: invite -> token, reuse, revoke, bad requests, limits, TLS."""

from __future__ import annotations

import asyncio
import ssl
import urllib.request
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from app.client.redeem import RedeemError, redeem_invite, redeem_url
from app.protocol.closecodes import Close
from app.protocol.frames import Ack
from app.protocol.payloads import AuditEntry, MintInvite, RevokeInvite, SetRoomMode
from app.server.redeem_http import MAX_FAILURES_PER_MINUTE
from tests.certs import self_signed
from tests.integration.conftest import raw_client, running_server


async def _mint(url: str, creator_token: str, label: str = "mod") -> tuple[str, str]:
    async with raw_client(url, creator_token) as creator:
        minted, _ = await creator.command(MintInvite(label=label))
    assert isinstance(minted, Ack) and minted.result is not None
    return minted.result["invite_id"], minted.result["code"]


def test_redeem_url_follows_the_websocket_address() -> None:
    assert redeem_url("ws://10.0.0.5:8765/ws") == "http://10.0.0.5:8765/redeem"
    assert redeem_url("wss://live.example:443/ws") == "https://live.example:443/redeem"
    with pytest.raises(RedeemError):
        redeem_url("ftp://x/ws")


def test_an_invite_becomes_a_moderator_token_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            _, code = await _mint(server.url, creator_token)
            redeemed = await redeem_invite(server.url, code, "  Zoë   🎮 ")
            assert redeemed.name == "Zoë 🎮"
            async with raw_client(server.url, redeemed.token) as moderator:
                assert moderator.ready is not None
                assert moderator.ready.account.role == "moderator"
                assert moderator.ready.account.id == redeemed.account_id
                answer, _ = await moderator.command(SetRoomMode(room="public", slow_mode_s=5))
                assert isinstance(answer, Ack)
            with pytest.raises(RedeemError, match="already used"):
                await redeem_invite(server.url, code, "Someone else")
            joined = [
                e.data
                for e in backend.hub.read("mod", 0, None, 1000)
                if isinstance(e.data, AuditEntry) and e.data.action == "invite.redeem"
            ]
            assert [(a.actor.name, a.actor.badges) for a in joined] == [("Zoë 🎮", ("moderator",))]

    asyncio.run(scenario())


def test_a_revoked_moderator_is_cut_off_and_the_invite_is_dead(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            invite_id, code = await _mint(server.url, creator_token)
            redeemed = await redeem_invite(server.url, code, "Sam")
            async with (
                raw_client(server.url, creator_token) as creator,
                raw_client(server.url, redeemed.token) as moderator,
            ):
                revoked, _ = await creator.command(RevokeInvite(invite_id=invite_id))
                assert isinstance(revoked, Ack)
                assert await moderator.close_code() == Close.REVOKED
            with pytest.raises(InvalidStatus) as info:
                async with connect(
                    server.url, additional_headers={"Authorization": f"Bearer {redeemed.token}"}
                ):
                    pass
            assert info.value.response.status_code == 401
            with pytest.raises(RedeemError, match="revoked"):
                await redeem_invite(server.url, code, "Sam again")
            # An unused invite that was revoked cannot be redeemed either.
            unused_id, unused_code = await _mint(server.url, creator_token)
            async with raw_client(server.url, creator_token) as creator:
                await creator.command(RevokeInvite(invite_id=unused_id))
            with pytest.raises(RedeemError, match="revoked"):
                await redeem_invite(server.url, unused_code, "Late")

    asyncio.run(scenario())


def _raw_get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read()


def test_bad_requests_and_guessing_are_refused_then_rate_limited(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            url = redeem_url(server.url)
            status, headers, body = await asyncio.to_thread(_raw_get, url, {})
            assert status == 400 and b"X-LiveDesk-Invite" in body
            assert headers["Content-Type"].startswith("application/json")
            assert headers["Cache-Control"] == "no-store"
            status, _, _ = await asyncio.to_thread(
                _raw_get, url, {"X-LiveDesk-Invite": "x", "X-LiveDesk-Name": "%FF"}
            )
            assert status == 400  # the name is not UTF-8
            for attempt in range(MAX_FAILURES_PER_MINUTE - 2):
                with pytest.raises(RedeemError, match="not valid"):
                    await redeem_invite(server.url, f"guess-{attempt}", "Eve")
            status, headers, _ = await asyncio.to_thread(
                _raw_get, url, {"X-LiveDesk-Invite": "guess", "X-LiveDesk-Name": "Eve"}
            )
            assert status == 429 and int(headers["Retry-After"]) >= 1
            # Even a real code waits now: the limit is per address, not per code.
            _, creator_token = backend.demo_creator()
            _, code = await _mint(server.url, creator_token)
            with pytest.raises(RedeemError, match="Too many"):
                await redeem_invite(server.url, code, "Eve")

    asyncio.run(scenario())


def test_redeem_over_tls(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path, name="localhost", alt="IP:127.0.0.1")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    trusted = ssl.create_default_context(cafile=str(cert))

    async def scenario() -> None:
        async with running_server(tmp_path / "srv", ssl_context=server_context) as (
            backend,
            server,
        ):
            _, creator_token = backend.demo_creator()
            async with raw_client(server.url, creator_token, ssl=trusted) as creator:
                minted, _ = await creator.command(MintInvite(label="tls"))
            assert isinstance(minted, Ack) and minted.result is not None
            with pytest.raises(RedeemError, match="certificate"):
                await redeem_invite(server.url, minted.result["code"], "Sam")
            redeemed = await redeem_invite(
                server.url, minted.result["code"], "Sam", ssl_context=trusted
            )
            async with raw_client(server.url, redeemed.token, ssl=trusted) as moderator:
                assert moderator.ready is not None
                assert moderator.ready.account.role == "moderator"

    asyncio.run(scenario())


def test_a_display_name_with_control_characters_is_refused_and_the_invite_kept(
    tmp_path: Path,
) -> None:
    from app.client.redeem import _request

    spoof = "rtl\u202eexe.live\u202c"

    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            _, code = await _mint(server.url, creator_token)
            with pytest.raises(RedeemError, match="control, text-direction"):
                await redeem_invite(server.url, code, spoof)  # the client says so first
            # The server refuses it as well (a client that does not check)...
            url = redeem_url(server.url)
            with pytest.raises(RedeemError, match=r"U\+202E"):
                await asyncio.to_thread(_request, url, code, spoof, None, 5.0)
            # ...before the invite is used: the same code works with a good name.
            redeemed = await redeem_invite(server.url, code, "Sam")
            assert redeemed.name == "Sam"

    asyncio.run(scenario())


def test_names_stored_before_the_rule_are_served_without_controls(tmp_path: Path) -> None:
    import sqlite3

    from app.core.names import NameRefused
    from app.server.backend import Backend

    async def scenario() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        try:
            with pytest.raises(NameRefused):
                backend.create_account("rtl\u202eexe.live", "viewer")
            account, token = backend.create_account("Eve", "viewer")
        finally:
            await backend.close()
        db = sqlite3.connect(tmp_path / "srv" / "server.db")
        with db:  # as an older server version may have stored it
            spoof = "rtl\u202eexe.live"
            db.execute("UPDATE accounts SET name = ? WHERE id = ?", (spoof, account.id))
        db.close()
        async with (
            running_server(tmp_path / "srv") as (_backend, server),
            raw_client(server.url, token) as viewer,
        ):
            assert viewer.ready is not None
            assert viewer.ready.account.name == "rtlexe.live"

    asyncio.run(scenario())
