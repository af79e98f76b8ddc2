-- human_points.upsert_community: add a community or change its name and program membership.
CREATE OR REPLACE FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean)
RETURNS human_points.community
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO human_points.community (id, name, human_points_program)
    VALUES (p_id, coalesce(p_name, ''), coalesce(p_human_points_program, false))
    ON CONFLICT (id) DO UPDATE
        SET name = excluded.name, human_points_program = excluded.human_points_program
    RETURNING *
$$;
COMMENT ON FUNCTION human_points.upsert_community(integer, text, boolean) IS
    'Creates or updates a community; a change of human_points_program affects later scores only (set_program, then count_past_scores in the same transaction, also counts stored ones).';
REVOKE ALL ON FUNCTION human_points.upsert_community(integer, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.upsert_community(integer, text, boolean) TO rewards_admin;
