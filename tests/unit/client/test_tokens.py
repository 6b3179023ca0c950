"""TokenVault: the system keyring only, clear errors without one, timeouts for hung keyrings."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from app.client.tokens import NO_KEYRING_MESSAGE, KeyringUnavailable, TokenVault
from app.protocol.payloads import SendMessage
from app.store.localstore import LocalStore
from app.store.paths import account_store_path, data_dir
from tests.conftest import MemoryKeyring
from tests.unit.store.factories import chat

TOKEN = "ldk_tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0-secret"
ACCOUNT = "ws://127.0.0.1:8765|creator-1"


class HangingKeyring(keyring.backend.KeyringBackend):
    """A keyring that blocks like a locked Secret Service waiting for its password."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        self.release.wait(10)
        return "late"

    def set_password(self, service: str, username: str, password: str) -> None:
        self.get_password(service, username)

    def delete_password(self, service: str, username: str) -> None:
        self.get_password(service, username)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture
def hanging() -> Iterator[HangingKeyring]:
    backend = HangingKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()


def test_set_get_delete(memory_keyring: MemoryKeyring) -> None:
    vault = TokenVault()
    assert vault.get(ACCOUNT) is None
    vault.set(ACCOUNT, TOKEN)
    assert vault.get(ACCOUNT) == TOKEN
    assert memory_keyring.secrets == {("LiveDesk", ACCOUNT): TOKEN}
    vault.set(ACCOUNT, TOKEN + "2")
    assert vault.get(ACCOUNT) == TOKEN + "2"
    vault.delete(ACCOUNT)
    vault.delete(ACCOUNT)  # deleting what is not there is fine
    assert vault.get(ACCOUNT) is None
    assert TOKEN not in repr(vault)


def test_async_variants(memory_keyring: MemoryKeyring) -> None:
    async def scenario() -> None:
        vault = TokenVault(service="LiveDesk-test")
        await vault.aset(ACCOUNT, TOKEN)
        assert await vault.aget(ACCOUNT) == TOKEN
        await vault.adelete(ACCOUNT)
        assert await vault.aget(ACCOUNT) is None

    asyncio.run(scenario())
    assert memory_keyring.secrets == {}


@pytest.mark.parametrize(
    "backend", [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()]
)
def test_no_usable_keyring_gives_the_plain_message(backend: keyring.backend.KeyringBackend) -> None:
    keyring.set_keyring(backend)
    vault = TokenVault()
    for call in (
        lambda: vault.get(ACCOUNT),
        lambda: vault.set(ACCOUNT, TOKEN),
        lambda: vault.delete(ACCOUNT),
    ):
        with pytest.raises(KeyringUnavailable) as caught:
            call()
        assert str(caught.value) == NO_KEYRING_MESSAGE
    assert "No secure password store (keyring) is available" in NO_KEYRING_MESSAGE
    with pytest.raises(KeyringUnavailable, match="GNOME Keyring or KWallet"):
        asyncio.run(vault.aget(ACCOUNT))


def test_a_keyring_raising_no_keyring_error_gives_the_plain_message() -> None:
    class Broken(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.NoKeyringError("nothing here")

    keyring.set_keyring(Broken())
    with pytest.raises(KeyringUnavailable) as caught:
        TokenVault().get(ACCOUNT)
    assert str(caught.value) == NO_KEYRING_MESSAGE


def test_a_locked_keyring_is_named() -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="locked"):
        TokenVault().get(ACCOUNT)


def test_a_hanging_keyring_times_out_quickly(hanging: HangingKeyring) -> None:
    vault = TokenVault()

    async def scenario() -> None:
        began = time.monotonic()
        with pytest.raises(KeyringUnavailable, match="timed out"):
            await vault.aget(ACCOUNT, timeout=0.2)
        assert time.monotonic() - began < 2
        # While the first call is still stuck, others fail at once instead of piling up.
        began = time.monotonic()
        with pytest.raises(KeyringUnavailable, match="not responding"):
            await vault.aset(ACCOUNT, TOKEN, timeout=0.2)
        assert time.monotonic() - began < 0.1
        assert hanging.calls == 1
        hanging.release.set()  # the user unlocked the keyring
        for _ in range(100):
            await asyncio.sleep(0.01)
            if await _answers(vault):
                break
        assert await vault.aget(ACCOUNT, timeout=1) == "late"

    asyncio.run(scenario())


async def _answers(vault: TokenVault) -> bool:
    try:
        await vault.aget(ACCOUNT, timeout=1)
    except KeyringUnavailable:
        return False
    return True


def test_the_timeout_default_is_ten_seconds() -> None:
    assert TokenVault().timeout == 10


def test_tokens_too_long_for_windows_are_rejected(memory_keyring: MemoryKeyring) -> None:
    vault = TokenVault()
    vault.set(ACCOUNT, "a" * 1280)  # 2,560 bytes in UTF-16: the Credential Manager limit
    secret = "a" * 1281
    with pytest.raises(ValueError, match="too long") as caught:
        vault.set(ACCOUNT, secret)
    assert secret not in str(caught.value)
    with pytest.raises(ValueError, match="too long"):
        asyncio.run(vault.aset(ACCOUNT, "😀" * 641))
    with pytest.raises(ValueError):
        vault.set(ACCOUNT, "")
    assert memory_keyring.secrets[("LiveDesk", ACCOUNT)] == "a" * 1280


def test_the_token_never_reaches_files_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    vault = TokenVault()
    vault.set(ACCOUNT, TOKEN)
    path = account_store_path("ws://127.0.0.1:8765", "creator-1")
    with LocalStore(path) as store:
        store.kv_set("account", ACCOUNT)
        store.apply_events([chat(1, "hello")])
        store.outbox_add("r1", SendMessage(room="public", text="hi"))
        assert vault.get(ACCOUNT) == TOKEN
    files = [p for p in data_dir().rglob("*") if p.is_file()]
    assert any(p.name == "store.db" for p in files)
    for file in files:
        content = Path(file).read_bytes()
        assert TOKEN.encode() not in content and TOKEN.encode("utf-16-le") not in content
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
