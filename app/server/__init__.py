"""Reference backend and simulated audience (python -m app.server)."""
