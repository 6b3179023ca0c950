"""A moderator's first sign-in: exchange an invite code for a token over GET /redeem.

The server answers on the websocket's own host, port and TLS (see PROTOCOL.md, section 1).
The code and the name go in headers, never in the URL; redirects are not followed, so
they are never sent to another address.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from app.client.tokens import account_id_from_token
from app.core.names import MAX_NAME_LENGTH, NameRefused, check_display_name, normalise_name

REDEEM_PATH = "/redeem"
INVITE_HEADER = "X-LiveDesk-Invite"
NAME_HEADER = "X-LiveDesk-Name"
MAX_NAME_CHARS = MAX_NAME_LENGTH
_MAX_BODY_BYTES = 16_384


class RedeemError(Exception):
    """The invite could not be redeemed; str() is a sentence for the user."""


@dataclass(frozen=True)
class RedeemedInvite:
    token: str
    account_id: str
    name: str


def redeem_url(server_url: str) -> str:
    """http(s)://host:port/redeem for a ws(s)://host:port/ws server address."""
    parts = urllib.parse.urlsplit(server_url.strip())
    scheme = {"ws": "http", "wss": "https", "http": "http", "https": "https"}.get(parts.scheme)
    if scheme is None or not parts.netloc:
        raise RedeemError(f"“{server_url}” is not a LiveDesk server address (ws://… or wss://…).")
    return urllib.parse.urlunsplit((scheme, parts.netloc, REDEEM_PATH, "", ""))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect becomes an HTTPError: the code goes nowhere else


def _request(
    url: str, code: str, name: str, ssl_context: ssl.SSLContext | None, timeout: float
) -> Any:
    request = urllib.request.Request(
        url,
        method="GET",
        headers={
            INVITE_HEADER: code,
            NAME_HEADER: urllib.parse.quote(name, safe=""),
            "Accept": "application/json",
        },
    )
    opener = urllib.request.build_opener(
        _NoRedirects, urllib.request.HTTPSHandler(context=ssl_context)
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            return json.loads(response.read(_MAX_BODY_BYTES))
    except urllib.error.HTTPError as exc:
        try:
            body = json.loads(exc.read(_MAX_BODY_BYTES))
            message = str(body.get("message") or "")
        except (ValueError, AttributeError, OSError):
            message = ""
        finally:
            exc.close()
        if exc.code == 429:
            raise RedeemError(message or "Too many attempts; wait a minute.") from None
        if exc.code in (400, 403):
            raise RedeemError(message or "The server refused this invite.") from None
        if exc.code == 404:
            raise RedeemError(
                "This server does not accept invites (is it a LiveDesk server?)."
            ) from None
        raise RedeemError(f"The server answered HTTP {exc.code}.") from None
    except ssl.SSLCertVerificationError:
        raise RedeemError(
            "Cannot reach the server: its certificate could not be verified."
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RedeemError(f"Cannot reach the server ({reason}).") from None
    except ValueError:
        raise RedeemError("The server's answer was not understood.") from None


async def redeem_invite(
    server_url: str,
    code: str,
    name: str,
    *,
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = 10.0,
) -> RedeemedInvite:
    """Redeem `code` as a moderator called `name`; raises RedeemError with the reason."""
    code, name = code.strip(), normalise_name(name)
    if not code:
        raise RedeemError("Enter the invite code the creator gave you.")
    if not name or len(name) > MAX_NAME_CHARS:
        raise RedeemError(f"Enter a display name of 1 to {MAX_NAME_CHARS} characters.")
    try:
        check_display_name(name)  # the server's rule, said before the code is sent
    except NameRefused as exc:
        raise RedeemError(str(exc)) from None
    url = redeem_url(server_url)
    body = await asyncio.to_thread(_request, url, code, name, ssl_context, timeout)
    token = body.get("token") if isinstance(body, dict) else None
    account = body.get("account") if isinstance(body, dict) else None
    if not isinstance(token, str) or account_id_from_token(token) is None:
        raise RedeemError("The server's answer did not contain a valid token.")
    account_name = account.get("name") if isinstance(account, dict) else None
    return RedeemedInvite(
        token=token,
        account_id=account_id_from_token(token) or "",
        name=account_name if isinstance(account_name, str) else name,
    )
