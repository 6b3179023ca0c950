"""Connect to a creator's TikTok LIVE by @username, and say what state the connection is in.

- `connecting`: starting, or reconnecting after a drop. Wait.
- `connected`: TikTok sends the live's events.
- `not_live` (UserOfflineError): go live; LiveDesk checks again every minute.
- `refused`: UserNotFoundError (check the @username in Settings), AgeRestrictedError, TikTok
  blocking the connection (WebcastBlockedError and the like), or the signing service saying no
  (SignAPIError, its rate limit: check the signing key in Settings).
- `signing_unreachable` (SignAPIError with reason CONNECT_ERROR): check the internet connection
  or the signing service URL.
- `ended` (TikTok's LiveEndEvent): the live is over; nothing to do.

While the live lasts, every failure is retried with exponential backoff (2 s doubling to 2 min,
±20% jitter; the signing service's own retry-after for its rate limit); a connection that
worked resets the backoff. After `ended`, or a refusal that cannot change by waiting (an
age-restricted live), the connector stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from app.core.tiktok_names import normalize_username
from app.protocol.payloads import TikTokState
from app.server.tiktok.bridge import TikTokBridge
from app.server.tiktok.library import TikTokLiveClient, errors

log = logging.getLogger(__name__)

BACKOFF_FIRST_S = 2.0
BACKOFF_MAX_S = 120.0
NOT_LIVE_RETRY_S = 60.0
NOT_FOUND_RETRY_S = 300.0


@dataclass(frozen=True)
class ConnectionState:
    state: TikTokState
    detail: str = ""
    retry_in_s: int | None = None


@dataclass(frozen=True)
class _Verdict:
    state: TikTokState
    detail: str
    wait_s: float | None  # None: backoff; <0: stop
    reset_backoff: bool = False


def classify(exc: BaseException, username: str, sign_url: str) -> _Verdict:
    """What a failure of the library means for the creator."""
    at = f"@{username}"
    if isinstance(exc, errors.UserOfflineError):
        return _Verdict(
            "not_live",
            f"{at} is not live right now. Go live on TikTok; LiveDesk checks again.",
            NOT_LIVE_RETRY_S,
        )
    if isinstance(exc, errors.UserNotFoundError):
        return _Verdict(
            "refused",
            f"TikTok has no LIVE for {at}. Check the username in Settings "
            "(accounts without LIVE access cannot be read).",
            NOT_FOUND_RETRY_S,
        )
    if isinstance(exc, errors.AgeRestrictedError):
        return _Verdict(
            "refused",
            f"The LIVE of {at} is age-restricted: TikTok does not let LiveDesk read it.",
            -1,
        )
    if isinstance(exc, errors.SignatureRateLimitError):
        retry = _retry_after(exc)
        return _Verdict(
            "refused",
            "The signing service limits how often LiveDesk may connect. A signing key "
            "(Settings) raises the limit.",
            retry,
        )
    if isinstance(exc, errors.SignAPIError):
        if exc.reason == errors.SignAPIError.ErrorReason.CONNECT_ERROR:
            return _Verdict(
                "signing_unreachable",
                f"The signing service ({sign_url}) cannot be reached. Check the internet "
                "connection, or the signing service URL in Settings.",
                None,
            )
        return _Verdict(
            "refused",
            f"The signing service refused ({exc.reason.name.lower()}). Check the signing key "
            "in Settings.",
            None,
        )
    if isinstance(exc, errors.TikTokLiveError):
        return _Verdict(
            "refused",
            f"TikTok refused the connection ({type(exc).__name__}). LiveDesk tries again.",
            None,
        )
    if isinstance(exc, httpx.TransportError | OSError):
        return _Verdict(
            "connecting", f"TikTok cannot be reached ({type(exc).__name__}). Retrying.", None
        )
    return _Verdict("refused", f"Unexpected error: {type(exc).__name__}: {exc}"[:200], None)


def _retry_after(exc: Any) -> float | None:
    try:
        return max(1.0, float(exc.retry_after))
    except Exception:
        return None


class _FrameClient(TikTokLiveClient):
    """The library's client, handing each frame it receives to the bridge instead of emitting
    the library's events (the bridge decodes the frame with this same client)."""

    def __init__(self, username: str, sink: Callable[[Any], Awaitable[None]], **kwargs: Any):
        super().__init__(username, **kwargs)
        self._sink = sink

    async def _parse_webcast_response(self, webcast_response: Any) -> AsyncIterator[Any]:
        await self._sink(webcast_response)
        return
        yield  # an async generator that yields nothing


