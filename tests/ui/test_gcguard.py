"""Garbage cycles are freed on the GUI thread, whichever thread made them."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.ui.gcguard import MainThreadCollector


class Cyclic:
    """Part of a reference cycle; records the thread its finaliser ran on."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cyclic.freed_on.append(threading.current_thread().name)


@pytest.fixture
def collector(qapp: QApplication) -> Iterator[MainThreadCollector]:
    gc.enable()  # as the console starts: the interpreter collecting on its own
    owner = QObject()
    guard = MainThreadCollector(owner, interval_ms=10_000)
    yield guard
    guard.stop()
    owner.deleteLater()
    gc.disable()  # the test session's own setting (tests/conftest.py)


def make_cycles() -> None:
    """More new cycles than gc's first threshold (700): gc, if on, collects on this thread."""
    for _ in range(1_000):
        Cyclic()


def test_automatic_collection_would_free_on_the_worker() -> None:
    Cyclic.freed_on.clear()
    gc.enable()
    try:
        worker = threading.Thread(target=make_cycles, name="worker")
        worker.start()
        worker.join()
    finally:
        gc.disable()
    assert "worker" in Cyclic.freed_on  # the hazard the collector exists for


def test_collection_is_off_until_the_gui_thread_checks(collector: MainThreadCollector) -> None:
    assert not gc.isenabled()
    gc.collect()
    Cyclic.freed_on.clear()
    worker = threading.Thread(target=make_cycles, name="worker")
    worker.start()
    worker.join()
    assert Cyclic.freed_on == []  # nothing collected on the worker

    collector.check()
    assert Cyclic.freed_on == ["MainThread"] * 1_000
    assert collector.collections == 1


def test_a_quiet_check_collects_nothing(collector: MainThreadCollector) -> None:
    gc.collect()
    collector.check()
    assert collector.collections == 0


def test_stop_gives_collection_back(qapp: QApplication) -> None:
    gc.enable()
    owner = QObject()
    guard = MainThreadCollector(owner)
    assert not gc.isenabled()
    guard.stop()
    assert gc.isenabled()
    gc.disable()
    owner.deleteLater()
