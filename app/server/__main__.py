"""`livedesk-server` / `python -m app.server`: run the reference backend from the command line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import signal
import ssl
import sys
from pathlib import Path

import msgspec

from app.protocol.fanlink import fan_page_url
from app.server.embedded import start_embedded, stop_embedded
from app.server.hosts import split_host
from app.server.tiktok.cli import (
    add_tiktok_arguments,
    check_tiktok_arguments,
    run_tiktok,
    tiktok_options,
)
from app.store.paths import data_dir

log = logging.getLogger("livedesk.server")


def default_data_dir() -> Path:
    """The console's data folder ($LIVEDESK_DATA_DIR or the per-user one) + /server."""
    return data_dir() / "server"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="livedesk-server", description="LiveDesk reference backend (websocket server)."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the databases live")
    parser.add_argument("--tls-cert", type=Path, help="PEM certificate: serve wss://")
    parser.add_argument("--tls-key", type=Path, help="PEM private key for --tls-cert")
    parser.add_argument(
        "--public-name",
        action="append",
        default=[],
        metavar="NAME[:PORT]",
        help="a name the fan page is reached by besides this computer's addresses "
        "(e.g. a reverse proxy's); repeatable",
    )
    parser.add_argument("--demo", action="store_true", help="run the simulated audience")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the audience")
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="audience chat messages per second (implies --demo)",
    )
    parser.add_argument("--heartbeat-ms", type=int, default=15000, help="heartbeat interval")
    parser.add_argument(
        "--followers",
        type=int,
        default=None,
        help="the creator's follower count as the platform reports it (Service+ eligibility)",
    )
    parser.add_argument(
        "--print-creator-token",
        action="store_true",
        help='print {"url": ..., "token": ...} for the creator account on stdout',
    )
    add_tiktok_arguments(parser)
    parser.add_argument(
        "--print-fan-url",
        action="store_true",
        help="print the fan page's URL (where fans sign up) on stdout",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    args = parser.parse_args(argv)
    check_tiktok_arguments(parser, args)
    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    for name in args.public_name:
        if split_host(name) is None:
            parser.error(f"--public-name {name!r} is not a host name with an optional port")
    if args.heartbeat_ms < 100:
        parser.error("--heartbeat-ms must be at least 100")
    if args.rate is not None and args.rate <= 0:
        parser.error("--rate must be positive")
    if args.followers is not None and not 0 <= args.followers <= 10_000_000:
        parser.error("--followers must be between 0 and 10,000,000")
    return args


def _tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


EXIT_STORAGE_FAILED = 3


async def serve(args: argparse.Namespace) -> int:
    """Serve until SIGINT/SIGTERM (0), or until the backend's storage failed: then it exits
    EXIT_STORAGE_FAILED so that a supervisor restarts it from what the disk holds."""
    data_dir = args.data_dir or default_data_dir()
    ssl_context = _tls_context(args.tls_cert, args.tls_key) if args.tls_cert else None
    stop = asyncio.Event()
    _install_signal_handlers(stop)
    tiktok = tiktok_options(args)
    es = await start_embedded(
        data_dir,
        # A TikTok LIVE (or its replay) is the audience: the simulated one stays away.
        demo=(args.demo or args.rate is not None) and tiktok is None,
        seed=args.seed,
        rate=args.rate,
        host=args.host,
        port=args.port,
        heartbeat_ms=args.heartbeat_ms,
        ssl_context=ssl_context,
        public_names=tuple(args.public_name),
    )
    try:
        if args.followers is not None:
            profile = es.backend.state.profile
            es.backend.set_profile(msgspec.structs.replace(profile, followers=args.followers))
        log.info("data in %s; serving %s", data_dir, es.url)
        if args.print_creator_token:
            print(json.dumps({"url": es.url, "token": es.creator_token}), flush=True)
        if args.print_fan_url:
            print(fan_page_url(es.url), flush=True)
        async with run_tiktok(es.backend, tiktok):
            stopped = asyncio.create_task(stop.wait())
            failed = asyncio.create_task(es.backend.failed.wait())
            await asyncio.wait((stopped, failed), return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            failed.cancel()
        if es.backend.failed.is_set():
            log.critical("the server's storage failed; exiting so that it is restarted")
            return EXIT_STORAGE_FAILED
        log.info("shutting down")
        return 0
    finally:
        await stop_embedded(es)


def _install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            signal.signal(signum, lambda *_: loop.call_soon_threadsafe(stop.set))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # websockets logs request headers (the bearer token) at debug level: never let it.
    logging.getLogger("websockets").setLevel(logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
