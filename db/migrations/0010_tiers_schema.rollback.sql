-- tiers: drop the schema with its tables, functions and triggers.
DROP SCHEMA tiers CASCADE;
