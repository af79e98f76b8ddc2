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
    c_attempts CONSTANT integer := 3;
    c_max_id CONSTANT bigint := 9223372036854775807;
    -- The scope is a range of counter keys (project, year, user): after v_after_*, up to (v_project_hi, v_year_hi,
    -- any user), within projects v_project_lo .. v_project_hi.
    v_project_lo bigint := 0::bigint;
    v_project_hi bigint := c_max_id;
    v_year_hi integer := 9999;
    v_after_p bigint := -1::bigint;
    v_after_y integer := -1;
    v_after_u bigint := -1::bigint;
    v_keys integer;
    v_pair_projects bigint[];
    v_pair_years integer[];
BEGIN
    IF p_batch_size IS NOT NULL AND p_batch_size < 1 THEN
        RAISE EXCEPTION 'backfill_claims.p_batch_size must be at least 1 (got %)', p_batch_size
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'batch_size';
    END IF;
    IF p_gitpoap_id IS NOT NULL THEN
        SELECT g.project_id, g.project_id, g.year, g.project_id, g.year
        INTO v_project_lo, v_project_hi, v_year_hi, v_after_p, v_after_y
        FROM gitpoap.gitpoap g WHERE g.id = p_gitpoap_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'backfill_claims.p_gitpoap_id: no GitPOAP with id %', p_gitpoap_id
                USING ERRCODE = 'no_data_found', COLUMN = 'gitpoap_id';
        END IF;
    ELSIF p_project_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM gitpoap.project WHERE id = p_project_id) THEN
            RAISE EXCEPTION 'backfill_claims.p_project_id: no project with id %', p_project_id
                USING ERRCODE = 'no_data_found', COLUMN = 'project_id';
        END IF;
        v_project_lo := p_project_id;
        v_project_hi := p_project_id;
        v_after_p := p_project_id;
    END IF;
    IF p_after_project_id IS NOT NULL THEN
        v_after_p := p_after_project_id;
        v_after_y := p_after_year;
        v_after_u := p_after_user_id;
    END IF;

    -- A chunk aborted by a deadlock or a serialization failure is rolled back to its start (this block's
    -- subtransaction: its locks go too) and runs again, at most c_attempts times, each retry logged.
    FOR v_attempt IN 1 .. c_attempts LOOP
        BEGIN
            -- PR counting in flight finishes first and new counting waits for this transaction, so what follows
            -- sees every committed PR and races with no writer of counters or claims.
            PERFORM gitpoap._lock_counters();

            -- The chunk: the next p_batch_size counter keys (project, year, user) after the cursor, in key order,
            -- those of merged PRs and those of existing counters (a counter may have lost every PR); one more
            -- tells whether another chunk follows. Each branch reads its index from the cursor on and stops at its
            -- LIMIT. A btree stops only on a row comparison's first column: the scope's end is otherwise a filter,
            -- read past only by the chunk that reaches it (the rest of its project at most); the per-pair
            -- statement below stops at each range's end.
            WITH key AS (
                SELECT DISTINCT k.project_id, k.year, k.user_id
                FROM (
                    (SELECT DISTINCT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id
                     FROM gitpoap.pull_request pr
                     WHERE pr.merged_at IS NOT NULL
                       AND pr.project_id BETWEEN v_project_lo AND v_project_hi
                       AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) > (v_after_p, v_after_y, v_after_u)
                       AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) <= (v_project_hi, v_year_hi, c_max_id)
                     ORDER BY 1, 2, 3
                     LIMIT p_batch_size + 1)
                    UNION ALL
                    (SELECT c.project_id, c.year, c.user_id
                     FROM gitpoap.contribution c
                     WHERE c.project_id BETWEEN v_project_lo AND v_project_hi
                       AND (c.project_id, c.year, c.user_id) > (v_after_p, v_after_y, v_after_u)
                       AND (c.project_id, c.year, c.user_id) <= (v_project_hi, v_year_hi, c_max_id)
                     ORDER BY 1, 2, 3
                     LIMIT p_batch_size + 1)
                ) AS k
                ORDER BY 1, 2, 3
                LIMIT p_batch_size + 1
            ), chunk AS (
                SELECT k.* FROM key k ORDER BY 1, 2, 3 LIMIT p_batch_size
            ), pairs AS (
                SELECT DISTINCT c.project_id, c.year FROM chunk c
            )
            SELECT (SELECT count(*)::integer FROM key),
                   (SELECT array_agg(x.project_id ORDER BY x.project_id, x.year) FROM pairs x),
                   (SELECT array_agg(x.year ORDER BY x.project_id, x.year) FROM pairs x),
                   l.project_id, l.year, l.user_id
            INTO v_keys, v_pair_projects, v_pair_years, last_project_id, last_year, last_user_id
            FROM (SELECT NULL) AS one
            LEFT JOIN LATERAL (SELECT c.* FROM chunk c ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT 1) AS l ON true;
            done := p_batch_size IS NULL OR v_keys <= p_batch_size;

            IF v_keys = 0 THEN
                claims_issued := 0; contributors := 0; merged_prs := 0;
                last_project_id := p_after_project_id; last_year := p_after_year; last_user_id := p_after_user_id;
                EXIT;
            END IF;

            -- One statement, per (project, year) of the chunk and its range of users (the first and last pairs
            -- are cut at the cursor and at the chunk's last key; equality on project and year makes every index
            -- scan stop at the range's end). Aggregate, then join:
            -- 1. recount: merged PRs per key, an index-only scan of the contribution-year index; bots told apart
            --    once per key (an index probe of github_user);
            -- 2. counters: the recount meets the stored counters in one full join (merge or hash, never a nested
            --    loop); only those that change are written: new keys inserted, others updated, a counter whose
            --    PRs are all gone set to 0;
            -- 3. claims: each issuing GitPOAP whose threshold a recounted key reaches and that the contributor
            --    does not hold yet, in the unique index's (gitpoap, user) order, earned by the threshold-th PR in
            --    (merged_at, number, id) order (gitpoap._nth_merged_pr, inlined: an index-only probe of the same index).
            -- Nobody else writes counters or claims meanwhile (the lock above), so the writes need no ON CONFLICT.
            -- It runs with EXECUTE, planned for the tables' current sizes: a backfill grows contribution and claim
            -- from nothing within one session, and a plan cached while they were empty would scan them whole.
            EXECUTE $sql$
            WITH pairs AS (
                SELECT p.project_id, p.year,
                       CASE WHEN (p.project_id, p.year) = ($3, $4) THEN $5 ELSE -1 END AS user_after,
                       CASE WHEN (p.project_id, p.year) = ($6, $7) THEN $8 ELSE 9223372036854775807 END AS user_last
                FROM unnest($1::bigint[], $2::integer[]) AS p(project_id, year)
            ), recount AS (
                SELECT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id,
                       count(*)::integer AS merged_prs
                FROM pairs k
                JOIN gitpoap.pull_request pr
                  ON pr.project_id = k.project_id AND gitpoap.contribution_year(pr.merged_at) = k.year
                 AND pr.author_id > k.user_after AND pr.author_id <= k.user_last
                WHERE pr.merged_at IS NOT NULL
                GROUP BY 1, 2, 3
                HAVING NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = pr.author_id)
            ), stored AS (
                SELECT t.project_id, t.year, t.user_id, t.merged_prs
                FROM pairs k
                JOIN gitpoap.contribution t
                  ON t.project_id = k.project_id AND t.year = k.year
                 AND t.user_id > k.user_after AND t.user_id <= k.user_last
            ), changed AS (
                SELECT project_id, year, user_id, coalesce(r.merged_prs, 0) AS merged_prs, s.merged_prs IS NULL AS is_new
                FROM recount r
                FULL JOIN stored s USING (project_id, year, user_id)
                WHERE coalesce(r.merged_prs, 0) IS DISTINCT FROM s.merged_prs
            ), inserted AS (
                INSERT INTO gitpoap.contribution (project_id, year, user_id, merged_prs)
                SELECT c.project_id, c.year, c.user_id, c.merged_prs FROM changed c
                WHERE c.is_new
                ORDER BY 1, 2, 3
            ), updated AS (
                UPDATE gitpoap.contribution t SET merged_prs = c.merged_prs, updated_at = now()
                FROM changed c
                WHERE NOT c.is_new AND (t.project_id, t.year, t.user_id) = (c.project_id, c.year, c.user_id)
            ), issued AS (
                INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
                SELECT g.id, g.project_id, r.user_id, e.id
                FROM recount r
                JOIN gitpoap.issuing_gitpoap g
                  ON g.project_id = r.project_id AND g.year = r.year AND r.merged_prs >= g.threshold
                LEFT JOIN LATERAL gitpoap._nth_merged_pr(r.project_id, r.user_id, r.year, g.threshold) AS e(id) ON true
                WHERE ($9::bigint IS NULL OR g.id = $9)
                  AND NOT EXISTS (SELECT FROM gitpoap.claim x WHERE x.gitpoap_id = g.id AND x.user_id = r.user_id)
                ORDER BY g.id, r.user_id
                RETURNING 1
            )
            SELECT count(*)::integer, coalesce(sum(r.merged_prs), 0), (SELECT count(*) FROM issued)::integer
            FROM recount r
            $sql$ INTO contributors, merged_prs, claims_issued
            USING v_pair_projects, v_pair_years, v_after_p, v_after_y, v_after_u,
                  last_project_id, last_year, last_user_id, p_gitpoap_id;
            EXIT;
        EXCEPTION WHEN deadlock_detected OR serialization_failure THEN
            IF v_attempt = c_attempts THEN
                RAISE;
            END IF;
            RAISE WARNING 'gitpoap.backfill_claims: the chunk after (%, %, %) was aborted (%: %); attempt % of %, running it again',
                p_after_project_id, p_after_year, p_after_user_id, SQLSTATE, SQLERRM, v_attempt, c_attempts;
        END;
    END LOOP;
    RETURN NEXT;
END;
$$;

COMMENT ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) IS 'Recomputes contribution counters from pull_request (writing only those that change) and issues every missing claim (earning PR: the threshold-th merged PR in (merged_at, number) order). Scope: everything, one project (p_project_id) or one GitPOAP (p_gitpoap_id). With p_batch_size, handles the next p_batch_size counter keys (project_id, year, user_id) after the p_after_* cursor and returns the last key as the next cursor; call again until done (runner backfill-claims commits each chunk). Keys are those of merged PRs and of existing counters (a counter that lost every PR is zeroed). Without it, does everything in one call. Waits for PR counting in flight and holds new counting back while it runs (gitpoap._lock_counters); a chunk aborted by a deadlock or a serialization failure runs again, up to 3 times, with a WARNING. Idempotent: a re-run after a kill issues exactly what is missing.';
REVOKE ALL ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) TO rewards_admin;
