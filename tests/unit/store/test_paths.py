"""Data and config folders, and one safe, distinct store folder per server and account."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.store.paths import account_folder_name, account_store_path, config_dir, data_dir

SAFE = re.compile(r"^[a-z0-9._-]+$")
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def test_folders_follow_the_environment(
    private_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert data_dir() == private_data_dir
    monkeypatch.setenv("LIVEDESK_CONFIG_DIR", str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    monkeypatch.delenv("LIVEDESK_DATA_DIR")
    monkeypatch.delenv("LIVEDESK_CONFIG_DIR")
    assert "LiveDesk" in data_dir().parts[-3:]
    assert "LiveDesk" in config_dir().parts[-3:]


def test_the_store_of_an_account(private_data_dir: Path) -> None:
    assert account_store_path("ws://127.0.0.1:8765", "creator1") == (
        private_data_dir / "accounts" / "127.0.0.1-8765-creator1" / "store.db"
    )
    assert account_folder_name("wss://Live.Example.com/ws", "acc") == "live.example.com-443-acc"
    assert account_folder_name("ws://example.com", "acc") == "example.com-80-acc"
    assert account_folder_name("localhost:9000", "acc") == "localhost-9000-acc"


@pytest.mark.parametrize(
    ("url", "account"),
    [
        ("ws://[::1]:9000", "acc"),
        ("ws://127.0.0.1:8765", 'a/b\\c:d*?"<>|'),
        ("ws://127.0.0.1:8765", "con"),
        ("ws://127.0.0.1:8765", "dots..."),
        ("ws://127.0.0.1:8765", "Ünïcödé名前"),
        ("ws://127.0.0.1:8765", ""),
        ("ws://" + "h" * 200 + ".example:1", "x" * 64),
        ("ws://host.:1", "acc"),
    ],
)
def test_folder_names_are_safe_on_every_system(url: str, account: str) -> None:
    name = account_folder_name(url, account)
    assert SAFE.match(name), name
    assert not name.endswith((".", " "))
    assert name.split(".")[0] not in WINDOWS_RESERVED
    assert len(name) <= 120


def test_different_accounts_never_share_a_folder() -> None:
    names = [
        account_folder_name("ws://127.0.0.1:8765", account)
        for account in ("bob", "Bob", "BOB", "a/b", "a_b", "a:b", "a b", "")
    ]
    names += [
        account_folder_name("ws://127.0.0.1:8766", "bob"),
        account_folder_name("ws://localhost:8765", "bob"),
    ]
    assert len(set(names)) == len(names)
    assert account_folder_name("ws://LOCALHOST:8765", "bob") == account_folder_name(
        "ws://localhost:8765", "bob"
    )
