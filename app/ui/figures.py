"""How the console writes its figures: one function per kind, used by every view of it."""

from __future__ import annotations

from app.ui import formatting


def format_diamonds(value: int) -> str:
    """A diamond total, in full with the UI language's digit grouping ("10,000,001",
    "10.000.001"): the session bar, the alerts' session summary and the moderator window
    all show the same text for it."""
    return formatting.number(value)
