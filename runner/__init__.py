"""pg-rewards: the thin Python side of a rewards engine that lives in PostgreSQL."""
