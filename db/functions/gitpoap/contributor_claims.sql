-- gitpoap.contributor_claims: the claims a contributor holds, each with the pull request that earned it.
CREATE OR REPLACE FUNCTION gitpoap.contributor_claims(p_login text)
    RETURNS TABLE (gitpoap_id bigint, gitpoap text, project text, year integer, level integer, threshold integer,
                   status text, earned_repo text, earned_number integer, issued_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT g.id, g.name, p.name, g.year, g.level, g.threshold, c.status, r.name, pr.number, c.created_at
    FROM gitpoap.github_user u
    JOIN gitpoap.claim c ON c.user_id = u.id
    JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
    JOIN gitpoap.project p ON p.id = g.project_id
    LEFT JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id
    LEFT JOIN gitpoap.repo r ON r.id = pr.repo_id
    WHERE u.login_key = lower(p_login)
    ORDER BY p.name, g.year, g.level;
END;

COMMENT ON FUNCTION gitpoap.contributor_claims(text) IS 'The claims of the contributor with login p_login (any case, as GitHub matches logins): GitPOAP id and name, project, year, level, threshold, claim status, the repository and number of the pull request that earned it (null when that PR was deleted) and when it was issued; by project, year and level. No rows for an unknown login.';
REVOKE ALL ON FUNCTION gitpoap.contributor_claims(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.contributor_claims(text) TO rewards_app;
