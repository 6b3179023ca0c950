"""Giving freed memory back to the operating system."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def _load_trim() -> Callable[[int], int] | None:
    # glibc keeps freed heap memory for reuse; malloc_trim hands it back to the system.
    # Elsewhere (musl, macOS, Windows) there is nothing to call and nothing is done.
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


_trim = _load_trim()


def release_free_memory() -> None:
    """Return the allocator's free memory to the OS (after a large buffer was dropped)."""
    if _trim is not None:
        _trim(0)
