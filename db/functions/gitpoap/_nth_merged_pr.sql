-- The n-th counted merged PR of a contributor in a project and UTC year, in (merged_at, number) order.
CREATE OR REPLACE FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer)
    RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT pr.id
    FROM gitpoap.pull_request pr
    WHERE pr.project_id = p_project_id
      AND pr.author_id = p_user_id
      AND pr.merged_at >= make_timestamptz(p_year, 1, 1, 0, 0, 0, 'UTC')
      AND pr.merged_at < make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, 'UTC')
    ORDER BY pr.merged_at, pr.number, pr.id
    OFFSET p_n - 1
    LIMIT 1;
END;

COMMENT ON FUNCTION gitpoap._nth_merged_pr(bigint, bigint, integer, integer) IS 'Id of the n-th merged PR of a contributor in a project and UTC year in (merged_at, number) order: the earning PR of claims issued by a backfill or by a new or changed GitPOAP.';
REVOKE ALL ON FUNCTION gitpoap._nth_merged_pr(bigint, bigint, integer, integer) FROM PUBLIC;
