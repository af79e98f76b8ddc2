-- Human Points Program: remove the seeded actions and settings row (fails if points reference them).
SET LOCAL lock_timeout = '5s';
DELETE FROM human_points.settings;
DELETE FROM human_points.action;
