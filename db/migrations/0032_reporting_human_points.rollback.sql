-- Drops the Human Points reporting views.
DROP VIEW reporting.points_daily;
DROP VIEW reporting.points_program_summary;
DROP VIEW reporting.points_leaderboard;
