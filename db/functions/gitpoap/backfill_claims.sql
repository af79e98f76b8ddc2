-- gitpoap.backfill_claims: recount contribution counters from pull_request and issue every missing claim, a chunk per call.
CREATE OR REPLACE FUNCTION gitpoap.backfill_claims(
    p_project_id       bigint  DEFAULT NULL,
    p_gitpoap_id       bigint  DEFAULT NULL,
    p_batch_size       integer DEFAULT NULL,
    p_after_project_id bigint  DEFAULT NULL,
    p_after_year       integer DEFAULT NULL,
    p_after_user_id    bigint  DEFAULT NULL
)
    RETURNS TABLE (claims_issued integer, contributors integer, merged_prs bigint,
                   last_project_id bigint, last_year integer, last_user_id bigint, done boolean)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c_max_id CONSTANT bigint := 9223372036854775807;
    v_project_lo bigint := 0::bigint;
    v_project_hi bigint := c_max_id;
    v_year_lo integer := 0;
    v_year_hi integer := 9999;
    v_after_p bigint := coalesce(p_after_project_id, -1);
    v_after_y integer := coalesce(p_after_year, -1);
    v_after_u bigint := coalesce(p_after_user_id, -1);
    v_keys integer;
    v_pair_projects bigint[];
    v_pair_years integer[];
