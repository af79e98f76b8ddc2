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
    v_project_lo bigint := 0;
    v_project_hi bigint := c_max_id;
    v_year_lo integer := 0;
    v_year_hi integer := 9999;
    v_after_p bigint := coalesce(p_after_project_id, -1);
    v_after_y integer := coalesce(p_after_year, -1);
    v_after_u bigint := coalesce(p_after_user_id, -1);
    v_last record;
    v_locked bigint[];
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

    -- The chunk: the next p_batch_size counter keys (project, year, author) after the cursor, in index order.
    SELECT k.project_id, k.year, k.author_id INTO v_last
    FROM (
        SELECT DISTINCT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id
        FROM gitpoap.pull_request pr
        WHERE pr.merged_at IS NOT NULL
          AND pr.project_id BETWEEN v_project_lo AND v_project_hi
          AND gitpoap.contribution_year(pr.merged_at) BETWEEN v_year_lo AND v_year_hi
          AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) > (v_after_p, v_after_y, v_after_u)
        ORDER BY 1, 2, 3
        LIMIT p_batch_size
    ) AS k
    ORDER BY 1 DESC, 2 DESC, 3 DESC
    LIMIT 1;
    done := p_batch_size IS NULL OR v_last IS NULL OR NOT EXISTS (
        SELECT 1 FROM gitpoap.pull_request pr
        WHERE pr.merged_at IS NOT NULL
          AND pr.project_id BETWEEN v_project_lo AND v_project_hi
          AND gitpoap.contribution_year(pr.merged_at) BETWEEN v_year_lo AND v_year_hi
          AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id)
              > (v_last.project_id, v_last.year, v_last.author_id));
    IF done THEN
        -- The last chunk also covers counters left without any PR (deleted while counting was off).
        last_project_id := c_max_id; last_year := 9999; last_user_id := c_max_id;
    ELSE
        last_project_id := v_last.project_id; last_year := v_last.year; last_user_id := v_last.author_id;
    END IF;

    -- Exclusive lock on every (project, year) of the chunk, in order: PR writers of those counters finish first
    -- and wait for this transaction, so the recount below sees every committed PR and races with none.
    -- This statement and the chunk's below read contribution (and claim), which a backfill grows from nothing within
    -- one session: they are run with EXECUTE, so each is planned for the tables' current sizes. A plan cached while
    -- the tables were empty seq-scans them per chunk or per row (quadratic); forcing custom plans on the whole
    -- function instead would also re-plan every foreign-key check fired inside it.
    EXECUTE $sql$
    SELECT array_agg(gitpoap._counter_lock_key(k.project_id, k.year) ORDER BY k.project_id, k.year)
    FROM (
        SELECT DISTINCT x.project_id, x.year FROM (
            SELECT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year
            FROM gitpoap.pull_request pr
            WHERE pr.merged_at IS NOT NULL
              AND pr.project_id BETWEEN $1 AND $2
              AND gitpoap.contribution_year(pr.merged_at) BETWEEN $3 AND $4
              AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) > ($5, $6, $7)
              AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id)
                  <= ($8, $9, $10)
            UNION ALL
            SELECT c.project_id, c.year FROM gitpoap.contribution c
            WHERE c.project_id BETWEEN $1 AND $2
              AND c.year BETWEEN $3 AND $4
              AND (c.project_id, c.year, c.user_id) > ($5, $6, $7)
              AND (c.project_id, c.year, c.user_id) <= ($8, $9, $10)
        ) AS x
    ) AS k
    $sql$ INTO v_locked
    USING v_project_lo, v_project_hi, v_year_lo, v_year_hi, v_after_p, v_after_y, v_after_u,
          last_project_id, last_year, last_user_id;
    PERFORM pg_advisory_xact_lock(l.key) FROM unnest(v_locked) WITH ORDINALITY AS l(key, n) ORDER BY l.n;

    -- One statement: recount the chunk's keys from pull_request (absolute values), zero counters that lost every
    -- PR, and issue every missing claim of the chunk. Each key's PR ids are taken in (merged_at, number, id) order
    -- by the same scan that counts them, so the earning PR (the threshold-th) is an array subscript, not a query
    -- per claim; bots are told apart once per key (an index probe), not by a join per PR row.
    EXECUTE $sql$
    WITH recount AS (
        SELECT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id,
               count(*)::integer AS merged_prs,
               array_agg(pr.id ORDER BY pr.merged_at, pr.number, pr.id) AS prs
        FROM gitpoap.pull_request pr
        WHERE pr.merged_at IS NOT NULL
          AND pr.project_id BETWEEN $1 AND $2
          AND gitpoap.contribution_year(pr.merged_at) BETWEEN $3 AND $4
          AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) > ($5, $6, $7)
          AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id)
              <= ($8, $9, $10)
          AND gitpoap._counter_lock_key(pr.project_id, gitpoap.contribution_year(pr.merged_at)) = ANY ($11)
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
        UPDATE gitpoap.contribution t SET merged_prs = 0, updated_at = now()
        WHERE t.merged_prs <> 0
          AND t.project_id BETWEEN $1 AND $2
          AND t.year BETWEEN $3 AND $4
          AND (t.project_id, t.year, t.user_id) > ($5, $6, $7)
          AND (t.project_id, t.year, t.user_id) <= ($8, $9, $10)
          AND gitpoap._counter_lock_key(t.project_id, t.year) = ANY ($11)
          -- Lost every PR: an index range probe of pull_request per counter (not a search of the recount, which a
          -- misestimate turns into a nested loop over both).
          AND NOT EXISTS (SELECT 1 FROM gitpoap.pull_request pr
                          WHERE pr.project_id = t.project_id AND pr.author_id = t.user_id
                            AND pr.merged_at >= make_timestamptz(t.year, 1, 1, 0, 0, 0, 'UTC')
                            AND pr.merged_at < make_timestamptz(t.year + 1, 1, 1, 0, 0, 0, 'UTC'))
    ), issued AS (
        -- Issue every missing claim of the chunk's counters (earning PR: the threshold-th merged PR). Claims already
        -- there are skipped by ON CONFLICT's probe of the unique index.
        INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
        SELECT g.id, g.project_id, r.user_id, r.prs[g.threshold]
        FROM recount r
        JOIN gitpoap.issuing_gitpoap g
          ON g.project_id = r.project_id AND g.year = r.year AND r.merged_prs >= g.threshold
        WHERE $12 IS NULL OR g.id = $12
        ORDER BY g.id, r.user_id
        ON CONFLICT (gitpoap_id, user_id) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer, coalesce(sum(r.merged_prs), 0), (SELECT count(*) FROM issued)::integer
    FROM recount r
    $sql$ INTO contributors, merged_prs, claims_issued
    USING v_project_lo, v_project_hi, v_year_lo, v_year_hi, v_after_p, v_after_y, v_after_u,
          last_project_id, last_year, last_user_id, v_locked, p_gitpoap_id;

    RETURN NEXT;
END;
$$;

COMMENT ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) IS 'Recomputes contribution counters from pull_request and issues every missing claim (earning PR: the threshold-th merged PR in (merged_at, number) order). Scope: everything, one project (p_project_id) or one GitPOAP (p_gitpoap_id). With p_batch_size, handles the next p_batch_size counter keys (project_id, year, user_id) after the p_after_* cursor and returns the last key as the next cursor; call again until done (runner backfill-claims commits each chunk). Without it, does everything in one call. Idempotent: a re-run after a kill issues exactly what is missing.';
REVOKE ALL ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.backfill_claims(bigint, bigint, integer, bigint, integer, bigint) TO rewards_admin;
