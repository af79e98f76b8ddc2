-- gitpoap.top_contributors: contributors ranked by counted merged PRs, with their claims.
CREATE OR REPLACE FUNCTION gitpoap.top_contributors(p_project text DEFAULT NULL, p_limit integer DEFAULT 10)
    RETURNS TABLE (login text, merged_prs bigint, claims bigint, highest_level integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH scope AS (
        SELECT p.id FROM gitpoap.project p WHERE p_project IS NULL OR p.name = p_project
    ), counted AS (
        SELECT c.user_id, sum(c.merged_prs) AS merged_prs
        FROM gitpoap.contribution c WHERE c.project_id IN (SELECT id FROM scope)
        GROUP BY c.user_id
    )
    SELECT u.login, k.merged_prs,
           (SELECT count(*) FROM gitpoap.claim x WHERE x.user_id = k.user_id AND x.project_id IN (SELECT id FROM scope)),
           (SELECT max(g.level) FROM gitpoap.claim x JOIN gitpoap.gitpoap g ON g.id = x.gitpoap_id
            WHERE x.user_id = k.user_id AND x.project_id IN (SELECT id FROM scope))
    FROM counted k
    JOIN gitpoap.github_user u ON u.id = k.user_id
    ORDER BY k.merged_prs DESC, u.login
    LIMIT p_limit;
END;

COMMENT ON FUNCTION gitpoap.top_contributors(text, integer) IS 'The p_limit contributors with the most counted merged PRs (all years; one project when p_project is given), with their number of claims and highest level claimed.';
REVOKE ALL ON FUNCTION gitpoap.top_contributors(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.top_contributors(text, integer) TO rewards_app;
