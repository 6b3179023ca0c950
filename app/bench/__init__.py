"""`python -m app.bench`: measures the chat path against its targets (see README, Performance)."""
