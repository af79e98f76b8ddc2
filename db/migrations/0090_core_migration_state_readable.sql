-- depends: 0087_human_points_validate_score_bounds
-- core: rewards_admin may read which migrations are applied (yoyo's table), so `runner status` answers with
-- read-only rights and on a hot standby without creating anything.
SET LOCAL lock_timeout = '5s';
GRANT USAGE ON SCHEMA yoyo TO rewards_admin;
GRANT SELECT ON yoyo._yoyo_migration TO rewards_admin;
