-- Drops the reporting schema and its views.
DROP SCHEMA reporting CASCADE;
