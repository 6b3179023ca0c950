"""Pure domain logic: gift streaks, roles, inquiries, earnings (no Qt, no I/O)."""
