"""The Qt scenarios of `python -m app.bench` (run by it, each in its own process)."""
