-- gitpoap.list_repos: repositories with their project, backload time, webhook registration and PR count.
CREATE OR REPLACE FUNCTION gitpoap.list_repos(p_project text DEFAULT NULL)
    RETURNS TABLE (repo text, project text, backloaded_at timestamptz, webhooks_since timestamptz,
                   pull_requests bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT r.name, p.name, r.backloaded_at, w.registered_at,
           (SELECT count(*) FROM gitpoap.pull_request pr WHERE pr.repo_id = r.id)
    FROM gitpoap.repo r
    JOIN gitpoap.project p ON p.id = r.project_id
    LEFT JOIN gitpoap.webhook_repo w ON w.repo_id = r.id
    WHERE p_project IS NULL OR p.name = p_project
    ORDER BY r.name;
END;

COMMENT ON FUNCTION gitpoap.list_repos(text) IS 'Every repository (of one project when p_project is given) by name: its project, when its history was loaded (backloaded_at; null: never, its claims cover only the PRs stored so far), since when it accepts GitHub webhooks (null: not registered) and its stored pull requests.';
REVOKE ALL ON FUNCTION gitpoap.list_repos(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.list_repos(text) TO rewards_app;
