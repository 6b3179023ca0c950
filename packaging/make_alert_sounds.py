"""Writes the short alert sounds (resources/sounds/*.wav) from plain sine tones; no samples.

Run: .venv/bin/python packaging/make_alert_sounds.py   (the output is committed; re-run after a
change here). Mono, 16-bit, 22,050 Hz: a few tens of kilobytes each.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"

# (start s, frequency Hz, length s, loudness 0..1) per note.
Note = tuple[float, float, float, float]

SOUNDS: dict[str, list[Note]] = {
    # A quick two-note chime: small gifts come often, so it stays short and soft.
    "gift_small": [(0.0, 1046.5, 0.18, 0.55), (0.09, 1568.0, 0.26, 0.5)],
    # A rising arpeggio (C6 E6 G6).
    "gift_medium": [(0.0, 1046.5, 0.3, 0.5), (0.1, 1318.5, 0.3, 0.5), (0.2, 1568.0, 0.45, 0.55)],
    # A short fanfare ending on a held major chord.
    "gift_big": [
        (0.0, 523.3, 0.16, 0.45),
        (0.14, 659.3, 0.16, 0.45),
        (0.28, 784.0, 0.16, 0.45),
        (0.42, 1046.5, 0.8, 0.4),
        (0.42, 1318.5, 0.8, 0.3),
        (0.42, 1568.0, 0.8, 0.3),
    ],
    # Two warm bell tones a fourth apart: different from every gift sound.
    "member": [(0.0, 880.0, 0.5, 0.5), (0.16, 1174.7, 0.55, 0.5)],
}


def _note_sample(t: float, freq: float, length: float) -> float:
    if t < 0 or t >= length:
        return 0.0
    attack = min(t / 0.008, 1.0)  # 8 ms attack: no click
    decay = math.exp(-4.0 * t / length)  # bell-like fade
    release = min((length - t) / 0.02, 1.0)  # 20 ms release: no click at the end
    # A little second harmonic makes a sine sound less like a test tone.
    wave_ = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
    return wave_ / 1.25 * attack * decay * release


def render(notes: list[Note]) -> bytes:
    total = max(start + length for start, _, length, _ in notes) + 0.03
    frames = bytearray()
    for i in range(int(total * RATE)):
        t = i / RATE
        value = sum(
            loud * _note_sample(t - start, freq, length) for start, freq, length, loud in notes
        )
        value = max(-1.0, min(1.0, value))
        frames += struct.pack("<h", int(value * 32767 * 0.9))
    return bytes(frames)


def write(name: str, pcm: bytes, out_dir: Path = OUT) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return path


def main() -> None:
    for name, notes in SOUNDS.items():
        path = write(name, render(notes))
        print(f"{path.relative_to(OUT.parents[1])}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
