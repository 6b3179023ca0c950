"""Where the embedded backend listens: local by default, the network only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.server.listen import ALL_INTERFACES, LOCAL_HOST, lan_addresses, plan_listen
from tests.certs import self_signed


def test_local_only_unless_the_creator_opens_it() -> None:
    plan = plan_listen(False, 9999, "x.pem", "y.pem")
    assert (plan.host, plan.port, plan.on_network, plan.problem) == (LOCAL_HOST, 0, False, "")
    assert plan.local_url(4321) == "ws://127.0.0.1:4321/ws"
    assert plan.network_urls(4321) == []


def test_on_the_network_without_tls_is_flagged() -> None:
    plan = plan_listen(True, 8800)
    assert (plan.host, plan.port) == (ALL_INTERFACES, 8800)
    assert plan.exposed_without_tls and not plan.encrypted
    assert all(url.startswith("ws://") for url in plan.network_urls(8800))


def test_with_a_certificate_it_is_wss_and_the_local_client_trusts_it(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    plan = plan_listen(True, 8800, str(cert), str(key))
    assert plan.encrypted and not plan.exposed_without_tls and plan.client_ssl is not None
    assert plan.local_url(8800) == "wss://127.0.0.1:8800/ws"
    assert plan.network_urls(8800)[0].startswith("wss://")


@pytest.mark.parametrize(("cert", "key"), [("only-cert.pem", ""), ("missing.pem", "missing.key")])
def test_a_broken_tls_setup_keeps_the_backend_local_and_says_why(cert: str, key: str) -> None:
    plan = plan_listen(True, 8800, cert, key)
    assert not plan.on_network
    assert plan.problem and "this computer" in plan.problem


def test_lan_addresses_never_offer_loopback_when_a_network_exists() -> None:
    addresses = lan_addresses()
    assert addresses
    assert all(a != "0.0.0.0" for a in addresses)
