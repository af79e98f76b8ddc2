"""The SQL of pg-rewards, installed as the package runner.sql: migrations/, functions/, triggers/ (read by runner.migrate)."""
