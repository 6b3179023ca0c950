"""Debian's Chromium for the page tests (Playwright drives it; it downloads no browser)."""

from __future__ import annotations

import os
import shutil

BROWSER = os.environ.get("LIVEDESK_TEST_BROWSER") or shutil.which("chromium") or ""
# As the machine's own checks start it: no sandbox as root, and no calls home.
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
