"""Connection states from the TikTokLive library's own exception types.

The client is the library's real `TikTokLiveClient` with only `start` replaced (there is no
network here): it raises what the library raises, or runs a websocket loop that hands frames to
the bridge and then drops or ends the way the library's loop does.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from app.core import roles
from app.protocol.payloads import ChatMessage, TikTokConnection
from app.server.backend import Backend
from app.server.tiktok import frames as tt
from app.server.tiktok.connection import BACKOFF_FIRST_S, ConnectionState, TikTokConnector
from app.server.tiktok.library import TikTokLiveClient, errors
from app.server.tiktok.service import TikTokService

MIA = tt.user(6_900_000_001, "Mia", "mia")
Step = BaseException | tuple[list[Any], BaseException | None]


class ScriptedClient(TikTokLiveClient):  # type: ignore[misc]
    def __init__(self, username: str, sink: Callable[[Any], Awaitable[None]], step: Step):
        super().__init__(username)
        self.sink, self.step = sink, step

    async def start(self, **_options: Any) -> asyncio.Task[None]:
        if isinstance(self.step, BaseException):
            raise self.step
        frames, error = self.step

        async def websocket_loop() -> None:
            for frame in frames:
                await self.sink(frame)
            if error is not None:
                raise error

        return asyncio.create_task(websocket_loop())


def run(tmp_path: Path, steps: list[Step]) -> tuple[list[ConnectionState], list[float]]:
    states: list[ConnectionState] = []
    waits: list[float] = []

    async def main() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        service = TikTokService(backend, _options("@Mia"))
        script = iter(steps)

        def factory(username: str, sink: Callable[[Any], Awaitable[None]]) -> Any:
            assert username == "mia"
            return ScriptedClient(username, sink, next(script))

        async def sleep(seconds: float) -> None:
            waits.append(seconds)
            if len(waits) >= len(steps):
                raise asyncio.CancelledError  # the test's script is over

        def publish(state: ConnectionState) -> None:
            states.append(state)
            service.publish(state)

        connector = TikTokConnector(
            service.bridge, "@Mia", publish=publish, client_factory=factory, sleep=sleep,
            jitter=lambda: 0.5,
        )  # fmt: skip
        with contextlib.suppress(asyncio.CancelledError):
            await connector.run()
        await backend.hub.durable()
        service.bridge.close()
        # What the creator's console hears: the same states, as tiktok.connection events.
        heard = [e.data for e in backend.hub.read(roles.CREATOR, 0, None, 1000)]
        assert [(d.state, d.detail) for d in heard if isinstance(d, TikTokConnection)] == [
            (s.state, s.detail) for s in states
        ]
        await backend.close()

    asyncio.run(main())
    return states, waits


def _options(username: str) -> Any:
    from app.server.tiktok.service import TikTokOptions

    return TikTokOptions(username=username)


def _rate_limited() -> errors.SignatureRateLimitError:
    response = httpx.Response(429, headers={"RateLimit-Remaining": "42", "RateLimit-Reset": "0"})
    return errors.SignatureRateLimitError(
        "slow down", "Too many connections, retry in %s s.", response=response
    )


def _states(states: list[ConnectionState]) -> list[tuple[str, int | None]]:
    return [(s.state, s.retry_in_s) for s in states]


def test_user_not_found_is_a_refusal_that_says_to_check_the_username(tmp_path: Path) -> None:
    states, waits = run(tmp_path, [errors.UserNotFoundError("mia", "no such user")])
    assert _states(states) == [("connecting", None), ("refused", 300)]
    assert "Check the username in Settings" in states[-1].detail
    assert waits == [300]


def test_not_live_checks_again_every_minute(tmp_path: Path) -> None:
    states, waits = run(tmp_path, [errors.UserOfflineError(), errors.UserOfflineError()])
    assert _states(states) == [
        ("connecting", None), ("not_live", 60), ("connecting", None), ("not_live", 60)
    ]  # fmt: skip
    assert "@mia is not live right now" in states[1].detail
    assert waits == [60, 60]


def test_signing_service_unreachable_retries_with_growing_backoff(tmp_path: Path) -> None:
    unreachable = errors.SignAPIError(
        errors.SignAPIError.ErrorReason.CONNECT_ERROR, "Failed to connect", response=None
    )
    states, waits = run(tmp_path, [unreachable, unreachable, unreachable])
    assert [s.state for s in states] == ["connecting", "signing_unreachable"] * 3
    assert "cannot be reached" in states[1].detail and "api.eulerstream.com" in states[1].detail
    assert waits == [BACKOFF_FIRST_S, BACKOFF_FIRST_S * 2, BACKOFF_FIRST_S * 4]


def test_signing_service_refusals_say_to_check_the_key_and_respect_its_rate_limit(
    tmp_path: Path,
) -> None:
    refused = errors.UnexpectedSignatureError("Failed request to Sign API with status 401")
    states, waits = run(tmp_path, [refused, _rate_limited()])
    assert _states(states) == [
        ("connecting", None), ("refused", 2), ("connecting", None), ("refused", 42)
    ]  # fmt: skip
    assert "Check the signing key in Settings" in states[1].detail
    assert "signing key" in states[3].detail
    assert waits == [BACKOFF_FIRST_S, 42]


def test_an_age_restricted_live_stops_trying(tmp_path: Path) -> None:
    states, waits = run(tmp_path, [errors.AgeRestrictedError()])
    assert _states(states) == [("connecting", None), ("refused", None)]
    assert waits == []


def test_a_dropped_websocket_reconnects_and_the_live_end_stops_cleanly(tmp_path: Path) -> None:
    dropped = websockets.exceptions.ConnectionClosedError(None, None)
    first = [tt.frame(tt.comment(MIA, "hello"), first=True)]
    again = [tt.frame(tt.comment(MIA, "back again"), first=True), tt.frame(tt.live_end())]
    states, waits = run(tmp_path, [(first, dropped), (again, None), errors.UserOfflineError()])
    assert _states(states) == [
        ("connecting", None), ("connected", None), ("connecting", 2),
        ("connecting", None), ("connected", None), ("ended", None),
    ]  # fmt: skip
    assert "dropped (ConnectionClosedError); reconnecting" in states[2].detail
    assert waits == [BACKOFF_FIRST_S]  # reconnected once; after the end nothing more


def test_a_websocket_that_closes_without_the_live_end_is_reconnected(tmp_path: Path) -> None:
    states, _ = run(tmp_path, [([tt.frame(first=True)], None), errors.UserOfflineError()])
    assert [s.state for s in states] == [
        "connecting", "connected", "connecting", "connecting", "not_live"
    ]  # fmt: skip
    assert "dropped; reconnecting" in states[2].detail


def test_comments_read_before_and_after_a_drop_are_shown_once_each(tmp_path: Path) -> None:
    hello = tt.comment(MIA, "hello", msg_id=8_000_000_001)
    dropped = websockets.exceptions.ConnectionClosedError(None, None)
    # After the reconnect TikTok sends the last messages again.
    steps: list[Step] = [
        ([tt.frame(hello, first=True)], dropped),
        ([tt.frame(hello, tt.comment(MIA, "new"), first=True), tt.frame(tt.live_end())], None),
    ]
    chats: list[str] = []

    async def check(backend: Backend) -> None:
        chats.extend(
            e.data.text
            for e in backend.hub.read(roles.PUBLIC, 0, None, 100)
            if isinstance(e.data, ChatMessage)
        )

    states, _ = run(tmp_path, steps)
    assert states[-1].state == "ended"

    async def reopen() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        await check(backend)
        await backend.close()

    asyncio.run(reopen())
    assert chats == ["hello", "new"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("@Mia.Draws ", "mia.draws"), ("https://www.tiktok.com/@mia.draws/live", "mia.draws")],
)
def test_usernames_are_read_as_creators_type_them(text: str, name: str) -> None:
    from app.core.tiktok_names import normalize_username

    assert normalize_username(text) == name


def test_the_library_client_gets_the_signing_key_and_url_from_the_settings(tmp_path: Path) -> None:
    async def main() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        service = TikTokService(backend, _options("mia"))
        connector = TikTokConnector(
            service.bridge, "mia", publish=service.publish,
            sign_key="key-123", sign_url="https://sign.example",
        )  # fmt: skip
        client = connector._library_client("mia", service.bridge.ingest)
        try:
            assert isinstance(client, TikTokLiveClient)
            assert client.unique_id == "mia"
            assert client.web.signer.sign_api_key == "key-123"
            assert client.web.signer._base_url == "https://sign.example"
        finally:
            await client.web.close()
            service.bridge.close()
            await backend.close()

    asyncio.run(main())


def test_the_library_websocket_loop_hands_every_frame_to_the_bridge(tmp_path: Path) -> None:
    """The library's own `_ws_client_loop` (only its websocket replaced by a list of frames)
    drives LiveDesk's client subclass: frames reach the bridge, the library emits nothing."""
    from app.server.tiktok.connection import _FrameClient

    frames = [
        tt.frame(tt.comment(MIA, "via the library's loop"), first=True),
        tt.frame(tt.like(MIA, 4, 4)),
    ]

    async def main() -> None:
        backend = Backend(tmp_path / "srv")
        await backend.start()
        service = TikTokService(backend, _options("mia"))
        client = _FrameClient("mia", service.bridge.ingest)
        service.bridge.decoder = client
        emitted: list[str] = []
        client.emit = lambda name, *_args: emitted.append(name)  # type: ignore[method-assign]

        async def websocket(**_kwargs: Any) -> Any:
            for frame in frames:
                yield frame

        client._ws.connect = websocket
        client._room_id = 1
        try:
            await client._ws_client_loop(
                initial_webcast_response=frames[0],
                process_connect_events=True,
                compress_ws_events=True,
            )
            chats = [
                e.data.text
                for e in backend.hub.read(roles.PUBLIC, 0, None, 100)
                if isinstance(e.data, ChatMessage)
            ]
            assert chats == ["via the library's loop"]
            assert service.bridge.applied["like"] == 1
            assert emitted == ["DisconnectEvent"]  # only the loop's own end, no event per message
        finally:
            await client.web.close()
            service.bridge.close()
            await backend.close()

    asyncio.run(main())
