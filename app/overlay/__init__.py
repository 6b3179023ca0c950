"""Stream overlay: pages for OBS browser sources, served by the console on 127.0.0.1 (no Qt)."""
