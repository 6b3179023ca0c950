"""Accounts, bearer tokens (stored only as sha256 hashes) and moderator invites."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from app.core.names import MAX_NAME_LENGTH, check_display_name, clean_display_name, normalise_name
from app.protocol.payloads import Role

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    created_ms INTEGER NOT NULL,
    revoked_ms INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_by_account ON tokens(account_id);
CREATE TABLE IF NOT EXISTS invites (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    revoked_ms INTEGER,
    redeemed_by TEXT REFERENCES accounts(id),
    redeemed_ms INTEGER
);
"""

_ROLES: frozenset[str] = frozenset(get_args(Role))


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    role: Role


class InviteError(Exception):
    """An invite code that cannot be redeemed; the message says why in plain words."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token(account_id: str) -> str:
    """A bearer token "<account id>.<32 random bytes, urlsafe base64>".

    The account id in front is not a secret: it lets a client choose its local store before
    it connects. Only the hash of the whole token is stored and checked.
    """
    return f"{account_id}.{secrets.token_urlsafe(32)}"


def _clean_name(name: str) -> str:
    """A new account's display name (app.core.names): cut to 64 characters, refused
    (NameRefused, a ValueError) when empty or holding a control character."""
    return check_display_name(normalise_name(name)[:MAX_NAME_LENGTH])


class AccountStore:
    """Accounts and their credentials in the server database.

    Every account is cached in memory (the chat path needs names and roles without SQL).
    Changes are written into the connection's open transaction and never committed here:
    the owner commits (the backend through the event log, which shares the connection, so a
    change made by a command is stored with its rid and events; others commit at once).
    Not thread-safe: the backend calls it from its loop.
    """

    def __init__(self, db: sqlite3.Connection, *, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock
        db.executescript(_SCHEMA)
        self._accounts: dict[str, Account] = {}
        self._disabled: set[str] = set()
        for row in db.execute("SELECT id, name, role, disabled FROM accounts"):
            # A name stored before the rule is served without what the rule forbids.
            self._accounts[row[0]] = Account(row[0], clean_display_name(row[1]), row[2])
            if row[3]:
                self._disabled.add(row[0])

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    # --- accounts and tokens ---------------------------------------------------------

    def create_account(self, name: str, role: Role) -> tuple[Account, str]:
        if role not in _ROLES:
            raise ValueError(f"unknown role {role!r}")
        account = Account(uuid.uuid4().hex, _clean_name(name), role)
        self._db.execute(
            "INSERT INTO accounts (id, name, role, created_ms) VALUES (?, ?, ?, ?)",
            (account.id, account.name, account.role, self._now_ms()),
        )
        token = self._insert_token(account.id)
        self._accounts[account.id] = account
        return account, token

    def issue_token(self, account_id: str) -> str:
        if account_id not in self._accounts:
            raise KeyError(f"no account {account_id!r}")
        if account_id in self._disabled:
            raise ValueError("the account was revoked")
        return self._insert_token(account_id)

    def _insert_token(self, account_id: str) -> str:
        token = new_token(account_id)
        self._db.execute(
            "INSERT INTO tokens (token_hash, account_id, created_ms) VALUES (?, ?, ?)",
            (_hash(token), account_id, self._now_ms()),
        )
        return token

    def authenticate(self, token: str) -> Account | None:
        """The account a token belongs to; None if unknown, revoked, or its account is."""
        if not token or len(token) > 512:
            return None
        row = self._db.execute(
            "SELECT account_id FROM tokens WHERE token_hash = ? AND revoked_ms IS NULL",
            (_hash(token),),
        ).fetchone()
        if row is None or row[0] in self._disabled:
            return None
        return self._accounts.get(row[0])

    def revoke_tokens(self, account_id: str) -> int:
        """Revoke every token of an account; returns how many were still valid."""
        cur = self._db.execute(
            "UPDATE tokens SET revoked_ms = ? WHERE account_id = ? AND revoked_ms IS NULL",
            (self._now_ms(), account_id),
        )
        return cur.rowcount

    def revoke_token(self, token: str) -> str | None:
        """Revoke one token (a sign-out); returns its account id if it was still valid."""
        account = self.authenticate(token)
        if account is None:
            return None
        self._db.execute(
            "UPDATE tokens SET revoked_ms = ? WHERE token_hash = ? AND revoked_ms IS NULL",
            (self._now_ms(), _hash(token)),
        )
        return account.id

    def has_valid_token(self, account_id: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM tokens WHERE account_id = ? AND revoked_ms IS NULL LIMIT 1",
            (account_id,),
        ).fetchone()
        return row is not None and account_id not in self._disabled

    def disable(self, account_id: str) -> None:
        """Revoke an account for good: its tokens stop working and no new ones are issued."""
        self._db.execute("UPDATE accounts SET disabled = 1 WHERE id = ?", (account_id,))
        self._db.execute(
            "UPDATE tokens SET revoked_ms = ? WHERE account_id = ? AND revoked_ms IS NULL",
            (self._now_ms(), account_id),
        )
        self._disabled.add(account_id)

    def get(self, account_id: str) -> Account | None:
        return self._accounts.get(account_id)

    def is_active(self, account_id: str) -> bool:
        return account_id in self._accounts and account_id not in self._disabled

    def first_with_role(self, role: Role) -> Account | None:
        """The oldest active account with this role."""
        row = self._db.execute(
            "SELECT id FROM accounts WHERE role = ? AND disabled = 0 "
            "ORDER BY created_ms, rowid LIMIT 1",
            (role,),
        ).fetchone()
        return self._accounts.get(row[0]) if row else None

    # --- moderator invites -----------------------------------------------------------

    def mint_invite(self, label: str = "") -> tuple[str, str]:
        """A new invite: returns (invite id, code). Only the code's hash is stored."""
        invite_id = uuid.uuid4().hex
        code = secrets.token_urlsafe(18)
        self._db.execute(
            "INSERT INTO invites (id, code_hash, label, created_ms) VALUES (?, ?, ?, ?)",
            (invite_id, _hash(code), label, self._now_ms()),
        )
        return invite_id, code

    def redeem_invite(self, code: str, name: str) -> tuple[Account, str]:
        """Create a moderator account from an unused invite; returns (account, token)."""
        # Looking up by hash leaks nothing useful through timing: the hash hides the code.
        row = self._db.execute(
            "SELECT id, revoked_ms, redeemed_by FROM invites WHERE code_hash = ?",
            (_hash(code.strip()),),
        ).fetchone()
        if row is None:
            raise InviteError("This invite code is not valid.")
        if row[1] is not None:
            raise InviteError("This invite was revoked by the creator.")
        if row[2] is not None:
            raise InviteError("This invite was already used.")
        account, token = self.create_account(name, "moderator")
        cur = self._db.execute(
            "UPDATE invites SET redeemed_by = ?, redeemed_ms = ? "
            "WHERE id = ? AND redeemed_by IS NULL AND revoked_ms IS NULL",
            (account.id, self._now_ms(), row[0]),
        )
        if cur.rowcount != 1:  # pragma: no cover - single-threaded; kept as a guard
            self.disable(account.id)
            raise InviteError("This invite was already used.")
        return account, token

    def revoke_invite(self, invite_id: str) -> str | None:
        """Revoke an invite and the moderator who redeemed it.

        Returns the moderator's account id (None if unused). Raises KeyError if there is no
        such invite, ValueError if it was already revoked.
        """
        row = self._db.execute(
            "SELECT revoked_ms, redeemed_by FROM invites WHERE id = ?", (invite_id,)
        ).fetchone()
        if row is None:
            raise KeyError(invite_id)
        if row[0] is not None:
            raise ValueError("the invite was already revoked")
        self._db.execute(
            "UPDATE invites SET revoked_ms = ? WHERE id = ?", (self._now_ms(), invite_id)
        )
        moderator_id: str | None = row[1]
        if moderator_id is not None:
            self.disable(moderator_id)
        return moderator_id

    def invite_exists(self, invite_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM invites WHERE id = ?", (invite_id,)).fetchone()
        return row is not None

    def list_invites(self) -> list[dict[str, Any]]:
        """Every invite, newest first, without codes."""
        out: list[dict[str, Any]] = []
        for row in self._db.execute(
            "SELECT id, label, created_ms, revoked_ms, redeemed_by, redeemed_ms "
            "FROM invites ORDER BY created_ms DESC, rowid DESC"
        ):
            moderator = self._accounts.get(row[4]) if row[4] else None
            out.append(
                {
                    "invite_id": row[0],
                    "label": row[1],
                    "created_ms": row[2],
                    "revoked": row[3] is not None,
                    "revoked_ms": row[3],
                    "redeemed_by": (
                        {"id": moderator.id, "name": moderator.name} if moderator else None
                    ),
                    "redeemed_ms": row[5],
                }
            )
        return out
