"""The creator's Service+ inquiry inbox and service bio (install_inbox is the entry point)."""

from app.ui.inbox.feature import InboxFeature, install_inbox

__all__ = ["InboxFeature", "install_inbox"]
