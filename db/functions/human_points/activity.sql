-- human_points.activity: row counts and the newest point awarded (for runner status).
CREATE OR REPLACE FUNCTION human_points.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT jsonb_build_object(
        'counts', jsonb_build_object(
            'communities', (SELECT count(*) FROM human_points.community),
            'scores', (SELECT count(*) FROM human_points.score),
            'mints', (SELECT count(*) FROM human_points.mint),
            'points', (SELECT count(*) FROM human_points.points),
            'multipliers', (SELECT count(*) FROM human_points.multiplier)),
        'newest_point_at', (SELECT max(p."timestamp") FROM human_points.points p));
END;

COMMENT ON FUNCTION human_points.activity() IS '{"counts": {table: rows}, "newest_point_at"}: what runner status prints for human_points (settings come from human_points.status()).';
REVOKE ALL ON FUNCTION human_points.activity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.activity() TO rewards_admin;
