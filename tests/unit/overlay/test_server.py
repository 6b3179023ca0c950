"""The overlay server on 127.0.0.1: key checks, pages, state pushes, stuck pages cut off."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from app.core.alerts import AlertQueue, AlertRules
from app.core.giftfeed import SessionGifter
from app.overlay.server import OverlayServer, new_secret
from app.overlay.state import OverlayPinned, build_state, encode_state
from app.protocol.payloads import GiftInfo, GiftStreakEnded, UserRef

KEY = "k" * 40


def run(body: Callable[[OverlayServer], Awaitable[None]], **options: object) -> None:
    async def main() -> None:
        server = OverlayServer(KEY, **options)  # type: ignore[arg-type]
        await server.start()
        try:
            await body(server)
        finally:
            await server.close()

    asyncio.run(main())


async def http_get(server: OverlayServer, path: str, method: str = "GET") -> tuple[int, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    writer.close()
    status = int(head.split(b" ", 2)[1])
    return status, head.decode("latin-1")


def test_pages_need_the_key_and_carry_a_strict_content_policy() -> None:
    async def body(server: OverlayServer) -> None:
        assert (await http_get(server, "/overlay/alert"))[0] == 403
        assert (await http_get(server, "/overlay/alert?key=nope"))[0] == 403
        assert (await http_get(server, f"/overlay/alert?key={KEY}&key={KEY}"))[0] == 403
        status, head = await http_get(server, f"/overlay/alert?key={KEY}")
        assert status == 200
        assert "Content-Security-Policy: default-src 'none'; script-src 'self'" in head
        assert "Referrer-Policy: no-referrer" in head
        assert head.count("Content-Length:") == 1
        assert (await http_get(server, "/overlay/overlay.js"))[0] == 200  # our code, no key
        assert (await http_get(server, f"/overlay/secret.txt?key={KEY}"))[0] == 404
        assert (await http_get(server, f"/elsewhere?key={KEY}"))[0] == 404
        assert (await http_get(server, f"/overlay/alert?key={KEY}", "POST"))[0] == 405

    run(body)


async def http_body(server: OverlayServer, path: str) -> tuple[int, str, str]:
    """Status, head and body of a GET (the body read to its Content-Length)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    length = int(head.split("Content-Length: ", 1)[1].split("\r\n", 1)[0])
    body = (await reader.readexactly(length)).decode()
    writer.close()
    return int(head.split(" ", 2)[1]), head, body


def test_a_page_with_a_bad_key_says_what_to_do() -> None:
    async def body(server: OverlayServer) -> None:
        status, head, page = await http_body(server, "/overlay/top?key=old-key")
        assert status == 403
        assert "Content-Type: text/html" in head
        assert "default-src 'none'" in head and "script-src" not in head
        assert "not valid" in page and "Copy URL" in page and "Stream overlay (OBS)" in page
        assert "URL kopieren" in page  # and in German
        assert "old-key" not in page  # the wrong key is not echoed back
        status, _head, text = await http_body(server, "/overlay/ws?key=old-key")
        assert status == 403 and "<html" not in text  # the socket gets a plain refusal

    run(body)


def test_server_listens_on_loopback_only_and_urls_carry_the_key() -> None:
    async def body(server: OverlayServer) -> None:
        assert server.host == "127.0.0.1"
        url = server.url("goal")
        assert url == f"http://127.0.0.1:{server.port}/overlay/goal?key={KEY}"
        with pytest.raises(KeyError):
            server.url("secrets")

    run(body)


