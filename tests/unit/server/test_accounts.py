"""Accounts: tokens stored only as hashes, revocation, moderator invites, persistence."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.server.accounts import AccountStore, InviteError


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "server.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[AccountStore]:
    db = sqlite3.connect(db_path)
    yield AccountStore(db)
    db.close()


def _raw_db_text(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_create_and_authenticate(store: AccountStore) -> None:
    account, token = store.create_account("  Mia   Rose ", "viewer")
    assert account.name == "Mia Rose"
    assert account.role == "viewer"
    assert store.authenticate(token) == account
    assert store.authenticate(token + "x") is None
    assert store.authenticate("") is None
    assert store.authenticate("x" * 10_000) is None


def test_tokens_are_random_urlsafe_and_stored_only_hashed(
    store: AccountStore, db_path: Path
) -> None:
    made = [store.create_account(f"user {i}", "viewer") for i in range(20)]
    tokens = [token for _account, token in made]
    assert len(set(tokens)) == 20
    secrets = []
    for account, token in made:
        prefix, _, secret = token.partition(".")
        assert prefix == account.id  # lets a client pick its local store before connecting
        assert len(secret) >= 43  # 32 random bytes in urlsafe base64
        assert set(secret) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        )
        secrets.append(secret)
    raw = _raw_db_text(db_path)
    assert not any(secret.encode() in raw for secret in secrets)


def test_rejects_unknown_role_and_empty_name(store: AccountStore) -> None:
    with pytest.raises(ValueError):
        store.create_account("x", "admin")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.create_account("   ", "viewer")


def test_issue_and_revoke_tokens(store: AccountStore) -> None:
    account, first = store.create_account("Mia", "creator")
    second = store.issue_token(account.id)
    assert store.authenticate(second) == account
    assert store.revoke_tokens(account.id) == 2
    assert store.authenticate(first) is None
    assert store.authenticate(second) is None
    third = store.issue_token(account.id)
    assert store.authenticate(third) == account


def test_invite_redeem_once(store: AccountStore) -> None:
    invite_id, code = store.mint_invite("Sam's laptop")
    moderator, token = store.redeem_invite(code, "Sam")
    assert moderator.role == "moderator"
    assert store.authenticate(token) == moderator
    with pytest.raises(InviteError, match="already used"):
        store.redeem_invite(code, "Eve")
    with pytest.raises(InviteError, match="not valid"):
        store.redeem_invite("not-a-code", "Eve")
    [listed] = store.list_invites()
    assert listed["invite_id"] == invite_id
    assert listed["label"] == "Sam's laptop"
    assert listed["redeemed_by"] == {"id": moderator.id, "name": "Sam"}
    assert listed["revoked"] is False
    assert code not in repr(listed)


def test_invite_code_is_stored_only_hashed(store: AccountStore, db_path: Path) -> None:
    _, code = store.mint_invite("")
    assert code.encode() not in _raw_db_text(db_path)


def test_revoking_a_redeemed_invite_revokes_the_moderator(store: AccountStore) -> None:
    invite_id, code = store.mint_invite("")
    moderator, token = store.redeem_invite(code, "Sam")
    assert store.revoke_invite(invite_id) == moderator.id
    assert store.authenticate(token) is None
    assert not store.is_active(moderator.id)
    with pytest.raises(ValueError):
        store.issue_token(moderator.id)
    with pytest.raises(ValueError):
        store.revoke_invite(invite_id)
    with pytest.raises(KeyError):
        store.revoke_invite("nope")


def test_revoked_unused_invite_cannot_be_redeemed(store: AccountStore) -> None:
    invite_id, code = store.mint_invite("")
    assert store.revoke_invite(invite_id) is None
    with pytest.raises(InviteError, match="revoked"):
        store.redeem_invite(code, "Sam")


def test_accounts_survive_reopening(db_path: Path) -> None:
    db = sqlite3.connect(db_path)
    store = AccountStore(db)
    creator, token = store.create_account("Mia", "creator")
    invite_id, code = store.mint_invite("")
    moderator, mod_token = store.redeem_invite(code, "Sam")
    store.revoke_invite(invite_id)
    db.commit()  # the store never commits: its owner does (the backend, through the event log)
    db.close()

    db = sqlite3.connect(db_path)
    reopened = AccountStore(db)
    assert reopened.authenticate(token) == creator
    assert reopened.authenticate(mod_token) is None
    assert not reopened.is_active(moderator.id)
    assert reopened.first_with_role("creator") == creator
    db.close()
