"""The committed app icons: every size, and .ico/.icns files Windows and macOS can read."""

from __future__ import annotations

import struct

from tests.packaging.conftest import ROOT, load

ICONS = ROOT / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
make_icons = load("packaging/make_icons.py")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_every_png_size_exists_and_is_square() -> None:
    for size in make_icons.PNG_SIZES:
        assert png_size((ICONS / f"livedesk-{size}.png").read_bytes()) == (size, size)


def test_ico_directory_points_at_pngs_of_the_sizes_it_claims() -> None:
    data = (ICONS / "livedesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for index in range(count):
        entry = data[6 + 16 * index : 22 + 16 * index]
        width, height, *_, length, offset = struct.unpack("<BBBBHHII", entry)
        side = width or 256
        assert width == height
        assert png_size(data[offset : offset + length]) == (side, side)


def test_icns_chunks_cover_the_retina_sizes_and_add_up() -> None:
    data = (ICONS / "livedesk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    chunks, position = {}, 8
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        chunks[kind] = data[position + 8 : position + length]
        position += length
    assert position == len(data)
    for kind, size in make_icons.ICNS_TYPES:
        assert png_size(chunks[kind]) == (size, size)
