"""Where the fan page lives on a LiveDesk server (PROTOCOL.md, "Fans"): beside its websocket."""

from __future__ import annotations

import urllib.parse

FAN_PREFIX = "/fan/"


def fan_page_url(ws_url: str) -> str:
    """The fan page's address for a server's websocket URL (ws://h:p/ws -> http://h:p/fan/)."""
    parts = urllib.parse.urlsplit(ws_url)
    scheme = "https" if parts.scheme == "wss" else "http"
    return urllib.parse.urlunsplit((scheme, parts.netloc, FAN_PREFIX, "", ""))
