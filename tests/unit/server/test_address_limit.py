"""Per-address attempt limits: an IPv6 /64 is one sender, and a flood of addresses frees
nobody who is still limited while there is room (only the least recently active go)."""

from __future__ import annotations

from app.server.address_limit import AddressWindow, address_key


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_every_address_in_one_ipv6_64_shares_one_limit() -> None:
    window = AddressWindow(5, 60.0, clock=Clock())
    for host in range(5):
        address = f"2001:db8:1:2::{host + 1:x}"
        assert window.wait_s(address) is None
        window.count(address)
    # A sixth address in the same /64 (even written differently) is limited too ...
    assert window.wait_s("2001:db8:1:2:ffff:ffff:ffff:fffe") is not None
    assert window.wait_s("2001:0db8:0001:0002:0000:0000:0000:0099") is not None
    # ... the neighbouring /64 is another sender.
    assert window.wait_s("2001:db8:1:3::1") is None


def test_ipv4_is_counted_per_address_also_when_written_ipv4_mapped() -> None:
    window = AddressWindow(2, 60.0, clock=Clock())
    window.count("192.0.2.7")
    window.count("::ffff:192.0.2.7")
    assert window.wait_s("192.0.2.7") is not None
    assert window.wait_s("::ffff:c000:207") is not None
    assert window.wait_s("192.0.2.8") is None
    assert address_key("192.0.2.8") == "192.0.2.8"
    assert address_key("fe80::1%eth0") == "fe80::/64"
    assert address_key("?") == "?"


def test_a_flood_of_new_addresses_does_not_free_a_limited_one() -> None:
    clock = Clock()
    window = AddressWindow(3, 3600.0, clock=clock, max_tracked=100)
    for _ in range(3):
        window.count("198.51.100.1")
    assert window.wait_s("198.51.100.1") is not None
    # The limited address keeps trying (each attempt is counted), while a flood of fresh
    # addresses, far more than are tracked, comes in.
    for n in range(1000):
        clock.now += 0.1
        window.count(f"10.{n // 256}.{n % 256}.1")
        if n % 50 == 0:
            window.count("198.51.100.1")
    assert window.wait_s("198.51.100.1") is not None
    assert len(window) <= 100


def test_expired_entries_make_room_before_any_live_one_goes() -> None:
    clock = Clock()
    window = AddressWindow(1, 60.0, clock=clock, max_tracked=3)
    window.count("192.0.2.1")  # limited, and stays within its window
    clock.now += 30
    window.count("192.0.2.2")
    window.count("192.0.2.3")
    clock.now += 31  # .1 has expired, .2 and .3 have not
    window.count("192.0.2.4")
    assert window.wait_s("192.0.2.2") is not None
    assert window.wait_s("192.0.2.3") is not None
    assert window.wait_s("192.0.2.4") is not None
    assert len(window) == 3
