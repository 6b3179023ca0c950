"""Frozen entry point of `livedesk-server` (PyInstaller runs this file as a script)."""

import sys

from app.server.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
