-- human_points.status: the program's settings and its program communities.
CREATE OR REPLACE FUNCTION human_points.status()
RETURNS jsonb
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'write_enabled', s.write_enabled,
        'pass_threshold', s.pass_threshold,
        'bonus_communities', s.bonus_communities,
        'program_communities', coalesce((SELECT jsonb_agg(c.id ORDER BY c.id)
                                         FROM human_points.community c WHERE c.human_points_program), '[]'::jsonb))
    FROM human_points.settings s
$$;
COMMENT ON FUNCTION human_points.status() IS
    '{"write_enabled", "pass_threshold", "bonus_communities", "program_communities": [community ids]}.';
REVOKE ALL ON FUNCTION human_points.status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.status() TO rewards_app;
