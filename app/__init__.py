"""LiveDesk: a desktop console for live-stream creators and their moderators."""

__version__ = "0.1.0"
