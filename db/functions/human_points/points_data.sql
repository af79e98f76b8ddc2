-- human_points.points_data: what the seed's ceramic-cache points endpoint returns, for one address.
CREATE OR REPLACE FUNCTION human_points.points_data(p_address text)
RETURNS jsonb
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH target AS (
        SELECT human_points.normalize_address(p_address, 'points_data.address') AS address
    ),
    per_action AS (
        SELECT p.action, sum(p.points) AS points
        FROM human_points.points p
        JOIN target t ON t.address = p.address
        GROUP BY p.action
    )
    SELECT jsonb_build_object(
        'total_points', coalesce((SELECT sum(points) FROM per_action), 0),
        'is_eligible', coalesce((SELECT s.passing_scores >= 1
                                 FROM human_points.program_stats s JOIN target t ON t.address = s.address), false),
        'multiplier', coalesce((SELECT m.multiplier
                                FROM human_points.multiplier m JOIN target t ON t.address = m.address), 1),
        'breakdown', coalesce((SELECT jsonb_object_agg(action, points) FROM per_action), '{}'::jsonb))
    FROM target
$$;
COMMENT ON FUNCTION human_points.points_data(text) IS
    'Points of an address (any case): {"total_points": int, "is_eligible": passing_scores >= 1, "multiplier": int (1 without a row), "breakdown": {action: points}}. Summed when queried.';
REVOKE ALL ON FUNCTION human_points.points_data(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.points_data(text) TO rewards_app;
