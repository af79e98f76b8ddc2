-- gitpoap.register_repo: a repository accepts GitHub webhooks from now on (created with its project when missing).
CREATE OR REPLACE FUNCTION gitpoap.register_repo(p_repo text, p_project text DEFAULT NULL)
    RETURNS TABLE (repo text, project text, backloaded_at timestamptz, webhooks_since timestamptz,
                   pull_requests bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_repo_id bigint;
BEGIN
    -- The project and repo rules of imports, once: an import of no records (this transaction stages none) that
    -- does not mark the history loaded creates the project (default: named like the repo, or the repo's own
    -- project when it exists) and the repo, or names the project the repo already belongs to.
    SELECT i.repo_id INTO v_repo_id
    FROM gitpoap.import_pull_requests(
        p_repo,
        coalesce(p_project, (SELECT p.name FROM gitpoap.repo r JOIN gitpoap.project p ON p.id = r.project_id
                             WHERE r.name = p_repo)),
        false, false) AS i;
    INSERT INTO gitpoap.webhook_repo (repo_id) VALUES (v_repo_id) ON CONFLICT (repo_id) DO NOTHING;
    RETURN QUERY SELECT * FROM gitpoap.list_repos() l WHERE l.repo = p_repo;
END;
$$;

COMMENT ON FUNCTION gitpoap.register_repo(text, text) IS 'Registers repository p_repo (owner/name) for GitHub webhooks (a gitpoap.webhook_repo row, kept when it exists), creating it and its project p_project (default: the repo''s project, else named like the repo) by the rules of gitpoap.import_pull_requests without marking its history loaded. Returns the repo as gitpoap.list_repos shows it.';
REVOKE ALL ON FUNCTION gitpoap.register_repo(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.register_repo(text, text) TO rewards_admin;
