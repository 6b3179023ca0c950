"""A keyring backend for `livedesk --self-test` subprocesses (PYTHON_KEYRING_BACKEND)."""

from __future__ import annotations

import keyring.backend
import keyring.errors


class DictKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict of the process: a usable keyring where the machine has none."""

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
