"""OBS Studio through obs-websocket v5: connection, health, overlay sources, scene rules (no Qt)."""
