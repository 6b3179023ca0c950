"""Where the embedded backend listens: this computer only, or the network (with TLS if set up).

The creator's own console always connects over loopback. On the network, a certificate and
key make it wss://; without them it is plain ws:// and the console must say so, loudly.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from dataclasses import dataclass

LOCAL_HOST = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"  # every IPv4 interface: the creator let moderators in
DEFAULT_LAN_PORT = 8765


@dataclass(frozen=True)
class ListenPlan:
    """How to start the embedded server, and what to tell the creator about it."""

    host: str
    port: int
    server_ssl: ssl.SSLContext | None = None
    client_ssl: ssl.SSLContext | None = None  # for the creator's own loopback connection
    problem: str = ""  # why the wanted setup could not be used (shown to the creator)

    @property
    def on_network(self) -> bool:
        return self.host != LOCAL_HOST

    @property
    def encrypted(self) -> bool:
        return self.server_ssl is not None

    @property
    def exposed_without_tls(self) -> bool:
        return self.on_network and not self.encrypted

    @property
    def scheme(self) -> str:
        return "wss" if self.encrypted else "ws"

    def local_url(self, port: int) -> str:
        return f"{self.scheme}://{LOCAL_HOST}:{port}/ws"

    def network_urls(self, port: int) -> list[str]:
        """Addresses moderators on other computers can use (empty when local only)."""
        if not self.on_network:
            return []
        return [f"{self.scheme}://{address}:{port}/ws" for address in lan_addresses()]


def load_tls(cert: str, key: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, loopback client context) for a PEM certificate and key.

    The client context trusts the system's CAs and this certificate itself, and skips the
    host name check: it only ever connects to 127.0.0.1, which the certificate need not name.
    Raises OSError or ssl.SSLError with the reason.
    """
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.minimum_version = ssl.TLSVersion.TLSv1_2
    server.load_cert_chain(cert, key)
    client = ssl.create_default_context()
    client.load_verify_locations(cafile=cert)
    client.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    client.check_hostname = False
    return server, client


def plan_listen(lan_enabled: bool, port: int, cert: str = "", key: str = "") -> ListenPlan:
    """The listen setup for the creator's settings; never fails, explains in `problem`."""
    if not lan_enabled:
        return ListenPlan(LOCAL_HOST, 0)
    port = port if 0 <= port <= 65535 else DEFAULT_LAN_PORT  # 0: any free port (tests)
    cert, key = cert.strip(), key.strip()
    if not cert and not key:
        return ListenPlan(ALL_INTERFACES, port)
    if not cert or not key:
        return ListenPlan(
            LOCAL_HOST,
            0,
            problem="TLS needs both a certificate and its key; the backend stays on this "
            "computer until both are set.",
        )
    try:
        server, client = load_tls(cert, key)
    except (OSError, ssl.SSLError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or str(exc)
        return ListenPlan(
            LOCAL_HOST,
            0,
            problem=f"The TLS certificate or key could not be loaded ({reason}); the backend "
            "stays on this computer.",
        )
    return ListenPlan(ALL_INTERFACES, port, server, client)


def local_only(plan: ListenPlan, problem: str) -> ListenPlan:
    """The fallback when the network port cannot be used (e.g. it is taken)."""
    return ListenPlan(LOCAL_HOST, 0, problem=problem)


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses other computers on the network are likely to reach."""
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        # No packet is sent: connecting a UDP socket only picks the outgoing interface.
        probe.connect(("192.0.2.1", 9))
        found.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if address not in found:
                found.append(address)
    usable = [a for a in found if not a.startswith("127.") and a != ALL_INTERFACES]
    return usable or [LOCAL_HOST]
