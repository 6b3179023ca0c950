"""TokenVault: sign-in tokens in the system keyring only, never in a file, never in a log."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors

log = logging.getLogger(__name__)

T = TypeVar("T")

NO_KEYRING_MESSAGE = (
    "No secure password store (keyring) is available on this system. LiveDesk stores "
    "sign-in tokens only in the system keyring; install/unlock one, e.g. GNOME Keyring or "
    "KWallet, then sign in again. (LiveDesk never saves tokens in a plain file.)"
)
# Windows Credential Manager keeps at most 2,560 bytes per secret, and keyring writes the
# secret there as UTF-16: the limit is checked on that encoding on every system, so a token
# that works on Linux also works on Windows.
MAX_TOKEN_BYTES = 2560
DEFAULT_TIMEOUT_S = 10.0


class KeyringUnavailable(Exception):
    """The system keyring cannot be used (missing, locked, not answering); str() is for users."""


class TokenVault:
    """Tokens per account key (e.g. "ws://host:port|account") under one keyring service.

    The plain methods block, possibly for a long time (a locked Secret Service waits for
    the user): call them off the UI thread. The a-methods run the call on a daemon thread
    and give up after `timeout` seconds; a timed-out call keeps running in the background,
    and while it does, new calls fail at once instead of piling up more stuck threads.
    """

    def __init__(self, service: str = "LiveDesk", timeout: float = DEFAULT_TIMEOUT_S) -> None:
        self.service = service
        self.timeout = timeout
        self._stuck: set[threading.Thread] = set()
        self._stuck_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TokenVault(service={self.service!r})"

    # --- blocking --------------------------------------------------------------------

    def get(self, account_key: str) -> str | None:
        backend = self._backend()
        _check_key(account_key)
        return self._call(lambda: backend.get_password(self.service, account_key), "read")

    def set(self, account_key: str, token: str) -> None:
        _check_key(account_key)
        _check_token(token)
        backend = self._backend()
        self._call(lambda: backend.set_password(self.service, account_key, token), "save")

    def delete(self, account_key: str) -> None:
        """Forget the token of `account_key`; deleting a token that is not there is fine."""
        _check_key(account_key)
        backend = self._backend()

        def delete() -> None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                backend.delete_password(self.service, account_key)

        self._call(delete, "delete")

    # --- async, with a timeout -------------------------------------------------------

    async def aget(self, account_key: str, timeout: float | None = None) -> str | None:
        return await self._in_thread(lambda: self.get(account_key), timeout, "read")

    async def aset(self, account_key: str, token: str, timeout: float | None = None) -> None:
        _check_key(account_key)
        _check_token(token)  # a bad token is the caller's error, raised before any thread
        await self._in_thread(lambda: self.set(account_key, token), timeout, "save")

    async def adelete(self, account_key: str, timeout: float | None = None) -> None:
        await self._in_thread(lambda: self.delete(account_key), timeout, "delete")

    # --- internals -------------------------------------------------------------------

    def _backend(self) -> keyring.backend.KeyringBackend:
        backend = keyring.get_keyring()
        if isinstance(backend, keyring.backends.fail.Keyring):
            raise KeyringUnavailable(NO_KEYRING_MESSAGE)
        try:
            priority = float(type(backend).priority)
        except Exception:  # a backend whose priority check fails is not usable either
            priority = 0.0
        if priority <= 0:
            raise KeyringUnavailable(NO_KEYRING_MESSAGE)
        return backend

    def _call(self, call: Callable[[], T], what: str) -> T:
        try:
            return call()
        except keyring.errors.NoKeyringError:
            raise KeyringUnavailable(NO_KEYRING_MESSAGE) from None
        except keyring.errors.KeyringLocked:
            raise KeyringUnavailable(
                f"The system keyring is locked, so LiveDesk could not {what} your sign-in "
                "token. Unlock it and try again."
            ) from None
        except keyring.errors.KeyringError as exc:
            # Only the error's type: a backend message could echo what it was given.
            raise KeyringUnavailable(
                f"The system keyring could not {what} your sign-in token "
                f"({type(exc).__name__}). Check that it is unlocked and working."
            ) from None

    async def _in_thread(self, call: Callable[[], T], timeout: float | None, what: str) -> T:
        limit = self.timeout if timeout is None else timeout
        with self._stuck_lock:
            self._stuck = {thread for thread in self._stuck if thread.is_alive()}
            if self._stuck:
                raise KeyringUnavailable(
                    f"The system keyring is not responding (an earlier request is still "
                    f"waiting), so LiveDesk could not {what} your sign-in token. Unlock it "
                    "or restart its service, then try again."
                )
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def deliver(result: T | None, error: BaseException | None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)  # type: ignore[arg-type]

        def run() -> None:
            result: T | None = None
            error: BaseException | None = None
            try:
                result = call()
            except BaseException as exc:  # handed to the waiting coroutine
                error = exc
            try:
                loop.call_soon_threadsafe(deliver, result, error)
            except RuntimeError:
                log.debug("keyring call finished after its event loop closed")

        # A daemon thread, not an executor: a keyring call that never returns must not keep
        # the application from exiting (executor threads are joined at exit).
        thread = threading.Thread(target=run, name="livedesk-keyring", daemon=True)
        thread.start()
        try:
            return await asyncio.wait_for(future, limit)
        except TimeoutError:
            with self._stuck_lock:
                self._stuck.add(thread)
            raise KeyringUnavailable(
                f"The system keyring did not answer within {limit:g} s (timed out), so "
                f"LiveDesk could not {what} your sign-in token. It may be locked and waiting "
                "for a password: unlock it and try again."
            ) from None


def _check_key(account_key: str) -> None:
    if not isinstance(account_key, str) or not account_key:
        raise ValueError("account key must be a non-empty string")


def _check_token(token: str) -> None:
    """Reject tokens a keyring cannot hold; the message never contains the token."""
    if not isinstance(token, str) or not token:
        raise ValueError("token must be a non-empty string")
    size = len(token.encode("utf-16-le", "surrogatepass"))
    if size > MAX_TOKEN_BYTES:
        raise ValueError(
            f"token too long for the system keyring: {size} bytes as UTF-16, the limit "
            f"(Windows Credential Manager) is {MAX_TOKEN_BYTES}"
        )


def account_id_from_token(token: str) -> str | None:
    """Tokens read "<account id>.<secret>"; the id picks the local store (it is not secret)."""
    prefix, dot, _secret = token.partition(".")
    if not dot or not prefix or len(prefix) > 64 or not prefix.isalnum():
        return None
    return prefix
