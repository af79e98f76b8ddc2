-- gitpoap._pr_import_problem: what is wrong with one staged pull-request record (CSV fields or a gh JSON record), or null.
CREATE OR REPLACE FUNCTION gitpoap._is_pr_number(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    -- Digits only (up to 10), told without a regular expression: imports judge every record with it.
    SELECT CASE WHEN length(btrim(p_value)) BETWEEN 1 AND 10 AND translate(btrim(p_value), '0123456789', '') = ''
                THEN btrim(p_value)::bigint BETWEEN 1 AND 2147483647 ELSE false END
$$;
COMMENT ON FUNCTION gitpoap._is_pr_number(text) IS 'True when the text is a pull request number: a whole number from 1 to 2147483647 (blanks around it allowed).';
REVOKE ALL ON FUNCTION gitpoap._is_pr_number(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    -- One CASE, no exception block: inlined into the importer's single scan of the staged rows. Returns
    -- '.<field> <rule> (got <value>)' in the file's own field names; the caller prefixes records[<ordinal>].
    SELECT CASE
        WHEN p_row.record IS NULL THEN CASE  -- the columns: a CSV row (a field past the end of a short row is null),
                                             -- or a gh JSON record of plain shape (named as gh names its fields)
            WHEN p_row.number IS NULL THEN '.number is required'
            WHEN NOT gitpoap._is_pr_number(p_row.number)
                THEN format('.number must be a whole number from 1 to 2147483647 (got %s)',
                            CASE WHEN p_row.from_json THEN p_row.number ELSE left(to_jsonb(p_row.number)::text, 60) END)
            WHEN p_row.title IS NULL THEN '.title is required'
            WHEN coalesce(btrim(p_row.login), '') = ''
                THEN CASE WHEN p_row.from_json THEN format('.author.login must be a GitHub login (got %s)', to_jsonb(p_row.login))
                          ELSE '.author is required' END
            WHEN p_row.merged_at IS NULL THEN '.merged_at is required (empty when not merged)'
            WHEN btrim(p_row.merged_at) <> '' AND NOT core.is_iso_timestamptz(btrim(p_row.merged_at))
                THEN format('.%s must be an ISO 8601 timestamp with a time zone, e.g. 2023-05-31T16:14:56Z (got %s)',
                            CASE WHEN p_row.from_json THEN 'mergedAt' ELSE 'merged_at' END, left(to_jsonb(p_row.merged_at)::text, 60))
            WHEN p_row.merge_commit_sha IS NULL THEN '.merge_commit_sha is required (empty when unknown)'
        END
        WHEN jsonb_typeof(p_row.record) <> 'object'
            THEN format(' must be a JSON object (got %s)', left(p_row.record::text, 60))
        WHEN NOT p_row.record ? 'number' THEN '.number is required'
        WHEN jsonb_typeof(p_row.record -> 'number') NOT IN ('number', 'string')
             OR NOT gitpoap._is_pr_number(p_row.record ->> 'number')
            THEN format('.number must be a whole number from 1 to 2147483647 (got %s)', left((p_row.record -> 'number')::text, 60))
        WHEN NOT p_row.record ? 'title' THEN '.title is required'
        WHEN jsonb_typeof(p_row.record -> 'title') NOT IN ('string', 'null')
            THEN format('.title must be a string (got %s)', left((p_row.record -> 'title')::text, 60))
        WHEN jsonb_typeof(p_row.record -> 'author') IS DISTINCT FROM 'object'
            THEN format('.author must be an object with a login (got %s)', coalesce(left((p_row.record -> 'author')::text, 60), 'nothing'))
        WHEN jsonb_typeof(p_row.record -> 'author' -> 'login') IS DISTINCT FROM 'string'
             OR btrim(p_row.record -> 'author' ->> 'login') = ''
            THEN format('.author.login must be a GitHub login (got %s)', coalesce(left((p_row.record -> 'author' -> 'login')::text, 60), 'nothing'))
        WHEN NOT p_row.record ? 'mergedAt' THEN '.mergedAt is required (null when not merged)'
        WHEN jsonb_typeof(p_row.record -> 'mergedAt') NOT IN ('string', 'null')
             OR (btrim(p_row.record ->> 'mergedAt') <> '' AND NOT core.is_iso_timestamptz(btrim(p_row.record ->> 'mergedAt')))
            THEN format('.mergedAt must be an ISO 8601 timestamp with a time zone, e.g. 2023-05-31T16:14:56Z (got %s)',
                        left((p_row.record -> 'mergedAt')::text, 60))
        WHEN jsonb_typeof(p_row.record -> 'mergeCommit') NOT IN ('object', 'null')
            THEN format('.mergeCommit must be an object or null (got %s)', left((p_row.record -> 'mergeCommit')::text, 60))
        WHEN jsonb_typeof(p_row.record -> 'mergeCommit' -> 'oid') NOT IN ('string', 'null')
            THEN format('.mergeCommit.oid must be a string (got %s)', left((p_row.record -> 'mergeCommit' -> 'oid')::text, 60))
    END
$$;
COMMENT ON FUNCTION gitpoap._pr_import_problem(gitpoap.pr_import) IS 'The first problem of one staged record (its columns, or a gh JSON record whole) as ''.<field> <rule> (got <value>)'' in the file''s field names (CSV: number, title, author, merged_at, merge_commit_sha; gh JSON: number, title, author.login, mergedAt, mergeCommit.oid), or null when it is well-formed. What the tables'' own constraints judge (login format, commit hash, title length) is left to them.';
REVOKE ALL ON FUNCTION gitpoap._pr_import_problem(gitpoap.pr_import) FROM PUBLIC;

CREATE OR REPLACE FUNCTION gitpoap._pr_import_rows()
    RETURNS TABLE (ordinal bigint, number integer, title text, login text, merged_at timestamptz,
                   merge_commit_sha text, from_json boolean)
    LANGUAGE sql STABLE
AS $$
    -- Only for records gitpoap._pr_import_problem passed: the casts below cannot fail on the shape.
    SELECT s.ordinal,
           btrim(coalesce(s.number, s.record ->> 'number'))::integer,
           coalesce(s.title, s.record ->> 'title', ''),
           btrim(coalesce(s.login, s.record -> 'author' ->> 'login')),
           nullif(btrim(coalesce(s.merged_at, s.record ->> 'mergedAt')), '')::timestamptz,
           nullif(btrim(coalesce(s.merge_commit_sha, s.record -> 'mergeCommit' ->> 'oid')), ''),
           s.from_json
    FROM gitpoap.pr_import s
    WHERE s.xact_id = (SELECT pg_current_xact_id())  -- once per query, not a call per row
$$;
COMMENT ON FUNCTION gitpoap._pr_import_rows() IS 'The records this transaction staged, as pull_request columns (CSV fields and gh JSON records alike), with their ordinal and whether they came from a gh JSON file.';
REVOKE ALL ON FUNCTION gitpoap._pr_import_rows() FROM PUBLIC;
