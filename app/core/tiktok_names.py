"""TikTok usernames as creators type them (the console and the bridge both read them)."""

from __future__ import annotations


def normalize_username(text: str) -> str:
    """'@Mia.Draws ', 'https://www.tiktok.com/@mia.draws/live' → 'mia.draws' ("" if none)."""
    name = text.strip()
    if "tiktok.com/" in name:
        name = name.split("tiktok.com/", 1)[1].split("/", 1)[0]
    return name.lstrip("@").strip().lower()
