"""MemoryKeyring: a real keyring backend that keeps secrets in this process's memory.

Never chosen by itself (it is not an entry point): tests install it, the benchmark's idle
console uses it on machines without a keyring, and `livedesk --self-test` subprocesses of the
tests name it in PYTHON_KEYRING_BACKEND. The console itself only ever uses the system keyring.
"""

from __future__ import annotations

import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)
