"""The fan page over HTTP, before any websocket upgrade (websockets' `process_request`).

Paths (all under /fan/, same port and TLS as /ws):

    /fan/                 the page (resources/fan/index.html), its CSS and JS modules
    /fan/api/me           who this browser is signed in as (401 if nobody)
    /fan/api/signup       a display name (header) -> a new fan and the sign-in cookie
    /fan/api/signout      revokes this browser's token and clears the cookie
    /fan/ws               the protocol websocket (PROTOCOL.md), signed in by the cookie

Five fixed paths and a table of static files: a dict lookup is the whole routing, so no web
framework is pulled in. The websockets server parses GET requests only, hence GET for the
API too; each API request must carry `X-LiveDesk-Fan: 1`, a header a page of another site
cannot send without a CORS preflight, which this server never grants (no CSRF), and an
`Origin`, when present, must be this server's own.

"This server's own" needs a `Host` this server can vouch for: a DNS-rebound page of another
name sends its own name as Host and as Origin, which agree. So every /fan… request must name
the server by an allowed Host (app/server/hosts.py: its listen address, loopback names for a
loopback listener, this computer's addresses for a network listener, configured public
names), else 421 before anything else is looked at.

The sign-in is an HttpOnly cookie (SameSite=Strict; Secure when served over TLS) holding a
viewer token: the page's JavaScript never sees it, so a script injected somehow cannot steal
it, and the browser sends it with the websocket handshake, which cannot carry an
Authorization header. Because a cookie rides along with any request to this host, the fan
websocket accepts only handshakes whose `Origin` is this server's own.
"""

from __future__ import annotations

import hashlib
import http
import json
import logging
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from app.core.names import MAX_NAME_LENGTH, NameRefused
from app.protocol.fanlink import FAN_PREFIX
from app.server.address_limit import AddressWindow, remote_address
from app.server.hosts import AllowedHosts

if TYPE_CHECKING:
    from app.server.accounts import Account
    from app.server.backend import Backend

log = logging.getLogger(__name__)

PREFIX = FAN_PREFIX
FAN_WS_PATH = "/fan/ws"
COOKIE_NAME = "ld_fan"
COOKIE_MAX_AGE_S = 180 * 86_400
NAME_HEADER = "X-LiveDesk-Name"  # UTF-8, percent-encoded (RFC 3986)
FAN_HEADER = "X-LiveDesk-Fan"
SIGNUPS_PER_HOUR = 10  # per remote address: a household or a venue's Wi-Fi, not a script
_MAX_TOKEN_CHARS = 512
_MAX_NAME_HEADER_CHARS = 1024
FILES: dict[str, tuple[str, str]] = {
    "": ("index.html", "text/html; charset=utf-8"),
    "fan.css": ("fan.css", "text/css; charset=utf-8"),
    "fan.js": ("fan.js", "text/javascript; charset=utf-8"),
    "protocol.js": ("protocol.js", "text/javascript; charset=utf-8"),
}
MISDIRECTED = (
    "This server does not answer to that name. Open the fan page at the address the creator "
    "shared.\n"
)