def test_a_page_gets_the_whole_state_on_connect_and_each_change() -> None:
    async def body(server: OverlayServer) -> None:
        ws_url = f"ws://127.0.0.1:{server.port}/overlay/ws?key={KEY}"
        with pytest.raises(InvalidStatus) as refused:
            await connect(f"ws://127.0.0.1:{server.port}/overlay/ws?key=bad")
        assert refused.value.response.status_code == 403
        queue = AlertQueue(AlertRules())
        pinned = OverlayPinned("mod", "<i>rules</i>")
        async with connect(ws_url) as ws:
            first = json.loads(await ws.recv())
            assert (first["alert"], first["top"], first["version"]) == (None, [], 0)
            gifter = SessionGifter(UserRef(id="u1", name="Mia"), 30, 1)
            server.publish(build_state(queue, 0, [gifter], goal=None, pinned=pinned, labels={}))
            state = json.loads(await ws.recv())
            assert state["top"] == [{"name": "Mia", "diamonds": 30}]
            assert state["pinned"] == {"user": "mod", "text": "<i>rules</i>"}
            assert state["version"] == 1
        # A new page is current at once.
        async with connect(ws_url) as ws:
            assert json.loads(await ws.recv())["version"] == 1

    run(body)


def test_a_new_key_refuses_old_urls_and_drops_open_pages() -> None:
    async def body(server: OverlayServer) -> None:
        async with connect(f"ws://127.0.0.1:{server.port}/overlay/ws?key={KEY}") as ws:
            await ws.recv()
            fresh = new_secret()
            server.set_secret(fresh)
            with pytest.raises(ConnectionClosed):
                async with asyncio.timeout(3):
                    await ws.recv()
        assert (await http_get(server, f"/overlay/alert?key={KEY}"))[0] == 403
        assert (await http_get(server, f"/overlay/alert?key={fresh}"))[0] == 200

    run(body)


def test_a_page_that_stops_reading_is_cut_off_and_never_holds_up_publishing() -> None:
    async def body(server: OverlayServer) -> None:
        # A raw socket that completes the handshake and then never reads.
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(
            (
                f"GET /overlay/ws?key={KEY} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        assert b"101" in await reader.readuntil(b"\r\n\r\n")
        await asyncio.sleep(0.1)
        assert server.viewer_count == 1
        # A big state, many times: publish never waits, the stuck page is dropped.
        labels = {f"l{i}": "x" * 1000 for i in range(200)}
        queue = AlertQueue(AlertRules())
        loop = asyncio.get_running_loop()
        started = loop.time()
        for n in range(200):
            server.publish(build_state(queue, n, [], goal=None, pinned=None, labels=labels))
            await asyncio.sleep(0.005)
        assert loop.time() - started < 5
        for _ in range(100):
            if server.dropped:
                break
            await asyncio.sleep(0.05)
        assert server.dropped == 1 and server.viewer_count == 0
        writer.close()

    run(body, send_timeout_s=0.3)


def test_state_of_a_playing_gift_and_none_while_paused() -> None:
    clock = [0.0]
    queue = AlertQueue(AlertRules(min_diamonds=1), clock=lambda: clock[0])
    gift = GiftInfo(id="swan", name="Swan", diamonds=699, streakable=False, icon="🦢")
    queue.on_gift_end(
        GiftStreakEnded(
            streak_id="s1",
            user=UserRef(id="u1", name="<b>Mia</b>"),
            gift=gift,
            count=1,
            diamonds_total=699,
            reason="single",
        )
    )
    queue.advance()
    state = build_state(queue, 3, [], goal=None, pinned=None, labels={"sent": "sent {gift}"})
    assert state.alert is not None
    assert (state.alert.user, state.alert.gift, state.alert.count, state.alert.play) == (
        "<b>Mia</b>",
        "Swan",
        1,
        3,
    )
    assert state.alert.variation == "medium"
    decoded = json.loads(encode_state(state))
    assert decoded["alert"]["user"] == "<b>Mia</b>" and decoded["labels"] == {"sent": "sent {gift}"}
    queue.pause()
    paused = build_state(queue, 3, [], goal=None, pinned=None, labels={})
    assert paused.paused and paused.alert is None


def test_pages_ship_in_the_resources_and_load_nothing_from_outside() -> None:
    from app.overlay.server import pages_dir

    folder = pages_dir()
    for name in ("alert.html", "top.html", "goal.html", "pinned.html", "overlay.js"):
        assert (folder / name).is_file()
    # No page pulls anything from outside this server.
    for html in folder.glob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "<script>" not in text
