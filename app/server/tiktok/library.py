"""The TikTokLive package, imported in one place.

TikTokLive 7.0.1 imports `websockets.legacy` and deprecated names of websockets 14+, which warn
on import; the warnings are about the library's internals, not ours, so deprecation warnings
are silenced for this import only.

LiveDesk decodes frames with `TikTokLiveClient._parse_webcast_response_message`: the step of the
library's own `_parse_webcast_response` that turns one message of a frame into the library's
event objects (a private method: this is why the version is pinned exactly).
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from TikTokLive import TikTokLiveClient, proto
    from TikTokLive.client import errors
    from TikTokLive.events import custom_events, proto_events
    from TikTokLive.proto.custom_proto import ControlAction

__all__ = [
    "ControlAction",
    "TikTokLiveClient",
    "custom_events",
    "errors",
    "proto",
    "proto_events",
]
