-- Drops the gitpoap schema with its tables, functions and triggers.
DROP SCHEMA gitpoap CASCADE;
