"""StoreError: every failure of the local store, with a reason code and a message for people."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

StoreErrorReason = Literal[
    "not_a_database",
    "not_livedesk",
    "newer_version",
    "disk_full",
    "read_only",
    "corrupt",
    "busy",
    "io",
    "closed",
    "unsupported",
    "other",
]

# The file itself is broken: only a fresh store (the old one kept aside) helps.
DAMAGED: frozenset[StoreErrorReason] = frozenset({"corrupt", "not_a_database"})

# Primary SQLite result codes (the low byte of extended codes).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_PERM = 3
_SQLITE_NOTADB = 26

_SQLITE_IOERR_NOSPC = 13 << 8 | _SQLITE_IOERR  # ENOSPC while writing the WAL or journal


class StoreError(Exception):
    """The local store could not do what was asked.

    `reason` is a stable code for the UI; `path` is the database file; str(error) is a
    sentence a user can read. A failed write never leaves part of its batch behind.
    """

    def __init__(self, message: str, *, path: Path, reason: StoreErrorReason) -> None:
        super().__init__(message)
        self.path = path
        self.reason: StoreErrorReason = reason


def from_sqlite(exc: sqlite3.Error, path: Path, action: str) -> StoreError:
    """Turn a sqlite3 error raised while doing `action` ("save events", ...) into a StoreError."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    detail = f"{exc} ({getattr(exc, 'sqlite_errorname', type(exc).__name__)})"
    if primary == _SQLITE_FULL or code == _SQLITE_IOERR_NOSPC:
        return StoreError(
            f"Could not {action}: the disk is full (or the store reached its size limit). "
            f"Free some space; nothing of this change was saved. File: {path}. [{detail}]",
            path=path,
            reason="disk_full",
        )
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return StoreError(
            f"Could not {action}: the local store is read-only (check the permissions of "
            f"{path} and its folder). Nothing of this change was saved. [{detail}]",
            path=path,
            reason="read_only",
        )
    if primary == _SQLITE_NOTADB:
        return not_a_database(path, detail)
    if primary == _SQLITE_CORRUPT:
        return StoreError(
            f"Could not {action}: the local store {path} is damaged. Close LiveDesk and move "
            f"the file away; it will be rebuilt from the server. [{detail}]",
            path=path,
            reason="corrupt",
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(
            f"Could not {action}: the local store {path} is in use by another program "
            f"(is LiveDesk already running for this account?). [{detail}]",
            path=path,
            reason="busy",
        )
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StoreError(
            f"Could not {action}: reading or writing {path} failed (disk or permission "
            f"problem). [{detail}]",
            path=path,
            reason="io",
        )
    return StoreError(f"Could not {action} in {path}: {detail}", path=path, reason="other")


def not_a_database(path: Path, detail: str = "") -> StoreError:
    suffix = f" [{detail}]" if detail else ""
    return StoreError(
        f"{path} is not a LiveDesk store: it is not an SQLite database. Move it away or "
        f"delete it; LiveDesk will create a new one.{suffix}",
        path=path,
        reason="not_a_database",
    )
