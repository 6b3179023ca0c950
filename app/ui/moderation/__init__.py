"""Moderation: held-for-review queue, blocked terms, room modes, moderation log, user cards,
the moderator window on the creator's PC, moderator invites and the network listener."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.console import Console
    from app.ui.moderation.feature import ModerationFeature


def install_moderation(console: Console) -> ModerationFeature:
    """Build the moderation widgets for `console` and place them by role.

    A moderator's console gets the moderation layout (room modes, held queue and blocked
    terms, the log beside the chat); the creator's gets a "Moderation" page with the same
    tools. Both get a user card when a chat line is clicked.
    """
    from app.ui.moderation.layouts import place_for_creator, place_for_moderator

    if console.role == "creator":
        return place_for_creator(console)
    return place_for_moderator(console)
