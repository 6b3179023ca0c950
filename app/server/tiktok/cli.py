"""`livedesk-server`'s TikTok options: --tiktok @username, --tiktok-record, --tiktok-replay."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.server.backend import Backend
    from app.server.tiktok.service import TikTokOptions

SIGN_KEY_ENV = "LIVEDESK_TIKTOK_SIGN_KEY"


def add_tiktok_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("TikTok LIVE")
    group.add_argument(
        "--tiktok",
        metavar="@USERNAME",
        help="read this TikTok account's LIVE into the public channel (needs the internet and "
        f"a signing service; its API key, if any, from ${SIGN_KEY_ENV})",
    )
    group.add_argument(
        "--tiktok-sign-url",
        metavar="URL",
        help="signing service base URL (default: the library's, Euler Stream)",
    )
    group.add_argument(
        "--tiktok-record", metavar="FILE", type=Path, help="keep every TikTok frame received here"
    )
    group.add_argument(
        "--tiktok-replay",
        metavar="FILE",
        type=Path,
        help="play a recording into the backend as if live (with --demo: instead of the "
        "simulated audience); resources/tiktok/demo-live.jsonl is a small one",
    )
    group.add_argument(
        "--speed", type=float, default=1.0, help="replay speed (2: twice as fast; 0: at once)"
    )


def check_tiktok_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.tiktok is not None and args.tiktok_replay is not None:
        parser.error("--tiktok and --tiktok-replay exclude each other")
    if args.tiktok is not None:
        from app.core.tiktok_names import normalize_username

        if not normalize_username(args.tiktok):
            parser.error("--tiktok needs a TikTok @username")
    if args.speed < 0:
        parser.error("--speed must be 0 or more")
    if args.tiktok_replay is not None:
        from app.server.tiktok.recording import RecordingError, read_recording

        try:
            read_recording(args.tiktok_replay)
        except RecordingError as exc:
            parser.error(str(exc))


def tiktok_options(args: argparse.Namespace) -> TikTokOptions | None:
    if args.tiktok is None and args.tiktok_replay is None:
        return None
    from app.server.tiktok.service import TikTokOptions

    return TikTokOptions(
        username=args.tiktok or "",
        replay=args.tiktok_replay,
        speed=args.speed,
        record=args.tiktok_record,
        sign_key=os.environ.get(SIGN_KEY_ENV) or None,
        sign_url=args.tiktok_sign_url,
    )


@contextlib.asynccontextmanager
async def run_tiktok(backend: Backend, options: TikTokOptions | None) -> AsyncIterator[None]:
    """Run the TikTok source (if any) while the block runs."""
    if options is None:
        yield
        return
    from app.server.tiktok.service import TikTokService

    service = TikTokService(backend, options)
    service.start()
    try:
        yield
    finally:
        await service.stop()
