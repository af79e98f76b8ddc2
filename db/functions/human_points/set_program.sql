-- human_points.set_program: switch a community into or out of the program, under the lock count_past_scores takes.
CREATE OR REPLACE FUNCTION human_points.set_program(p_id integer, p_program boolean)
RETURNS human_points.community
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_community human_points.community;
BEGIN
    IF p_program IS NULL THEN
        RAISE EXCEPTION 'program must be on or off (got null)' USING ERRCODE = 'null_value_not_allowed', COLUMN = 'program';
    END IF;
    -- The row lock of count_past_scores (an UPDATE alone would take NO KEY UPDATE, which score inserts pass).
    PERFORM human_points._lock_community(p_id);
    UPDATE human_points.community c SET human_points_program = p_program WHERE c.id = p_id RETURNING * INTO v_community;
    RETURN v_community;
END
$$;
COMMENT ON FUNCTION human_points.set_program(integer, boolean) IS
    'Switches community p_id into (true) or out of (false) the program and returns its row; only later scores are affected unless count_past_scores follows in the same transaction. Unknown id: no_data_found naming community_id.';
REVOKE ALL ON FUNCTION human_points.set_program(integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.set_program(integer, boolean) TO rewards_admin;