def fan_dir() -> Path:
    """resources/fan of a source checkout, or of a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "fan"


@dataclass(frozen=True)
class _File:
    body: bytes
    content_type: str
    etag: str


def _load_files(folder: Path) -> dict[str, _File]:
    """Read once: a request never touches the disk."""
    files = {}
    for path, (name, content_type) in FILES.items():
        body = (folder / name).read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        files[path] = _File(body, content_type, etag)
    return files


class FanGateway:
    """Answers /fan/… for one backend and tells the websocket server who a fan is."""

    def __init__(self, backend: Backend, *, tls: bool, folder: Path | None = None) -> None:
        self.backend = backend
        self.tls = tls
        self.signups = AddressWindow(SIGNUPS_PER_HOUR, 3600.0)
        # Set by the server once it listens (the port is known then); until then none.
        self.hosts: AllowedHosts | None = None
        self._files = _load_files(folder or fan_dir())

    # --- dispatch --------------------------------------------------------------------

    def respond(self, connection: ServerConnection, request: Request) -> Response | None:
        """The answer to a /fan… request; None lets the fan websocket handshake go on."""
        host = request.headers.get("Host", "")
        if self.hosts is None or not self.hosts.allows(host):
            log.info("fan request refused: Host not one of this server's names")
            return self._plain(connection, http.HTTPStatus.MISDIRECTED_REQUEST, MISDIRECTED)
        path = request.path.split("?", 1)[0]
        if path == "/fan":
            response = self._plain(connection, http.HTTPStatus.PERMANENT_REDIRECT)
            response.headers["Location"] = PREFIX
            return response
        rest = path[len(PREFIX) :]
        if rest == "ws":
            return self._websocket(connection, request)
        if rest.startswith("api/"):
            return self._api(connection, request, rest[4:])
        file = self._files.get(rest)
        if file is None:
            return self._plain(connection, http.HTTPStatus.NOT_FOUND)
        return self._file(connection, request, file)

    # --- static files ----------------------------------------------------------------

    def _file(self, connection: ServerConnection, request: Request, file: _File) -> Response:
        if request.headers.get("If-None-Match", "") == file.etag:
            response = self._plain(connection, http.HTTPStatus.NOT_MODIFIED)
            response.body = b""
            for name in ("Content-Length", "Content-Type"):
                if name in response.headers:
                    del response.headers[name]
        else:
            response = self._plain(connection, http.HTTPStatus.OK)
            response.body = file.body
            _set(response.headers, "Content-Length", str(len(file.body)))
            _set(response.headers, "Content-Type", file.content_type)
        # Small files, checked on every load (a 304 costs nothing): an update shows at once.
        _set(response.headers, "Cache-Control", "no-cache")
        response.headers["ETag"] = file.etag
        return response

    # --- the API ---------------------------------------------------------------------

    def _api(self, connection: ServerConnection, request: Request, name: str) -> Response:
        if name not in {"me", "signup", "signout"}:
            return self._plain(connection, http.HTTPStatus.NOT_FOUND)
        if request.headers.get(FAN_HEADER) != "1" or not self._origin_ok(request, required=False):
            return self._json(
                connection,
                http.HTTPStatus.FORBIDDEN,
                {"error": "forbidden", "message": "Only the fan page itself may ask this."},
            )
        if name == "me":
            return self._me(connection, request)
        if name == "signup":
            return self._signup(connection, request)
        return self._signout(connection, request)

    def _me(self, connection: ServerConnection, request: Request) -> Response:
        account = self.account_for(request)
        if account is None:
            return self._json(
                connection,
                http.HTTPStatus.UNAUTHORIZED,
                {"error": "signed_out", "message": "Not signed in on this browser."},
            )
        return self._json(connection, http.HTTPStatus.OK, self._me_body(account))

    def _me_body(self, account: Account) -> dict[str, Any]:
        creator = self.backend.accounts.first_with_role("creator")
        profile = self.backend.state.profile
        return {
            "account": {"id": account.id, "name": account.name, "role": account.role},
            "member": self.backend.fans.membership(account.id),
            # What the service bio tells fans about the creator: the Service+ eligibility
            # facts (the follower count as the platform reports it, the creator's own
            # declarations).
            "creator": {
                "name": creator.name if creator is not None else "",
                "followers": profile.followers,
                "adult_confirmed": profile.adult_confirmed,
                "competence_note": profile.competence_note,
            },
        }

    def _signup(self, connection: ServerConnection, request: Request) -> Response:
        address = remote_address(connection)
        wait_s = self.signups.wait_s(address)
        if wait_s is not None:
            response = self._json(
                connection,
                http.HTTPStatus.TOO_MANY_REQUESTS,
                {
                    "error": "rate_limited",
                    "message": "Too many sign-ups from this network; try again later.",
                },
            )
            response.headers["Retry-After"] = str(max(1, round(wait_s)))
            return response
        self.signups.count(address)  # every attempt counts, refused names too
        raw = request.headers.get(NAME_HEADER, "")
        try:
            if len(raw) > _MAX_NAME_HEADER_CHARS:
                raise NameRefused(f"A display name has at most {MAX_NAME_LENGTH} characters.")
            name = urllib.parse.unquote(raw, errors="strict")
            account, token = self.backend.fans.sign_up(name)
        except UnicodeDecodeError:
            return self._bad_name(connection, "The name is not UTF-8 (percent-encoded).")
        except NameRefused as exc:
            return self._bad_name(connection, str(exc))
        old = self._cookie_token(request)
        if old is not None:
            self._sign_out_token(old)  # one browser, one fan: the old identity is signed out
        log.info("fan signed up: account %s", account.id)
        response = self._json(connection, http.HTTPStatus.OK, self._me_body(account))
        response.headers["Set-Cookie"] = self._cookie(token, COOKIE_MAX_AGE_S)
        return response

    def _bad_name(self, connection: ServerConnection, message: str) -> Response:
        return self._json(
            connection, http.HTTPStatus.BAD_REQUEST, {"error": "bad_name", "message": message}
        )

    def _signout(self, connection: ServerConnection, request: Request) -> Response:
        token = self._cookie_token(request)
        signed_out = token is not None and self._sign_out_token(token)
        response = self._json(connection, http.HTTPStatus.OK, {"signed_out": signed_out})
        response.headers["Set-Cookie"] = self._cookie("", 0)
        return response

    def _sign_out_token(self, token: str) -> bool:
        """Revoke the token for good and close the connections it opened."""
        account_id = self.backend.accounts.revoke_token(token)
        if account_id is None:
            return False
        self.backend.state.commit()
        self.backend.call_hook(self.backend.on_account_revoked, account_id)
        return True

    # --- the websocket ---------------------------------------------------------------

    def _websocket(self, connection: ServerConnection, request: Request) -> Response | None:
        if not self._origin_ok(request, required=True):
            return self._plain(connection, http.HTTPStatus.FORBIDDEN)
        if self.account_for(request) is None:
            return self._plain(connection, http.HTTPStatus.UNAUTHORIZED)
        return None

    def account_for(self, request: Request) -> Account | None:
        """The fan this request's cookie signs in; None for no cookie, a revoked token, or
        an account that is not a fan (a creator's or moderator's token is refused here)."""
        token = self._cookie_token(request)
        if token is None:
            return None
        account = self.backend.authenticate(token)
        if account is None or not self.backend.fans.is_fan(account.id):
            return None
        return account

    # --- helpers ---------------------------------------------------------------------

    def _origin_ok(self, request: Request, *, required: bool) -> bool:
        """True if the request comes from a page of this server (scheme, host and port)."""
        origin = request.headers.get("Origin")
        if origin is None:
            if required:
                return False
            site = request.headers.get("Sec-Fetch-Site")
            return site in (None, "same-origin", "none")
        return origin == self._own_origin(request)

    def _own_origin(self, request: Request) -> str | None:
        # respond() has checked the Host against the allow-list already.
        host = request.headers.get("Host", "")
        if self.hosts is None or not self.hosts.allows(host):
            return None
        return f"{'https' if self.tls else 'http'}://{host}"

    def _cookie_token(self, request: Request) -> str | None:
        # Split by hand: one odd cookie of another page on this host must not hide ours
        # (http.cookies gives up on a whole header it cannot parse).
        for header in request.headers.get_all("Cookie"):
            for part in header.split(";"):
                name, _, value = part.strip().partition("=")
                if name == COOKIE_NAME and 0 < len(value) <= _MAX_TOKEN_CHARS:
                    return value
        return None

    def _cookie(self, token: str, max_age_s: int) -> str:
        parts = [
            f"{COOKIE_NAME}={token}",
            "Path=/fan",
            f"Max-Age={max_age_s}",
            "HttpOnly",
            "SameSite=Strict",
        ]
        if self.tls:
            parts.append("Secure")
        return "; ".join(parts)

    def _plain(
        self, connection: ServerConnection, status: http.HTTPStatus, text: str = ""
    ) -> Response:
        response = connection.respond(status, text or f"{status.value} {status.phrase}\n")
        _security_headers(response.headers, self.tls)
        _set(response.headers, "Cache-Control", "no-store")
        return response

    def _json(
        self, connection: ServerConnection, status: http.HTTPStatus, body: dict[str, Any]
    ) -> Response:
        response = self._plain(connection, status)
        response.body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        _set(response.headers, "Content-Length", str(len(response.body)))
        _set(response.headers, "Content-Type", "application/json; charset=utf-8")
        return response


def _security_headers(headers: Headers, tls: bool) -> None:
    # Own scripts and styles only (no inline code), sockets and fetches back to this
    # server, nothing from anywhere else, and no framing by other sites.
    headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if tls:
        headers["Strict-Transport-Security"] = "max-age=31536000"


def _set(headers: Headers, name: str, value: str) -> None:
    if name in headers:
        del headers[name]
    headers[name] = value
