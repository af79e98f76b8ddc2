-- Human Points Program: drop the schema and everything in it (functions and triggers included).
DROP SCHEMA human_points CASCADE;
