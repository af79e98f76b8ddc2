-- gitpoap._order_upsert_arrivals: an upsert's inserted and updated rows earn claims as one arrival, in (merged_at, number) order.
CREATE OR REPLACE FUNCTION gitpoap._order_upsert_arrivals(p_inserted gitpoap.pull_request[]) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_xmin xid;
    v_cmin cid;
    v_fixed integer;
BEGIN
    -- INSERT … ON CONFLICT DO UPDATE fires its UPDATE statement trigger (the updated rows arrive and may issue
    -- claims) before its INSERT trigger (the inserted rows arrive): each sees only its own transition table. The
    -- rows of one statement carry the same transaction id and command id, so the statement's rows of each key the
    -- inserted rows touch are found in pull_request, and the claims its triggers issued (the same transaction, a
    -- later command) get the earning PR that (merged_at, number) order over all of them gives.
    SELECT p.xmin, p.cmin INTO v_xmin, v_cmin FROM gitpoap.pull_request p WHERE p.id = p_inserted[1].id;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    WITH keys AS (
        SELECT DISTINCT i.project_id, gitpoap.contribution_year(i.merged_at) AS year, i.author_id AS user_id
        FROM unnest(p_inserted) AS i
        WHERE i.merged_at IS NOT NULL
    ), statement_rows AS (
        SELECT k.project_id, k.year, k.user_id, array_agg(p.id ORDER BY p.merged_at, p.number, p.id) AS arrivals
        FROM keys k
        JOIN gitpoap.pull_request p
          ON p.project_id = k.project_id AND p.author_id = k.user_id
         AND p.merged_at >= make_timestamptz(k.year, 1, 1, 0, 0, 0, 'UTC')
         AND p.merged_at < make_timestamptz(k.year + 1, 1, 1, 0, 0, 0, 'UTC')
        WHERE p.xmin = v_xmin AND p.cmin = v_cmin
        GROUP BY 1, 2, 3
    ), earned AS (
        SELECT g.id AS gitpoap_id, s.user_id,
               s.arrivals[g.threshold - (t.merged_prs - cardinality(s.arrivals))] AS pull_request_id
        FROM statement_rows s
        JOIN gitpoap.contribution t ON (t.project_id, t.year, t.user_id) = (s.project_id, s.year, s.user_id)
        JOIN gitpoap.gitpoap g
          ON g.project_id = s.project_id AND g.year = s.year
         AND g.threshold > t.merged_prs - cardinality(s.arrivals) AND g.threshold <= t.merged_prs
    )
    UPDATE gitpoap.claim c SET pull_request_earned_id = e.pull_request_id
    FROM earned e
    WHERE (c.gitpoap_id, c.user_id) = (e.gitpoap_id, e.user_id)
      AND c.xmin = v_xmin AND c.cmin::text::bigint > v_cmin::text::bigint  -- issued by this statement's triggers
      AND c.pull_request_earned_id IS DISTINCT FROM e.pull_request_id;
    GET DIAGNOSTICS v_fixed = ROW_COUNT;
    RETURN v_fixed;
END;
$$;

COMMENT ON FUNCTION gitpoap._order_upsert_arrivals(gitpoap.pull_request[]) IS 'Called by the INSERT trigger of pull_request after an UPDATE trigger ran in the same transaction (INSERT … ON CONFLICT DO UPDATE fires both): for each counter key of the inserted rows, takes every row the statement wrote (inserted or updated: same transaction and command id) in (merged_at, number) order and sets the earning PR of the claims the statement''s triggers issued to the one that order gives. Returns the number of claims corrected.';
REVOKE ALL ON FUNCTION gitpoap._order_upsert_arrivals(gitpoap.pull_request[]) FROM PUBLIC;