ClientFactory = Callable[[str, Callable[[Any], Awaitable[None]]], Any]


class TikTokConnector:
    """Keeps a bridge connected to @username's LIVE until it ends or `stop()`."""

    def __init__(
        self,
        bridge: TikTokBridge,
        username: str,
        *,
        publish: Callable[[ConnectionState], None],
        sign_key: str | None = None,
        sign_url: str | None = None,
        client_factory: ClientFactory | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.bridge = bridge
        self.username = normalize_username(username)
        self.publish = publish
        self.sign_key = sign_key or None
        self.sign_url = sign_url or "https://api.eulerstream.com"
        self._factory = client_factory or self._library_client
        self._sleep = sleep
        self._jitter = jitter
        self.state = ConnectionState("connecting")
        self._client: Any = None

    def _library_client(self, username: str, sink: Callable[[Any], Awaitable[None]]) -> Any:
        signer = {"sign_api_key": self.sign_key, "sign_api_base": self.sign_url}
        return _FrameClient(username, sink, web_kwargs={"signer_kwargs": signer})

    def _set(self, state: TikTokState, detail: str = "", retry_in_s: float | None = None) -> None:
        self.state = ConnectionState(
            state, detail[:200], None if retry_in_s is None else round(retry_in_s)
        )
        log.info("TikTok @%s: %s %s", self.username, state, detail)
        self.publish(self.state)

    async def run(self) -> None:
        backoff = BACKOFF_FIRST_S
        while True:
            self._set("connecting")
            verdict = await self._attempt()
            if verdict is None:  # the live ended
                self._set("ended", f"The LIVE of @{self.username} ended.")
                return
            if verdict.reset_backoff:
                backoff = BACKOFF_FIRST_S
            if verdict.wait_s is not None and verdict.wait_s < 0:
                self._set(verdict.state, verdict.detail)
                return
            if verdict.wait_s is None:
                wait = backoff * (0.8 + 0.4 * self._jitter())
                backoff = min(backoff * 2, BACKOFF_MAX_S)
            else:
                wait = verdict.wait_s
            self._set(verdict.state, verdict.detail, wait)
            await self._sleep(wait)

    async def _attempt(self) -> _Verdict | None:
        """One connection: None when the live ended, else why it stopped."""
        client = self._factory(self.username, self.bridge.ingest)
        self._client = client
        self.bridge.decoder = client
        connected = False
        try:
            task = await client.start(fetch_live_check=True)
            connected = True
            self._set("connected", f"Reading the LIVE of @{self.username}.")
            await task
        except asyncio.CancelledError:
            await self._close(client)
            raise
        except Exception as exc:
            if not connected or not self.bridge.live_ended:
                verdict = classify(exc, self.username, self.sign_url)
                await self._close(client)
                if connected:
                    return _Verdict("connecting", _dropped(exc), None, reset_backoff=True)
                return verdict
        await self._close(client)
        if self.bridge.live_ended:
            return None
        return _Verdict("connecting", _dropped(None), None, reset_backoff=connected)

    async def _close(self, client: Any) -> None:
        with contextlib.suppress(Exception):
            await client.disconnect(close_client=False)
        with contextlib.suppress(Exception):
            await client._web.close()


def _dropped(exc: BaseException | None) -> str:
    why = f" ({type(exc).__name__})" if exc is not None else ""
    return f"The connection to TikTok dropped{why}; reconnecting."
