"""Asyncio sync client: connect, auth, heartbeat, resume, dedupe, outbox (no Qt)."""
