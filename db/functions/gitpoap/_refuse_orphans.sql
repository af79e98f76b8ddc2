-- gitpoap._refuse_orphans: pull requests, counters and claims keep their references where the referenced rows go (no per-row foreign keys).
CREATE OR REPLACE FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
    v_in text;
BEGIN
    -- p_ids: rows of p_table that are gone (deleted, or their key changed); null: the table was truncated.
    IF p_table IN ('github_user', 'repo') THEN
        PERFORM gitpoap._require_read_committed(p_table);
    END IF;
    SELECT r.id, r.in_table INTO v_id, v_in
    FROM (
        -- Pull requests (their author and repo): each arm its own scan, skipped for the other tables.
        SELECT pr.author_id AS id, 'gitpoap.pull_request' AS in_table FROM gitpoap.pull_request pr
        WHERE p_table = 'github_user' AND (p_ids IS NULL OR pr.author_id = ANY (p_ids))
        UNION ALL
        SELECT pr.repo_id, 'gitpoap.pull_request' FROM gitpoap.pull_request pr
        WHERE p_table = 'repo' AND (p_ids IS NULL OR pr.repo_id = ANY (p_ids))
        UNION ALL
        SELECT c.user_id, 'gitpoap.contribution' FROM gitpoap.contribution c
        WHERE p_table = 'github_user' AND (p_ids IS NULL OR c.user_id = ANY (p_ids))
        UNION ALL
        SELECT c.project_id, 'gitpoap.contribution' FROM gitpoap.contribution c
        WHERE p_table = 'project' AND (p_ids IS NULL OR c.project_id = ANY (p_ids))
        UNION ALL
        SELECT CASE p_table WHEN 'github_user' THEN c.user_id WHEN 'project' THEN c.project_id
                            WHEN 'gitpoap' THEN c.gitpoap_id ELSE c.pull_request_earned_id END, 'gitpoap.claim'
        FROM gitpoap.claim c
        WHERE (p_table = 'github_user' AND (p_ids IS NULL OR c.user_id = ANY (p_ids)))
           OR (p_table = 'project' AND (p_ids IS NULL OR c.project_id = ANY (p_ids)))
           OR (p_table = 'gitpoap' AND (p_ids IS NULL OR c.gitpoap_id = ANY (p_ids)))
           OR (p_table = 'pull_request' AND p_ids IS NULL AND c.pull_request_earned_id IS NOT NULL)
    ) AS r
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'gitpoap.%: % % is still referred to by %: remove or truncate those rows with it',
            p_table, p_table, v_id, v_in
            USING ERRCODE = 'foreign_key_violation', TABLE = p_table;
    END IF;
END;
$$;
COMMENT ON FUNCTION gitpoap._refuse_orphans(text, bigint[]) IS 'Raises foreign_key_violation, naming the row and the table that refers to it, when a pull request (its author_id or repo_id), a counter (gitpoap.contribution) or a claim refers to a row of p_table (github_user, repo, project, gitpoap, or pull_request as an earning PR) among p_ids, or to any row when p_ids is null (the table was truncated). Called by the triggers of those tables: pull requests are checked once per statement as they are written (their referenced users and repos locked FOR KEY SHARE), counters and claims are written only by this schema''s functions from keys they have just read, so their references are checked where the referenced rows go instead of by a foreign key per row. For github_user and repo it first requires READ COMMITTED (gitpoap._require_read_committed).';
REVOKE ALL ON FUNCTION gitpoap._refuse_orphans(text, bigint[]) FROM PUBLIC;

-- gitpoap._require_read_committed: where referenced rows go, the check must see rows committed after the statement began.
CREATE OR REPLACE FUNCTION gitpoap._require_read_committed(p_table text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A foreign key re-checks a delete against the newest committed rows (a crosscheck snapshot); a query in a
    -- REPEATABLE READ or SERIALIZABLE transaction sees only its snapshot and would miss a pull request committed after it
    -- by a writer that had locked the row this transaction then deleted or re-keyed.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'gitpoap.%: rows pull requests may refer to are deleted, truncated or re-keyed only under READ COMMITTED (this transaction is %)',
            p_table, current_setting('transaction_isolation')
            USING ERRCODE = 'feature_not_supported', TABLE = p_table,
                  HINT = 'run the statement in a READ COMMITTED transaction';
    END IF;
END;
$$;
COMMENT ON FUNCTION gitpoap._require_read_committed(text) IS 'Raises feature_not_supported unless the transaction is READ COMMITTED: the delete, truncate and key-change guards of github_user and repo check pull_request with a statement''s snapshot, which under REPEATABLE READ or SERIALIZABLE could miss a pull request committed meanwhile (a foreign key uses a crosscheck snapshot that plpgsql cannot).';
REVOKE ALL ON FUNCTION gitpoap._require_read_committed(text) FROM PUBLIC;
