"""Plain-language text for why a connection closed or could not be opened."""

from __future__ import annotations

import socket
import ssl

from websockets.exceptions import InvalidHandshake

from app.protocol.closecodes import Close

_TEXT: dict[int, str] = {
    Close.NORMAL: "The server closed the connection",
    Close.GOING_AWAY: "The server is restarting",
    Close.INVALID_DATA: "The server rejected a message that was not valid text (UTF-8)",
    Close.TOO_BIG: "The server rejected a message that was too large",
    Close.SERVER_ERROR: "The server hit an internal error",
    Close.UNKNOWN_ERROR: "The server closed the connection after an error",
    Close.AUTH_FAILED: "Signed out: sign-in failed",
    Close.BAD_FRAMES: "Disconnected: the server rejected too many malformed messages",
    Close.REVOKED: "Signed out: token revoked",
    Close.UNSUPPORTED_VERSION: "This LiveDesk version is not supported by the server",
    Close.NOT_IDENTIFIED: "The server closed the connection before sign-in completed",
    Close.RATE_LIMITED: "Too many commands in a short time",
    Close.SLOW_CONSUMER: "Events arrived faster than this computer could take them",
    Close.HEARTBEAT_TIMEOUT: "The server stopped hearing from this computer",
}


def describe_close(code: int | None, reason: str = "") -> str:
    """One line for the status bar; the server's reason is appended when it says more."""
    if code is None:
        return "Connection lost"
    text = _TEXT.get(code, f"Connection closed (code {code})")
    reason = reason.strip()
    if reason and reason.lower() not in text.lower():
        text = f"{text} ({reason})"
    return text


def describe_connect_error(exc: BaseException) -> str:
    """One line for a failed connection attempt (the server was not reached)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "Cannot reach the server: its certificate could not be verified"
    if isinstance(exc, socket.gaierror):
        return "Cannot reach the server: its address could not be found"
    if isinstance(exc, ConnectionRefusedError):
        return "Cannot reach the server: connection refused"
    if isinstance(exc, TimeoutError):
        return "Cannot reach the server: no answer in time"
    if isinstance(exc, InvalidHandshake):
        return "Cannot reach the server: it did not answer as a LiveDesk server"
    if isinstance(exc, OSError) and exc.strerror:
        return f"Cannot reach the server: {exc.strerror.lower()}"
    return f"Cannot reach the server ({type(exc).__name__})"
