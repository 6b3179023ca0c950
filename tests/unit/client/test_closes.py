"""Texts the status bar shows for closes and failed connection attempts."""

from __future__ import annotations

import socket

from app.client.closes import describe_close, describe_connect_error


def test_close_texts_are_plain_and_carry_the_server_reason() -> None:
    assert describe_close(4003, "access revoked") == "Signed out: token revoked (access revoked)"
    assert describe_close(None) == "Connection lost"
    assert describe_close(4999, "") == "Connection closed (code 4999)"
    assert describe_close(1001, "server is restarting") == "The server is restarting"


def test_connect_errors_read_plainly() -> None:
    assert describe_connect_error(ConnectionRefusedError(111, "Connection refused")) == (
        "Cannot reach the server: connection refused"
    )
    assert describe_connect_error(socket.gaierror(-2, "Name or service not known")) == (
        "Cannot reach the server: its address could not be found"
    )
    assert describe_connect_error(TimeoutError()) == "Cannot reach the server: no answer in time"
