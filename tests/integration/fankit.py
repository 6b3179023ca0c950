"""Helpers for fan page tests: HTTP calls to /fan/api/… and a websocket to /fan/ws by cookie."""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import connect

from app.protocol.codec import MAX_SERVER_FRAME_BYTES
from app.protocol.frames import Ack, Hello
from app.protocol.payloads import AnyCommandData
from app.server.fan_http import COOKIE_NAME
from app.server.wsserver import LiveDeskServer
from tests.integration.conftest import RawClient, raw_client


@dataclass
class HttpAnswer:
    status: int
    headers: dict[str, str]
    body: bytes
    set_cookies: list[str] = field(default_factory=list)

    def json(self) -> Any:
        return json.loads(self.body)


def base_url(server: LiveDeskServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def http_get(
    url: str, headers: dict[str, str] | None = None, context: ssl.SSLContext | None = None
) -> HttpAnswer:
    """A plain GET (no redirects followed); any status is an answer, not an exception."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            raw_headers = response.headers
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        raw_headers = error.headers
        status, body = error.code, error.read()
    return HttpAnswer(
        status,
        {k.lower(): v for k, v in raw_headers.items()},
        body,
        raw_headers.get_all("Set-Cookie") or [],
    )


async def fan_api(
    server: LiveDeskServer,
    name: str,
    *,
    cookie: str | None = None,
    headers: dict[str, str] | None = None,
) -> HttpAnswer:
    """GET /fan/api/<name> as the fan page sends it (X-LiveDesk-Fan: 1, own Origin)."""
    sent = {"X-LiveDesk-Fan": "1", "Origin": base_url(server)}
    if cookie is not None:
        sent["Cookie"] = f"{COOKIE_NAME}={cookie}"
    sent.update(headers or {})
    return await asyncio.to_thread(http_get, f"{base_url(server)}/fan/api/{name}", sent)


def cookie_of(answer: HttpAnswer) -> str:
    [header] = [c for c in answer.set_cookies if c.startswith(COOKIE_NAME + "=")]
    return header.split(";", 1)[0].split("=", 1)[1]


async def sign_up(server: LiveDeskServer, name: str) -> tuple[str, dict[str, Any]]:
    """A new fan: (cookie token, the answer's JSON)."""
    answer = await fan_api(
        server, "signup", headers={"X-LiveDesk-Name": urllib.parse.quote(name, safe="")}
    )
    assert answer.status == 200, answer.body
    return cookie_of(answer), answer.json()


@contextlib.asynccontextmanager
async def fan_client(
    server: LiveDeskServer,
    cookie: str,
    *,
    origin: str | None = None,
    resume: dict[str, int] | None = None,
) -> AsyncIterator[RawClient]:
    """The fan page's websocket: cookie sign-in, the page's Origin; Hello read, identified."""
    headers = {"Cookie": f"{COOKIE_NAME}={cookie}", "Origin": origin or base_url(server)}
    url = f"ws://127.0.0.1:{server.port}/fan/ws"
    async with connect(
        url,
        additional_headers=headers,
        compression=None,
        max_size=MAX_SERVER_FRAME_BYTES,
        open_timeout=5,
        close_timeout=2,
    ) as ws:
        client = RawClient(ws)
        client.hello = await client.expect(Hello)
        await client.identify(resume)
        yield client


async def creator_command(server: LiveDeskServer, token: str, cmd: AnyCommandData) -> Ack:
    async with raw_client(server.url, token) as creator:
        answer, _ = await creator.command(cmd)
    assert isinstance(answer, Ack), answer
    return answer
