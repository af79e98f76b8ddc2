-- Drops the Human Points reporting views.
SET LOCAL lock_timeout = '5s';
DROP VIEW reporting.points_daily;
DROP VIEW reporting.points_program_summary;
DROP VIEW reporting.points_leaderboard;
