-- human_points.count_past_scores: a community that joined the program later gets its stored scores counted.
CREATE OR REPLACE FUNCTION human_points.count_past_scores(p_community_id integer, p_since timestamptz)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_community human_points.community;
    v_before    bigint;
    v_ids       bigint[];
BEGIN
    IF p_since IS NULL THEN
        RAISE EXCEPTION 'since must be a timestamp with a time zone (got null)'
            USING ERRCODE = 'null_value_not_allowed', COLUMN = 'since';
    END IF;
    -- Score inserts in this community wait from here until the commit; those in flight have finished.
    v_community := human_points._lock_community(p_community_id);
    IF NOT v_community.human_points_program THEN
        RAISE EXCEPTION 'community_id: community % is not in the program', p_community_id
            USING ERRCODE = 'object_not_in_prerequisite_state', COLUMN = 'community_id',
                  HINT = 'runner points communities set-program ID on --count-since TIME switches it in and counts';
    END IF;
    IF NOT (SELECT s.write_enabled FROM human_points.settings s) THEN
        RAISE EXCEPTION 'human_points.settings.write_enabled: writes are disabled, so nothing would be counted'
            USING ERRCODE = 'object_not_in_prerequisite_state', COLUMN = 'write_enabled',
                  HINT = 'runner points enable, then count again';
    END IF;

    SELECT count(*) INTO v_before FROM human_points.qualified_community q WHERE q.community_id = p_community_id;
    -- The events earn through human_points._award_score_events, as live events do: the same rules and locks, each once.
    v_ids := ARRAY(SELECT s.id FROM human_points.score s
                   WHERE s.community_id = p_community_id AND s.scored_at >= p_since ORDER BY s.id);
    PERFORM human_points._award_score_events(v_ids);
    RETURN jsonb_build_object(
        'scores', cardinality(v_ids),
        'qualified', (SELECT count(*) FROM human_points.qualified_community q WHERE q.community_id = p_community_id)
                     - v_before);
END
$$;
COMMENT ON FUNCTION human_points.count_past_scores(integer, timestamptz) IS
    'Counts the stored scores of program community p_community_id scored at or after p_since as if they arrived now (qualifications, passing_scores, scoring_bonus, stamp actions, each once; idempotent): {"scores": events replayed, "qualified": new qualifications in it}. Refuses a community outside the program and a disabled kill switch.';
REVOKE ALL ON FUNCTION human_points.count_past_scores(integer, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.count_past_scores(integer, timestamptz) TO rewards_admin;
