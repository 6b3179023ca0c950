"""Counting attempts per remote address in a sliding window (sign-ups, pass redeeming).

An IPv6 address is counted by its /64 network: one home or phone gets a whole /64 and can
pick any address in it, so a limit per full address would be no limit. An IPv4 address
(also written IPv4-mapped, ::ffff:a.b.c.d) is counted by itself.

Memory stays bounded without ever forgetting an address that is still within its window
while there is room: at the cap, expired entries go first, then the least recently counted
one (never all at once, which would also free the address being limited).
"""

from __future__ import annotations

import ipaddress
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from websockets.asyncio.server import ServerConnection

_MAX_TRACKED_ADDRESSES = 10_000
_IPV6_NETWORK_BITS = 64


def remote_address(connection: ServerConnection) -> str:
    """The peer's IP address of a websockets connection ("?" if it has none)."""
    try:
        return str(connection.remote_address[0])
    except (TypeError, IndexError):
        return "?"


def address_key(address: str) -> str:
    """What one sender is counted as: an IPv4 address, or an IPv6 address's /64."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone id
    except ValueError:
        return address  # not an IP (e.g. "?" for an unknown peer): counted as given
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        network = ipaddress.IPv6Network((ip, _IPV6_NETWORK_BITS), strict=False)
        return str(network)
    return str(ip)


class AddressWindow:
    """At most `limit` counted attempts per address (IPv6: per /64) within `window_s` seconds."""

    def __init__(
        self,
        limit: int,
        window_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_tracked: int = _MAX_TRACKED_ADDRESSES,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._max_tracked = max_tracked
        # Ordered by each key's latest attempt, oldest first (count() moves a key to the end).
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._hits)

    def wait_s(self, address: str) -> float | None:
        """Seconds until this address may try again, or None if it may now."""
        key = address_key(address)
        hits = self._hits.get(key)
        if hits is None:
            return None
        now = self._clock()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[key]
            return None
        if len(hits) < self.limit:
            return None
        return max(0.001, hits[0] + self.window_s - now)

    def count(self, address: str) -> None:
        key = address_key(address)
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            self._make_room(now)
            hits = self._hits[key] = deque()
        else:
            self._hits.move_to_end(key)
        hits.append(now)
        while len(hits) > self.limit:  # older attempts than the limit no longer matter
            hits.popleft()

    def _make_room(self, now: float) -> None:
        """Free one place for a new key: expired keys first, else the least recently counted."""
        while self._hits:
            oldest = next(iter(self._hits.values()))
            if oldest[-1] > now - self.window_s:
                break
            self._hits.popitem(last=False)  # its latest attempt is out of the window
        while len(self._hits) >= self._max_tracked:
            self._hits.popitem(last=False)
