"""Which `Host` names this server answers to on its cookie-signed paths (the fan page).

A browser sends a page's cookies and sets its `Origin` by the name in the address bar, not by
the address the name resolved to. A page of `http://evil.example:PORT` whose DNS name was
re-pointed at this computer ("DNS rebinding") is, for the browser, a page of that name, so
its requests carry `Host: evil.example:PORT` and `Origin: http://evil.example:PORT`: they
agree with each other, and a check of Origin against Host alone lets them through. Hence an
allow-list of names that can only mean this server:

- `localhost`, `127.0.0.1` and `[::1]` when the server listens on loopback or on every
  interface;
- the address it listens on, when that is one address;
- when it listens on every interface, any IP address of this computer (its LAN addresses,
  also after they change): an address typed in a browser is never an attacker's name;
- the public names it was given (`public_names`, e.g. the name of a reverse proxy).

The port must be the server's (or absent for 80/443), except that a public name given
without a port also stands for the default port of the scheme (a proxy in front).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
from collections.abc import Iterable

_HOST_RE = re.compile(r"^(?P<name>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?$")
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def split_host(host: str) -> tuple[str, int | None] | None:
    """("name" lowercased, IPv6 in brackets; port or None) of a Host header, None if malformed."""
    match = _HOST_RE.match(host)
    if match is None:
        return None
    port = match["port"]
    return match["name"].lower(), (int(port) if port is not None else None)


def _literal(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
    except ValueError:
        return None


def _bracketed(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def is_own_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True if `ip` is an address of this computer (binding a socket to it succeeds)."""
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.bind((str(ip), 0))
        return True
    return False


class AllowedHosts:
    """The allow-list for one listening server (see the module text)."""

    def __init__(
        self, listen_host: str, port: int, *, tls: bool, public_names: Iterable[str] = ()
    ) -> None:
        self.port = port
        self.default_port = 443 if tls else 80
        self.wildcard = listen_host in _WILDCARDS
        listen = _literal(listen_host)
        self.loopback = self.wildcard or (listen is not None and listen.is_loopback)
        self.names: set[str] = set(_LOOPBACK_NAMES) if self.loopback else set()
        if not self.wildcard:
            self.names.add(_bracketed(listen_host).lower())
        self.public: set[tuple[str, int | None]] = set()
        for public in public_names:
            parsed = split_host(public.strip())
            if parsed is None:
                raise ValueError(f"not a host name (with an optional port): {public!r}")
            self.public.add(parsed)

    def allows(self, host: str) -> bool:
        parsed = split_host(host)
        if parsed is None:
            return False
        name, port = parsed
        if (name, port) in self.public:
            return True
        if port is None and (name, None) in self.public:
            return True
        if port == self.port and (name, None) in self.public:
            return True
        if (port if port is not None else self.default_port) != self.port:
            return False
        if name in self.names:
            return True
        if self.wildcard:
            ip = _literal(name)
            return ip is not None and (ip.is_loopback or is_own_address(ip))
        return False
