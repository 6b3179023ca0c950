"""`livedesk --self-test`: prove that this installation works, offscreen, in under 30 s.

Runs the real console start-up (embedded demo backend, store, main window) on a temporary
data folder, checks that demo chat reached both panes and was painted, re-opens the store
(read, write, full-text search), probes the keyring, and summarises the user's real data
folder without changing it. Prints one line per check and exits 0, or 1 with the reason.

The Qt half lives in app/ui/selftest_window.py (only app/ui may import QtWidgets).
Environment: LIVEDESK_SELF_TEST_SCREENSHOT=path.png saves a grab of the main window.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.metadata
import logging
import os
import platform
import secrets
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from app import __version__

TIME_LIMIT_S = 25.0
KEYRING_TIMEOUT_S = 5.0
# The keyring backend each desktop OS needs (an entry point of the keyring distribution).
NATIVE_KEYRING = {
    "linux": "keyring.backends.SecretService",
    "win32": "keyring.backends.Windows",
    "darwin": "keyring.backends.macOS",
}
_LABELS = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}


class SelfTestFailure(Exception):
    """The check `check` failed; str() is the reason shown to the user."""

    def __init__(self, reason: str, check: str = "self-test") -> None:
        super().__init__(reason)
        self.check = check


class Report:
    """Collects check results and prints each one as soon as it is known."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.results: list[tuple[str, str, str]] = []

    def add(self, status: str, name: str, detail: str) -> None:
        self.results.append((status, name, detail))
        print(f"  {_LABELS[status]}  {name}: {detail}", file=self.out, flush=True)

    def ok(self, name: str, detail: str) -> None:
        self.add("ok", name, detail)

    def warn(self, name: str, detail: str) -> None:
        self.add("warn", name, detail)

    def fail(self, name: str, detail: str) -> None:
        self.add("fail", name, detail)

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result[0] == status)


class _ProblemLog(logging.Handler):
    """Remembers errors logged by the app while the self-test runs (they fail it)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def run_self_test(args: argparse.Namespace | None = None) -> int:
    """Run every check; returns the process exit code (0: passed, warnings allowed)."""
    out, report_file = _output()
    verbose = bool(getattr(args, "verbose", False))
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # websockets logs request headers, the bearer token among them, at debug level.
    logging.getLogger("websockets").setLevel(logging.DEBUG + 10 if verbose else logging.WARNING)
    problems = _ProblemLog()
    logging.getLogger().addHandler(problems)
    report = Report(out)
    started = time.monotonic()
    frozen = getattr(sys, "frozen", False)
    where = f"bundle {Path(sys.executable).parent}" if frozen else "source tree"
    print(
        f"LiveDesk {__version__} self-test ({where}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()})",
        file=out,
        flush=True,
    )
    try:
        user_data = _real_data_dir()  # before the temporary folders take its place
        with _temporary_home():
            _run_checks(report, args)
        _check_user_data(report, user_data)
    except SelfTestFailure as exc:
        report.fail(exc.check, str(exc))
    except Exception as exc:  # the reason must reach the user, whatever broke
        report.fail("self-test", f"unexpected {type(exc).__name__}: {exc}")
    if problems.messages:
        report.fail("log", f"errors logged during the run: {'; '.join(problems.messages[:3])}")
    seconds = time.monotonic() - started
    failures, warnings = report.count("fail"), report.count("warn")
    verdict = "PASSED" if failures == 0 else "FAILED"
    print(
        f"{verdict} in {seconds:.1f} s ({len(report.results)} checks, {failures} failed, "
        f"{warnings} warnings)",
        file=out,
        flush=True,
    )
    if report_file is not None:
        out.close()
    return 0 if failures == 0 else 1


def _output() -> tuple[TextIO, Path | None]:
    """stdout, or a file when there is none (a windowed Windows build)."""
    if sys.stdout is not None:
        return sys.stdout, None
    path = Path(tempfile.gettempdir()) / "livedesk-self-test.txt"
    return path.open("w", encoding="utf-8"), path


def _real_data_dir() -> Path:
    from app.store.paths import data_dir

    return data_dir()


@contextmanager
def _temporary_home() -> Iterator[Path]:
    """Data and config folders in a fresh temporary folder, removed afterwards."""
    try:
        temp = tempfile.TemporaryDirectory(prefix="livedesk-self-test-")
    except OSError as exc:
        raise SelfTestFailure(f"cannot create a temporary folder: {exc}", "temp folder") from exc
    saved = {key: os.environ.get(key) for key in ("LIVEDESK_DATA_DIR", "LIVEDESK_CONFIG_DIR")}
    root = Path(temp.name)
    os.environ["LIVEDESK_DATA_DIR"] = str(root / "data")
    os.environ["LIVEDESK_CONFIG_DIR"] = str(root / "config")
    try:
        yield root
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        with suppress(OSError):
            temp.cleanup()


def _run_checks(report: Report, args: argparse.Namespace | None) -> None:
    from app.ui import selftest_window

    qt_app = selftest_window.make_application(report)
    selftest_window.check_resources(report)
    console_args = _console_args(args)
    screenshot = os.environ.get("LIVEDESK_SELF_TEST_SCREENSHOT")
    loop = selftest_window.make_loop(qt_app)
    asyncio.set_event_loop(loop)
    uncaught: list[str] = []
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def hook(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        uncaught.append(f"{exc_type.__name__}: {exc}")
        previous_hook(exc_type, exc, tb)

    def thread_hook(hook_args: threading.ExceptHookArgs) -> None:
        uncaught.append(f"{hook_args.exc_type.__name__}: {hook_args.exc_value}")
        previous_thread_hook(hook_args)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    try:
        with loop:
            store_path = loop.run_until_complete(
                asyncio.wait_for(
                    selftest_window.exercise_console(
                        report, console_args, Path(screenshot) if screenshot else None
                    ),
                    TIME_LIMIT_S - 5,
                )
            )
            _check_store(report, store_path)
            loop.run_until_complete(_check_keyring(report))
    except TimeoutError:
        raise SelfTestFailure(
            f"the console did not finish its checks within {TIME_LIMIT_S - 5:g} s", "console"
        ) from None
    finally:
        sys.excepthook = previous_hook
        threading.excepthook = previous_thread_hook
        asyncio.set_event_loop(None)
    if uncaught:
        report.fail("exceptions", f"uncaught during the run: {'; '.join(uncaught[:3])}")


def _console_args(args: argparse.Namespace | None) -> argparse.Namespace:
    """The user's options, but always the embedded demo backend as creator, deterministic."""
    values = dict(vars(args)) if args is not None else {}
    values.update(server=None, moderator=False, quit_after=None, seed=values.get("seed") or 7)
    values.setdefault("verbose", False)
    return argparse.Namespace(**values)


