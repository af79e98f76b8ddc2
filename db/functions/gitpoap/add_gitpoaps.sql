-- gitpoap.add_gitpoaps: one GitPOAP per level for a project and year; returns the claims each issued.
CREATE OR REPLACE FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[])
    RETURNS TABLE (gitpoap_id bigint, level integer, threshold integer, claims_issued bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint;
    v_ids bigint[];
BEGIN
    v_project_id := gitpoap.project_id(p_project);
    IF coalesce(cardinality(p_thresholds), 0) = 0 OR array_position(p_thresholds, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'gitpoap.gitpoap.threshold: give one threshold per level, e.g. {1,5,20}'
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'threshold';
    END IF;

    -- The INSERT's statement trigger checks the threshold order and issues the claims.
    WITH added AS (
        INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold)
        SELECT v_project_id, format('%s %s contributor, level %s', p_project, p_year, t.level), p_year, t.level, t.threshold
        FROM unnest(p_thresholds) WITH ORDINALITY AS t(threshold, level)
        RETURNING id
    )
    SELECT array_agg(a.id) INTO v_ids FROM added a;

    RETURN QUERY
    SELECT g.id, g.level, g.threshold, (SELECT count(*) FROM gitpoap.claim c WHERE c.gitpoap_id = g.id)
    FROM gitpoap.gitpoap g
    WHERE g.id = ANY (v_ids)
    ORDER BY g.level;
END;
$$;

COMMENT ON FUNCTION gitpoap.add_gitpoaps(text, integer, integer[]) IS 'Creates one GitPOAP per level for project p_project (by name) and UTC year p_year: level k gets threshold p_thresholds[k]. Claims are issued from the counters at once. Returns each GitPOAP with the claims it issued.';
REVOKE ALL ON FUNCTION gitpoap.add_gitpoaps(text, integer, integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.add_gitpoaps(text, integer, integer[]) TO rewards_admin;
