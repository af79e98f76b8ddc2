-- Checks level/threshold order and issues the claims of new, enabled or lowered GitPOAPs from the counters.
CREATE OR REPLACE FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_bad record;
    v_issued integer;
BEGIN
    -- Waits for PR counting in flight and holds new counting back until this transaction ends, so that a claim
    -- reached meanwhile is issued by exactly one side; also serialises GitPOAP changes (the order check below).
    PERFORM gitpoap._lock_counters();

    SELECT lo.project_id, lo.year, lo.level AS lo_level, lo.threshold AS lo_threshold,
           hi.level AS hi_level, hi.threshold AS hi_threshold
    INTO v_bad
    FROM gitpoap.gitpoap lo
    JOIN gitpoap.gitpoap hi
      ON hi.project_id = lo.project_id AND hi.year = lo.year AND hi.level > lo.level AND hi.threshold <= lo.threshold
    WHERE (lo.project_id, lo.year) IN (SELECT project_id, year FROM gitpoap.gitpoap WHERE id = ANY (p_gitpoap_ids))
    ORDER BY lo.project_id, lo.year, lo.level, hi.level
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'gitpoap.threshold: level % needs a threshold greater than level %''s % (got %) in project % year %',
            v_bad.hi_level, v_bad.lo_level, v_bad.lo_threshold, v_bad.hi_threshold, v_bad.project_id, v_bad.year
            USING ERRCODE = 'check_violation', CONSTRAINT = 'gitpoap_threshold_increases_with_level';
    END IF;

    INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
    SELECT g.id, g.project_id, c.user_id, e.id
    FROM gitpoap.issuing_gitpoap g
    JOIN gitpoap.contribution c
      ON c.project_id = g.project_id AND c.year = g.year AND c.merged_prs >= g.threshold
    LEFT JOIN LATERAL gitpoap._nth_merged_pr(g.project_id, c.user_id, g.year, g.threshold) AS e(id) ON true
    WHERE g.id = ANY (p_gitpoap_ids)
      AND NOT EXISTS (SELECT 1 FROM gitpoap.claim x WHERE x.gitpoap_id = g.id AND x.user_id = c.user_id)
    ORDER BY g.id, c.user_id
    ON CONFLICT (gitpoap_id, user_id) DO NOTHING;

    GET DIAGNOSTICS v_issued = ROW_COUNT;
    RETURN v_issued;
END;
$$;

COMMENT ON FUNCTION gitpoap._issue_gitpoap_claims(bigint[]) IS 'For GitPOAPs just inserted or changed: enforces that within a project and year a higher level has a strictly higher threshold, then issues the claims of every issuing one to contributors whose counter is at least its threshold (earning PR: the threshold-th merged PR). Returns the number of claims issued.';
REVOKE ALL ON FUNCTION gitpoap._issue_gitpoap_claims(bigint[]) FROM PUBLIC;
