"""The fan page's server side on a real server: sign-up, cookies, Origin, passes, limits."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from app.core import roles
from app.protocol.closecodes import Close
from app.protocol.frames import Ack, Error, Events
from app.protocol.payloads import (
    ChatMessage,
    FetchHistory,
    LedgerEntry,
    ListPasses,
    MemberJoined,
    MembershipStatus,
    MintPass,
    RedeemPass,
    RenewPass,
    RevokePass,
    SendMessage,
    Subscribe,
)
from app.server.backend import Backend
from app.server.fan_http import COOKIE_NAME, SIGNUPS_PER_HOUR
from app.server.fans import REDEEM_FAILURES_PER_MINUTE
from app.server.wsserver import LiveDeskServer
from tests.certs import self_signed
from tests.integration.conftest import raw_client, running_server
from tests.integration.fankit import (
    base_url,
    cookie_of,
    creator_command,
    fan_api,
    fan_client,
    http_get,
    sign_up,
)

NASTY = '<b>Zoë</b><img src=x onerror="alert(1)">'


def test_sign_up_sets_an_httponly_cookie_that_signs_in_the_page_and_its_socket(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (_backend, server):
            answer = await fan_api(
                server, "signup", headers={"X-LiveDesk-Name": urllib.parse.quote(f"  {NASTY} ")}
            )
            assert answer.status == 200
            assert answer.headers["cache-control"] == "no-store"
            [cookie_header] = answer.set_cookies
            assert "HttpOnly" in cookie_header and "SameSite=Strict" in cookie_header
            assert "Path=/fan" in cookie_header and "Secure" not in cookie_header  # plain http
            token = cookie_of(answer)
            assert token not in answer.body.decode()  # the page's script never sees it
            body = answer.json()
            assert body["account"]["name"] == NASTY  # stored as typed; shown as text
            assert body["member"] is None
            me = await fan_api(server, "me", cookie=token)
            assert me.status == 200 and me.json()["account"]["id"] == body["account"]["id"]
            async with fan_client(server, token) as fan:
                assert fan.ready is not None
                assert fan.ready.account.role == "viewer"
                assert set(fan.ready.heads) == {roles.PUBLIC, f"user:{body['account']['id']}"}
                sent, events = await fan.command(SendMessage(room="public", text="hi ‮evil"))
                assert isinstance(sent, Ack)
                [message] = [e.data for e in events if isinstance(e.data, ChatMessage)]
                assert message.user.badges == ("fan",)  # the "fan page" source mark
                assert message.text == "hi ‮evil"

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("x" * 65, "at most 64"),
        ("Mia\u202eknil", "text-direction"),
        ("Mia\u2066x", "text-direction"),
        ("Mia\x07", "control"),
        ("%FF%FE", "not UTF-8"),
    ],
)
def test_unusable_names_are_refused_clearly_and_nothing_is_stored(
    tmp_path: Path, name: str, why: str
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            raw = name if name.startswith("%") else urllib.parse.quote(name, safe="")
            answer = await fan_api(server, "signup", headers={"X-LiveDesk-Name": raw})
            assert answer.status == 400
            assert answer.json()["error"] == "bad_name"
            assert why in answer.json()["message"]
            assert answer.set_cookies == []
            assert backend.fans.fans() == []

    asyncio.run(scenario())


def test_a_thousand_sign_ups_from_one_address_are_refused_after_the_limit(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            statuses = []
            for i in range(1000):
                answer = await fan_api(server, "signup", headers={"X-LiveDesk-Name": f"bot{i}"})
                statuses.append(answer.status)
                if answer.status == 429:
                    assert int(answer.headers["retry-after"]) > 0
                    assert answer.set_cookies == []
            assert statuses.count(200) == SIGNUPS_PER_HOUR
            assert statuses.count(429) == 1000 - SIGNUPS_PER_HOUR
            assert len(backend.fans.fans()) == SIGNUPS_PER_HOUR

    asyncio.run(scenario())


def test_the_api_refuses_other_sites_and_requests_without_the_page_header(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            url = f"{base_url(server)}/fan/api/signup"
            for headers in (
                {"X-LiveDesk-Name": "Mia"},  # no X-LiveDesk-Fan: a plain link or form
                {"X-LiveDesk-Name": "Mia", "X-LiveDesk-Fan": "1", "Origin": "http://evil.example"},
                {"X-LiveDesk-Name": "Mia", "X-LiveDesk-Fan": "1", "Sec-Fetch-Site": "cross-site"},
            ):
                answer = await asyncio.to_thread(http_get, url, headers)
                assert answer.status == 403, headers
            assert backend.fans.fans() == []

    asyncio.run(scenario())


def test_the_fan_socket_refuses_a_wrong_origin_no_cookie_and_staff_tokens(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            token, _ = await sign_up(server, "Mia")
            _, creator_token = backend.demo_creator()
            for cookie, origin, status in (
                (token, "http://evil.example", 403),
                (token, f"http://127.0.0.1:{server.port + 1}", 403),
                ("nobody.forged", None, 401),
                (creator_token, None, 401),  # the fan socket is for fans only
            ):
                with pytest.raises(InvalidStatus) as info:
                    async with fan_client(server, cookie, origin=origin):
                        pass
                assert info.value.response.status_code == status

    asyncio.run(scenario())


def test_sign_out_really_signs_out(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            token, _body = await sign_up(server, "Mia")
            async with fan_client(server, token) as fan:
                answer = await fan_api(server, "signout", cookie=token)
                assert answer.status == 200 and answer.json() == {"signed_out": True}
                assert any("Max-Age=0" in c for c in answer.set_cookies)
                assert await fan.close_code() == Close.REVOKED
            # The stolen or kept cookie is dead everywhere: page API, fan socket, bearer /ws.
            assert (await fan_api(server, "me", cookie=token)).status == 401
            with pytest.raises(InvalidStatus):
                async with fan_client(server, token):
                    pass
            with pytest.raises(InvalidStatus):
                async with raw_client(server.url, token):
                    pass
            assert backend.fans.fans()[0]["signed_in"] is False

    asyncio.run(scenario())


def test_another_fans_cookie_cannot_act_for_them(tmp_path: Path) -> None:
    """A cookie taken from one fan's browser is that fan's identity only: the thief cannot
    read or answer the other fan's inquiries."""

    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (_backend, server):
            mia, mia_body = await sign_up(server, "Mia")
            _, noah_body = await sign_up(server, "Noah")
            async with fan_client(server, mia) as fan:
                theft = await fan.command(
                    FetchHistory(channel=f"user:{noah_body['account']['id']}")
                )
                assert isinstance(theft[0], Error) and theft[0].code == "forbidden"
                money = await fan.command(Subscribe(tier=3))
                assert isinstance(money[0], Error) and money[0].code == "forbidden"
            assert mia_body["account"]["id"] != noah_body["account"]["id"]

    asyncio.run(scenario())


