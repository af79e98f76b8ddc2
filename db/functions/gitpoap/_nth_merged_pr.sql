-- The n-th counted merged PR of a contributor in a project and UTC year, in (merged_at, number) order.
CREATE OR REPLACE FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer)
    RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
    SELECT pr.id
    FROM gitpoap.pull_request pr
    WHERE pr.project_id = p_project_id
      AND gitpoap.contribution_year(pr.merged_at) = p_year
      AND pr.author_id = p_user_id
      AND pr.merged_at IS NOT NULL
    ORDER BY pr.merged_at, pr.number, pr.id
    OFFSET p_n - 1
    LIMIT 1;
END;

COMMENT ON FUNCTION gitpoap._nth_merged_pr(bigint, bigint, integer, integer) IS 'Id of the n-th merged PR of a contributor in a project and UTC year in (merged_at, number) order (no row when there are fewer): the earning PR of claims issued by a backfill or by a new or changed GitPOAP. A one-statement SQL function its callers inline (LATERAL): an index-only probe of pull_request_contribution_key_idx.';
REVOKE ALL ON FUNCTION gitpoap._nth_merged_pr(bigint, bigint, integer, integer) FROM PUBLIC;
