-- Drops the reporting schema and its views.
SET LOCAL lock_timeout = '5s';
DROP SCHEMA reporting CASCADE;
