-- gitpoap._refuse_orphans: counters and claims keep their references where the referenced rows go (no per-row foreign keys).
CREATE OR REPLACE FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
    v_in text;
BEGIN
    -- p_ids: rows of p_table that are gone (deleted, or their key changed); null: the table was truncated.
    SELECT r.id, r.in_table INTO v_id, v_in
    FROM (
        SELECT c.user_id AS id, 'gitpoap.contribution' AS in_table FROM gitpoap.contribution c
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
COMMENT ON FUNCTION gitpoap._refuse_orphans(text, bigint[]) IS 'Raises foreign_key_violation, naming the row and the table that refers to it, when a counter (gitpoap.contribution) or a claim refers to a row of p_table (github_user, project, gitpoap, or pull_request as an earning PR) among p_ids, or to any row when p_ids is null (the table was truncated). Called by the triggers of those tables: counters and claims are written only by this schema''s functions, from keys they have just read, so their references are checked where the referenced rows go instead of by a foreign key per derived row.';
REVOKE ALL ON FUNCTION gitpoap._refuse_orphans(text, bigint[]) FROM PUBLIC;
