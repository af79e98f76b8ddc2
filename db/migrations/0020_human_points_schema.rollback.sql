-- Human Points Program: drop the schema and everything in it (functions and triggers included).
SET LOCAL lock_timeout = '5s';
DROP SCHEMA human_points CASCADE;