def _check_store(report: Report, path: Path) -> None:
    """Re-open the console's store after shutdown: what arrived must be there, searchable."""
    from app.store.localstore import LocalStore, StoreError

    try:
        with LocalStore(path) as store:
            events = store.count_events()
            stored = {room: store.messages_before(room, None, 500) for room in ("public", "below")}
            newest = max(
                (m for ms in stored.values() for m in ms), key=lambda m: m.ts, default=None
            )
            if events == 0 or newest is None:
                raise SelfTestFailure(f"the local store {path} kept no events or messages", "store")
            words = [w for w in newest.text.split() if w.isalnum() and len(w) >= 3]
            word = words[0] if words else newest.user_name
            found = store.search_messages(word, limit=1000)
            if newest.message_id not in {m.message_id for m in found}:
                raise SelfTestFailure(
                    f"full-text search for {word!r} missed a stored message", "store"
                )
            store.kv_set("self_test", __version__)
            if store.kv_get("self_test") != __version__:
                raise SelfTestFailure(
                    "a value written to the local store did not read back", "store"
                )
    except StoreError as exc:
        raise SelfTestFailure(str(exc), "store") from exc
    report.ok(
        "store",
        f"re-opened: {events} events, {len(stored['public'])} public + "
        f"{len(stored['below'])} Below Room messages; search found {word!r}; "
        f"write/read ok (SQLite {sqlite3.sqlite_version})",
    )


async def _check_keyring(report: Report) -> None:
    """The native backend must be in the build; a usable keyring is only nice to have."""
    import keyring

    from app.client.tokens import KeyringUnavailable, TokenVault

    native = NATIVE_KEYRING.get(sys.platform)
    registered = {ep.value for ep in importlib.metadata.entry_points(group="keyring.backends")}
    if native is not None and native not in registered:
        report.fail(
            "keyring", f"{native} is missing from this build (registered: {sorted(registered)})"
        )
        return
    reason = ""
    if native is not None:
        try:
            importlib.import_module(native).Keyring.priority  # noqa: B018 (raises if unusable)
        except Exception as exc:
            reason = f" ({native.rsplit('.', 1)[1]}: {exc})"
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    # A throw-away secret under its own service name: the whole path (unlock, encrypted
    # session, write, read, delete) runs, and no token of the user's is read.
    vault = TokenVault(service="LiveDesk self-test")
    probe = secrets.token_urlsafe(16)
    try:
        await vault.aset("probe", probe, KEYRING_TIMEOUT_S)
        read_back = await vault.aget("probe", KEYRING_TIMEOUT_S)
        await vault.adelete("probe", KEYRING_TIMEOUT_S)
    except KeyringUnavailable as exc:
        report.warn(
            "keyring",
            f"none usable{reason or ' (' + str(exc) + ')'}; the demo works, but a sign-in "
            "to a real server cannot be remembered",
        )
        return
    if read_back != probe:
        report.fail("keyring", f"{name} gave back a different secret than it was given")
        return
    report.ok("keyring", f"usable: {name} (a test secret was saved, read back and deleted)")


def _check_user_data(report: Report, folder: Path) -> None:
    """Summarise the user's real data folder, read-only: account stores and their messages."""
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), None)
        if parent is not None and os.access(parent, os.W_OK):
            report.ok("data folder", f"{folder} (not created yet; can be created)")
        else:
            report.warn("data folder", f"{folder} does not exist and cannot be created")
        return
    if not os.access(folder, os.W_OK):
        report.warn("data folder", f"{folder} is not writable: history cannot be saved")
        return
    from app.store.schema import LATEST_VERSION

    stores = sorted((folder / "accounts").glob("*/store.db"))
    messages, problems = 0, []
    for path in stores:
        try:
            with _read_only(path) as conn:
                (version,) = conn.execute("PRAGMA user_version").fetchone()
                if version > LATEST_VERSION:
                    problems.append(f"{path.parent.name} is from a newer LiveDesk")
                    continue
                messages += conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        except (OSError, sqlite3.Error) as exc:
            problems.append(f"{path.parent.name} unreadable ({exc})")
    detail = f"{folder} (writable; {len(stores)} account stores, {messages} messages)"
    if problems:
        report.warn("data folder", f"{detail}; {'; '.join(problems)}")
    else:
        report.ok("data folder", detail)


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()