BEGIN
    IF p_batch_size IS NOT NULL AND p_batch_size < 1 THEN
        RAISE EXCEPTION 'backfill_claims.p_batch_size must be at least 1 (got %)', p_batch_size
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_gitpoap_id IS NOT NULL THEN
        SELECT g.project_id, g.year, g.year INTO v_project_lo, v_year_lo, v_year_hi
        FROM gitpoap.gitpoap g WHERE g.id = p_gitpoap_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'backfill_claims.p_gitpoap_id: no GitPOAP with id %', p_gitpoap_id
                USING ERRCODE = 'no_data_found';
        END IF;
        v_project_hi := v_project_lo;
    ELSIF p_project_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM gitpoap.project WHERE id = p_project_id) THEN
            RAISE EXCEPTION 'backfill_claims.p_project_id: no project with id %', p_project_id
                USING ERRCODE = 'no_data_found';
        END IF;
        v_project_lo := p_project_id;
        v_project_hi := p_project_id;
    END IF;

    -- The chunk: the next p_batch_size counter keys (project, year, user) after the cursor, in key order, those of
    -- merged PRs and those of existing counters (a counter may have lost every PR). Each branch reads its index
    -- from the cursor on and is stopped by its LIMIT. No statement here scans a range of keys that ends at a row
    -- comparison: a btree stops only on a row comparison's first column, so such a scan reads the rest of the
    -- project on every chunk (quadratic in the project's size).
    WITH chunk AS (
        SELECT DISTINCT k.project_id, k.year, k.user_id
        FROM (
            (SELECT DISTINCT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id
             FROM gitpoap.pull_request pr
             WHERE pr.merged_at IS NOT NULL
               AND pr.project_id BETWEEN v_project_lo AND v_project_hi
               AND gitpoap.contribution_year(pr.merged_at) BETWEEN v_year_lo AND v_year_hi
               AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) > (v_after_p, v_after_y, v_after_u)
             ORDER BY 1, 2, 3
             LIMIT p_batch_size)
            UNION ALL
            (SELECT c.project_id, c.year, c.user_id
             FROM gitpoap.contribution c
             WHERE c.project_id BETWEEN v_project_lo AND v_project_hi
               AND c.year BETWEEN v_year_lo AND v_year_hi
               AND (c.project_id, c.year, c.user_id) > (v_after_p, v_after_y, v_after_u)
             ORDER BY 1, 2, 3
             LIMIT p_batch_size)
        ) AS k
        ORDER BY 1, 2, 3
        LIMIT p_batch_size
    ), pairs AS (
        SELECT DISTINCT c.project_id, c.year FROM chunk c
    )
    SELECT (SELECT count(*)::integer FROM chunk),
           (SELECT array_agg(x.project_id ORDER BY x.project_id, x.year) FROM pairs x),
           (SELECT array_agg(x.year ORDER BY x.project_id, x.year) FROM pairs x),
           l.project_id, l.year, l.user_id
    INTO v_keys, v_pair_projects, v_pair_years, last_project_id, last_year, last_user_id
    FROM (SELECT NULL) AS one
    LEFT JOIN LATERAL (SELECT c.* FROM chunk c ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT 1) AS l ON true;

    IF v_keys = 0 THEN
        claims_issued := 0; contributors := 0; merged_prs := 0; done := true;
        last_project_id := p_after_project_id; last_year := p_after_year; last_user_id := p_after_user_id;
        RETURN NEXT;
        RETURN;
    END IF;
    done := p_batch_size IS NULL OR v_keys < p_batch_size OR NOT (
        EXISTS (SELECT 1 FROM gitpoap.pull_request pr
                WHERE pr.merged_at IS NOT NULL
                  AND pr.project_id BETWEEN v_project_lo AND v_project_hi
                  AND gitpoap.contribution_year(pr.merged_at) BETWEEN v_year_lo AND v_year_hi
                  AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id)
                      > (last_project_id, last_year, last_user_id))
        OR EXISTS (SELECT 1 FROM gitpoap.contribution c
                   WHERE c.project_id BETWEEN v_project_lo AND v_project_hi
                     AND c.year BETWEEN v_year_lo AND v_year_hi
                     AND (c.project_id, c.year, c.user_id) > (last_project_id, last_year, last_user_id)));

    -- PR counting in flight finishes first and new counting waits for this transaction, so the recount below sees
    -- every committed PR and races with none.
    PERFORM gitpoap._lock_counters();

    -- One statement, per (project, year) of the chunk and its range of users (the first and last pairs are cut at
    -- the cursor and at the chunk's last key; equality on project and year makes every index scan stop at the
    -- range's end): recount the keys from pull_request (absolute values), zero counters that lost every PR, and
    -- issue every missing claim. Each key's PR ids are taken in (merged_at, number, id) order by the same scan
    -- that counts them, so the earning PR (the threshold-th) is an array subscript, not a query per claim; bots are
    -- told apart once per key (an index probe), not by a join per PR row. It runs with EXECUTE, planned for the
    -- tables' current sizes: a backfill grows contribution and claim from nothing within one session, and a plan
    -- cached while they were empty would scan them whole. (Forcing custom plans on the whole function instead
    -- would also re-plan every foreign-key check fired inside it.)
    EXECUTE $sql$
    WITH pairs AS (
        SELECT p.project_id, p.year,
               CASE WHEN (p.project_id, p.year) = ($3, $4) THEN $5 ELSE -1 END AS user_after,
               CASE WHEN (p.project_id, p.year) = ($6, $7) THEN $8 ELSE 9223372036854775807 END AS user_last
        FROM unnest($1::bigint[], $2::integer[]) AS p(project_id, year)
    ), recount AS (
        SELECT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id,
               count(*)::integer AS merged_prs,
               array_agg(pr.id ORDER BY pr.merged_at, pr.number, pr.id) AS prs
        FROM pairs k
        JOIN gitpoap.pull_request pr
          ON pr.project_id = k.project_id AND gitpoap.contribution_year(pr.merged_at) = k.year
         AND pr.author_id > k.user_after AND pr.author_id <= k.user_last
        WHERE pr.merged_at IS NOT NULL
        GROUP BY 1, 2, 3
        HAVING NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = pr.author_id)
    ), upserted AS (
        INSERT INTO gitpoap.contribution AS t (project_id, year, user_id, merged_prs)
        SELECT r.project_id, r.year, r.user_id, r.merged_prs FROM recount r
        ORDER BY r.project_id, r.year, r.user_id
        ON CONFLICT (project_id, year, user_id)
            DO UPDATE SET merged_prs = excluded.merged_prs, updated_at = now()
            WHERE t.merged_prs <> excluded.merged_prs
    ), zeroed AS (
        -- A counter that lost every PR: an index range probe of pull_request per counter (not a search of the
        -- recount, which a misestimate turns into a nested loop over both).
        UPDATE gitpoap.contribution t SET merged_prs = 0, updated_at = now()
        FROM pairs k
        WHERE t.project_id = k.project_id AND t.year = k.year
          AND t.user_id > k.user_after AND t.user_id <= k.user_last
          AND t.merged_prs <> 0
          AND NOT EXISTS (SELECT 1 FROM gitpoap.pull_request pr
                          WHERE pr.project_id = t.project_id AND pr.author_id = t.user_id
                            AND pr.merged_at >= make_timestamptz(t.year, 1, 1, 0, 0, 0, 'UTC')
                            AND pr.merged_at < make_timestamptz(t.year + 1, 1, 1, 0, 0, 0, 'UTC'))
    ), issued AS (
        -- Claims already there are skipped by ON CONFLICT's probe of the unique index.
        INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
        SELECT g.id, g.project_id, r.user_id, r.prs[g.threshold]
        FROM recount r
        JOIN gitpoap.issuing_gitpoap g
          ON g.project_id = r.project_id AND g.year = r.year AND r.merged_prs >= g.threshold
        WHERE $9::bigint IS NULL OR g.id = $9
        ORDER BY g.id, r.user_id
        ON CONFLICT (gitpoap_id, user_id) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer, coalesce(sum(r.merged_prs), 0), (SELECT count(*) FROM issued)::integer
    FROM recount r
    $sql$ INTO contributors, merged_prs, claims_issued
    USING v_pair_projects, v_pair_years, v_after_p, v_after_y, v_after_u,
          last_project_id, last_year, last_user_id, p_gitpoap_id;

    RETURN NEXT;
END;
$$;

COMMENT ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) IS 'Recomputes contribution counters from pull_request and issues every missing claim (earning PR: the threshold-th merged PR in (merged_at, number) order). Scope: everything, one project (p_project_id) or one GitPOAP (p_gitpoap_id). With p_batch_size, handles the next p_batch_size counter keys (project_id, year, user_id) after the p_after_* cursor and returns the last key as the next cursor; call again until done (runner backfill-claims commits each chunk). Keys are those of merged PRs and of existing counters (a counter that lost every PR is zeroed). Without it, does everything in one call. Idempotent: a re-run after a kill issues exactly what is missing.';
REVOKE ALL ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) TO rewards_admin;
