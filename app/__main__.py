"""`livedesk` / `python -m app`: the creator console (embedded demo backend by default)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from app import __version__


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="livedesk", description="LiveDesk console for live-stream creators and moderators."
    )
    parser.add_argument("--version", action="version", version=f"LiveDesk {__version__}")
    parser.add_argument(
        "--server",
        metavar="URL",
        help="backend to connect to (ws:// or wss://); default: the embedded demo backend",
    )
    parser.add_argument(
        "--moderator", action="store_true", help="sign in as a moderator (with an invite code)"
    )
    parser.add_argument("--seed", type=int, help="deterministic simulated audience (demo only)")
    parser.add_argument(
        "--quit-after", type=float, metavar="S", help=argparse.SUPPRESS
    )  # for scripted runs and start-up measurements
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation offscreen, then exit"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test(args)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # websockets logs request headers (the bearer token) at DEBUG: never let it.
    logging.getLogger("websockets").setLevel(logging.INFO)
    # Imported here so --version and --help work without a display.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.ui.app import ConsoleApp
    from app.ui.eventloop import ConsoleLoop
    from app.ui.i18n import resources_dir

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("LiveDesk")
    app.setOrganizationName("LiveDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("livedesk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "livedesk-256.png")))
    loop = ConsoleLoop(app)
    asyncio.set_event_loop(loop)
    console_app = ConsoleApp(args)
    exit_code = 0
    with loop:
        try:
            exit_code = loop.run_until_complete(console_app.run())
        except KeyboardInterrupt:
            exit_code = 130
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
