"""Run the reference backend inside another program's event loop (the console's demo mode)."""

from __future__ import annotations

import contextlib
import logging
import secrets
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.protocol.payloads import EndLive
from app.server.backend import Backend
from app.server.wsserver import LiveDeskServer

if TYPE_CHECKING:
    from app.server.audience import SimulatedAudience

log = logging.getLogger(__name__)


@dataclass
class EmbeddedServer:
    backend: Backend
    server: LiveDeskServer
    audience: SimulatedAudience | None
    url: str
    creator_token: str
    data_dir: Path = Path()
    # How it was started (all of start_embedded's options but the port), to start it again.
    options: dict[str, Any] = field(default_factory=dict)


async def start_embedded(
    data_dir: Path,
    *,
    demo: bool = True,
    seed: int | None = None,
    rate: float | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    heartbeat_ms: int = 15000,
    ssl_context: ssl.SSLContext | None = None,
    audience_goes_live: bool = True,
    public_names: tuple[str, ...] = (),
) -> EmbeddedServer:
    """Start Backend + LiveDeskServer on `data_dir` (and the simulated audience if `demo`).

    `creator_token` is a fresh token of the creator account (made on first use). With
    `audience_goes_live=False` (the console's demo) the backend starts off-air, also after a
    run that was quit while live, and going live is the creator's to do.
    """
    backend = Backend(Path(data_dir))
    await backend.start()
    server = LiveDeskServer(
        backend,
        host,
        port,
        heartbeat_ms=heartbeat_ms,
        ssl_context=ssl_context,
        public_names=public_names,
    )
    audience: SimulatedAudience | None = None
    try:
        await server.start()
        creator, token = backend.demo_creator()
        if not audience_goes_live and backend.state.live is not None:
            # The demo's live was quit with its app: it ended there, not now.
            await backend.execute(creator, f"demo-start-{secrets.token_hex(4)}", EndLive())
        if demo:
            # Imported here: the audience is optional and pulls in the demo's text corpus.
            from app.server.audience import SimulatedAudience

            audience = SimulatedAudience(backend, seed=seed, rate=rate, go_live=audience_goes_live)
            await audience.start()
    except BaseException:
        with contextlib.suppress(Exception):
            await server.close()
        await backend.close()
        raise
    options = {
        "demo": demo,
        "seed": seed,
        "rate": rate,
        "host": host,
        "heartbeat_ms": heartbeat_ms,
        "ssl_context": ssl_context,
        "audience_goes_live": audience_goes_live,
        "public_names": public_names,
    }
    return EmbeddedServer(backend, server, audience, server.url, token, Path(data_dir), options)


async def restart_when_failed(es: EmbeddedServer) -> EmbeddedServer:
    """Wait until the backend's storage fails (a commit rolled back: PROTOCOL.md §8), then
    stop it and start it again on the same folder, address and port, from what the disk
    holds. Its clients resume on their own and resend what was not acked. Raises what
    starting again raises (the port taken meanwhile, the disk still failing)."""
    await es.backend.failed.wait()
    log.error("the embedded backend's storage failed; restarting it")
    try:
        await stop_embedded(es)
    except Exception:
        log.exception("stopping the failed embedded backend")
    return await start_embedded(es.data_dir, port=es.server.port, **es.options)


async def stop_embedded(es: EmbeddedServer) -> None:
    """Stop the audience, close every connection (1001), then the backend."""
    try:
        if es.audience is not None:
            await es.audience.stop()
    finally:
        try:
            await es.server.close()
        finally:
            await es.backend.close()