async def _mint(server, creator_token: str, **fields: object) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    minted = await creator_command(server, creator_token, MintPass(**fields))  # type: ignore[arg-type]
    assert minted.result is not None
    return minted.result["pass_id"], minted.result["code"]


def test_a_pass_makes_a_member_until_revoked_and_revoking_takes_the_room_at_once(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            pass_id, code = await _mint(
                server, creator_token, tier=2, days=30, price_cents=499, currency="EUR"
            )
            token, body = await sign_up(server, "Mia")
            fan_id = body["account"]["id"]
            async with fan_client(server, token) as fan:
                refused, _ = await fan.command(SendMessage(room="below", text="let me in"))
                assert isinstance(refused, Error) and refused.code == "members_only"
                peek, _ = await fan.command(FetchHistory(channel="below"))
                assert isinstance(peek, Error) and peek.code == "forbidden"
                redeemed, events = await fan.command(RedeemPass(code=code))
                assert isinstance(redeemed, Ack) and redeemed.result is not None
                assert redeemed.result["tier"] == 2
                [status] = [e.data for e in events if isinstance(e.data, MembershipStatus)]
                assert status.member and status.tier == 2 and status.reason == "redeemed"
                [joined] = [e.data for e in events if isinstance(e.data, MemberJoined)]
                assert joined.price_cents == 499 and "fan" in joined.user.badges
                said, events = await fan.command(SendMessage(room="below", text="hello room"))
                assert isinstance(said, Ack)
                assert any(e.ch == roles.BELOW for e in events)
                me = (await fan_api(server, "me", cookie=token)).json()
                assert me["member"]["tier"] == 2
                # Reused code: refused, nothing changes.
                again, _ = await fan.command(RedeemPass(code=code))
                assert isinstance(again, Error) and "already used" in again.message
                # The priced pass is a subscription line of the ledger.
                lines = [
                    e.data
                    for e in backend.hub.read(roles.CREATOR, 0, None, 100)
                    if isinstance(e.data, LedgerEntry)
                ]
                assert [(x.kind, x.cents, x.currency, x.ref) for x in lines] == [
                    ("subscription", 499, "EUR", pass_id)
                ]
                async with raw_client(server.url, creator_token) as creator:
                    revoked, _ = await creator.command(RevokePass(pass_id=pass_id))
                    assert isinstance(revoked, Ack)
                    # The creator keeps talking in Below Room; the fan must not read it.
                    await creator.command(SendMessage(room="below", text="members only now"))
                    await creator.command(SendMessage(room="public", text="public marker"))
                seen: list = []
                async with asyncio.timeout(5):
                    while not any(
                        isinstance(e.data, ChatMessage) and e.data.text == "public marker"
                        for e in seen
                    ):
                        frame = await fan.recv()
                        if isinstance(frame, Events):
                            seen.extend(frame.events)
                assert not any(e.ch == roles.BELOW for e in seen)
                [lost] = [e.data for e in seen if isinstance(e.data, MembershipStatus)]
                assert not lost.member and lost.reason == "revoked"
                refused, _ = await fan.command(SendMessage(room="below", text="still here?"))
                assert isinstance(refused, Error) and refused.code == "members_only"
            assert fan_id not in backend.state.members

    asyncio.run(scenario())


def test_forged_revoked_and_guessed_codes_are_refused_and_limited_per_address(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            pass_id, code = await _mint(server, creator_token)
            await creator_command(server, creator_token, RevokePass(pass_id=pass_id))
            token, _ = await sign_up(server, "Mia")
            async with fan_client(server, token) as fan:
                revoked, _ = await fan.command(RedeemPass(code=code))
                assert isinstance(revoked, Error) and "revoked" in revoked.message
                for i in range(REDEEM_FAILURES_PER_MINUTE - 1):
                    forged, _ = await fan.command(RedeemPass(code=f"forged-{i}"))
                    assert isinstance(forged, Error) and forged.code == "not_found"
                _, good = await _mint(server, creator_token)
                limited, _ = await fan.command(RedeemPass(code=good))
                assert isinstance(limited, Error) and limited.code == "rate_limited"
                assert limited.retry_after_ms is not None and limited.retry_after_ms > 0
            assert backend.state.members == {}

    asyncio.run(scenario())


def test_passes_expire_and_renewing_brings_the_member_back(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            _, creator_token = backend.demo_creator()
            pass_id, code = await _mint(server, creator_token, days=1)
            token, body = await sign_up(server, "Mia")
            fan_id = body["account"]["id"]
            async with fan_client(server, token) as fan:
                assert isinstance((await fan.command(RedeemPass(code=code)))[0], Ack)
                # Time passes: the pass ran out a moment ago.
                backend.fans.db.execute(
                    "UPDATE passes SET expires_ms = ? WHERE id = ?",
                    (int(time.time() * 1000) - 1, pass_id),
                )
                backend.fans.wake()
                async with asyncio.timeout(5):
                    while fan_id in backend.state.members:
                        await asyncio.sleep(0.02)
                refused, _ = await fan.command(SendMessage(room="below", text="hi"))
                assert isinstance(refused, Error) and refused.code == "members_only"
                renewed = await creator_command(
                    server, creator_token, RenewPass(pass_id=pass_id, days=7, price_cents=300)
                )
                assert renewed.result is not None
                assert renewed.result["expires_ms"] > time.time() * 1000 + 6 * 86_400_000
                said, _ = await fan.command(SendMessage(room="below", text="back again"))
                assert isinstance(said, Ack)
            listed = await creator_command(server, creator_token, ListPasses())
            assert listed.result is not None
            [row] = listed.result["passes"]
            assert row["status"] == "active" and row["redeemed_by"]["name"] == "Mia"
            assert "code" not in row
            [fan_row] = listed.result["fans"]
            assert fan_row["signed_in"] and fan_row["member"]["tier"] == 1

    asyncio.run(scenario())


def test_static_files_have_types_caching_and_a_strict_csp(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (_backend, server):
            base = base_url(server)
            redirect = await asyncio.to_thread(http_get, f"{base}/fan")
            assert redirect.status == 308 and redirect.headers["location"] == "/fan/"
            for path, kind in (
                ("/fan/", "text/html; charset=utf-8"),
                ("/fan/fan.css", "text/css; charset=utf-8"),
                ("/fan/fan.js", "text/javascript; charset=utf-8"),
            ):
                answer = await asyncio.to_thread(http_get, base + path)
                assert answer.status == 200
                assert answer.headers["content-type"] == kind
                assert answer.headers["cache-control"] == "no-cache"
                assert answer.headers["x-content-type-options"] == "nosniff"
                csp = answer.headers["content-security-policy"]
                assert "script-src 'self';" in csp and "unsafe-inline" not in csp
                assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
                again = await asyncio.to_thread(
                    http_get, base + path, {"If-None-Match": answer.headers["etag"]}
                )
                assert again.status == 304 and again.body == b""
            missing = await asyncio.to_thread(http_get, f"{base}/fan/../server.db")
            assert missing.status == 404
            assert (await asyncio.to_thread(http_get, f"{base}/fan/nope.js")).status == 404

    asyncio.run(scenario())


def test_cookie_name_is_what_the_doc_says() -> None:
    assert COOKIE_NAME == "ld_fan"


def test_the_command_line_prints_the_fan_page_url_that_serves_the_page(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.server", "--demo", "--port", "0", "--print-fan-url",
         "--data-dir", str(tmp_path / "srv")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=root,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/fan/")
        page = http_get(url)
        assert page.status == 200 and b"<html" in page.body.lower()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0


def test_oversized_text_is_refused_clearly_and_nothing_is_stored(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            huge_name = urllib.parse.quote("ä" * 400)  # 2,400 characters once encoded
            answer = await fan_api(server, "signup", headers={"X-LiveDesk-Name": huge_name})
            assert answer.status == 400 and "at most 64" in answer.json()["message"]
            token, _ = await sign_up(server, "Mia")
            async with fan_client(server, token) as fan:
                for cmd in (
                    {"type": "chat.send", "room": "public", "text": "x" * 501},
                    {"type": "inquiry.create", "service_id": "s", "text": "x" * 4001},
                    {"type": "pass.redeem", "code": "x" * 129},
                ):
                    await fan.send({"op": "cmd", "rid": "big", "cmd": cmd})
                    refused = await fan.expect(Error)
                    assert refused.code == "bad_request", refused
                head = backend.hub.head(roles.PUBLIC)
                said, _ = await fan.command(SendMessage(room="public", text="x" * 500))
                assert isinstance(said, Ack)  # the limit itself is fine
            assert backend.hub.head(roles.PUBLIC) == head + 1
            assert len(backend.fans.fans()) == 1

    asyncio.run(scenario())


def test_another_pages_odd_cookie_does_not_hide_the_sign_in(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (_backend, server):
            token, _ = await sign_up(server, "Mia")
            odd = f'prefs={{"theme": "dark"}}; x="a\\"b; {COOKIE_NAME}={token}; y=1'
            me = await fan_api(server, "me", headers={"Cookie": odd})
            assert me.status == 200 and me.json()["account"]["name"] == "Mia"

    asyncio.run(scenario())


def test_a_pass_that_ran_out_while_the_server_was_down_ends_at_start(tmp_path: Path) -> None:
    async def scenario() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        creator, _ = backend.demo_creator()
        fan, _ = backend.fans.sign_up("Mia")
        minted = await backend.execute(creator, "m1", MintPass(days=1))
        assert isinstance(minted, Ack) and minted.result is not None
        redeemed = await backend.execute(fan, "r1", RedeemPass(code=minted.result["code"]))
        assert isinstance(redeemed, Ack) and backend.is_member(fan.id)
        await backend.close()
        db = sqlite3.connect(tmp_path / "srv" / "server.db")
        with db:
            db.execute("UPDATE passes SET expires_ms = ?", (int(time.time() * 1000) - 1,))
        db.close()
        again = Backend(tmp_path / "srv")
        await again.start()
        try:
            async with asyncio.timeout(3):
                while again.is_member(fan.id):
                    await asyncio.sleep(0.02)
            [status] = [
                e.data
                for e in again.hub.read(roles.user_channel(fan.id), 0, None, 100)
                if isinstance(e.data, MembershipStatus) and not e.data.member
            ]
            assert status.reason == "expired"
        finally:
            await again.close()

    asyncio.run(scenario())


def test_over_tls_the_cookie_is_secure_and_only_the_https_origin_counts(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path, name="localhost", alt="IP:127.0.0.1")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    trusted = ssl.create_default_context(cafile=str(cert))

    async def scenario() -> None:
        async with running_server(tmp_path / "srv", ssl_context=server_context) as (_b, server):
            base = f"https://127.0.0.1:{server.port}"
            headers = {"X-LiveDesk-Fan": "1", "X-LiveDesk-Name": "Mia", "Origin": base}
            answer = await asyncio.to_thread(http_get, f"{base}/fan/api/signup", headers, trusted)
            assert answer.status == 200
            [cookie] = answer.set_cookies
            assert "; Secure" in cookie and "HttpOnly" in cookie
            assert answer.headers["strict-transport-security"].startswith("max-age=")
            downgraded = {**headers, "Origin": f"http://127.0.0.1:{server.port}"}
            refused = await asyncio.to_thread(
                http_get, f"{base}/fan/api/signup", downgraded, trusted
            )
            assert refused.status == 403

    asyncio.run(scenario())


async def _forged_host_socket(server: LiveDeskServer, name: str, cookie: str) -> int:
    """The fan websocket as a DNS-rebound page of `name` opens it: the TCP connection goes to
    this server, Host and Origin both say `name`. The HTTP status of the handshake."""
    sock = socket.create_connection(("127.0.0.1", server.port))
    try:
        async with connect(
            f"ws://{name}:{server.port}/fan/ws",
            sock=sock,
            additional_headers={
                "Cookie": f"{COOKIE_NAME}={cookie}",
                "Origin": f"http://{name}:{server.port}",
            },
            open_timeout=5,
        ):
            return 101
    except InvalidStatus as exc:
        return exc.response.status_code


def test_a_dns_rebound_page_of_another_name_gets_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv") as (backend, server):
            token, _ = await sign_up(server, "Mia")
            evil = f"evil.example:{server.port}"
            forged = {"Host": evil, "Origin": f"http://{evil}", "X-LiveDesk-Fan": "1"}
            for path, extra in (
                ("api/signup", {"X-LiveDesk-Name": "Eve"}),
                ("api/me", {"Cookie": f"{COOKIE_NAME}={token}"}),
                ("", {}),
            ):
                url = f"{base_url(server)}/fan/{path}"
                answer = await asyncio.to_thread(http_get, url, {**forged, **extra})
                assert answer.status == 421, path
                assert b"does not answer to that name" in answer.body
                assert answer.set_cookies == []
            assert len(backend.fans.fans()) == 1
            assert await _forged_host_socket(server, "evil.example", token) == 421
            # The same server by a name it does answer to: a loopback listener is localhost.
            assert await _forged_host_socket(server, "localhost", token) == 101
            for host in (f"localhost:{server.port}", f"[::1]:{server.port}"):
                own = {"Host": host, "Origin": f"http://{host}", "X-LiveDesk-Fan": "1"}
                answer = await asyncio.to_thread(
                    http_get,
                    f"{base_url(server)}/fan/api/me",
                    {**own, "Cookie": f"{COOKIE_NAME}={token}"},
                )
                assert answer.status == 200, host
            # The right name on another port is another origin, and no Host at all is nobody.
            wrong_port = f"127.0.0.1:{server.port + 1}"
            answer = await asyncio.to_thread(
                http_get, f"{base_url(server)}/fan/", {"Host": wrong_port}
            )
            assert answer.status == 421

    asyncio.run(scenario())


def test_a_configured_public_name_is_answered_to(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_server(tmp_path / "srv", public_names=("live.example.org",)) as (
            backend,
            server,
        ):
            for host, status in (
                ("live.example.org", 200),  # behind a proxy on the default port
                (f"live.example.org:{server.port}", 200),
                ("other.example.org", 421),
            ):
                headers = {
                    "Host": host,
                    "Origin": f"http://{host}",
                    "X-LiveDesk-Fan": "1",
                    "X-LiveDesk-Name": "Mia",
                }
                answer = await asyncio.to_thread(
                    http_get, f"{base_url(server)}/fan/api/signup", headers
                )
                assert answer.status == status, host
            assert len(backend.fans.fans()) == 2

    asyncio.run(scenario())
