-- gitpoap.import_pull_requests: judges the records COPYed into gitpoap.pr_import and moves them into pull_request, set-based.
CREATE OR REPLACE FUNCTION gitpoap.import_pull_requests(
    p_repo text,
    p_project text DEFAULT NULL,
    p_defer_claims boolean DEFAULT false,
    p_backload boolean DEFAULT true
)
    RETURNS TABLE (records bigint, inserted bigint, duplicates bigint, already_stored bigint,
                   bot_prs bigint, claims_issued bigint, project_id bigint, repo_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_xact xid8 := pg_current_xact_id();  -- this transaction's staged rows (once: not a call per row)
    v_project gitpoap.project;
    v_repo gitpoap.repo;
    v_repo_project text;
    v_ordinal bigint;
    v_problem text;
    v_distinct bigint;
    v_ids bigint[];
    v_field text;
    v_value text;
    v_json boolean;
    v_table text;
    v_constraint text;
    v_expr text;
    v_column text;
    v_rule text;
BEGIN
    -- 1. Every record well-formed, or nothing is loaded and the first bad one is named: one scan of the staged rows.
    SELECT s.ordinal, p.problem INTO v_ordinal, v_problem
    FROM gitpoap.pr_import s
    CROSS JOIN LATERAL (SELECT gitpoap._pr_import_problem(s) AS problem) AS p
    WHERE s.xact_id = v_xact AND p.problem IS NOT NULL
    ORDER BY s.ordinal
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'records[%]%', v_ordinal, v_problem
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'records';
    END IF;

    -- 2. The project (default: named like the repo) and the repo, created when missing.
    v_project.name := coalesce(p_project, p_repo);
    PERFORM core._check_row('gitpoap.project', v_project);
    INSERT INTO gitpoap.project (name) VALUES (v_project.name) ON CONFLICT (name) DO NOTHING;
    SELECT p.id INTO project_id FROM gitpoap.project p WHERE p.name = v_project.name;
    v_repo.project_id := project_id;
    v_repo.name := p_repo;
    PERFORM core._check_row('gitpoap.repo', v_repo);
    INSERT INTO gitpoap.repo (project_id, name) VALUES (project_id, p_repo) ON CONFLICT (name) DO NOTHING;
    SELECT r.id, p.name INTO repo_id, v_repo_project
    FROM gitpoap.repo r JOIN gitpoap.project p ON p.id = r.project_id
    WHERE r.name = p_repo
    FOR UPDATE OF r;
    IF v_repo_project <> v_project.name THEN
        RAISE EXCEPTION 'gitpoap.project.name: repo % belongs to project %, not %',
            quote_literal(p_repo), quote_literal(v_repo_project), quote_literal(v_project.name)
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'project',
                  HINT = 'leave the project out, or name ' || quote_literal(v_repo_project);
    END IF;
    project_id := (SELECT r.project_id FROM gitpoap.repo r WHERE r.id = repo_id);

    BEGIN
        -- 3. Authors (their own statement: a login another import commits meanwhile is waited for, then seen). Logins
        --    are case-insensitive: one user per login_key, spelt as first seen (stored, else the file's first record).
        INSERT INTO gitpoap.github_user (login)
        SELECT DISTINCT ON (lower(s.login)) s.login FROM gitpoap._pr_import_rows() s ORDER BY lower(s.login), s.ordinal
        ON CONFLICT (login_key) DO NOTHING;

        -- 4. A number repeated in the file is one PR (the earliest merged_at wins); a PR already stored is skipped.
        SELECT count(*), count(DISTINCT s.number) INTO records, v_distinct FROM gitpoap._pr_import_rows() s;
        IF p_defer_claims THEN
            PERFORM set_config('rewards.defer_claims', 'on', true);
        END IF;
        WITH one_per_number AS (
            SELECT DISTINCT ON (s.number) s.number, s.title, s.login, s.merged_at, s.merge_commit_sha
            FROM gitpoap._pr_import_rows() s
            ORDER BY s.number, s.merged_at NULLS LAST, s.ordinal
        ), added AS (
            INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at, merge_commit_sha)
            SELECT repo_id, project_id, o.number, o.title, u.id, o.merged_at, o.merge_commit_sha
            FROM one_per_number o JOIN gitpoap.github_user u ON u.login_key = lower(o.login)
            ORDER BY o.merged_at, o.number
            ON CONFLICT ON CONSTRAINT pull_request_repo_id_number_key DO NOTHING
            RETURNING id, author_id
        )
        SELECT array_agg(a.id), count(a.id), count(a.id) FILTER (WHERE u.is_bot)
        INTO v_ids, inserted, bot_prs
        FROM added a JOIN gitpoap.github_user u ON u.id = a.author_id;
    EXCEPTION
        WHEN invalid_datetime_format OR datetime_field_overflow OR invalid_time_zone_displacement_value THEN
            -- A time of the right shape that names no instant (2023-02-30, zone +20:00): name its record.
            SELECT s.ordinal, CASE WHEN s.from_json THEN '.mergedAt' ELSE '.merged_at' END,
                   to_jsonb(coalesce(s.merged_at, s.record ->> 'mergedAt'))::text
            INTO v_ordinal, v_field, v_value
            FROM gitpoap.pr_import s
            WHERE s.xact_id = v_xact
              AND core.to_timestamptz(nullif(btrim(coalesce(s.merged_at, s.record ->> 'mergedAt')), '')) IS NULL
              AND nullif(btrim(coalesce(s.merged_at, s.record ->> 'mergedAt')), '') IS NOT NULL
            ORDER BY s.ordinal
            LIMIT 1;
            RAISE EXCEPTION 'records[%]% must be an ISO 8601 timestamp of a real date and time, zone offset within ±15:59 (got %)',
                v_ordinal, v_field, v_value
                USING ERRCODE = 'invalid_parameter_value', COLUMN = 'records';
        WHEN check_violation THEN
            -- A rule of github_user or pull_request (login, commit hash, title …): the first record breaking the
            -- same constraint, judged by its own expression, is named with the rule.
            GET STACKED DIAGNOSTICS v_table = TABLE_NAME, v_constraint = CONSTRAINT_NAME;
            SELECT pg_get_expr(c.conbin, c.conrelid), k.columns[1], k.rule INTO v_expr, v_column, v_rule
            FROM pg_constraint c
            CROSS JOIN LATERAL core.constraint_rule('gitpoap', v_table, v_constraint) AS k
            WHERE c.conrelid = ('gitpoap.' || quote_ident(v_table))::regclass AND c.conname = v_constraint;
            IF v_expr IS NULL THEN
                RAISE;
            END IF;
            EXECUTE format('SELECT s.ordinal, s.from_json, to_jsonb(s.%I)::text FROM gitpoap._pr_import_rows() AS s '
                           'WHERE NOT (%s) ORDER BY s.ordinal LIMIT 1', v_column, v_expr)
                INTO v_ordinal, v_json, v_value;
            IF v_ordinal IS NULL THEN
                RAISE;
            END IF;
            v_field := CASE v_column
                WHEN 'login' THEN CASE WHEN v_json THEN 'author.login' ELSE 'author' END
                WHEN 'merged_at' THEN CASE WHEN v_json THEN 'mergedAt' ELSE 'merged_at' END
                WHEN 'merge_commit_sha' THEN CASE WHEN v_json THEN 'mergeCommit.oid' ELSE 'merge_commit_sha' END
                ELSE v_column END;
            RAISE EXCEPTION 'records[%].% % (got %)', v_ordinal, v_field, v_rule, left(v_value, 60)
                USING ERRCODE = 'check_violation', COLUMN = 'records', CONSTRAINT = v_constraint;
    END;
    PERFORM set_config('rewards.defer_claims', '', true);

    duplicates := records - v_distinct;
    already_stored := v_distinct - inserted;
    claims_issued := (SELECT count(*) FROM gitpoap.claim c WHERE c.pull_request_earned_id = ANY (v_ids));
    IF p_backload THEN
        UPDATE gitpoap.repo r SET backloaded_at = now() WHERE r.id = repo_id;
    END IF;
    DELETE FROM gitpoap.pr_import s WHERE s.xact_id = v_xact;
    -- What other transactions staged and committed without importing (rows of transactions in progress or aborted
    -- are invisible here): nobody will read it. Rows another import is deleting right now are skipped, not waited for.
    DELETE FROM gitpoap.pr_import s
    USING (SELECT l.ctid FROM gitpoap.pr_import l WHERE l.xact_id <> v_xact FOR UPDATE SKIP LOCKED) AS l
    WHERE s.ctid = l.ctid;
    RETURN NEXT;
END;
$$;

COMMENT ON FUNCTION gitpoap.import_pull_requests(text, text, boolean, boolean) IS 'Judges the records this transaction COPYed into gitpoap.pr_import (rows of other transactions are never read; see gitpoap._pr_import_problem: a bad one loads nothing and is named records[<ordinal>].<field>) and moves them into pull_request for repo p_repo (owner/name) of project p_project (default: named like the repo; both created if missing): one PR per number (earliest merged_at), PRs already stored skipped, authors created (logins matched ignoring case: Alice is alice), repo.backloaded_at set unless p_backload is false (a webhook''s single PR is not the repo''s history). With p_defer_claims the counting triggers are skipped (run gitpoap.backfill_claims after). Returns what happened; claims_issued counts claims earned by the inserted PRs.';
REVOKE ALL ON FUNCTION gitpoap.import_pull_requests(text, text, boolean, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gitpoap.import_pull_requests(text, text, boolean, boolean) TO rewards_admin;
