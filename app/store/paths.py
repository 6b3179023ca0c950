"""Where LiveDesk keeps its files: data and config folders, one store file per account."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "LiveDesk"
_DEFAULT_PORTS = {"ws": 80, "http": 80, "wss": 443, "https": 443}
_MAX_PART = 48  # keeps the folder name far below the 255-byte limit of every file system
_UNSAFE_HOST = re.compile(r"[^a-z0-9.-]")
_UNSAFE_ACCOUNT = re.compile(r"[^a-z0-9_-]")


def data_dir() -> Path:
    """$LIVEDESK_DATA_DIR if set, else the per-user data folder of the OS."""
    override = os.environ.get("LIVEDESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME))


def config_dir() -> Path:
    """$LIVEDESK_CONFIG_DIR if set, else the per-user config folder of the OS."""
    override = os.environ.get("LIVEDESK_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_NAME))


def _host_and_port(server_url: str) -> tuple[str, int]:
    url = server_url.strip()
    if "://" not in url:
        url = "ws://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    return host, port


def account_folder_name(server_url: str, account_id: str) -> str:
    """`<host>-<port>-<account_id>`, made safe for every OS.

    Only lowercase ASCII letters, digits, ".", "-" and "_" survive, and the name never ends
    with a dot. Whenever that changed anything (other characters, upper case, which Windows
    and macOS fold, or length), a short hash of the exact server and account is appended, so
    two different accounts never share a folder.
    """
    host, port = _host_and_port(server_url)
    host_part = _UNSAFE_HOST.sub("_", host)[:_MAX_PART].strip(".") or "_"
    account_part = _UNSAFE_ACCOUNT.sub("_", account_id.lower())[:_MAX_PART] or "_"
    name = f"{host_part}-{port}-{account_part}"
    if host_part != host or account_part != account_id:
        digest = hashlib.sha256(f"{host}\0{port}\0{account_id}".encode()).hexdigest()[:10]
        name = f"{name}-{digest}"
    return name


def account_store_path(server_url: str, account_id: str) -> Path:
    """The store file of one account on one server: data_dir()/accounts/<slug>/store.db."""
    return data_dir() / "accounts" / account_folder_name(server_url, account_id) / "store.db"
