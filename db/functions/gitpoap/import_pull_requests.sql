-- gitpoap.import_pull_requests: moves a file COPYed into gitpoap.pr_import into pull_request, set-based.
CREATE OR REPLACE FUNCTION gitpoap.import_pull_requests(
    p_repo text,
    p_project text DEFAULT NULL,
    p_defer_claims boolean DEFAULT false
)
    RETURNS TABLE (records bigint, inserted bigint, duplicates bigint, already_stored bigint,
                   bot_prs bigint, claims_issued bigint, project_id bigint, repo_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_project text := coalesce(p_project, p_repo);
    v_repo_project text;
    v_distinct bigint;
    v_ids bigint[];
BEGIN
    INSERT INTO gitpoap.project (name) VALUES (v_project) ON CONFLICT (name) DO NOTHING;
    SELECT p.id INTO project_id FROM gitpoap.project p WHERE p.name = v_project;

    INSERT INTO gitpoap.repo (project_id, name) VALUES (project_id, p_repo) ON CONFLICT (name) DO NOTHING;
    SELECT r.id, p.name INTO repo_id, v_repo_project
    FROM gitpoap.repo r JOIN gitpoap.project p ON p.id = r.project_id
    WHERE r.name = p_repo
    FOR UPDATE OF r;
    IF v_repo_project <> v_project THEN
        RAISE EXCEPTION 'import_pull_requests.p_project: repo % belongs to project %, not %', p_repo, v_repo_project, v_project
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    project_id := (SELECT r.project_id FROM gitpoap.repo r WHERE r.id = repo_id);

    SELECT count(*), count(DISTINCT s.number) INTO records, v_distinct FROM gitpoap.pr_import s;
    duplicates := records - v_distinct;

    INSERT INTO gitpoap.github_user (login)
    SELECT DISTINCT s.login FROM gitpoap.pr_import s ORDER BY 1
    ON CONFLICT (login) DO NOTHING;

    IF p_defer_claims THEN
        PERFORM set_config('rewards.defer_claims', 'on', true);
    END IF;
    -- A PR number repeated in the file is one PR: the earliest merged_at wins. A PR already stored is skipped.
    WITH one_per_number AS (
        SELECT DISTINCT ON (s.number) s.number, s.title, s.login, s.merged_at, s.merge_commit_sha
        FROM gitpoap.pr_import s
        ORDER BY s.number, s.merged_at NULLS LAST, s.ordinal
    ), added AS (
        INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at, merge_commit_sha)
        SELECT repo_id, project_id, o.number, o.title, u.id, o.merged_at, o.merge_commit_sha
        FROM one_per_number o JOIN gitpoap.github_user u ON u.login = o.login
        ORDER BY o.merged_at, o.number
        ON CONFLICT ON CONSTRAINT pull_request_repo_id_number_key DO NOTHING
        RETURNING id, author_id
    )
    SELECT array_agg(a.id), count(*), count(*) FILTER (WHERE u.is_bot)
    INTO v_ids, inserted, bot_prs
    FROM added a JOIN gitpoap.github_user u ON u.id = a.author_id;
    PERFORM set_config('rewards.defer_claims', '', true);

    already_stored := v_distinct - inserted;
    claims_issued := (SELECT count(*) FROM gitpoap.claim c WHERE c.pull_request_earned_id = ANY (v_ids));
    UPDATE gitpoap.repo r SET backloaded_at = now() WHERE r.id = repo_id;
    DELETE FROM gitpoap.pr_import;
    RETURN NEXT;
END;
$$;

COMMENT ON FUNCTION gitpoap.import_pull_requests(text, text, boolean) IS 'Moves the rows COPYed into gitpoap.pr_import (same transaction) into pull_request for repo p_repo (owner/name) of project p_project (default: named like the repo; both created if missing): one PR per number (earliest merged_at), PRs already stored skipped, authors created, repo.backloaded_at set. With p_defer_claims the counting triggers are skipped (run gitpoap.backfill_claims after). Returns what happened; claims_issued counts claims earned by the inserted PRs.';
REVOKE ALL ON FUNCTION gitpoap.import_pull_requests(text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.import_pull_requests(text, text, boolean) TO rewards_admin;
