-- Removes pull-request rows from the contribution counters (the first half of an UPDATE or DELETE on pull_request).
CREATE OR REPLACE FUNCTION gitpoap._uncount_merged_prs(p_removed gitpoap.pull_request[], p_added gitpoap.pull_request[])
    RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    -- One plan per session for every size (see gitpoap.tg_pull_request__count): inputs are only grouped and
    -- sorted, tables only probed by key.
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_lowered integer;
BEGIN
    -- 1. Lock every counter the statement touches, old keys and new, in key order, creating missing ones at 0 (ON
    --    CONFLICT DO UPDATE locks a conflicting row even when its WHERE leaves it unchanged): the decrement below
    --    and the caller's increment then wait on nothing, so two statements moving PRs between the same authors
    --    cannot deadlock. Its ROW EXCLUSIVE lock on contribution is taken before its snapshot (see
    --    gitpoap._lock_counters).
    INSERT INTO gitpoap.contribution AS t (project_id, year, user_id, merged_prs)
    SELECT k.project_id, k.year, k.author_id, 0
    FROM (
        SELECT DISTINCT c.project_id, gitpoap.contribution_year(c.merged_at) AS year, c.author_id
        FROM unnest(p_removed || p_added) AS c
        WHERE c.merged_at IS NOT NULL
    ) AS k
    WHERE NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = k.author_id)
    ORDER BY 1, 2, 3
    ON CONFLICT (project_id, year, user_id) DO UPDATE SET merged_prs = t.merged_prs WHERE false;

    -- 2. Every old merged row counts -1 (never below 0: rows loaded with counting deferred were never counted).
    UPDATE gitpoap.contribution t
    SET merged_prs = greatest(t.merged_prs - d.removed, 0), updated_at = now()
    FROM (
        SELECT r.project_id, gitpoap.contribution_year(r.merged_at) AS year, r.author_id AS user_id,
               count(*)::integer AS removed
        FROM unnest(p_removed) AS r
        WHERE r.merged_at IS NOT NULL
        GROUP BY 1, 2, 3
    ) AS d
    WHERE (t.project_id, t.year, t.user_id) = (d.project_id, d.year, d.user_id);
    GET DIAGNOSTICS v_lowered = ROW_COUNT;
    RETURN v_lowered;
END;
$$;

COMMENT ON FUNCTION gitpoap._uncount_merged_prs(gitpoap.pull_request[], gitpoap.pull_request[]) IS 'First half of an UPDATE or DELETE on pull_request: locks the counter rows of every old and new row in key order (missing counters created at 0), then counts every old merged non-bot row -1 for its author, project and UTC year. The trigger then counts the new rows +1, which issues the claims they reach. Returns the number of counters lowered.';
REVOKE ALL ON FUNCTION gitpoap._uncount_merged_prs(gitpoap.pull_request[], gitpoap.pull_request[]) FROM PUBLIC;
