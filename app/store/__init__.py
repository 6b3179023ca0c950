"""Local SQLite cache of events, chat history with full-text search, and the outbox."""
