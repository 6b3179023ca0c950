"""GET /redeem: a moderator's first sign-in, an invite code exchanged for a bearer token.

The code and the display name travel in request headers, never in the URL, so they do not
end up in access logs or proxy logs. The websocket server answers this plain HTTP request
before any upgrade (websockets' `process_request`), on the same port and TLS as /ws.
"""

from __future__ import annotations

import http
import json
import logging
import time
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from websockets.asyncio.server import ServerConnection
from websockets.http11 import Request, Response

from app.core.names import MAX_NAME_LENGTH, NameRefused, check_display_name
from app.server.accounts import InviteError
from app.server.address_limit import AddressWindow, remote_address

if TYPE_CHECKING:
    from app.server.backend import Backend

log = logging.getLogger(__name__)

REDEEM_PATH = "/redeem"
INVITE_HEADER = "X-LiveDesk-Invite"
NAME_HEADER = "X-LiveDesk-Name"  # UTF-8, percent-encoded (RFC 3986), 1-64 characters
MAX_FAILURES_PER_MINUTE = 10  # per remote address; invite codes carry 144 random bits anyway
_WINDOW_S = 60.0
_MAX_CODE_CHARS = 128


class InviteRedeemer:
    """Answers GET /redeem for one backend; counts failed attempts per remote address."""

    def __init__(self, backend: Backend, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.backend = backend
        self._clock = clock
        self._failures = AddressWindow(MAX_FAILURES_PER_MINUTE, _WINDOW_S, clock=clock)

    def respond(self, connection: ServerConnection, request: Request) -> Response:
        address = remote_address(connection)
        wait_s = self._failures.wait_s(address)
        if wait_s is not None:
            response = _json(
                connection,
                http.HTTPStatus.TOO_MANY_REQUESTS,
                {"error": "rate_limited", "message": "Too many attempts; wait a minute."},
            )
            response.headers["Retry-After"] = str(max(1, round(wait_s)))
            return response
        code = request.headers.get(INVITE_HEADER, "").strip()
        try:
            name = urllib.parse.unquote(request.headers.get(NAME_HEADER, ""), errors="strict")
        except UnicodeDecodeError:
            name = ""
        name = " ".join(name.split())
        if not code or len(code) > _MAX_CODE_CHARS or not name or len(name) > MAX_NAME_LENGTH:
            self._fail(address)
            return _json(
                connection,
                http.HTTPStatus.BAD_REQUEST,
                {
                    "error": "bad_request",
                    "message": f"Send the invite code in {INVITE_HEADER} and a display name "
                    f"(1-{MAX_NAME_LENGTH} characters, percent-encoded) in {NAME_HEADER}.",
                },
            )
        try:
            name = check_display_name(name)
        except NameRefused as exc:  # before the invite is used up
            return _json(
                connection,
                http.HTTPStatus.BAD_REQUEST,
                {"error": "bad_request", "message": str(exc)},
            )
        try:
            account, token = self.backend.redeem_invite(code, name)
        except InviteError as exc:
            self._fail(address)
            return _json(
                connection,
                http.HTTPStatus.FORBIDDEN,
                {"error": "invite_refused", "message": str(exc)},
            )
        log.info("invite redeemed: new moderator account %s", account.id)
        body = {
            "token": token,
            "account": {"id": account.id, "name": account.name, "role": account.role},
        }
        return _json(connection, http.HTTPStatus.OK, body)

    def _fail(self, address: str) -> None:
        self._failures.count(address)


def _json(connection: ServerConnection, status: http.HTTPStatus, body: dict[str, Any]) -> Response:
    response = connection.respond(status, json.dumps(body, ensure_ascii=False))
    del response.headers["Content-Type"]
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    # The token is a credential: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response
