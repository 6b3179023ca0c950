"""The OBS connection against a real OBS Studio: state, versions, faults, restarts."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest

from app.obs.connection import (
    ObsAddress,
    ObsConnection,
    ObsRequestError,
    ObsStatus,
    ObsTimeout,
    ObsUnavailable,
    probe,
)
from app.obs.link import ObsLink
from tests.integration.obs.harness import RunningObs, free_port, wait_for


def address(obs: RunningObs, password: str | None = None) -> ObsAddress:
    return ObsAddress("127.0.0.1", obs.port, obs.password if password is None else password)


def test_probe_says_connected_with_versions(shared_obs: RunningObs) -> None:
    status = asyncio.run(probe(address(shared_obs)))
    assert status == ObsStatus("connected", obs_version="29.0.2", websocket_version="5.1.0")


def test_wrong_password_is_refused_and_said(shared_obs: RunningObs) -> None:
    began = time.monotonic()
    status = asyncio.run(probe(address(shared_obs, "not-the-password")))
    assert status.state == "wrong_password"
    assert time.monotonic() - began < 3  # OBS's close is seen at once, not after a timeout


def test_nothing_listening_is_not_running() -> None:
    status = asyncio.run(probe(ObsAddress("127.0.0.1", free_port(), "x"), timeout=2))
    assert status.state == "not_running"


def test_something_else_on_the_port_is_no_answer() -> None:
    async def scenario() -> ObsStatus:
        writers: list[asyncio.StreamWriter] = []

        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writers.append(writer)  # a server that accepts and never speaks (a hung OBS)

        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            began = time.monotonic()
            status = await probe(ObsAddress("127.0.0.1", port, ""), timeout=0.5)
            assert time.monotonic() - began < 2
            return status
        finally:
            for writer in writers:
                writer.close()
            server.close()
            await server.wait_closed()

    assert asyncio.run(scenario()).state == "no_answer"


def test_a_refused_request_has_obs_code(shared_obs: RunningObs) -> None:
    async def scenario() -> None:
        connection = ObsConnection(address(shared_obs))
        await connection.open()
        try:
            with pytest.raises(ObsRequestError) as refused:
                await connection.call("SetCurrentProgramScene", {"sceneName": "no such scene"})
            assert refused.value.code == 600  # ResourceNotFound
        finally:
            await connection.close()

    asyncio.run(scenario())


def test_obs_vanishing_mid_call_fails_the_call_at_once(own_obs: RunningObs) -> None:
    async def scenario() -> None:
        connection = ObsConnection(address(own_obs))
        await connection.open()
        own_obs.pause()  # the request is sent and OBS holds it unanswered...
        call = asyncio.ensure_future(connection.call("GetStats", timeout=20))
        await asyncio.sleep(0.3)
        assert not call.done()
        began = time.monotonic()
        own_obs.kill()  # ...until it dies
        with pytest.raises(ObsUnavailable) as gone:
            await call
        assert time.monotonic() - began < 2, "the call waited for its deadline"
        assert not isinstance(gone.value, ObsTimeout)
        with pytest.raises(ObsUnavailable):
            await connection.call("GetVersion")
        await connection.close()

    asyncio.run(scenario())


def test_a_hung_obs_times_out_and_the_link_says_so(own_obs: RunningObs) -> None:
    async def scenario() -> None:
        states: list[str] = []
        link = ObsLink(
            address(own_obs),
            on_status=lambda s: states.append(s.state),
            retry_s=(0.2,),
            connect_timeout_s=1.0,
        )
        link.start()
        await wait_for(lambda: link.connected, what="connected")
        own_obs.pause()
        try:
            began = time.monotonic()
            with pytest.raises(ObsTimeout):
                await link.call("GetStats", timeout=0.5)
            assert time.monotonic() - began < 1.5
            await wait_for(lambda: link.status.state == "no_answer", 5, "no_answer")
            # Meanwhile the loop is free: a timer fires on time.
            t0 = time.monotonic()
            await asyncio.sleep(0.05)
            assert time.monotonic() - t0 < 0.5
        finally:
            own_obs.resume()
        await wait_for(lambda: link.connected, 15, "reconnected after OBS woke up")
        assert (await link.call("GetVersion"))["obsWebSocketVersion"] == "5.1.0"
        await link.stop()
        assert "connected" in states and "no_answer" in states

    asyncio.run(scenario())


def test_the_link_survives_obs_closed_and_reopened(own_obs: RunningObs) -> None:
    async def scenario() -> None:
        states: list[str] = []
        link = ObsLink(address(own_obs), on_status=lambda s: states.append(s.state), retry_s=(0.2,))
        link.start()
        await wait_for(lambda: link.connected, what="connected")
        loop = asyncio.get_running_loop()
        # The creator quits OBS; this loop stays free to answer OBS's close, as the console's.
        await loop.run_in_executor(None, own_obs.stop)
        await wait_for(lambda: link.status.state == "not_running", 5, "not_running")
        with pytest.raises(ObsUnavailable):
            await link.call("GetVersion")
        await loop.run_in_executor(None, own_obs.start)
        await wait_for(lambda: link.connected, 15, "connected again")
        assert link.connects == 2
        assert (await link.call("GetSceneList"))["currentProgramSceneName"] == "Main"
        await link.stop()
        assert link.status.state == "off"
        assert states[:2] == ["connecting", "connected"]

    asyncio.run(scenario())


def test_a_changed_password_reconnects_at_once(shared_obs: RunningObs) -> None:
    async def scenario() -> None:
        link = ObsLink(address(shared_obs, "wrong"), retry_s=(30.0,))
        link.start()
        await wait_for(lambda: link.status.state == "wrong_password", 5, "wrong_password")
        began = time.monotonic()
        link.set_address(address(shared_obs))  # no 30 s backoff to sit out
        await wait_for(lambda: link.connected, 5, "connected")
        assert time.monotonic() - began < 3
        await link.stop()

    asyncio.run(scenario())


def test_free_port_is_closed() -> None:
    port = free_port()
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_stopping_the_link_while_it_connects_leaves_no_socket(shared_obs: RunningObs) -> None:
    async def scenario() -> None:
        for delay in (0.0, 0.002, 0.005, 0.01, 0.02, 0.04):
            link = ObsLink(address(shared_obs))
            link.start()
            await asyncio.sleep(delay)
            await link.stop()
            assert link.status.state == "off" and not link.connected

    asyncio.run(scenario())  # an unclosed socket would fail the test (ResourceWarning)
