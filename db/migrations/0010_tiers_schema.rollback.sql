-- tiers: drop the schema with its tables, functions and triggers.
SET LOCAL lock_timeout = '5s';
DROP SCHEMA tiers CASCADE;
