-- gitpoap.activity: row counts, repos with their backload time, repos never loaded, the newest claim (runner status).
CREATE OR REPLACE FUNCTION gitpoap.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT jsonb_build_object(
        'counts', jsonb_build_object(
            'projects', (SELECT count(*) FROM gitpoap.project),
            'repos', (SELECT count(*) FROM gitpoap.repo),
            'github_users', (SELECT count(*) FROM gitpoap.github_user),
            'pull_requests', (SELECT count(*) FROM gitpoap.pull_request),
            'gitpoaps', (SELECT count(*) FROM gitpoap.gitpoap),
            'claims', (SELECT count(*) FROM gitpoap.claim)),
        'repos', coalesce((SELECT jsonb_agg(jsonb_build_object('name', r.name, 'backloaded_at', r.backloaded_at)
                                            ORDER BY r.name)
                           FROM gitpoap.repo r), '[]'::jsonb),
        'never_loaded', coalesce((SELECT jsonb_agg(r.name ORDER BY r.name) FROM gitpoap.repo r
                                  WHERE r.backloaded_at IS NULL), '[]'::jsonb),
        'newest_claim_at', (SELECT max(c.created_at) FROM gitpoap.claim c));
END;

COMMENT ON FUNCTION gitpoap.activity() IS '{"counts": {table: rows}, "repos": [{"name", "backloaded_at"}], "never_loaded": [names of repos whose history was never loaded (backloaded_at null)], "newest_claim_at"}: what runner status prints for gitpoap.';
REVOKE ALL ON FUNCTION gitpoap.activity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.activity() TO rewards_admin;
