"""How the console writes its figures: one function per kind, used by every view of it."""

from __future__ import annotations


def format_diamonds(value: int) -> str:
    """A diamond total, in full with digit grouping ("10,000,001"): the session bar, the
    alerts' session summary and the moderator window all show the same text for it."""
    return f"{value:,}"
