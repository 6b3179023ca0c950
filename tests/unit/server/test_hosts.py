"""The Host allow-list of the fan page (DNS rebinding): only names that mean this server."""

from __future__ import annotations

import pytest

from app.server.hosts import AllowedHosts
from app.server.listen import lan_addresses


def test_a_loopback_listener_answers_to_loopback_names_on_its_port_only() -> None:
    hosts = AllowedHosts("127.0.0.1", 8765, tls=False)
    for host in ("127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765", "[::1]:8765"):
        assert hosts.allows(host), host
    for host in (
        "evil.example:8765",
        "127.0.0.1:8766",
        "127.0.0.1",  # port 80
        "localhost.evil.example:8765",
        "",
        "127.0.0.1:8765 ",
        "user@127.0.0.1:8765",
    ):
        assert not hosts.allows(host), host


def test_a_network_listener_answers_to_this_computers_addresses() -> None:
    hosts = AllowedHosts("0.0.0.0", 8765, tls=True)
    own = lan_addresses()[0]
    assert hosts.allows(f"{own}:8765")
    assert hosts.allows("localhost:8765")
    assert not hosts.allows("192.0.2.1:8765")  # TEST-NET: no computer's address
    assert not hosts.allows("evil.example:8765")
    assert not hosts.allows(f"{own}:443")


def test_a_listener_on_one_address_answers_to_that_address() -> None:
    hosts = AllowedHosts("192.0.2.10", 443, tls=True)
    assert hosts.allows("192.0.2.10")  # https default port
    assert hosts.allows("192.0.2.10:443")
    assert not hosts.allows("localhost:443")


def test_public_names() -> None:
    hosts = AllowedHosts("127.0.0.1", 8765, tls=False, public_names=["Live.Example.org"])
    assert hosts.allows("live.example.org")
    assert hosts.allows("live.example.org:8765")
    assert not hosts.allows("live.example.org:9000")
    with pytest.raises(ValueError):
        AllowedHosts("127.0.0.1", 8765, tls=False, public_names=["https://x/"])


def test_the_command_line_takes_public_names_and_refuses_urls() -> None:
    from app.server.__main__ import parse_args

    args = parse_args(["--public-name", "live.example.org", "--public-name", "b.example:8443"])
    assert args.public_name == ["live.example.org", "b.example:8443"]
    with pytest.raises(SystemExit):
        parse_args(["--public-name", "https://live.example.org/"])
