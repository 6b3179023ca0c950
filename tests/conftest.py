"""Shared fixtures: offscreen Qt, an in-memory keyring, private data folders, strict hooks."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import keyring
import pytest

from app.client.memorykeyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring; the developer's real one is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """LiveDesk's data and config folders point into the test's own tmp folder."""
    data = tmp_path / "livedesk-data"
    data.mkdir()
    monkeypatch.setenv("LIVEDESK_DATA_DIR", str(data))
    config = tmp_path / "livedesk-config"
    config.mkdir()
    # The stream overlay takes any free port in tests, never the fixed one a running
    # LiveDesk may hold.
    (config / "livedesk.ini").write_text("[General]\noverlay_port=0\n", encoding="utf-8")
    monkeypatch.setenv("LIVEDESK_CONFIG_DIR", str(config))
    return data


@pytest.fixture(autouse=True)
def fail_on_unraisable_thread_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Exceptions escaping threads or Qt slots (sys.excepthook) fail the test."""
    errors: list[str] = []

    def hook(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        errors.append(f"{exc_type.__name__}: {exc}")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        errors.append(f"thread {args.thread}: {args.exc_type.__name__}: {args.exc_value}")

    monkeypatch.setattr(sys, "excepthook", hook)
    monkeypatch.setattr(threading, "excepthook", thread_hook)
    yield errors
    assert not errors, f"uncaught exceptions during the test: {errors}"


@pytest.fixture(autouse=True)
def collect_garbage_on_main_thread() -> Iterator[None]:
    """Automatic gc off, one collection after each test, on this (the GUI) thread.

    As in the console (app/ui/gcguard.py): automatic collection may fire on a worker
    thread and destroy a Qt object there, which Qt answers with warnings or a crash.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()
