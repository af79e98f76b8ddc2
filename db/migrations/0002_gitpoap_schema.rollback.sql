-- Drops the gitpoap schema with its tables, functions and triggers.
SET LOCAL lock_timeout = '5s';  -- never queue behind app traffic holding locks (squawk: require-lock-timeout)
DROP SCHEMA gitpoap CASCADE;
