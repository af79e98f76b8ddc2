-- Applies pull-request changes to the contribution counters and issues every claim a rising count reaches.
CREATE OR REPLACE FUNCTION gitpoap._count_merged_prs(p_added gitpoap.pull_request[], p_removed gitpoap.pull_request[])
    RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    -- One plan per session for every size, never a re-plan per call (custom plans of the statement below cost
    -- ~0.7 ms, more than a single-row INSERT itself). The statements are written so that this one plan is linear
    -- whatever the number of rows: inputs are only grouped and sorted, tables are only probed by key.
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_issued integer;
    v_gitpoap_ids bigint[];
    v_project_ids bigint[];
    v_user_ids bigint[];
    v_earned_ids bigint[];
BEGIN
    -- 1. Shared advisory lock per (project, year), in order: a concurrent GitPOAP change (exclusive) either
    --    committed before this point and is seen below, or waits and then sees these counters.
    PERFORM pg_advisory_xact_lock_shared(gitpoap._counter_lock_key(k.project_id, k.year))
    FROM (
        SELECT DISTINCT c.project_id, gitpoap.contribution_year(c.merged_at) AS year
        FROM (SELECT a.project_id, a.merged_at FROM unnest(p_added) AS a
              UNION ALL
              SELECT r.project_id, r.merged_at FROM unnest(p_removed) AS r) AS c
        WHERE c.merged_at IS NOT NULL
    ) AS k
    ORDER BY k.project_id, k.year;

    -- 2. Removals (delete, un-merge, a PR moved to another year or author): lock every counter involved in
    --    key order first, creating missing ones at 0, so that the statement below waits on nothing.
    IF cardinality(p_removed) > 0 THEN
        INSERT INTO gitpoap.contribution AS t (project_id, year, user_id, merged_prs)
        SELECT k.project_id, k.year, k.author_id, 0
        FROM (
            SELECT DISTINCT c.project_id, gitpoap.contribution_year(c.merged_at) AS year, c.author_id
            FROM unnest(p_added || p_removed) AS c
            WHERE c.merged_at IS NOT NULL
        ) AS k
        WHERE NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = k.author_id)
        ORDER BY 1, 2, 3
        ON CONFLICT (project_id, year, user_id) DO NOTHING;

        PERFORM 1
        FROM gitpoap.contribution t
        JOIN (
            SELECT DISTINCT c.project_id, gitpoap.contribution_year(c.merged_at) AS year, c.author_id
            FROM unnest(p_added || p_removed) AS c
            WHERE c.merged_at IS NOT NULL
        ) AS k ON (t.project_id, t.year, t.user_id) = (k.project_id, k.year, k.author_id)
        ORDER BY t.project_id, t.year, t.user_id
        FOR UPDATE OF t;

        -- Counters whose net change is negative (locked above). A key is lowered here or raised below, never
        -- both, and lowering never issues a claim.
        UPDATE gitpoap.contribution t
        SET merged_prs = greatest(t.merged_prs + d.delta, 0), updated_at = now()
        FROM (
            SELECT c.project_id, gitpoap.contribution_year(c.merged_at) AS year, c.author_id AS user_id,
                   sum(c.sign)::integer AS delta
            FROM (SELECT a.project_id, a.author_id, a.merged_at, 1 AS sign FROM unnest(p_added) AS a
                  UNION ALL
                  SELECT r.project_id, r.author_id, r.merged_at, -1 FROM unnest(p_removed) AS r) AS c
            WHERE c.merged_at IS NOT NULL
            GROUP BY 1, 2, 3
            HAVING sum(c.sign) < 0
        ) AS d
        WHERE (t.project_id, t.year, t.user_id) = (d.project_id, d.year, d.user_id);
    END IF;

    -- 3. One statement: raise the counters (INSERT … ON CONFLICT DO UPDATE … RETURNING serialises writers of a
    --    key and returns the count after this change) and collect every claim whose threshold the count crossed.
    --    Rows are grouped per counter key first; bots are told apart per key (an index probe of github_user, not
    --    a join per row). Each key's arrivals travel as an array in (merged_at, number, id) order, and the counts
    --    RETURNING gives meet their deltas in a GROUP BY: no join is between two derived sets, so no estimate can
    --    turn this into a nested loop over the statement's rows (a COPY of a million rows stays linear).
    WITH changes AS (
        SELECT a.id, a.project_id, a.author_id, a.merged_at, a.number, 1 AS sign FROM unnest(p_added) AS a
        UNION ALL
        SELECT r.id, r.project_id, r.author_id, r.merged_at, r.number, -1 FROM unnest(p_removed) AS r
    ), delta AS (
        SELECT c.project_id, gitpoap.contribution_year(c.merged_at) AS year, c.author_id AS user_id,
               sum(c.sign)::integer AS delta,
               array_agg(c.id ORDER BY c.merged_at, c.number, c.id) FILTER (WHERE c.sign = 1) AS arrivals
        FROM changes c
        WHERE c.merged_at IS NOT NULL
        GROUP BY 1, 2, 3
        HAVING sum(c.sign) > 0
           AND NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = c.author_id)
    ), raised AS (
        INSERT INTO gitpoap.contribution AS t (project_id, year, user_id, merged_prs)
        SELECT d.project_id, d.year, d.user_id, d.delta
        FROM delta d
        ORDER BY d.project_id, d.year, d.user_id
        ON CONFLICT (project_id, year, user_id)
            DO UPDATE SET merged_prs = t.merged_prs + excluded.merged_prs, updated_at = now()
        RETURNING t.project_id, t.year, t.user_id, t.merged_prs
    ), keyed AS (
        SELECT k.project_id, k.year, k.user_id, max(k.merged_prs) AS merged_prs, max(k.delta) AS delta,
               max(k.arrivals) AS arrivals
        FROM (
            SELECT r.project_id, r.year, r.user_id, r.merged_prs, NULL::integer AS delta, NULL::bigint[] AS arrivals
            FROM raised r
            UNION ALL
            SELECT d.project_id, d.year, d.user_id, NULL, d.delta, d.arrivals
            FROM delta d
        ) AS k
        GROUP BY k.project_id, k.year, k.user_id
    )
    SELECT array_agg(g.id), array_agg(k.project_id), array_agg(k.user_id),
           array_agg(k.arrivals[g.threshold - (k.merged_prs - k.delta)])
    INTO v_gitpoap_ids, v_project_ids, v_user_ids, v_earned_ids
    FROM keyed k
    JOIN gitpoap.issuing_gitpoap g
      ON g.project_id = k.project_id AND g.year = k.year
     AND g.threshold > k.merged_prs - k.delta AND g.threshold <= k.merged_prs;

    -- 4. The claims crossed, if any (most single-row inserts cross none and skip this statement), in key order.
    v_issued := 0;
    IF v_gitpoap_ids IS NOT NULL THEN
        INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
        SELECT x.gitpoap_id, x.project_id, x.user_id, x.earned_id
        FROM unnest(v_gitpoap_ids, v_project_ids, v_user_ids, v_earned_ids) AS x(gitpoap_id, project_id, user_id, earned_id)
        ORDER BY x.gitpoap_id, x.user_id
        ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
        GET DIAGNOSTICS v_issued = ROW_COUNT;
    END IF;
    RETURN v_issued;
END;
$$;

COMMENT ON FUNCTION gitpoap._count_merged_prs(gitpoap.pull_request[], gitpoap.pull_request[]) IS 'Set-based core of the pull_request triggers: counts added rows +1 and removed rows -1 for their author, project and UTC year (merged, non-bot only), and issues the claims whose threshold the new count reached; the earning PR is the arrival that reached it, rows of one statement taken in (merged_at, number) order. Returns the number of claims issued.';
REVOKE ALL ON FUNCTION gitpoap._count_merged_prs(gitpoap.pull_request[], gitpoap.pull_request[]) FROM PUBLIC;
