-- pg-rewards: the current schema in one file, for reading (`runner migrate` builds databases, never this file).
-- pg_dump --schema-only of a migrated PostgreSQL 15 database, normalised; a test keeps it equal to the
-- migrations: SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py writes it.
SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
CREATE SCHEMA core;
ALTER SCHEMA core OWNER TO rewards_owner;
COMMENT ON SCHEMA core IS 'Rules several domains share, each written once: the EVM address format, ISO 8601 timestamps, the updated_at trigger function.';
CREATE SCHEMA gitpoap;
ALTER SCHEMA gitpoap OWNER TO rewards_owner;
COMMENT ON SCHEMA gitpoap IS 'Tiered GitPOAP issuance: a merged pull request counts for its author in its project and UTC year; claims are issued when the count reaches a GitPOAP threshold.';
CREATE SCHEMA human_points;
ALTER SCHEMA human_points OWNER TO rewards_owner;
COMMENT ON SCHEMA human_points IS 'Human Points Program (Gitcoin Passport): score and mint events in, points out, awarded by triggers.';
CREATE SCHEMA reporting;
ALTER SCHEMA reporting OWNER TO rewards_owner;
COMMENT ON SCHEMA reporting IS 'Views for BI tools and analysts (role rewards_bi reads this schema and nothing else).';
CREATE SCHEMA tiers;
ALTER SCHEMA tiers OWNER TO rewards_owner;
COMMENT ON SCHEMA tiers IS 'Token tiers (Elite, Grandmaster, Legend …) managed as rows; each wallet''s tier kept from its balance, with history.';
CREATE SCHEMA yoyo;
ALTER SCHEMA yoyo OWNER TO postgres;
CREATE FUNCTION core._check_row(p_table regclass, p_row anyelement) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_rule record;
    v_passes boolean;
    v_value jsonb;
    v_schema text;
    v_table text;
BEGIN
    SELECT t.relnamespace::regnamespace::text, t.relname::text INTO v_schema, v_table FROM pg_class t WHERE t.oid = p_table;
    -- The table's own NOT NULL and CHECK constraints, judged on a row before it is written, so that a refusal names
    -- the field, the rule and the value the way every other rule of the project does. Columns with a default or an
    -- identity are the table's to fill.
    FOR v_rule IN
        SELECT NULL::text AS conname, ARRAY[a.attname::text] AS columns, 'is required' AS rule, NULL::text AS expr,
               a.attnum AS n
        FROM pg_attribute a
        WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
          AND NOT a.atthasdef AND a.attidentity = ''
        UNION ALL
        SELECT c.conname, r.columns, r.rule, pg_get_expr(c.conbin, c.conrelid), 10000 + rank() OVER (ORDER BY c.conname)
        FROM pg_constraint c
        CROSS JOIN LATERAL core.constraint_rule(v_schema, v_table, c.conname::text) AS r
        WHERE c.conrelid = p_table AND c.contype = 'c'
        ORDER BY n
    LOOP
        v_value := to_jsonb(p_row) -> v_rule.columns[1];
        IF v_rule.expr IS NULL THEN
            v_passes := v_value IS NOT NULL AND v_value <> 'null'::jsonb;
        ELSE
            EXECUTE format('SELECT (%s) IS NOT FALSE FROM (SELECT ($1).*) AS t', v_rule.expr) INTO v_passes USING p_row;
        END IF;
        CONTINUE WHEN v_passes;
        IF v_rule.expr IS NULL THEN
            RAISE EXCEPTION '%.% %', p_table, v_rule.columns[1], v_rule.rule
                USING ERRCODE = 'not_null_violation', SCHEMA = v_schema, TABLE = v_table, COLUMN = v_rule.columns[1];
        END IF;
        RAISE EXCEPTION '%.% % (got %)', p_table, v_rule.columns[1], coalesce(v_rule.rule, 'breaks ' || v_rule.conname),
            CASE jsonb_typeof(v_value)
                WHEN 'string' THEN quote_literal(left(v_value #>> '{}', 40) || CASE WHEN length(v_value #>> '{}') > 40 THEN '…' ELSE '' END)
                WHEN 'number' THEN trim_scale((v_value #>> '{}')::numeric)::text
                ELSE left(v_value::text, 40)
            END
            USING ERRCODE = 'check_violation', SCHEMA = v_schema, TABLE = v_table, COLUMN = v_rule.columns[1],
                  CONSTRAINT = v_rule.conname;
    END LOOP;
END;
$_$;
ALTER FUNCTION core._check_row(p_table regclass, p_row anyelement) OWNER TO rewards_owner;
COMMENT ON FUNCTION core._check_row(p_table regclass, p_row anyelement) IS 'Judges p_row, a row of table p_table about to be written (or only imagined, as by a preview), against the table''s NOT NULL columns (those without a default) and CHECK constraints; the first it breaks raises not_null_violation or check_violation "<schema>.<table>.<column> <rule> (got <value>)", the rule being the constraint''s comment (see core.constraint_rule), with SCHEMA, TABLE, COLUMN and CONSTRAINT set.';
CREATE FUNCTION core._iso_timestamptz_casts(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((length(p_value) <= 40) AND ((substr(p_value, 1, 4) COLLATE "C") <> '0000'::text) AND (((substr(p_value, 6, 2) COLLATE "C") >= '01'::text) AND ((substr(p_value, 6, 2) COLLATE "C") <= '12'::text)) AND (((substr(p_value, 9, 2) COLLATE "C") >= '01'::text) AND ((substr(p_value, 9, 2) COLLATE "C") <= CASE WHEN (substr(p_value, 6, 2) = '02'::text) THEN CASE WHEN ((((substr(p_value, 1, 4))::integer % 4) = 0) AND ((((substr(p_value, 1, 4))::integer % 100) <> 0) OR (((substr(p_value, 1, 4))::integer % 400) = 0))) THEN '29'::text ELSE '28'::text END WHEN (substr(p_value, 6, 2) = ANY (ARRAY['04'::text, '06'::text, '09'::text, '11'::text])) THEN '30'::text ELSE '31'::text END)) AND ((substr(p_value, 12, 2) COLLATE "C") <= '23'::text) AND ((substr(p_value, 15, 2) COLLATE "C") <= '59'::text) AND ((substr(p_value, 18, 2) COLLATE "C") <= '59'::text) AND (("right"(p_value, 1) = 'Z'::text) OR (((substr(ltrim(substr(p_value, 20), '.0123456789'::text), 2, 2) COLLATE "C") <= '15'::text) AND (("right"(p_value, 2) COLLATE "C") <= '59'::text))));
ALTER FUNCTION core._iso_timestamptz_casts(p_value text) OWNER TO rewards_owner;
COMMENT ON FUNCTION core._iso_timestamptz_casts(p_value text) IS 'For a text of core.is_iso_timestamptz''s shape: true when its fields are within range (the day within its month, zone within ±15:59, at most 40 characters), so that the cast to timestamptz cannot fail; false when it may (then ask core.to_timestamptz).';
CREATE FUNCTION core.constraint_rule(p_schema text, p_table text, p_constraint text) RETURNS TABLE(columns text[], rule text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT ARRAY( SELECT (a.attname)::text AS attname
            FROM (unnest(c.conkey) WITH ORDINALITY k(attnum, n)
              JOIN pg_attribute a ON (((a.attrelid = c.conrelid) AND (a.attnum = k.attnum))))
           ORDER BY k.n) AS "array",
     obj_description(c.oid, 'pg_constraint'::name) AS obj_description
    FROM ((pg_constraint c
      JOIN pg_class r ON ((r.oid = c.conrelid)))
      JOIN pg_namespace n ON ((n.oid = r.relnamespace)))
   WHERE ((n.nspname = constraint_rule.p_schema) AND (r.relname = constraint_rule.p_table) AND (c.conname = constraint_rule.p_constraint));
END;
ALTER FUNCTION core.constraint_rule(p_schema text, p_table text, p_constraint text) OWNER TO rewards_owner;
COMMENT ON FUNCTION core.constraint_rule(p_schema text, p_table text, p_constraint text) IS 'The columns a constraint of p_schema.p_table guards, in key order, and its rule: the constraint''s comment, a phrase such as "must be between 2008 and 2100" that follows the column''s name. No row for an unknown constraint. runner renders a failed constraint with it.';
CREATE FUNCTION core.is_evm_address(p_address text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (p_address ~ '^0x[0-9a-f]{40}$'::text);
ALTER FUNCTION core.is_evm_address(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION core.is_evm_address(p_address text) IS 'True for an EVM address in canonical form: lower-case 0x followed by 40 hex digits (the one place this format is written).';
CREATE FUNCTION core.is_iso_timestamptz(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((translate("left"(p_value, 19), '0123456789'::text, '9999999999'::text) = ANY (ARRAY['9999-99-99T99:99:99'::text, '9999-99-99 99:99:99'::text])) AND COALESCE((translate(CASE WHEN (substr(p_value, 20, 1) <> '.'::text) THEN substr(p_value, 20) WHEN (translate(substr(p_value, 21, 1), '0123456789'::text, '9999999999'::text) = '9'::text) THEN ltrim(substr(p_value, 21), '0123456789'::text) ELSE NULL::text END, '0123456789'::text, '9999999999'::text) = ANY (ARRAY['Z'::text, '+99'::text, '-99'::text, '+9999'::text, '-9999'::text, '+99:99'::text, '-99:99'::text])), false));
ALTER FUNCTION core.is_iso_timestamptz(p_value text) OWNER TO rewards_owner;
COMMENT ON FUNCTION core.is_iso_timestamptz(p_value text) IS 'True when the text has the shape YYYY-MM-DD(T| )HH:MM:SS[.f](Z|±HH[:MM]|±HHMM); a cheap guard (no exception block) before a cast in set-based code. A calendar-impossible date such as 2023-02-30 passes it; core.to_timestamptz does not.';
CREATE FUNCTION core.tg__updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
ALTER FUNCTION core.tg__updated_at() OWNER TO rewards_owner;
COMMENT ON FUNCTION core.tg__updated_at() IS 'BEFORE UPDATE … FOR EACH ROW on any table with an updated_at column: sets it to the transaction time (the trigger''s WHEN clause says which changes count).';
CREATE FUNCTION core.to_timestamptz(p_value text, p_field text DEFAULT NULL::text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF core.is_iso_timestamptz(p_value) THEN
        BEGIN
            RETURN p_value::timestamptz;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format OR invalid_time_zone_displacement_value THEN
            NULL;  -- a shape that names no instant (2023-02-30, month 13, hour 25, year 0000, +20:00): judged below
        END;
    END IF;
    IF p_value IS NULL OR p_field IS NULL THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% must be an ISO 8601 timestamp with a time zone, e.g. 2025-07-15T00:00:00Z (got %)',
        p_field, quote_literal(p_value)
        USING ERRCODE = 'invalid_datetime_format', COLUMN = p_field;
END;
$$;
ALTER FUNCTION core.to_timestamptz(p_value text, p_field text) OWNER TO rewards_owner;
COMMENT ON FUNCTION core.to_timestamptz(p_value text, p_field text) IS 'p_value as timestamptz when it is an ISO 8601 timestamp with a time zone (see core.is_iso_timestamptz) naming a real instant; otherwise null, or, when p_field is given, invalid_datetime_format naming p_field and the value. Null stays null.';
CREATE FUNCTION gitpoap._is_pr_number(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Digits only (up to 10), told without a regular expression: imports judge every record with it.
    SELECT CASE WHEN length(btrim(p_value)) BETWEEN 1 AND 10 AND translate(btrim(p_value), '0123456789', '') = ''
                THEN btrim(p_value)::bigint BETWEEN 1 AND 2147483647 ELSE false END
$$;
ALTER FUNCTION gitpoap._is_pr_number(p_value text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._is_pr_number(p_value text) IS 'True when the text is a pull request number: a whole number from 1 to 2147483647 (blanks around it allowed).';
CREATE FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_bad record;
    v_issued integer;
BEGIN
    -- Waits for PR counting in flight and holds new counting back until this transaction ends, so that a claim
    -- reached meanwhile is issued by exactly one side; also serialises GitPOAP changes (the order check below).
    PERFORM gitpoap._lock_counters();
    SELECT lo.project_id, lo.year, lo.level AS lo_level, lo.threshold AS lo_threshold,
           hi.level AS hi_level, hi.threshold AS hi_threshold
    INTO v_bad
    FROM gitpoap.gitpoap lo
    JOIN gitpoap.gitpoap hi
      ON hi.project_id = lo.project_id AND hi.year = lo.year AND hi.level > lo.level AND hi.threshold <= lo.threshold
    WHERE (lo.project_id, lo.year) IN (SELECT project_id, year FROM gitpoap.gitpoap WHERE id = ANY (p_gitpoap_ids))
    ORDER BY lo.project_id, lo.year, lo.level, hi.level
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'gitpoap.threshold: level % needs a threshold greater than level %''s % (got %) in project % year %',
            v_bad.hi_level, v_bad.lo_level, v_bad.lo_threshold, v_bad.hi_threshold, v_bad.project_id, v_bad.year
            USING ERRCODE = 'check_violation', CONSTRAINT = 'gitpoap_threshold_increases_with_level';
    END IF;
    INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
    SELECT g.id, g.project_id, c.user_id, e.id
    FROM gitpoap.issuing_gitpoap g
    JOIN gitpoap.contribution c
      ON c.project_id = g.project_id AND c.year = g.year AND c.merged_prs >= g.threshold
    LEFT JOIN LATERAL gitpoap._nth_merged_pr(g.project_id, c.user_id, g.year, g.threshold) AS e(id) ON true
    WHERE g.id = ANY (p_gitpoap_ids)
      AND NOT EXISTS (SELECT 1 FROM gitpoap.claim x WHERE x.gitpoap_id = g.id AND x.user_id = c.user_id)
    ORDER BY g.id, c.user_id
    ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
    GET DIAGNOSTICS v_issued = ROW_COUNT;
    RETURN v_issued;
END;
$$;
ALTER FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) IS 'For GitPOAPs just inserted or changed: enforces that within a project and year a higher level has a strictly higher threshold, then issues the claims of every issuing one to contributors whose counter is at least its threshold (earning PR: the threshold-th merged PR). Returns the number of claims issued.';
CREATE FUNCTION gitpoap._lock_counters() RETURNS void
    LANGUAGE sql
    SET lock_timeout TO '5s'
    AS $$LOCK TABLE gitpoap.contribution IN SHARE ROW EXCLUSIVE MODE$$;
ALTER FUNCTION gitpoap._lock_counters() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._lock_counters() IS 'Locks gitpoap.contribution in SHARE ROW EXCLUSIVE mode for the transaction: waits for every transaction that has counted pull requests (they hold ROW EXCLUSIVE on it) and holds back new counting statements until this one ends, so a GitPOAP change or a backfill and PR counting each see the other''s committed rows. Waits at most 5 s (lock_timeout), then fails with lock_not_available.';
CREATE FUNCTION gitpoap.contribution_year(p_merged_at timestamp with time zone) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (EXTRACT(year FROM (p_merged_at AT TIME ZONE 'UTC'::text)))::integer;
ALTER FUNCTION gitpoap.contribution_year(p_merged_at timestamp with time zone) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.contribution_year(p_merged_at timestamp with time zone) IS 'The year a merged PR counts in: the UTC calendar year of merged_at.';
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE TABLE gitpoap.pull_request (
    id bigint NOT NULL,
    repo_id bigint NOT NULL,
    project_id bigint NOT NULL,
    number integer NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    author_id bigint NOT NULL,
    merged_at timestamp with time zone,
    merge_commit_sha text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pull_request_merge_commit_sha_hex CHECK ((merge_commit_sha ~ '^[0-9a-f]{7,64}$'::text)),
    CONSTRAINT pull_request_merged_at_finite CHECK (isfinite(merged_at)),
    CONSTRAINT pull_request_number_positive CHECK ((number > 0)),
    CONSTRAINT pull_request_title_length CHECK ((length(title) <= 1000))
);
ALTER TABLE gitpoap.pull_request OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.pull_request IS 'Pull requests; applications INSERT them and triggers count merged ones and issue claims.';
COMMENT ON COLUMN gitpoap.pull_request.id IS 'Pull request id (internal).';
COMMENT ON COLUMN gitpoap.pull_request.repo_id IS 'Repository of the pull request.';
COMMENT ON COLUMN gitpoap.pull_request.project_id IS 'Project of the repository (kept equal to repo.project_id by a composite foreign key; the distribution column under Citus).';
COMMENT ON COLUMN gitpoap.pull_request.number IS 'Pull request number in its repository (> 0).';
COMMENT ON COLUMN gitpoap.pull_request.title IS 'Title.';
COMMENT ON COLUMN gitpoap.pull_request.author_id IS 'Author (gitpoap.github_user).';
COMMENT ON COLUMN gitpoap.pull_request.merged_at IS 'When it was merged; null while unmerged. Counts in the UTC calendar year of this time.';
COMMENT ON COLUMN gitpoap.pull_request.merge_commit_sha IS 'Hex SHA of the merge commit.';
COMMENT ON COLUMN gitpoap.pull_request.created_at IS 'When the row was inserted.';
COMMENT ON CONSTRAINT pull_request_merge_commit_sha_hex ON gitpoap.pull_request IS 'must be 7 to 64 lower-case hex digits';
COMMENT ON CONSTRAINT pull_request_merged_at_finite ON gitpoap.pull_request IS 'must be a finite time (null while unmerged)';
COMMENT ON CONSTRAINT pull_request_number_positive ON gitpoap.pull_request IS 'must be at least 1';
COMMENT ON CONSTRAINT pull_request_title_length ON gitpoap.pull_request IS 'must be at most 1000 characters';
CREATE FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) RETURNS SETOF bigint
    LANGUAGE sql STABLE ROWS 1 PARALLEL SAFE
    BEGIN ATOMIC
 SELECT pr.id
    FROM gitpoap.pull_request pr
   WHERE ((pr.project_id = _nth_merged_pr.p_project_id) AND (gitpoap.contribution_year(pr.merged_at) = _nth_merged_pr.p_year) AND (pr.author_id = _nth_merged_pr.p_user_id) AND (pr.merged_at IS NOT NULL))
   ORDER BY pr.merged_at, pr.number, pr.id
  OFFSET (_nth_merged_pr.p_n - 1)
  LIMIT 1;
END;
ALTER FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) IS 'Id of the n-th merged PR of a contributor in a project and UTC year in (merged_at, number) order (no row when there are fewer): the earning PR of claims issued by a backfill or by a new or changed GitPOAP. A one-statement SQL function its callers inline (LATERAL): an index-only probe of pull_request_contribution_key_idx.';
CREATE FUNCTION gitpoap._order_upsert_arrivals(p_inserted gitpoap.pull_request[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_xmin xid;
    v_cmin cid;
    v_fixed integer;
BEGIN
    -- INSERT … ON CONFLICT DO UPDATE fires its UPDATE statement trigger (the updated rows arrive and may issue
    -- claims) before its INSERT trigger (the inserted rows arrive): each sees only its own transition table. The
    -- rows of one statement carry the same transaction id and command id, so the statement's rows of each key the
    -- inserted rows touch are found in pull_request, and the claims its triggers issued (the same transaction, a
    -- later command) get the earning PR that (merged_at, number) order over all of them gives.
    SELECT p.xmin, p.cmin INTO v_xmin, v_cmin FROM gitpoap.pull_request p WHERE p.id = p_inserted[1].id;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    WITH keys AS (
        SELECT DISTINCT i.project_id, gitpoap.contribution_year(i.merged_at) AS year, i.author_id AS user_id
        FROM unnest(p_inserted) AS i
        WHERE i.merged_at IS NOT NULL
    ), statement_rows AS (
        SELECT k.project_id, k.year, k.user_id, array_agg(p.id ORDER BY p.merged_at, p.number, p.id) AS arrivals
        FROM keys k
        JOIN gitpoap.pull_request p
          ON p.project_id = k.project_id AND p.author_id = k.user_id
         AND p.merged_at >= make_timestamptz(k.year, 1, 1, 0, 0, 0, 'UTC')
         AND p.merged_at < make_timestamptz(k.year + 1, 1, 1, 0, 0, 0, 'UTC')
        WHERE p.xmin = v_xmin AND p.cmin = v_cmin
        GROUP BY 1, 2, 3
    ), earned AS (
        SELECT g.id AS gitpoap_id, s.user_id,
               s.arrivals[g.threshold - (t.merged_prs - cardinality(s.arrivals))] AS pull_request_id
        FROM statement_rows s
        JOIN gitpoap.contribution t ON (t.project_id, t.year, t.user_id) = (s.project_id, s.year, s.user_id)
        JOIN gitpoap.gitpoap g
          ON g.project_id = s.project_id AND g.year = s.year
         AND g.threshold > t.merged_prs - cardinality(s.arrivals) AND g.threshold <= t.merged_prs
    )
    UPDATE gitpoap.claim c SET pull_request_earned_id = e.pull_request_id
    FROM earned e
    WHERE (c.gitpoap_id, c.user_id) = (e.gitpoap_id, e.user_id)
      AND c.xmin = v_xmin AND c.cmin::text::bigint > v_cmin::text::bigint  -- issued by this statement's triggers
      AND c.pull_request_earned_id IS DISTINCT FROM e.pull_request_id;
    GET DIAGNOSTICS v_fixed = ROW_COUNT;
    RETURN v_fixed;
END;
$$;
ALTER FUNCTION gitpoap._order_upsert_arrivals(p_inserted gitpoap.pull_request[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._order_upsert_arrivals(p_inserted gitpoap.pull_request[]) IS 'Called by the INSERT trigger of pull_request after an UPDATE trigger ran in the same transaction (INSERT … ON CONFLICT DO UPDATE fires both): for each counter key of the inserted rows, takes every row the statement wrote (inserted or updated: same transaction and command id) in (merged_at, number) order and sets the earning PR of the claims the statement''s triggers issued to the one that order gives. Returns the number of claims corrected.';
CREATE UNLOGGED TABLE gitpoap.pr_import (
    ordinal bigint NOT NULL,
    number text,
    title text,
    login text,
    merged_at text,
    merge_commit_sha text,
    record jsonb,
    from_json boolean DEFAULT false NOT NULL
);
ALTER TABLE gitpoap.pr_import OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.pr_import IS 'Staging for gitpoap.import_pull_requests(): the importer COPYs a file''s records here as they are written, and the function judges them and moves them into pull_request in the same transaction.';
COMMENT ON COLUMN gitpoap.pr_import.ordinal IS 'Position of the record in the file (0-based: records[ordinal] in errors).';
COMMENT ON COLUMN gitpoap.pr_import.number IS 'The number field as written (CSV; gh JSON: an integer number).';
COMMENT ON COLUMN gitpoap.pr_import.title IS 'The title field (gh JSON: empty for null).';
COMMENT ON COLUMN gitpoap.pr_import.login IS 'The author field (CSV) or author.login (gh JSON).';
COMMENT ON COLUMN gitpoap.pr_import.merged_at IS 'The merged_at (CSV) or mergedAt (gh JSON) field as written; empty: not merged.';
COMMENT ON COLUMN gitpoap.pr_import.merge_commit_sha IS 'The merge_commit_sha (CSV) or mergeCommit.oid (gh JSON) field; empty: unknown.';
COMMENT ON COLUMN gitpoap.pr_import.record IS 'A gh JSON record whole, when its shape does not map onto the columns (these are then null).';
COMMENT ON COLUMN gitpoap.pr_import.from_json IS 'True for a record of a gh JSON file: errors name its fields as that format does (mergedAt, author.login).';
CREATE FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) RETURNS text
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
ALTER FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) IS 'The first problem of one staged record (its columns, or a gh JSON record whole) as ''.<field> <rule> (got <value>)'' in the file''s field names (CSV: number, title, author, merged_at, merge_commit_sha; gh JSON: number, title, author.login, mergedAt, mergeCommit.oid), or null when it is well-formed. What the tables'' own constraints judge (login format, commit hash, title length) is left to them.';
CREATE FUNCTION gitpoap._pr_import_rows() RETURNS TABLE(ordinal bigint, number integer, title text, login text, merged_at timestamp with time zone, merge_commit_sha text, from_json boolean)
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
$$;
ALTER FUNCTION gitpoap._pr_import_rows() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._pr_import_rows() IS 'The staged records as pull_request columns (CSV fields and gh JSON records alike), with their ordinal and whether they came from a gh JSON file.';
CREATE FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
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
ALTER FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) IS 'Raises foreign_key_violation, naming the row and the table that refers to it, when a counter (gitpoap.contribution) or a claim refers to a row of p_table (github_user, project, gitpoap, or pull_request as an earning PR) among p_ids, or to any row when p_ids is null (the table was truncated). Called by the triggers of those tables: counters and claims are written only by this schema''s functions, from keys they have just read, so their references are checked where the referenced rows go instead of by a foreign key per derived row.';
CREATE FUNCTION gitpoap._uncount_merged_prs(p_removed gitpoap.pull_request[], p_added gitpoap.pull_request[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
DECLARE
    v_lowered integer;
BEGIN
    -- 1. Lock every counter the statement touches, old keys and new, in key order, creating missing ones at 0 (ON
    --    CONFLICT DO UPDATE locks a conflicting row even when its WHERE leaves it unchanged): the decrement below
    --    and the caller's increment then wait on nothing, so two statements moving PRs between the same authors
    --    cannot deadlock. Its ROW EXCLUSIVE lock on contribution is taken before its snapshot (see
    --    gitpoap._lock_counters).
    INSERT INTO gitpoap.contribution AS t (project_id, year, user_id, merged_prs)
    SELECT k.project_id, k.year, k.author_id, 0
    FROM (
        SELECT DISTINCT c.project_id, gitpoap.contribution_year(c.merged_at) AS year, c.author_id
        FROM unnest(p_removed || p_added) AS c
        WHERE c.merged_at IS NOT NULL
    ) AS k
    WHERE NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = k.author_id)
    ORDER BY 1, 2, 3
    ON CONFLICT (project_id, year, user_id) DO UPDATE SET merged_prs = t.merged_prs WHERE false;
    -- 2. Every old merged row counts -1 (never below 0: rows loaded with counting deferred were never counted).
    UPDATE gitpoap.contribution t
    SET merged_prs = greatest(t.merged_prs - d.removed, 0), updated_at = now()
    FROM (
        SELECT r.project_id, gitpoap.contribution_year(r.merged_at) AS year, r.author_id AS user_id,
               count(*)::integer AS removed
        FROM unnest(p_removed) AS r
        WHERE r.merged_at IS NOT NULL
        GROUP BY 1, 2, 3
    ) AS d
    WHERE (t.project_id, t.year, t.user_id) = (d.project_id, d.year, d.user_id);
    GET DIAGNOSTICS v_lowered = ROW_COUNT;
    RETURN v_lowered;
END;
$$;
ALTER FUNCTION gitpoap._uncount_merged_prs(p_removed gitpoap.pull_request[], p_added gitpoap.pull_request[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._uncount_merged_prs(p_removed gitpoap.pull_request[], p_added gitpoap.pull_request[]) IS 'First half of an UPDATE or DELETE on pull_request: locks the counter rows of every old and new row in key order (missing counters created at 0), then counts every old merged non-bot row -1 for its author, project and UTC year. The trigger then counts the new rows +1, which issues the claims they reach. Returns the number of counters lowered.';
CREATE TABLE gitpoap.claim (
    id bigint NOT NULL,
    gitpoap_id bigint NOT NULL,
    project_id bigint NOT NULL,
    user_id bigint NOT NULL,
    status text DEFAULT 'UNCLAIMED'::text NOT NULL,
    pull_request_earned_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT claim_status_known CHECK ((status = ANY (ARRAY['UNCLAIMED'::text, 'PENDING'::text, 'MINTING'::text, 'CLAIMED'::text])))
);
ALTER TABLE gitpoap.claim OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.claim IS 'A GitPOAP issued to a contributor; issued once, never revoked by a later delete or un-merge.';
COMMENT ON COLUMN gitpoap.claim.id IS 'Claim id.';
COMMENT ON COLUMN gitpoap.claim.gitpoap_id IS 'The GitPOAP.';
COMMENT ON COLUMN gitpoap.claim.project_id IS 'Project of the GitPOAP (composite foreign key; distribution column under Citus).';
COMMENT ON COLUMN gitpoap.claim.user_id IS 'Contributor who earned it.';
COMMENT ON COLUMN gitpoap.claim.status IS 'UNCLAIMED, PENDING, MINTING or CLAIMED.';
COMMENT ON COLUMN gitpoap.claim.pull_request_earned_id IS 'The merged PR that brought the count to the threshold (for backfills: the threshold-th merged PR in (merged_at, number) order).';
COMMENT ON COLUMN gitpoap.claim.created_at IS 'When the claim was issued.';
COMMENT ON CONSTRAINT claim_status_known ON gitpoap.claim IS 'must be UNCLAIMED, PENDING, MINTING or CLAIMED';
CREATE TABLE gitpoap.github_user (
    id bigint NOT NULL,
    login text NOT NULL,
    is_bot boolean GENERATED ALWAYS AS ((login ~~ '%[bot]'::text)) STORED NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT github_user_login_format CHECK (((login ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*(\[bot\])?$'::text) AND (length(login) <= 100)))
);
ALTER TABLE gitpoap.github_user OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.github_user IS 'A GitHub account that authored pull requests.';
COMMENT ON COLUMN gitpoap.github_user.id IS 'User id.';
COMMENT ON COLUMN gitpoap.github_user.login IS 'GitHub login, unique.';
COMMENT ON COLUMN gitpoap.github_user.is_bot IS 'True for logins ending in [bot] (GitHub''s marker for apps); bots never earn claims.';
COMMENT ON COLUMN gitpoap.github_user.created_at IS 'When the user was first seen.';
COMMENT ON CONSTRAINT github_user_login_format ON gitpoap.github_user IS 'must be a GitHub login: letters, digits, _ . - (a letter or digit first), at most 100 characters, [bot] at the end for apps';
CREATE TABLE gitpoap.gitpoap (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    name text NOT NULL,
    year integer NOT NULL,
    level integer DEFAULT 1 NOT NULL,
    threshold integer DEFAULT 1 NOT NULL,
    status text DEFAULT 'UNAPPROVED'::text NOT NULL,
    is_enabled boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT gitpoap_level_at_least_1 CHECK ((level >= 1)),
    CONSTRAINT gitpoap_name_not_blank CHECK (((btrim(name) <> ''::text) AND (length(name) <= 300))),
    CONSTRAINT gitpoap_status_known CHECK ((status = ANY (ARRAY['UNAPPROVED'::text, 'APPROVED'::text, 'REDEEM_REQUEST_PENDING'::text, 'DEPRECATED'::text]))),
    CONSTRAINT gitpoap_threshold_at_least_1 CHECK ((threshold >= 1)),
    CONSTRAINT gitpoap_year_range CHECK (((year >= 2008) AND (year <= 2100)))
);
ALTER TABLE gitpoap.gitpoap OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.gitpoap IS 'A tiered GitPOAP: earned by contributors with at least threshold merged PRs in the project in year. Within a project and year a higher level has a strictly higher threshold.';
COMMENT ON COLUMN gitpoap.gitpoap.id IS 'GitPOAP id.';
COMMENT ON COLUMN gitpoap.gitpoap.project_id IS 'Project whose merged PRs count.';
COMMENT ON COLUMN gitpoap.gitpoap.name IS 'Display name.';
COMMENT ON COLUMN gitpoap.gitpoap.year IS 'UTC calendar year whose merged PRs count.';
COMMENT ON COLUMN gitpoap.gitpoap.level IS 'Tier level, 1 = lowest.';
COMMENT ON COLUMN gitpoap.gitpoap.threshold IS 'Merged PRs needed (count >= threshold).';
COMMENT ON COLUMN gitpoap.gitpoap.status IS 'UNAPPROVED, APPROVED, REDEEM_REQUEST_PENDING or DEPRECATED; DEPRECATED GitPOAPs issue no claims.';
COMMENT ON COLUMN gitpoap.gitpoap.is_enabled IS 'Disabled GitPOAPs issue no claims; enabling one issues its claims.';
COMMENT ON COLUMN gitpoap.gitpoap.created_at IS 'When the GitPOAP was created.';
COMMENT ON CONSTRAINT gitpoap_level_at_least_1 ON gitpoap.gitpoap IS 'must be at least 1';
COMMENT ON CONSTRAINT gitpoap_name_not_blank ON gitpoap.gitpoap IS 'must not be blank, and at most 300 characters';
COMMENT ON CONSTRAINT gitpoap_status_known ON gitpoap.gitpoap IS 'must be UNAPPROVED, APPROVED, REDEEM_REQUEST_PENDING or DEPRECATED';
COMMENT ON CONSTRAINT gitpoap_threshold_at_least_1 ON gitpoap.gitpoap IS 'must be at least 1 merged pull request';
COMMENT ON CONSTRAINT gitpoap_year_range ON gitpoap.gitpoap IS 'must be between 2008 and 2100';
CREATE TABLE gitpoap.project (
    id bigint NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT project_name_not_blank CHECK (((btrim(name) <> ''::text) AND (length(name) <= 200)))
);
ALTER TABLE gitpoap.project OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.project IS 'A set of repositories whose merged pull requests count together (a one-repo project is the common case).';
COMMENT ON COLUMN gitpoap.project.id IS 'Project id.';
COMMENT ON COLUMN gitpoap.project.name IS 'Unique project name, e.g. pallets/flask.';
COMMENT ON COLUMN gitpoap.project.created_at IS 'When the project was created.';
COMMENT ON CONSTRAINT project_name_not_blank ON gitpoap.project IS 'must not be blank, and at most 200 characters';
CREATE TABLE gitpoap.repo (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    name text NOT NULL,
    backloaded_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT repo_name_owner_slash_name CHECK (((name ~ '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$'::text) AND (length(name) <= 200)))
);
ALTER TABLE gitpoap.repo OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.repo IS 'A GitHub repository; its merged pull requests count in its project.';
COMMENT ON COLUMN gitpoap.repo.id IS 'Repository id.';
COMMENT ON COLUMN gitpoap.repo.project_id IS 'The project the repository belongs to.';
COMMENT ON COLUMN gitpoap.repo.name IS 'owner/name on GitHub, unique.';
COMMENT ON COLUMN gitpoap.repo.backloaded_at IS 'When historical pull requests were last loaded (runner import-prs); null if never.';
COMMENT ON COLUMN gitpoap.repo.created_at IS 'When the repository was registered.';
COMMENT ON CONSTRAINT repo_name_owner_slash_name ON gitpoap.repo IS 'must be owner/name of letters, digits, _ . -, at most 200 characters, e.g. pallets/flask';
CREATE FUNCTION gitpoap.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT jsonb_build_object('counts', jsonb_build_object('projects', ( SELECT count(*) AS count
            FROM gitpoap.project), 'repos', ( SELECT count(*) AS count
            FROM gitpoap.repo), 'github_users', ( SELECT count(*) AS count
            FROM gitpoap.github_user), 'pull_requests', ( SELECT count(*) AS count
            FROM gitpoap.pull_request), 'gitpoaps', ( SELECT count(*) AS count
            FROM gitpoap.gitpoap), 'claims', ( SELECT count(*) AS count
            FROM gitpoap.claim)), 'repos', COALESCE(( SELECT jsonb_agg(jsonb_build_object('name', r.name, 'backloaded_at', r.backloaded_at) ORDER BY r.name) AS jsonb_agg
            FROM gitpoap.repo r), '[]'::jsonb), 'newest_claim_at', ( SELECT max(c.created_at) AS max
            FROM gitpoap.claim c)) AS jsonb_build_object;
END;
ALTER FUNCTION gitpoap.activity() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.activity() IS '{"counts": {table: rows}, "repos": [{"name", "backloaded_at"}], "newest_claim_at"}: what runner status prints for gitpoap.';
CREATE FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) RETURNS TABLE(gitpoap_id bigint, level integer, threshold integer, claims_issued bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
DECLARE
    v_project_id bigint;
    v_ids bigint[];
BEGIN
    v_project_id := gitpoap.project_id(p_project);
    IF coalesce(cardinality(p_thresholds), 0) = 0 OR array_position(p_thresholds, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'gitpoap.gitpoap.threshold: give one threshold per level, e.g. {1,5,20}'
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'threshold';
    END IF;
    -- The INSERT's statement trigger checks the threshold order and issues the claims.
    WITH added AS (
        INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold)
        SELECT v_project_id, format('%s %s contributor, level %s', p_project, p_year, t.level), p_year, t.level, t.threshold
        FROM unnest(p_thresholds) WITH ORDINALITY AS t(threshold, level)
        RETURNING id
    )
    SELECT array_agg(a.id) INTO v_ids FROM added a;
    RETURN QUERY
    SELECT g.id, g.level, g.threshold, (SELECT count(*) FROM gitpoap.claim c WHERE c.gitpoap_id = g.id)
    FROM gitpoap.gitpoap g
    WHERE g.id = ANY (v_ids)
    ORDER BY g.level;
END;
$$;
ALTER FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) IS 'Creates one GitPOAP per level for project p_project (by name) and UTC year p_year: level k gets threshold p_thresholds[k]. Claims are issued from the counters at once. Returns each GitPOAP with the claims it issued.';
CREATE FUNCTION gitpoap.backfill_claims(p_project_id bigint DEFAULT NULL::bigint, p_gitpoap_id bigint DEFAULT NULL::bigint, p_batch_size integer DEFAULT NULL::integer, p_after_project_id bigint DEFAULT NULL::bigint, p_after_year integer DEFAULT NULL::integer, p_after_user_id bigint DEFAULT NULL::bigint) RETURNS TABLE(claims_issued integer, contributors integer, merged_prs bigint, last_project_id bigint, last_year integer, last_user_id bigint, done boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    c_attempts CONSTANT integer := 3;
    c_max_id CONSTANT bigint := 9223372036854775807;
    -- The scope is a range of counter keys (project, year, user): after v_after_*, up to (v_project_hi, v_year_hi,
    -- any user), within projects v_project_lo .. v_project_hi.
    v_project_lo bigint := 0::bigint;
    v_project_hi bigint := c_max_id;
    v_year_hi integer := 9999;
    v_after_p bigint := -1::bigint;
    v_after_y integer := -1;
    v_after_u bigint := -1::bigint;
    v_keys integer;
    v_pair_projects bigint[];
    v_pair_years integer[];
BEGIN
    IF p_batch_size IS NOT NULL AND p_batch_size < 1 THEN
        RAISE EXCEPTION 'backfill_claims.p_batch_size must be at least 1 (got %)', p_batch_size
            USING ERRCODE = 'invalid_parameter_value', COLUMN = 'batch_size';
    END IF;
    IF p_gitpoap_id IS NOT NULL THEN
        SELECT g.project_id, g.project_id, g.year, g.project_id, g.year
        INTO v_project_lo, v_project_hi, v_year_hi, v_after_p, v_after_y
        FROM gitpoap.gitpoap g WHERE g.id = p_gitpoap_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'backfill_claims.p_gitpoap_id: no GitPOAP with id %', p_gitpoap_id
                USING ERRCODE = 'no_data_found', COLUMN = 'gitpoap_id';
        END IF;
    ELSIF p_project_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM gitpoap.project WHERE id = p_project_id) THEN
            RAISE EXCEPTION 'backfill_claims.p_project_id: no project with id %', p_project_id
                USING ERRCODE = 'no_data_found', COLUMN = 'project_id';
        END IF;
        v_project_lo := p_project_id;
        v_project_hi := p_project_id;
        v_after_p := p_project_id;
    END IF;
    IF p_after_project_id IS NOT NULL THEN
        v_after_p := p_after_project_id;
        v_after_y := p_after_year;
        v_after_u := p_after_user_id;
    END IF;
    -- A chunk aborted by a deadlock or a serialization failure is rolled back to its start (this block's
    -- subtransaction: its locks go too) and runs again, at most c_attempts times, each retry logged.
    FOR v_attempt IN 1 .. c_attempts LOOP
        BEGIN
            -- PR counting in flight finishes first and new counting waits for this transaction, so what follows
            -- sees every committed PR and races with no writer of counters or claims.
            PERFORM gitpoap._lock_counters();
            -- The chunk: the next p_batch_size counter keys (project, year, user) after the cursor, in key order,
            -- those of merged PRs and those of existing counters (a counter may have lost every PR); one more
            -- tells whether another chunk follows. Each branch reads its index from the cursor on and stops at its
            -- LIMIT. A btree stops only on a row comparison's first column: the scope's end is otherwise a filter,
            -- read past only by the chunk that reaches it (the rest of its project at most); the per-pair
            -- statement below stops at each range's end.
            WITH key AS (
                SELECT DISTINCT k.project_id, k.year, k.user_id
                FROM (
                    (SELECT DISTINCT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id
                     FROM gitpoap.pull_request pr
                     WHERE pr.merged_at IS NOT NULL
                       AND pr.project_id BETWEEN v_project_lo AND v_project_hi
                       AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) > (v_after_p, v_after_y, v_after_u)
                       AND (pr.project_id, gitpoap.contribution_year(pr.merged_at), pr.author_id) <= (v_project_hi, v_year_hi, c_max_id)
                     ORDER BY 1, 2, 3
                     LIMIT p_batch_size + 1)
                    UNION ALL
                    (SELECT c.project_id, c.year, c.user_id
                     FROM gitpoap.contribution c
                     WHERE c.project_id BETWEEN v_project_lo AND v_project_hi
                       AND (c.project_id, c.year, c.user_id) > (v_after_p, v_after_y, v_after_u)
                       AND (c.project_id, c.year, c.user_id) <= (v_project_hi, v_year_hi, c_max_id)
                     ORDER BY 1, 2, 3
                     LIMIT p_batch_size + 1)
                ) AS k
                ORDER BY 1, 2, 3
                LIMIT p_batch_size + 1
            ), chunk AS (
                SELECT k.* FROM key k ORDER BY 1, 2, 3 LIMIT p_batch_size
            ), pairs AS (
                SELECT DISTINCT c.project_id, c.year FROM chunk c
            )
            SELECT (SELECT count(*)::integer FROM key),
                   (SELECT array_agg(x.project_id ORDER BY x.project_id, x.year) FROM pairs x),
                   (SELECT array_agg(x.year ORDER BY x.project_id, x.year) FROM pairs x),
                   l.project_id, l.year, l.user_id
            INTO v_keys, v_pair_projects, v_pair_years, last_project_id, last_year, last_user_id
            FROM (SELECT NULL) AS one
            LEFT JOIN LATERAL (SELECT c.* FROM chunk c ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT 1) AS l ON true;
            done := p_batch_size IS NULL OR v_keys <= p_batch_size;
            IF v_keys = 0 THEN
                claims_issued := 0; contributors := 0; merged_prs := 0;
                last_project_id := p_after_project_id; last_year := p_after_year; last_user_id := p_after_user_id;
                EXIT;
            END IF;
            -- One statement, per (project, year) of the chunk and its range of users (the first and last pairs
            -- are cut at the cursor and at the chunk's last key; equality on project and year makes every index
            -- scan stop at the range's end). Aggregate, then join:
            -- 1. recount: merged PRs per key, an index-only scan of the contribution-year index; bots told apart
            --    once per key (an index probe of github_user);
            -- 2. counters: the recount meets the stored counters in one full join (merge or hash, never a nested
            --    loop); only those that change are written: new keys inserted, others updated, a counter whose
            --    PRs are all gone set to 0;
            -- 3. claims: each issuing GitPOAP whose threshold a recounted key reaches and that the contributor
            --    does not hold yet, in the unique index's (gitpoap, user) order, earned by the threshold-th PR in
            --    (merged_at, number, id) order (gitpoap._nth_merged_pr, inlined: an index-only probe of the same index).
            -- Nobody else writes counters or claims meanwhile (the lock above), so the writes need no ON CONFLICT.
            -- It runs with EXECUTE, planned for the tables' current sizes: a backfill grows contribution and claim
            -- from nothing within one session, and a plan cached while they were empty would scan them whole.
            EXECUTE $sql$
            WITH pairs AS (
                SELECT p.project_id, p.year,
                       CASE WHEN (p.project_id, p.year) = ($3, $4) THEN $5 ELSE -1 END AS user_after,
                       CASE WHEN (p.project_id, p.year) = ($6, $7) THEN $8 ELSE 9223372036854775807 END AS user_last
                FROM unnest($1::bigint[], $2::integer[]) AS p(project_id, year)
            ), recount AS (
                SELECT pr.project_id, gitpoap.contribution_year(pr.merged_at) AS year, pr.author_id AS user_id,
                       count(*)::integer AS merged_prs
                FROM pairs k
                JOIN gitpoap.pull_request pr
                  ON pr.project_id = k.project_id AND gitpoap.contribution_year(pr.merged_at) = k.year
                 AND pr.author_id > k.user_after AND pr.author_id <= k.user_last
                WHERE pr.merged_at IS NOT NULL
                GROUP BY 1, 2, 3
                HAVING NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = pr.author_id)
            ), stored AS (
                SELECT t.project_id, t.year, t.user_id, t.merged_prs
                FROM pairs k
                JOIN gitpoap.contribution t
                  ON t.project_id = k.project_id AND t.year = k.year
                 AND t.user_id > k.user_after AND t.user_id <= k.user_last
            ), changed AS (
                SELECT project_id, year, user_id, coalesce(r.merged_prs, 0) AS merged_prs, s.merged_prs IS NULL AS is_new
                FROM recount r
                FULL JOIN stored s USING (project_id, year, user_id)
                WHERE coalesce(r.merged_prs, 0) IS DISTINCT FROM s.merged_prs
            ), inserted AS (
                INSERT INTO gitpoap.contribution (project_id, year, user_id, merged_prs)
                SELECT c.project_id, c.year, c.user_id, c.merged_prs FROM changed c
                WHERE c.is_new
                ORDER BY 1, 2, 3
            ), updated AS (
                UPDATE gitpoap.contribution t SET merged_prs = c.merged_prs, updated_at = now()
                FROM changed c
                WHERE NOT c.is_new AND (t.project_id, t.year, t.user_id) = (c.project_id, c.year, c.user_id)
            ), issued AS (
                INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
                SELECT g.id, g.project_id, r.user_id, e.id
                FROM recount r
                JOIN gitpoap.issuing_gitpoap g
                  ON g.project_id = r.project_id AND g.year = r.year AND r.merged_prs >= g.threshold
                LEFT JOIN LATERAL gitpoap._nth_merged_pr(r.project_id, r.user_id, r.year, g.threshold) AS e(id) ON true
                WHERE ($9::bigint IS NULL OR g.id = $9)
                  AND NOT EXISTS (SELECT FROM gitpoap.claim x WHERE x.gitpoap_id = g.id AND x.user_id = r.user_id)
                ORDER BY g.id, r.user_id
                RETURNING 1
            )
            SELECT count(*)::integer, coalesce(sum(r.merged_prs), 0), (SELECT count(*) FROM issued)::integer
            FROM recount r
            $sql$ INTO contributors, merged_prs, claims_issued
            USING v_pair_projects, v_pair_years, v_after_p, v_after_y, v_after_u,
                  last_project_id, last_year, last_user_id, p_gitpoap_id;
            EXIT;
        EXCEPTION WHEN deadlock_detected OR serialization_failure THEN
            IF v_attempt = c_attempts THEN
                RAISE;
            END IF;
            RAISE WARNING 'gitpoap.backfill_claims: the chunk after (%, %, %) was aborted (%: %); attempt % of %, running it again',
                p_after_project_id, p_after_year, p_after_user_id, SQLSTATE, SQLERRM, v_attempt, c_attempts;
        END;
    END LOOP;
    RETURN NEXT;
END;
$_$;
ALTER FUNCTION gitpoap.backfill_claims(p_project_id bigint, p_gitpoap_id bigint, p_batch_size integer, p_after_project_id bigint, p_after_year integer, p_after_user_id bigint) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.backfill_claims(p_project_id bigint, p_gitpoap_id bigint, p_batch_size integer, p_after_project_id bigint, p_after_year integer, p_after_user_id bigint) IS 'Recomputes contribution counters from pull_request (writing only those that change) and issues every missing claim (earning PR: the threshold-th merged PR in (merged_at, number) order). Scope: everything, one project (p_project_id) or one GitPOAP (p_gitpoap_id). With p_batch_size, handles the next p_batch_size counter keys (project_id, year, user_id) after the p_after_* cursor and returns the last key as the next cursor; call again until done (runner backfill-claims commits each chunk). Keys are those of merged PRs and of existing counters (a counter that lost every PR is zeroed). Without it, does everything in one call. Waits for PR counting in flight and holds new counting back while it runs (gitpoap._lock_counters); a chunk aborted by a deadlock or a serialization failure runs again, up to 3 times, with a WARNING. Idempotent: a re-run after a kill issues exactly what is missing.';
CREATE FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text DEFAULT NULL::text, p_defer_claims boolean DEFAULT false) RETURNS TABLE(records bigint, inserted bigint, duplicates bigint, already_stored bigint, bot_prs bigint, claims_issued bigint, project_id bigint, repo_id bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
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
    WHERE p.problem IS NOT NULL
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
        -- 3. Authors (their own statement: a login another import commits meanwhile is waited for, then seen).
        INSERT INTO gitpoap.github_user (login)
        SELECT DISTINCT s.login FROM gitpoap._pr_import_rows() s ORDER BY 1
        ON CONFLICT (login) DO NOTHING;
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
            FROM one_per_number o JOIN gitpoap.github_user u ON u.login = o.login
            ORDER BY o.merged_at, o.number
            ON CONFLICT ON CONSTRAINT pull_request_repo_id_number_key DO NOTHING
            RETURNING id, author_id
        )
        SELECT array_agg(a.id), count(a.id), count(a.id) FILTER (WHERE u.is_bot)
        INTO v_ids, inserted, bot_prs
        FROM added a JOIN gitpoap.github_user u ON u.id = a.author_id;
    EXCEPTION
        WHEN invalid_datetime_format OR datetime_field_overflow THEN
            -- A time of the right shape that names no instant (2023-02-30): name its record.
            SELECT s.ordinal, CASE WHEN s.from_json THEN '.mergedAt' ELSE '.merged_at' END,
                   to_jsonb(coalesce(s.merged_at, s.record ->> 'mergedAt'))::text
            INTO v_ordinal, v_field, v_value
            FROM gitpoap.pr_import s
            WHERE core.to_timestamptz(nullif(btrim(coalesce(s.merged_at, s.record ->> 'mergedAt')), '')) IS NULL
              AND nullif(btrim(coalesce(s.merged_at, s.record ->> 'mergedAt')), '') IS NOT NULL
            ORDER BY s.ordinal
            LIMIT 1;
            RAISE EXCEPTION 'records[%]% must be an ISO 8601 timestamp of a real date and time (got %)',
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
    UPDATE gitpoap.repo r SET backloaded_at = now() WHERE r.id = repo_id;
    DELETE FROM gitpoap.pr_import;
    RETURN NEXT;
END;
$$;
ALTER FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean) IS 'Judges the records COPYed into gitpoap.pr_import (same transaction; see gitpoap._pr_import_problem: a bad one loads nothing and is named records[<ordinal>].<field>) and moves them into pull_request for repo p_repo (owner/name) of project p_project (default: named like the repo; both created if missing): one PR per number (earliest merged_at), PRs already stored skipped, authors created, repo.backloaded_at set. With p_defer_claims the counting triggers are skipped (run gitpoap.backfill_claims after). Returns what happened; claims_issued counts claims earned by the inserted PRs.';
CREATE FUNCTION gitpoap.list_gitpoaps(p_project text DEFAULT NULL::text) RETURNS TABLE(gitpoap_id bigint, project text, year integer, level integer, threshold integer, status text, is_enabled boolean, claims bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT g.id,
     p.name,
     g.year,
     g.level,
     g.threshold,
     g.status,
     g.is_enabled,
     ( SELECT count(*) AS count
            FROM gitpoap.claim c
           WHERE (c.gitpoap_id = g.id)) AS count
    FROM (gitpoap.gitpoap g
      JOIN gitpoap.project p ON ((p.id = g.project_id)))
   WHERE ((list_gitpoaps.p_project IS NULL) OR (p.name = list_gitpoaps.p_project))
   ORDER BY p.name, g.year, g.level;
END;
ALTER FUNCTION gitpoap.list_gitpoaps(p_project text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.list_gitpoaps(p_project text) IS 'Every GitPOAP (of one project when p_project is given) with its threshold, status and number of claims, ordered by project, year and level.';
CREATE FUNCTION gitpoap.project_id(p_name text) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT p.id INTO v_id FROM gitpoap.project p WHERE p.name = p_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'gitpoap.project.name: no project named %', coalesce(quote_literal(p_name), 'null')
            USING ERRCODE = 'no_data_found', COLUMN = 'project',
                  HINT = 'runner import-prs creates a project with its first repo; runner status lists the repos';
    END IF;
    RETURN v_id;
END;
$$;
ALTER FUNCTION gitpoap.project_id(p_name text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.project_id(p_name text) IS 'Id of the project named p_name; raises no_data_found naming it when there is none.';
CREATE FUNCTION gitpoap.tg__keep_derived_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM gitpoap._refuse_orphans(TG_TABLE_NAME, NULL);
    ELSE
        PERFORM gitpoap._refuse_orphans(TG_TABLE_NAME, ARRAY(SELECT o.id FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;
ALTER FUNCTION gitpoap.tg__keep_derived_references() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg__keep_derived_references() IS 'AFTER DELETE (with old_rows) or AFTER TRUNCATE … FOR EACH STATEMENT on github_user, project and gitpoap: refuses, with foreign_key_violation, to remove rows that counters or claims refer to (gitpoap._refuse_orphans). AFTER TRUNCATE sees the tables truncated by the same command already empty, as a foreign key would.';
CREATE FUNCTION gitpoap.tg_gitpoap__issue_claims() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- A GitPOAP whose key (id, project_id) changed while it has claims would leave them pointing nowhere.
        PERFORM gitpoap._refuse_orphans('gitpoap', ARRAY(
            SELECT o.id FROM old_rows o
            WHERE NOT EXISTS (SELECT FROM new_rows n WHERE n.id = o.id AND n.project_id = o.project_id)));
    END IF;
    PERFORM gitpoap._issue_gitpoap_claims(ARRAY(SELECT n.id FROM new_rows n));
    RETURN NULL;
END;
$$;
ALTER FUNCTION gitpoap.tg_gitpoap__issue_claims() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg_gitpoap__issue_claims() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on gitpoap: refuses to move a GitPOAP with claims to another project (gitpoap._refuse_orphans), checks the level/threshold order of the affected projects and years and issues the claims now reached (see gitpoap._issue_gitpoap_claims).';
CREATE FUNCTION gitpoap.tg_pull_request__count() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- A deleted PR earned nothing any more: its claims stay, without an earning PR (counted or not); a truncation
    -- must take the claims along (as a foreign key would).
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM gitpoap._refuse_orphans('pull_request', NULL);
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE gitpoap.claim c SET pull_request_earned_id = NULL
        WHERE c.pull_request_earned_id IN (SELECT o.id FROM old_rows o);
    END IF;
    -- runner import-prs --defer-claims loads with counting off; gitpoap.backfill_claims() catches up after.
    IF current_setting('rewards.defer_claims', true) = 'on' THEN
        -- Any session may set a custom setting, so deferral is honoured only for rewards_admin (who runs the
        -- backfill): otherwise rewards_app could insert uncounted PRs and later un-merge or delete them,
        -- decrementing counters it never raised. The caller is the outer role (SET ROLE), else the login:
        -- inside this SECURITY DEFINER function current_user is the owner, the role setting is the caller's.
        IF NOT pg_has_role(coalesce(nullif(current_setting('role'), 'none'), session_user)::name, 'rewards_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'rewards.defer_claims: only rewards_admin may write pull requests with counting deferred (role %)',
                coalesce(nullif(current_setting('role'), 'none'), session_user)
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
    END IF;
    -- UPDATE and DELETE: every old row counts -1 first (counter rows of old and new keys locked in key order).
    IF TG_OP = 'DELETE' THEN
        PERFORM gitpoap._uncount_merged_prs(ARRAY(SELECT o::gitpoap.pull_request FROM old_rows o), '{}');
        RETURN NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM gitpoap._uncount_merged_prs(ARRAY(SELECT o::gitpoap.pull_request FROM old_rows o),
                                            ARRAY(SELECT n::gitpoap.pull_request FROM new_rows n));
    END IF;
    -- INSERT and UPDATE: every new row counts +1, read straight from the transition table. A single-row INSERT, the
    -- hot path, runs this one statement and nothing else. It takes its lock on gitpoap.contribution (ROW EXCLUSIVE)
    -- before its snapshot, so a GitPOAP change or a backfill (gitpoap._lock_counters) either committed before and is
    -- seen here, or waits for this transaction and then sees these counters.
    -- Raise the counters (INSERT … ON CONFLICT DO UPDATE … RETURNING serialises writers of a key and returns the
    -- count after this change) and issue every claim whose threshold the count crossed. Rows are grouped per counter
    -- key first; bots are told apart per key (an index probe of github_user, not a join per row). Each key's arrivals
    -- travel as an array in (merged_at, number, id) order, and the counts RETURNING gives meet their deltas in a
    -- GROUP BY: no join is between two derived sets, so no estimate can turn this into a nested loop over the
    -- statement's rows. (It has no parameters, so the plan cache keeps one generic plan per session, made for the
    -- first statement's size; it is linear for any.)
    WITH delta AS (
        SELECT n.project_id, gitpoap.contribution_year(n.merged_at) AS year, n.author_id AS user_id,
               count(*)::integer AS delta,
               array_agg(n.id ORDER BY n.merged_at, n.number, n.id) AS arrivals
        FROM new_rows n
        WHERE n.merged_at IS NOT NULL
        GROUP BY 1, 2, 3
        HAVING NOT (SELECT u.is_bot FROM gitpoap.github_user u WHERE u.id = n.author_id)
    ), raised AS (
        INSERT INTO gitpoap.contribution AS t (project_id, year, user_id, merged_prs)
        SELECT d.project_id, d.year, d.user_id, d.delta
        FROM delta d
        ORDER BY d.project_id, d.year, d.user_id
        ON CONFLICT (project_id, year, user_id)
            DO UPDATE SET merged_prs = t.merged_prs + excluded.merged_prs, updated_at = now()
        RETURNING t.project_id, t.year, t.user_id, t.merged_prs
    ), keyed AS (
        SELECT k.project_id, k.year, k.user_id, max(k.merged_prs) AS merged_prs, max(k.delta) AS delta,
               max(k.arrivals) AS arrivals
        FROM (
            SELECT r.project_id, r.year, r.user_id, r.merged_prs, NULL::integer AS delta, NULL::bigint[] AS arrivals
            FROM raised r
            UNION ALL
            SELECT d.project_id, d.year, d.user_id, NULL, d.delta, d.arrivals
            FROM delta d
        ) AS k
        GROUP BY k.project_id, k.year, k.user_id
    )
    INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id, pull_request_earned_id)
    SELECT g.id, k.project_id, k.user_id, k.arrivals[g.threshold - (k.merged_prs - k.delta)]
    FROM keyed k
    JOIN gitpoap.issuing_gitpoap g
      ON g.project_id = k.project_id AND g.year = k.year
     AND g.threshold > k.merged_prs - k.delta AND g.threshold <= k.merged_prs
    ORDER BY g.id, k.user_id
    ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
    -- INSERT … ON CONFLICT DO UPDATE fires its UPDATE statement trigger first, then its INSERT trigger: one
    -- statement's rows are then one arrival, taken in (merged_at, number) order (gitpoap._order_upsert_arrivals).
    IF TG_OP = 'UPDATE' THEN
        PERFORM set_config('rewards.pr_updated', 'on', true);
    ELSIF current_setting('rewards.pr_updated', true) = 'on' THEN
        PERFORM set_config('rewards.pr_updated', '', true);
        PERFORM gitpoap._order_upsert_arrivals(ARRAY(SELECT n::gitpoap.pull_request FROM new_rows n));
    END IF;
    RETURN NULL;
END;
$$;
ALTER FUNCTION gitpoap.tg_pull_request__count() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg_pull_request__count() IS 'AFTER … FOR EACH STATEMENT on pull_request, set-based over the transition tables: claims earned by deleted rows lose their earning PR (null), and a truncation leaving claims with one is refused; deleted and updated old rows count -1 (gitpoap._uncount_merged_prs), inserted and updated new rows +1 for their author, project and UTC year (merged, non-bot only), and the claims whose threshold a rising count reached are issued; the earning PR is the arrival that reached it, rows of one statement taken in (merged_at, number) order. Skipped while rewards.defer_claims = on, which only rewards_admin may use (others get insufficient_privilege).';
CREATE TABLE gitpoap.contribution (
    project_id bigint NOT NULL,
    user_id bigint NOT NULL,
    year integer NOT NULL,
    merged_prs integer NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contribution_merged_prs_not_negative CHECK ((merged_prs >= 0))
);
ALTER TABLE gitpoap.contribution OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.contribution IS 'The counter: merged PRs of a (non-bot) user in a project and UTC year, kept by triggers and recomputed by gitpoap.backfill_claims().';
COMMENT ON COLUMN gitpoap.contribution.project_id IS 'Project.';
COMMENT ON COLUMN gitpoap.contribution.user_id IS 'Contributor.';
COMMENT ON COLUMN gitpoap.contribution.year IS 'UTC calendar year of merged_at.';
COMMENT ON COLUMN gitpoap.contribution.merged_prs IS 'Number of merged PRs counted.';
COMMENT ON COLUMN gitpoap.contribution.updated_at IS 'When the counter last changed.';
COMMENT ON CONSTRAINT contribution_merged_prs_not_negative ON gitpoap.contribution IS 'must be >= 0';
CREATE FUNCTION gitpoap.top_contributors(p_project text DEFAULT NULL::text, p_limit integer DEFAULT 10) RETURNS TABLE(login text, merged_prs bigint, claims bigint, highest_level integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 WITH scope AS (
          SELECT p.id
            FROM gitpoap.project p
           WHERE ((top_contributors.p_project IS NULL) OR (p.name = top_contributors.p_project))
         ), counted AS (
          SELECT c.user_id,
             sum(c.merged_prs) AS merged_prs
            FROM gitpoap.contribution c
           WHERE (c.project_id IN ( SELECT scope.id
                    FROM scope))
           GROUP BY c.user_id
         )
  SELECT u.login,
     k.merged_prs,
     ( SELECT count(*) AS count
            FROM gitpoap.claim x
           WHERE ((x.user_id = k.user_id) AND (x.project_id IN ( SELECT scope.id
                    FROM scope)))) AS count,
     ( SELECT max(g.level) AS max
            FROM (gitpoap.claim x
              JOIN gitpoap.gitpoap g ON ((g.id = x.gitpoap_id)))
           WHERE ((x.user_id = k.user_id) AND (x.project_id IN ( SELECT scope.id
                    FROM scope)))) AS max
    FROM (counted k
      JOIN gitpoap.github_user u ON ((u.id = k.user_id)))
   ORDER BY k.merged_prs DESC, u.login
  LIMIT top_contributors.p_limit;
END;
ALTER FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) IS 'The p_limit contributors with the most counted merged PRs (all years; one project when p_project is given), with their number of claims and highest level claimed.';
CREATE FUNCTION human_points._award_score_events(p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
DECLARE
    v_settings human_points.settings;
BEGIN
    SELECT * INTO v_settings FROM human_points.settings;
    WITH program_events AS (
        SELECT n.id, n.address, n.community_id, n.score, n.stamps, n.scored_at
        FROM unnest(p_ids) AS i (id)
        JOIN human_points.score n ON n.id = i.id
        JOIN human_points.community c ON c.id = n.community_id AND c.human_points_program
    ),
    newly_qualified AS (
        INSERT INTO human_points.qualified_community (address, community_id)
        SELECT DISTINCT e.address, e.community_id
        FROM program_events e
        WHERE e.score >= v_settings.pass_threshold
        ORDER BY e.address, e.community_id
        ON CONFLICT (address, community_id) DO NOTHING
        RETURNING address
    ),
    counted AS (
        INSERT INTO human_points.program_stats AS ps (address, passing_scores)
        SELECT q.address, count(*)
        FROM newly_qualified q
        GROUP BY q.address
        ORDER BY q.address
        ON CONFLICT (address) DO UPDATE SET passing_scores = ps.passing_scores + excluded.passing_scores
        RETURNING ps.address, ps.passing_scores
    ),
    stamps AS (  -- valid stamps whose nullifiers are well-formed ('[]' when they have none)
        SELECT e.id, x.ord, e.address, x.provider, human_points._stamp_nullifiers(x.stamp) AS nullifiers
        FROM program_events e
        CROSS JOIN LATERAL (  -- OFFSET 0: each field read once per stamp, not once per mention in the inlined rules
            SELECT s.ord, s.stamp, s.stamp ->> 'provider' AS provider, s.stamp -> 'credential' ->> 'expirationDate' AS expires
            FROM jsonb_array_elements(e.stamps) WITH ORDINALITY AS s (stamp, ord)
            OFFSET 0
        ) x
        WHERE human_points._stamp_valid_at(x.expires, e.scored_at)
    ),
    stamp_actions AS (  -- what each of them would earn: its provider's action, human_keys when it has nullifiers
        SELECT s.id, s.ord, s.address, a.key AS action, s.nullifiers
        FROM stamps s
        JOIN human_points.action a ON a.provider = s.provider AND a.kind = 'binary'
        WHERE s.nullifiers IS NOT NULL
        UNION ALL
        SELECT s.id, s.ord, s.address, 'human_keys', s.nullifiers
        FROM stamps s
        WHERE jsonb_array_length(s.nullifiers) > 0
    ),
    presented AS (
        SELECT sa.id, sa.ord, sa.address, sa.action, n.nullifier
        FROM stamp_actions sa
        CROSS JOIN LATERAL jsonb_array_elements_text(sa.nullifiers) AS n (nullifier)
    ),
    claimed AS (  -- each (action, nullifier) to the first event presenting it; one held already stays its holder's
        INSERT INTO human_points.stamp_nullifier (action, nullifier, address)
        SELECT DISTINCT ON (p.action, p.nullifier) p.action, p.nullifier, p.address
        FROM presented p
        ORDER BY p.action, p.nullifier, p.id, p.ord
        ON CONFLICT (action, nullifier) DO NOTHING
        RETURNING action, nullifier, address
    ),
    clashing AS (  -- a nullifier neither claimed now for the presenting address nor held by it before: another holds it
        SELECT DISTINCT p.id, p.ord, p.action
        FROM presented p
        LEFT JOIN claimed c ON c.action = p.action AND c.nullifier = p.nullifier AND c.address = p.address
        LEFT JOIN LATERAL (  -- OFFSET 0: one primary-key probe per nullifier, never a scan of the whole table
            SELECT h.address FROM human_points.stamp_nullifier h WHERE h.action = p.action AND h.nullifier = p.nullifier
            OFFSET 0
        ) h ON true
        WHERE c.action IS NULL AND h.address IS DISTINCT FROM p.address
    ),
    earned AS (
        SELECT c.address, 'scoring_bonus' AS action
        FROM counted c
        WHERE c.passing_scores >= v_settings.bonus_communities
        UNION
        SELECT sa.address, sa.action
        FROM stamp_actions sa
        WHERE NOT EXISTS (SELECT FROM clashing k WHERE k.id = sa.id AND k.ord = sa.ord AND k.action = sa.action)
    )
    INSERT INTO human_points.points (address, action, kind, points)
    SELECT e.address, e.action, a.kind, a.points * coalesce(m.multiplier, 1)
    FROM earned e
    JOIN human_points.action a ON a.key = e.action
    LEFT JOIN human_points.multiplier m ON m.address = e.address
    ORDER BY e.address, e.action
    ON CONFLICT (address, action) WHERE kind = 'binary' DO NOTHING;
END
$$;
ALTER FUNCTION human_points._award_score_events(p_ids bigint[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._award_score_events(p_ids bigint[]) IS 'Awards what the stored score events p_ids earn: qualifies program communities, counts distinct ones, awards scoring_bonus, stamp actions and human_keys (times the multiplier), each stamp''s nullifiers to the first address presenting them. Used by the score trigger; callers check settings.write_enabled.';
CREATE FUNCTION human_points._normalize_tx_hash(p_tx_hash text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (NORMALIZE(p_tx_hash, NFKC) ~ '^(0[xX])?[0-9a-fA-F]+$'::text) THEN ('0x'::text || lower(regexp_replace(NORMALIZE(p_tx_hash, NFKC), '^0[xX]'::text, ''::text))) ELSE p_tx_hash END;
ALTER FUNCTION human_points._normalize_tx_hash(p_tx_hash text) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._normalize_tx_hash(p_tx_hash text) IS 'A transaction hash made of hex digits (with or without 0x, any case, any Unicode width) as 0x + lower-case hex; any other text unchanged.';
CREATE FUNCTION human_points._score_event_problem(p_event jsonb) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_value jsonb;
    v_stamp jsonb;
    v_n integer := 0;
BEGIN
    -- Returns '<field> <rule> (got <json>)'; the caller prefixes the event's index.
    IF jsonb_typeof(p_event) IS DISTINCT FROM 'object' THEN
        RETURN format('must be a JSON object (got %s)', coalesce(p_event::text, 'null'));
    END IF;
    v_value := p_event -> 'address';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'string' OR NOT core.is_evm_address(lower(v_value #>> '{}')) THEN
        RETURN format('.address must be 0x followed by 40 hex digits (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;
    v_value := p_event -> 'community_id';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'number' OR v_value::numeric <> trunc(v_value::numeric)
       OR v_value::numeric NOT BETWEEN -2147483648 AND 2147483647 THEN
        RETURN format('.community_id must be an integer (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;
    IF NOT EXISTS (SELECT FROM human_points.community c WHERE c.id = v_value::integer) THEN
        RETURN format('.community_id must be a human_points.community id (got %s)', v_value::text);
    END IF;
    v_value := p_event -> 'score';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'number' OR v_value::numeric < 0 THEN
        RETURN format('.score must be a number >= 0 (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;
    v_value := p_event -> 'scored_at';
    IF jsonb_typeof(v_value) IS DISTINCT FROM 'string' OR core.to_timestamptz(v_value #>> '{}') IS NULL THEN
        RETURN format('.scored_at must be an ISO 8601 timestamp with a time zone (got %s)', coalesce(v_value::text, 'nothing'));
    END IF;
    v_value := p_event -> 'stamps';
    IF v_value IS NULL OR v_value = 'null'::jsonb THEN
        RETURN NULL;  -- no stamps: an empty list
    END IF;
    IF jsonb_typeof(v_value) <> 'array' THEN
        RETURN format('.stamps must be an array (got %s)', v_value::text);
    END IF;
    FOR v_stamp IN SELECT jsonb_array_elements(v_value) LOOP
        IF jsonb_typeof(v_stamp) <> 'object' THEN
            RETURN format('.stamps[%s] must be an object (got %s)', v_n, v_stamp::text);
        ELSIF jsonb_typeof(v_stamp -> 'provider') IS DISTINCT FROM 'string' THEN
            RETURN format('.stamps[%s].provider must be a string (got %s)', v_n, coalesce((v_stamp -> 'provider')::text, 'nothing'));
        ELSIF jsonb_typeof(v_stamp -> 'credential') IS DISTINCT FROM 'object' THEN
            RETURN format('.stamps[%s].credential must be an object (got %s)', v_n, coalesce((v_stamp -> 'credential')::text, 'nothing'));
        ELSIF jsonb_typeof(v_stamp -> 'credential' -> 'expirationDate') IS DISTINCT FROM 'string'
              OR core.to_timestamptz(v_stamp -> 'credential' ->> 'expirationDate') IS NULL THEN
            RETURN format('.stamps[%s].credential.expirationDate must be an ISO 8601 timestamp with a time zone (got %s)',
                          v_n, coalesce((v_stamp -> 'credential' -> 'expirationDate')::text, 'nothing'));
        ELSIF (v_stamp #> '{credential,credentialSubject,nullifiers}') IS NOT NULL
              AND jsonb_typeof(v_stamp #> '{credential,credentialSubject,nullifiers}') NOT IN ('array', 'null') THEN
            RETURN format('.stamps[%s].credential.credentialSubject.nullifiers must be an array (got %s)',
                          v_n, (v_stamp #> '{credential,credentialSubject,nullifiers}')::text);
        END IF;
        v_n := v_n + 1;
    END LOOP;
    RETURN NULL;
END
$$;
ALTER FUNCTION human_points._score_event_problem(p_event jsonb) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._score_event_problem(p_event jsonb) IS 'Validates one score event of an import file: returns ''<field> <rule> (got <value>)'' for the first problem, null when the event is well-formed.';
CREATE FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (jsonb_typeof((p_stamp #> '{credential,credentialSubject,nullifiers}'::text[])) IS DISTINCT FROM 'array'::text) THEN '[]'::jsonb WHEN jsonb_path_exists((p_stamp #> '{credential,credentialSubject,nullifiers}'::text[]), 'strict $[*]?(@.type() != "string" || !(@ like_regex "^.{1,200}$" flag "s"))'::jsonpath) THEN NULL::jsonb ELSE (p_stamp #> '{credential,credentialSubject,nullifiers}'::text[]) END;
ALTER FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) IS 'The stamp''s credential.credentialSubject.nullifiers (a JSON array of strings): ''[]'' when it has none (no array, an empty one), null when the array holds anything but strings of 1 to 200 characters (the stamp earns nothing). A non-empty array earns human_keys.';
CREATE FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    -- p_expires is the stamp's credential.expirationDate (text), extracted once by the caller: this function is
    -- inlined, and each mention of its argument would repeat the extraction. Validity is judged at the score's
    -- time, never the wall clock. An expirationDate that is not an ISO 8601 timestamp with a zone naming a real
    -- instant makes the stamp invalid, never the INSERT fail: the shape guard keeps the cast away from free text,
    -- and core._iso_timestamptz_casts from fields out of range (2025-02-30, month 13, hour 25, +20:00, year 0000) —
    -- both string functions, no exception block, so a million-row COPY stays set-based and cheap. Only what the
    -- second guard cannot vouch for goes to core.to_timestamptz (an exception block per call), which says whether
    -- PostgreSQL reads it as an instant (24:00:00 yes, 02-30 no).
    SELECT CASE
        WHEN NOT core.is_iso_timestamptz(p_expires) THEN false
        WHEN core._iso_timestamptz_casts(p_expires) THEN p_expires::timestamptz > p_at
        ELSE coalesce(core.to_timestamptz(p_expires) > p_at, false)
    END
$$;
ALTER FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) IS 'True when p_expires (a stamp''s credential.expirationDate) is an ISO 8601 timestamp with a zone naming an instant later than p_at (the score''s scored_at); false otherwise, never an error.';
CREATE TABLE human_points.community (
    id integer NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    human_points_program boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT community_id_positive CHECK ((id > 0)),
    CONSTRAINT community_name_at_most_200_characters CHECK ((length(name) <= 200))
);
ALTER TABLE human_points.community OWNER TO rewards_owner;
COMMENT ON TABLE human_points.community IS 'Passport scorer communities; only scores in communities with human_points_program award points.';
COMMENT ON COLUMN human_points.community.id IS 'The community id applications send in score.community_id.';
COMMENT ON COLUMN human_points.community.name IS 'Display name.';
COMMENT ON COLUMN human_points.community.human_points_program IS 'True when scores in this community take part in the Human Points Program.';
COMMENT ON COLUMN human_points.community.created_at IS 'When the row was added.';
COMMENT ON CONSTRAINT community_id_positive ON human_points.community IS 'must be at least 1';
COMMENT ON CONSTRAINT community_name_at_most_200_characters ON human_points.community IS 'must be at most 200 characters';
CREATE TABLE human_points.mint (
    id bigint NOT NULL,
    address text NOT NULL,
    action text NOT NULL,
    tx_hash text NOT NULL,
    chain_id bigint,
    minted_at timestamp with time zone DEFAULT now() NOT NULL,
    kind text DEFAULT 'mint'::text NOT NULL,
    CONSTRAINT mint_address_is_lowercase_0x_40_hex CHECK (core.is_evm_address(address)),
    CONSTRAINT mint_chain_id_positive CHECK ((chain_id > 0)),
    CONSTRAINT mint_kind_is_mint CHECK ((kind = 'mint'::text)),
    CONSTRAINT mint_tx_hash_not_empty CHECK ((tx_hash <> ''::text)),
    CONSTRAINT mint_tx_hash_printable_at_most_200_characters CHECK ((tx_hash ~ '^[[:graph:]]{1,200}$'::text))
);
ALTER TABLE human_points.mint OWNER TO rewards_owner;
COMMENT ON TABLE human_points.mint IS 'Mint events applications insert; a statement-level trigger awards the points.';
COMMENT ON COLUMN human_points.mint.id IS 'Event id.';
COMMENT ON COLUMN human_points.mint.address IS 'Minting address, lower-case 0x + 40 hex (mixed case is normalised on insert).';
COMMENT ON COLUMN human_points.mint.action IS 'passport_mint or holonym_mint.';
COMMENT ON COLUMN human_points.mint.tx_hash IS 'Transaction hash; hex hashes (with or without 0x, any case or width) are stored as 0x + lower-case hex.';
COMMENT ON COLUMN human_points.mint.chain_id IS 'Chain of the transaction, when known.';
COMMENT ON COLUMN human_points.mint.minted_at IS 'When the event was recorded.';
COMMENT ON COLUMN human_points.mint.kind IS 'Always mint: with the foreign key (action, kind) it makes action a mint action.';
COMMENT ON CONSTRAINT mint_address_is_lowercase_0x_40_hex ON human_points.mint IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT mint_chain_id_positive ON human_points.mint IS 'must be at least 1 (or null when unknown)';
COMMENT ON CONSTRAINT mint_kind_is_mint ON human_points.mint IS 'must be mint';
COMMENT ON CONSTRAINT mint_tx_hash_not_empty ON human_points.mint IS 'must not be empty';
COMMENT ON CONSTRAINT mint_tx_hash_printable_at_most_200_characters ON human_points.mint IS 'must be 1 to 200 printable characters, without spaces';
CREATE TABLE human_points.multiplier (
    address text NOT NULL,
    multiplier integer DEFAULT 2 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT multiplier_address_is_lowercase_0x_40_hex CHECK (core.is_evm_address(address)),
    CONSTRAINT multiplier_multiplier_at_least_1 CHECK ((multiplier >= 1)),
    CONSTRAINT multiplier_multiplier_at_most_1000 CHECK ((multiplier <= 1000))
);
ALTER TABLE human_points.multiplier OWNER TO rewards_owner;
COMMENT ON TABLE human_points.multiplier IS 'Point multipliers; an address without a row has multiplier 1.';
COMMENT ON COLUMN human_points.multiplier.address IS 'Address.';
COMMENT ON COLUMN human_points.multiplier.multiplier IS 'Factor applied to every award at insertion (later changes do not rewrite old points).';
COMMENT ON COLUMN human_points.multiplier.created_at IS 'When the row was added.';
COMMENT ON CONSTRAINT multiplier_address_is_lowercase_0x_40_hex ON human_points.multiplier IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT multiplier_multiplier_at_least_1 ON human_points.multiplier IS 'must be at least 1';
COMMENT ON CONSTRAINT multiplier_multiplier_at_most_1000 ON human_points.multiplier IS 'must be at most 1000 (points are integers: 1000 points times the multiplier must fit)';
CREATE TABLE human_points.points (
    id bigint NOT NULL,
    address text NOT NULL,
    action text NOT NULL,
    points integer NOT NULL,
    "timestamp" timestamp with time zone DEFAULT now() NOT NULL,
    tx_hash text,
    kind text NOT NULL,
    CONSTRAINT points_address_is_lowercase_0x_40_hex CHECK (core.is_evm_address(address)),
    CONSTRAINT points_points_at_least_0 CHECK ((points >= 0))
);
ALTER TABLE human_points.points OWNER TO rewards_owner;
COMMENT ON TABLE human_points.points IS 'Awarded points (the seed''s HumanPoints); a total is the sum of an address''s rows.';
COMMENT ON COLUMN human_points.points.id IS 'Row id.';
COMMENT ON COLUMN human_points.points.address IS 'Address that earned the points.';
COMMENT ON COLUMN human_points.points.action IS 'Action earned (human_points.action.key).';
COMMENT ON COLUMN human_points.points.points IS 'Points awarded: the action''s points times the address''s multiplier at insertion.';
COMMENT ON COLUMN human_points.points."timestamp" IS 'When the points were awarded (timestamptz; shown in UTC).';
COMMENT ON COLUMN human_points.points.tx_hash IS 'Mint transaction hash (mint actions only).';
COMMENT ON COLUMN human_points.points.kind IS 'Kind of the action (binary or mint), as human_points.action has it: the dedupe indexes select by it.';
COMMENT ON CONSTRAINT points_address_is_lowercase_0x_40_hex ON human_points.points IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT points_points_at_least_0 ON human_points.points IS 'must be >= 0';
CREATE TABLE human_points.score (
    id bigint NOT NULL,
    address text NOT NULL,
    community_id integer NOT NULL,
    score numeric NOT NULL,
    stamps jsonb DEFAULT '[]'::jsonb NOT NULL,
    scored_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT score_address_is_lowercase_0x_40_hex CHECK (core.is_evm_address(address)),
    CONSTRAINT score_score_at_least_0 CHECK ((score >= (0)::numeric)),
    CONSTRAINT score_score_is_finite CHECK ((score < 'Infinity'::numeric)),
    CONSTRAINT score_scored_at_is_finite CHECK (isfinite(scored_at)),
    CONSTRAINT score_stamps_is_an_array CHECK ((jsonb_typeof(stamps) = 'array'::text))
);
ALTER TABLE human_points.score OWNER TO rewards_owner;
COMMENT ON TABLE human_points.score IS 'Scoring events applications insert; a statement-level trigger awards the points.';
COMMENT ON COLUMN human_points.score.id IS 'Event id.';
COMMENT ON COLUMN human_points.score.address IS 'Scored address, lower-case 0x + 40 hex (mixed case is normalised on insert).';
COMMENT ON COLUMN human_points.score.community_id IS 'Community that scored the address.';
COMMENT ON COLUMN human_points.score.score IS 'Passport score (passing when >= settings.pass_threshold).';
COMMENT ON COLUMN human_points.score.stamps IS 'JSON array of stamps {provider, credential{expirationDate, credentialSubject{nullifiers}}}.';
COMMENT ON COLUMN human_points.score.scored_at IS 'When the score was computed; stamps are valid if they expire later.';
COMMENT ON CONSTRAINT score_address_is_lowercase_0x_40_hex ON human_points.score IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT score_score_at_least_0 ON human_points.score IS 'must be >= 0';
COMMENT ON CONSTRAINT score_score_is_finite ON human_points.score IS 'must be a finite number';
COMMENT ON CONSTRAINT score_scored_at_is_finite ON human_points.score IS 'must be a finite time';
COMMENT ON CONSTRAINT score_stamps_is_an_array ON human_points.score IS 'must be a JSON array of stamps';
CREATE FUNCTION human_points.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT jsonb_build_object('counts', jsonb_build_object('communities', ( SELECT count(*) AS count
            FROM human_points.community), 'scores', ( SELECT count(*) AS count
            FROM human_points.score), 'mints', ( SELECT count(*) AS count
            FROM human_points.mint), 'points', ( SELECT count(*) AS count
            FROM human_points.points), 'multipliers', ( SELECT count(*) AS count
            FROM human_points.multiplier)), 'newest_point_at', ( SELECT max(p."timestamp") AS max
            FROM human_points.points p)) AS jsonb_build_object;
END;
ALTER FUNCTION human_points.activity() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.activity() IS '{"counts": {table: rows}, "newest_point_at"}: what runner status prints for human_points (settings come from human_points.status()).';
CREATE FUNCTION human_points.import_scores() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_idx     integer;
    v_problem text;
    v_count   integer;
BEGIN
    SELECT s.idx, p.problem INTO v_idx, v_problem
    FROM human_points.score_import s
    CROSS JOIN LATERAL (SELECT human_points._score_event_problem(s.event) AS problem) p
    WHERE p.problem IS NOT NULL
    ORDER BY s.idx
    LIMIT 1;
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION 'events[%]%', v_idx, CASE WHEN v_problem LIKE '.%' THEN v_problem ELSE ' ' || v_problem END
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One statement: the score trigger runs once over every event, as for an application's multi-row INSERT.
    INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)
    SELECT lower(s.event ->> 'address'),
           (s.event ->> 'community_id')::integer,
           (s.event ->> 'score')::numeric,
           coalesce(nullif(s.event -> 'stamps', 'null'::jsonb), '[]'::jsonb),
           (s.event ->> 'scored_at')::timestamptz
    FROM human_points.score_import s
    ORDER BY s.idx;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    DELETE FROM human_points.score_import;  -- only this transaction's rows are visible here
    RETURN v_count;
END
$$;
ALTER FUNCTION human_points.import_scores() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.import_scores() IS 'Validates every staged event (error: events[<index>].<field> <rule> (got <value>), nothing inserted), then inserts them all into human_points.score in one statement, in idx order. Returns the number of events inserted.';
CREATE FUNCTION human_points.normalize_address(p_address text, p_field text DEFAULT 'address'::text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_address text := lower(p_address);
BEGIN
    IF core.is_evm_address(v_address) THEN
        RETURN v_address;
    END IF;
    RAISE EXCEPTION '% must be 0x followed by 40 hex digits (got %)', p_field, quote_literal(p_address)
        USING ERRCODE = 'check_violation', COLUMN = regexp_replace(p_field, '^.*\.', '');
END
$$;
ALTER FUNCTION human_points.normalize_address(p_address text, p_field text) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.normalize_address(p_address text, p_field text) IS 'Lower-cases an Ethereum address; raises check_violation naming p_field and the value unless it is 0x + 40 hex digits.';
CREATE FUNCTION human_points.points_data(p_address text) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH target AS (
        SELECT human_points.normalize_address(p_address, 'points_data.address') AS address
    ),
    per_action AS (
        SELECT p.action, sum(p.points) AS points
        FROM human_points.points p
        JOIN target t ON t.address = p.address
        GROUP BY p.action
    )
    SELECT jsonb_build_object(
        'total_points', coalesce((SELECT sum(points) FROM per_action), 0),
        'is_eligible', coalesce((SELECT s.passing_scores >= 1
                                 FROM human_points.program_stats s JOIN target t ON t.address = s.address), false),
        'multiplier', coalesce((SELECT m.multiplier
                                FROM human_points.multiplier m JOIN target t ON t.address = m.address), 1),
        'breakdown', coalesce((SELECT jsonb_object_agg(action, points) FROM per_action), '{}'::jsonb))
    FROM target
$$;
ALTER FUNCTION human_points.points_data(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.points_data(p_address text) IS 'Points of an address (any case): {"total_points": int, "is_eligible": passing_scores >= 1, "multiplier": int (1 without a row), "breakdown": {action: points}}. Summed when queried.';
CREATE FUNCTION human_points.populate_multipliers(p_addresses text[]) RETURNS integer
    LANGUAGE sql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    -- A malformed address raises (naming its 1-based position and value) and the statement adds nothing.
    WITH added AS (
        INSERT INTO human_points.multiplier (address, multiplier)
        SELECT DISTINCT human_points.normalize_address(a.address, format('populate_multipliers.addresses[%s]', a.n)), 2
        FROM unnest(p_addresses) WITH ORDINALITY AS a (address, n)
        ORDER BY 1
        ON CONFLICT (address) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM added
$$;
ALTER FUNCTION human_points.populate_multipliers(p_addresses text[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.populate_multipliers(p_addresses text[]) IS 'Gives multiplier 2 to each listed address (any case) without a multiplier row; existing rows are untouched. Returns how many rows were added.';
CREATE FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_added integer;
BEGIN
    -- 'infinity' would silently mean "every address that ever passed".
    IF NOT isfinite(p_returning_before) THEN
        RAISE EXCEPTION 'populate_multipliers.returning_before must be a finite timestamp (got %)', p_returning_before
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- "Returning users": a passing score (>= settings.pass_threshold, in any community) scored before the cut-off.
    WITH added AS (
        INSERT INTO human_points.multiplier (address, multiplier)
        SELECT DISTINCT s.address, 2
        FROM human_points.score s
        CROSS JOIN human_points.settings t
        WHERE s.scored_at < p_returning_before
          AND s.score >= t.pass_threshold
        ORDER BY 1
        ON CONFLICT (address) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer INTO v_added FROM added;
    RETURN v_added;
END
$$;
ALTER FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) IS 'Gives multiplier 2 to every address with a passing score (any community) scored before p_returning_before and no multiplier row yet (p_returning_before must be finite). Returns how many rows were added.';
CREATE FUNCTION human_points.set_write_enabled(p_enabled boolean) RETURNS boolean
    LANGUAGE sql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    UPDATE human_points.settings SET write_enabled = p_enabled RETURNING write_enabled
$$;
ALTER FUNCTION human_points.set_write_enabled(p_enabled boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.set_write_enabled(p_enabled boolean) IS 'Turns point awards on (true) or off (false); returns the new value. Off: events are still stored and reads work; on again: only new events award.';
CREATE FUNCTION human_points.status() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT jsonb_build_object(
        'write_enabled', s.write_enabled,
        'pass_threshold', s.pass_threshold,
        'bonus_communities', s.bonus_communities,
        'program_communities', coalesce((SELECT jsonb_agg(c.id ORDER BY c.id)
                                         FROM human_points.community c WHERE c.human_points_program), '[]'::jsonb))
    FROM human_points.settings s
$$;
ALTER FUNCTION human_points.status() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.status() IS '{"write_enabled", "pass_threshold", "bonus_communities", "program_communities": [community ids]}.';
CREATE FUNCTION human_points.tg_mint__award_points() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NOT coalesce((SELECT s.write_enabled FROM human_points.settings s), false) THEN
        RETURN NULL;
    END IF;
    INSERT INTO human_points.points (address, action, kind, points, tx_hash)
    SELECT DISTINCT ON (n.address, n.action, n.tx_hash)
           n.address, n.action, a.kind, a.points * coalesce(m.multiplier, 1), n.tx_hash
    FROM new_rows n
    JOIN human_points.action a ON a.key = n.action AND a.kind = n.kind
    LEFT JOIN human_points.action_chain c ON c.action = n.action
    LEFT JOIN human_points.multiplier m ON m.address = n.address
    WHERE c.chain_id IS NULL OR c.chain_id = n.chain_id
    ORDER BY n.address, n.action, n.tx_hash
    ON CONFLICT (address, action, tx_hash) WHERE kind = 'mint' DO NOTHING;
    RETURN NULL;
END
$$;
ALTER FUNCTION human_points.tg_mint__award_points() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_mint__award_points() IS 'AFTER INSERT statement trigger on mint: awards each new (address, action, tx_hash) once, times the multiplier, when the event is on the action''s chain (human_points.action_chain, if it names one).';
CREATE FUNCTION human_points.tg_mint__normalise_address() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.address := human_points.normalize_address(NEW.address, 'human_points.mint.address');
    NEW.tx_hash := human_points._normalize_tx_hash(NEW.tx_hash);
    RETURN NEW;
END
$$;
ALTER FUNCTION human_points.tg_mint__normalise_address() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_mint__normalise_address() IS 'BEFORE INSERT/UPDATE row trigger: lower-cases mint.address (or raises check_violation naming it); hex tx_hash as 0x + lower-case hex.';
CREATE FUNCTION human_points.tg_score__award_points() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF coalesce((SELECT s.write_enabled FROM human_points.settings s), false) THEN
        PERFORM human_points._award_score_events(ARRAY(SELECT n.id FROM new_rows n));
    END IF;
    RETURN NULL;
END
$$;
ALTER FUNCTION human_points.tg_score__award_points() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_score__award_points() IS 'AFTER INSERT statement trigger on score: unless writes are disabled, awards what the new events earn (human_points._award_score_events).';
CREATE FUNCTION human_points.tg_score__normalise_address() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.address := human_points.normalize_address(NEW.address, 'human_points.score.address');
    RETURN NEW;
END
$$;
ALTER FUNCTION human_points.tg_score__normalise_address() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_score__normalise_address() IS 'BEFORE INSERT/UPDATE row trigger: lower-cases score.address, or raises check_violation naming the value.';
CREATE FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) RETURNS human_points.community
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    INSERT INTO human_points.community (id, name, human_points_program)
    VALUES (p_id, coalesce(p_name, ''), coalesce(p_human_points_program, false))
    ON CONFLICT (id) DO UPDATE
        SET name = excluded.name, human_points_program = excluded.human_points_program
    RETURNING *
$$;
ALTER FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) IS 'Creates or updates a community; only later scores are affected by a change of human_points_program.';
CREATE FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_moved bigint;
BEGIN
    -- The callers pass each wallet's stored balance and tier_key, read while no other writer can change them (the
    -- wallet trigger: rows its statement wrote and holds; a tier change: under tiers._lock_tiers), so only wallets
    -- whose tier moves are joined back to wallet and written again. Their UPDATE fires the wallet trigger again with
    -- rows already right: nothing moves, which ends the recursion.
    WITH computed AS (
        SELECT w.address, w.balance, w.tier_key AS from_key, coalesce(t.tier_key, 'none') AS to_key
        FROM unnest(p_addresses, p_balances, p_tier_keys) AS w(address, balance, tier_key)
        LEFT JOIN LATERAL tiers._tier_for_balance(w.balance) AS t ON true
    ), changed AS (
        UPDATE tiers.wallet w SET tier_key = c.to_key, updated_at = now()
        FROM computed c
        WHERE c.from_key <> c.to_key AND w.address = c.address
        RETURNING c.address, c.from_key, c.to_key, c.balance
    )
    INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
    SELECT c.address, c.from_key, c.to_key, c.balance, p_cause FROM changed c ORDER BY c.address;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END;
$$;
ALTER FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) IS 'The one re-tiering step, shared by the wallet trigger (cause balance) and tier changes (tiers._reevaluate_wallets, cause tier): for the wallets given as parallel arrays of address, stored balance and stored tier_key, computes each one''s tier (the rule: tiers._tier_for_balance), writes tier_key and updated_at of those whose tier moves and logs each move in tiers.tier_change with p_cause. Returns the number of wallets moved.';
CREATE FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF p_value = 'NaN' OR abs(p_value) = 'Infinity' THEN
        RAISE EXCEPTION 'tiers.tier.% must be a finite number (got %)', p_field, p_value
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = p_field;
    END IF;
    IF abs(p_value) >= p_below THEN
        RAISE EXCEPTION 'tiers.tier.% must be less than % (got %)', p_field, p_below, p_value
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = p_field;
    END IF;
    IF scale(trim_scale(p_value)) > 2 THEN
        RAISE EXCEPTION 'tiers.tier.% must have at most 2 decimal places (got %)', p_field, p_value
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = p_field;
    END IF;
END;
$$;
ALTER FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) IS 'Raises check_violation naming tiers.tier.<p_field> unless p_value (null passes) is finite, of absolute value below p_below and has at most 2 decimal places: what a numeric(p,2) column would otherwise round or refuse without naming the column.';
CREATE FUNCTION tiers._lock_tiers() RETURNS void
    LANGUAGE sql
    SET lock_timeout TO '5s'
    AS $$LOCK TABLE tiers.wallet IN SHARE ROW EXCLUSIVE MODE$$;
ALTER FUNCTION tiers._lock_tiers() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._lock_tiers() IS 'Locks tiers.wallet in SHARE ROW EXCLUSIVE mode for the transaction, before a tier change: waits for wallet writers in flight and holds new ones back until the change commits, so a balance change and a tier change never judge each other''s uncommitted state and every wallet''s tier ends correct under READ COMMITTED; tier changes run one at a time. Waits at most 5 s (lock_timeout), then fails with lock_not_available.';
CREATE FUNCTION tiers._valid_address(p_address text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
BEGIN
    IF core.is_evm_address(p_address) OR p_address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$' THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION 'tiers.wallet.address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) (got %)',
        coalesce(quote_literal(p_address), 'null')
        USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'wallet', COLUMN = 'address';
END;
$_$;
ALTER FUNCTION tiers._valid_address(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._valid_address(p_address text) IS 'True for a wallet address in an accepted format (lower-case 0x + 40 hex, or 32-44 base58 characters); otherwise raises check_violation naming the value.';
CREATE TABLE tiers.wallet (
    address text NOT NULL,
    balance numeric NOT NULL,
    tier_key text DEFAULT 'none'::text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT wallet_address_format CHECK (tiers._valid_address(address)),
    CONSTRAINT wallet_balance_is_finite CHECK ((balance < 'Infinity'::numeric)),
    CONSTRAINT wallet_balance_not_negative CHECK ((balance >= (0)::numeric))
);
ALTER TABLE tiers.wallet OWNER TO rewards_owner;
COMMENT ON TABLE tiers.wallet IS 'Token balance of a wallet, written by applications; tier_key is kept by the database (trigger) and changes are logged in tiers.tier_change.';
COMMENT ON COLUMN tiers.wallet.address IS 'Wallet address: lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana, case-sensitive).';
COMMENT ON COLUMN tiers.wallet.balance IS 'Token balance (>= 0).';
COMMENT ON COLUMN tiers.wallet.tier_key IS 'Key of the wallet''s current tier (none when below every active tier); kept by the database.';
COMMENT ON COLUMN tiers.wallet.updated_at IS 'When the balance or the tier last changed (kept by the database).';
COMMENT ON CONSTRAINT wallet_address_format ON tiers.wallet IS 'must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana)';
COMMENT ON CONSTRAINT wallet_balance_is_finite ON tiers.wallet IS 'must be a finite number';
COMMENT ON CONSTRAINT wallet_balance_not_negative ON tiers.wallet IS 'must be >= 0';
CREATE FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) RETURNS bigint
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT tiers._assign_wallet_tiers(array_agg(w.address), array_agg(w.balance), array_agg(w.tier_key), 'tier'::text) AS _assign_wallet_tiers
    FROM tiers.wallet w
   WHERE ((w.balance >= _reevaluate_wallets.p_low) AND ((_reevaluate_wallets.p_high IS NULL) OR (w.balance < _reevaluate_wallets.p_high)));
END;
ALTER FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) IS 'Gives every wallet with p_low <= balance < p_high (p_high null: no upper bound) its tier from the current active tiers (tiers._assign_wallet_tiers), logging each change in tiers.tier_change with cause tier. Returns the number of wallets moved. Called by the tiers.tier trigger under the tiers lock (tiers._lock_tiers: no wallet writer in flight).';
CREATE TABLE tiers.tier (
    id bigint NOT NULL,
    name text NOT NULL,
    tier_key text NOT NULL,
    minimum_balance numeric(18,2) NOT NULL,
    discount_percent numeric(5,2) DEFAULT 0 NOT NULL,
    badge_name text,
    badge_color text,
    display_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    description text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tier_badge_color_at_most_50_characters CHECK ((length(badge_color) <= 50)),
    CONSTRAINT tier_badge_name_at_most_100_characters CHECK ((length(badge_name) <= 100)),
    CONSTRAINT tier_description_at_most_2000_characters CHECK ((length(description) <= 2000)),
    CONSTRAINT tier_discount_percent_between_0_and_100 CHECK (((discount_percent >= (0)::numeric) AND (discount_percent <= (100)::numeric))),
    CONSTRAINT tier_key_at_most_50_characters CHECK ((length(tier_key) <= 50)),
    CONSTRAINT tier_key_lower_case CHECK ((tier_key ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT tier_key_not_none CHECK ((tier_key <> 'none'::text)),
    CONSTRAINT tier_metadata_is_object CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT tier_minimum_balance_is_finite CHECK ((minimum_balance < 'Infinity'::numeric)),
    CONSTRAINT tier_minimum_balance_not_negative CHECK ((minimum_balance >= (0)::numeric)),
    CONSTRAINT tier_name_at_most_100_characters CHECK ((length(name) <= 100)),
    CONSTRAINT tier_name_not_blank CHECK ((btrim(name) <> ''::text))
);
ALTER TABLE tiers.tier OWNER TO rewards_owner;
COMMENT ON TABLE tiers.tier IS 'A token-balance tier: a wallet holding at least minimum_balance tokens is in the highest such active tier. Written only through tiers.create_tier/update_tier/delete_tier.';
COMMENT ON COLUMN tiers.tier.id IS 'Tier id.';
COMMENT ON COLUMN tiers.tier.name IS 'Display name, e.g. Elite.';
COMMENT ON COLUMN tiers.tier.tier_key IS 'Unique key: lower-case letters, digits and _, starting with a letter (e.g. elite); never changes; "none" is reserved for the none tier.';
COMMENT ON COLUMN tiers.tier.minimum_balance IS 'Tokens a wallet must hold to be in this tier (>= 0; unique among active tiers).';
COMMENT ON COLUMN tiers.tier.discount_percent IS 'Discount granted by the tier, in percent (0 to 100).';
COMMENT ON COLUMN tiers.tier.badge_name IS 'Badge label shown for the tier.';
COMMENT ON COLUMN tiers.tier.badge_color IS 'Badge colour, e.g. silver.';
COMMENT ON COLUMN tiers.tier.display_order IS 'Position when tiers are listed by order.';
COMMENT ON COLUMN tiers.tier.is_active IS 'Inactive tiers (soft-deleted) are ignored by every lookup.';
COMMENT ON COLUMN tiers.tier.description IS 'Free text describing the tier''s benefits.';
COMMENT ON COLUMN tiers.tier.metadata IS 'Additional data (a JSON object).';
COMMENT ON COLUMN tiers.tier.created_at IS 'When the tier was created.';
COMMENT ON COLUMN tiers.tier.updated_at IS 'When the tier was last changed (kept by the database).';
COMMENT ON CONSTRAINT tier_badge_color_at_most_50_characters ON tiers.tier IS 'must be at most 50 characters';
COMMENT ON CONSTRAINT tier_badge_name_at_most_100_characters ON tiers.tier IS 'must be at most 100 characters';
COMMENT ON CONSTRAINT tier_description_at_most_2000_characters ON tiers.tier IS 'must be at most 2000 characters';
COMMENT ON CONSTRAINT tier_discount_percent_between_0_and_100 ON tiers.tier IS 'must be between 0 and 100';
COMMENT ON CONSTRAINT tier_key_at_most_50_characters ON tiers.tier IS 'must be at most 50 characters';
COMMENT ON CONSTRAINT tier_key_lower_case ON tiers.tier IS 'must be lower-case letters, digits or _, starting with a letter';
COMMENT ON CONSTRAINT tier_key_not_none ON tiers.tier IS 'must not be ''none'' (reserved for the none tier)';
COMMENT ON CONSTRAINT tier_metadata_is_object ON tiers.tier IS 'must be a JSON object';
COMMENT ON CONSTRAINT tier_minimum_balance_is_finite ON tiers.tier IS 'must be a finite number';
COMMENT ON CONSTRAINT tier_minimum_balance_not_negative ON tiers.tier IS 'must be >= 0';
COMMENT ON CONSTRAINT tier_name_at_most_100_characters ON tiers.tier IS 'must be at most 100 characters';
COMMENT ON CONSTRAINT tier_name_not_blank ON tiers.tier IS 'must not be blank';
CREATE FUNCTION tiers._tier_for_balance(p_balance numeric) RETURNS SETOF tiers.tier
    LANGUAGE sql STABLE ROWS 1
    BEGIN ATOMIC
 SELECT t.id,
     t.name,
     t.tier_key,
     t.minimum_balance,
     t.discount_percent,
     t.badge_name,
     t.badge_color,
     t.display_order,
     t.is_active,
     t.description,
     t.metadata,
     t.created_at,
     t.updated_at
    FROM tiers.tier t
   WHERE (t.is_active AND (t.minimum_balance <= _tier_for_balance.p_balance))
   ORDER BY t.minimum_balance DESC
  LIMIT 1;
END;
ALTER FUNCTION tiers._tier_for_balance(p_balance numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._tier_for_balance(p_balance numeric) IS 'The one place the tier rule is written: the highest active tier whose minimum_balance <= p_balance, as zero or one row (none: the caller''s none tier). A one-statement SQL function, inlined into its callers'' queries (a probe of tier_active_minimum_balance_key per balance): tiers.tier_for_balance for one balance, the wallet trigger and tiers._reevaluate_wallets set-based.';
CREATE FUNCTION tiers._validate_tier(p_id bigint, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_is_active boolean) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_other text;
BEGIN
    -- The columns are numeric(18,2) and numeric(5,2): a value with more decimals would be rounded silently, and one
    -- out of the type's range (infinity included) refused without naming the column.
    PERFORM tiers._check_amount('minimum_balance', p_minimum_balance, 1e16);
    PERFORM tiers._check_amount('discount_percent', p_discount_percent, 1e3);
    -- Across rows (the unique indexes back both; callers hold the exclusive tiers lock, so the checks are race-free).
    SELECT t.tier_key INTO v_other FROM tiers.tier t
     WHERE t.tier_key = p_tier_key AND t.id IS DISTINCT FROM p_id;
    IF FOUND THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be unique (% already exists)', quote_literal(p_tier_key)
            USING ERRCODE = 'unique_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'tier_key',
                  CONSTRAINT = 'tier_tier_key_key';
    END IF;
    IF coalesce(p_is_active, true) THEN
        SELECT t.tier_key INTO v_other FROM tiers.tier t
         WHERE t.is_active AND t.minimum_balance = p_minimum_balance AND t.id IS DISTINCT FROM p_id;
        IF FOUND THEN
            RAISE EXCEPTION 'tiers.tier.minimum_balance must differ between active tiers (% is already the minimum of %)',
                trim_scale(p_minimum_balance), quote_literal(v_other)
                USING ERRCODE = 'unique_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'minimum_balance',
                      CONSTRAINT = 'tier_active_minimum_balance_key';
        END IF;
    END IF;
END;
$$;
ALTER FUNCTION tiers._validate_tier(p_id bigint, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_is_active boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._validate_tier(p_id bigint, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_is_active boolean) IS 'Raises, naming the field and the rule, for what the CHECK constraints of tiers.tier cannot say: minimum_balance and discount_percent within their column type (finite, at most 2 decimals, in range: the type would round or refuse unnamed), tier_key unique and minimum_balance unique among active tiers (p_id: the tier itself, null when new). Callers hold the exclusive tiers lock, so the uniqueness checks are race-free (unique indexes back them).';
CREATE TABLE tiers.tier_change (
    id bigint NOT NULL,
    address text NOT NULL,
    from_tier_key text NOT NULL,
    to_tier_key text NOT NULL,
    balance numeric NOT NULL,
    cause text NOT NULL,
    changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tier_change_cause_balance_or_tier CHECK ((cause = ANY (ARRAY['balance'::text, 'tier'::text])))
);
ALTER TABLE tiers.tier_change OWNER TO rewards_owner;
COMMENT ON TABLE tiers.tier_change IS 'History: one row per change of a wallet''s tier, from a balance change or from a tier being created, updated or deleted.';
COMMENT ON COLUMN tiers.tier_change.id IS 'Change id (increasing).';
COMMENT ON COLUMN tiers.tier_change.address IS 'The wallet.';
COMMENT ON COLUMN tiers.tier_change.from_tier_key IS 'Tier before the change (none for no tier).';
COMMENT ON COLUMN tiers.tier_change.to_tier_key IS 'Tier after the change (none for no tier).';
COMMENT ON COLUMN tiers.tier_change.balance IS 'The wallet''s balance when its tier changed.';
COMMENT ON COLUMN tiers.tier_change.cause IS 'balance: the wallet''s balance changed; tier: a tier was created, updated or deleted.';
COMMENT ON COLUMN tiers.tier_change.changed_at IS 'When the change was made (transaction time).';
COMMENT ON CONSTRAINT tier_change_cause_balance_or_tier ON tiers.tier_change IS 'must be balance or tier';
CREATE FUNCTION tiers.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT jsonb_build_object('counts', jsonb_build_object('active_tiers', ( SELECT count(*) AS count
            FROM tiers.tier
           WHERE tier.is_active), 'tiers', ( SELECT count(*) AS count
            FROM tiers.tier), 'wallets', ( SELECT count(*) AS count
            FROM tiers.wallet), 'tier_changes', ( SELECT count(*) AS count
            FROM tiers.tier_change)), 'newest_tier_change_at', ( SELECT max(c.changed_at) AS max
            FROM tiers.tier_change c)) AS jsonb_build_object;
END;
ALTER FUNCTION tiers.activity() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.activity() IS '{"counts": {table: rows}, "newest_tier_change_at"}: what runner status prints for tiers.';
CREATE FUNCTION tiers.badge_info(p_tier tiers.tier) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    RETURN jsonb_build_object('name', (p_tier).badge_name, 'color', (p_tier).badge_color);
ALTER FUNCTION tiers.badge_info(p_tier tiers.tier) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.badge_info(p_tier tiers.tier) IS 'The tier''s badge: {"name": badge_name, "color": badge_color}.';
CREATE FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric DEFAULT 0, p_badge_name text DEFAULT NULL::text, p_badge_color text DEFAULT NULL::text, p_description text DEFAULT NULL::text, p_display_order integer DEFAULT 0, p_metadata jsonb DEFAULT '{}'::jsonb, p_is_active boolean DEFAULT true) RETURNS tiers.tier
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    PERFORM tiers._lock_tiers();
    PERFORM tiers._validate_tier(NULL, p_tier_key, p_minimum_balance, p_discount_percent, coalesce(p_is_active, true));
    v_tier.name := p_name;
    v_tier.tier_key := p_tier_key;
    v_tier.minimum_balance := p_minimum_balance;
    v_tier.discount_percent := coalesce(p_discount_percent, 0);
    v_tier.badge_name := p_badge_name;
    v_tier.badge_color := p_badge_color;
    v_tier.description := p_description;
    v_tier.display_order := coalesce(p_display_order, 0);
    v_tier.metadata := coalesce(p_metadata, '{}');
    v_tier.is_active := coalesce(p_is_active, true);
    PERFORM core._check_row('tiers.tier', v_tier);
    INSERT INTO tiers.tier (name, tier_key, minimum_balance, discount_percent, badge_name, badge_color,
                            description, display_order, metadata, is_active)
    SELECT v.name, v.tier_key, v.minimum_balance, v.discount_percent, v.badge_name, v.badge_color,
           v.description, v.display_order, v.metadata, v.is_active
    FROM (SELECT v_tier.*) AS v
    RETURNING * INTO v_tier;
    RETURN v_tier;
END;
$$;
ALTER FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_metadata jsonb, p_is_active boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_metadata jsonb, p_is_active boolean) IS 'Creates a tier and returns it. name, tier_key and minimum_balance are required; null discount_percent/display_order/metadata/is_active take their defaults (0, 0, {}, true). Raises, naming the field and the rule, on invalid input (the CHECK constraints of tiers.tier and tiers._validate_tier). Wallets whose tier changes are updated and logged in the same transaction.';
CREATE FUNCTION tiers.delete_tier(p_id bigint) RETURNS tiers.tier
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    PERFORM tiers._lock_tiers();
    v_tier := tiers.find_tier(p_id::text);
    UPDATE tiers.tier t SET is_active = false WHERE t.id = v_tier.id RETURNING * INTO v_tier;
    RETURN v_tier;
END;
$$;
ALTER FUNCTION tiers.delete_tier(p_id bigint) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.delete_tier(p_id bigint) IS 'Soft-deletes tier p_id (is_active = false) and returns it; its wallets move to the next lower active tier (logged). Raises no_data_found for an unknown id.';
CREATE FUNCTION tiers.display_name(p_tier tiers.tier) RETURNS text
    LANGUAGE sql STABLE
    RETURN format('%s (%s tokens)'::text, (p_tier).name, (to_char(trunc((p_tier).minimum_balance), 'FM999,999,999,999,999,999,999,990'::text) || CASE WHEN ((p_tier).minimum_balance = trunc((p_tier).minimum_balance)) THEN ''::text ELSE ('.'::text || rtrim(split_part((abs((p_tier).minimum_balance))::text, '.'::text, 2), '0'::text)) END));
ALTER FUNCTION tiers.display_name(p_tier tiers.tier) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.display_name(p_tier tiers.tier) IS 'Human-readable name: name (minimum_balance tokens), with thousands separators and no trailing zeros, e.g. Elite (5,000 tokens), Whale (1,234,567.5 tokens).';
CREATE FUNCTION tiers.find_tier(p_tier text) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_tier tiers.tier;
    v_column text := 'tier_key';
BEGIN
    -- A key starts with a letter (tier_key_lower_case), an id is digits: the two never meet.
    IF p_tier IS NULL OR btrim(p_tier) ~ '^\d{1,18}$' THEN
        v_column := 'id';
        SELECT t.* INTO v_tier FROM tiers.tier t WHERE t.id = btrim(p_tier)::bigint;
    ELSE
        SELECT t.* INTO v_tier FROM tiers.tier t WHERE t.tier_key = btrim(p_tier);
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tiers.tier.% % does not exist', v_column,
            CASE v_column WHEN 'id' THEN coalesce(btrim(p_tier), 'null') ELSE quote_literal(p_tier) END
            USING ERRCODE = 'no_data_found', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = v_column;
    END IF;
    RETURN v_tier;
END;
$_$;
ALTER FUNCTION tiers.find_tier(p_tier text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.find_tier(p_tier text) IS 'The tier, active or not, whose id is p_tier when it is a number, else whose tier_key it is; raises no_data_found naming the id or key otherwise.';
CREATE FUNCTION tiers.get_tier(p_address text) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_balance numeric;
BEGIN
    PERFORM tiers._valid_address(p_address);
    SELECT w.balance INTO v_balance FROM tiers.wallet w WHERE w.address = p_address;
    RETURN coalesce(tiers.tier_for_balance(v_balance), tiers.tier_none());
END;
$$;
ALTER FUNCTION tiers.get_tier(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.get_tier(p_address text) IS 'The tier of the wallet p_address from its stored balance (tiers.tier_for_balance); the none tier for an unknown wallet. Raises check_violation for an address of no accepted format.';
CREATE FUNCTION tiers.list_tiers(p_sort_by text DEFAULT 'order'::text, p_include_inactive boolean DEFAULT false) RETURNS SETOF tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF p_sort_by IS NULL OR p_sort_by NOT IN ('order', 'balance', 'discount') THEN
        RAISE EXCEPTION 'sort_by must be one of order, balance, discount (got %)', coalesce(quote_literal(p_sort_by), 'null')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
        SELECT t.* FROM tiers.tier t
         WHERE t.is_active OR coalesce(p_include_inactive, false)
         ORDER BY CASE p_sort_by WHEN 'order' THEN t.display_order END,
                  CASE p_sort_by WHEN 'balance' THEN t.minimum_balance END DESC,
                  CASE p_sort_by WHEN 'discount' THEN t.discount_percent END DESC,
                  t.minimum_balance, t.id;
END;
$$;
ALTER FUNCTION tiers.list_tiers(p_sort_by text, p_include_inactive boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.list_tiers(p_sort_by text, p_include_inactive boolean) IS 'Tiers, active only unless p_include_inactive. p_sort_by: order (display_order ascending), balance (minimum_balance descending: most restrictive first), discount (discount_percent descending); ties by minimum_balance then id.';
CREATE FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) RETURNS TABLE(from_tier_key text, to_tier_key text, wallets bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_tier tiers.tier;
    v_old numeric;
    v_high numeric;
BEGIN
    v_tier := tiers.find_tier(p_id::text);
    v_old := v_tier.minimum_balance;
    PERFORM tiers._validate_tier(p_id, v_tier.tier_key, p_minimum_balance, NULL, v_tier.is_active);
    v_tier.minimum_balance := p_minimum_balance;
    PERFORM core._check_row('tiers.tier', v_tier);
    IF NOT v_tier.is_active THEN
        RETURN;  -- an inactive tier's minimum moves nobody
    END IF;
    -- Only wallets from the lower of the two minimums up to the next active minimum above both can move.
    SELECT min(t.minimum_balance) INTO v_high FROM tiers.tier t
     WHERE t.is_active AND t.id <> p_id AND t.minimum_balance > greatest(v_old, p_minimum_balance);
    RETURN QUERY
        WITH hypothetical AS (
            SELECT t.tier_key, CASE WHEN t.id = p_id THEN p_minimum_balance ELSE t.minimum_balance END AS minimum_balance
              FROM tiers.tier t WHERE t.is_active
        ), moved AS (
            SELECT w.tier_key AS from_key,
                   coalesce((SELECT h.tier_key FROM hypothetical h WHERE h.minimum_balance <= w.balance
                              ORDER BY h.minimum_balance DESC LIMIT 1), 'none') AS to_key
              FROM tiers.wallet w
             WHERE w.balance >= least(v_old, p_minimum_balance) AND (v_high IS NULL OR w.balance < v_high)
        )
        SELECT m.from_key, m.to_key, count(*) FROM moved m
         WHERE m.from_key <> m.to_key
         GROUP BY m.from_key, m.to_key
         ORDER BY m.from_key, m.to_key;
END;
$$;
ALTER FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) IS 'Without changing anything: how many wallets would move from which tier to which if tier p_id got minimum_balance p_minimum_balance (what tiers.update_tier would then log in tiers.tier_change). Raises like update_tier for an unknown id or an invalid minimum.';
CREATE FUNCTION tiers.tg_tier__lock_wallets() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM tiers._lock_tiers();
    RETURN NULL;
END;
$$;
ALTER FUNCTION tiers.tg_tier__lock_wallets() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_tier__lock_wallets() IS 'BEFORE … FOR EACH STATEMENT on tiers.tier: takes the tiers lock exclusively, so wallet writers wait until the tier change commits (and a tier writer waits for wallet writers in flight).';
CREATE FUNCTION tiers.tg_tier__reevaluate_and_notify() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_low numeric;
    v_max numeric;
    v_high numeric;
    v_keys text[];
    v_payload text;
BEGIN
    -- (tier_key, minimum_balance, is_active) of the rows whose change can move wallets.
    IF TG_OP = 'INSERT' THEN
        SELECT min(n.minimum_balance) FILTER (WHERE n.is_active), max(n.minimum_balance) FILTER (WHERE n.is_active),
               array_agg(DISTINCT n.tier_key ORDER BY n.tier_key)
          INTO v_low, v_max, v_keys FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT min(o.minimum_balance) FILTER (WHERE o.is_active), max(o.minimum_balance) FILTER (WHERE o.is_active),
               array_agg(DISTINCT o.tier_key ORDER BY o.tier_key)
          INTO v_low, v_max, v_keys FROM old_rows o;
    ELSE
        WITH moved AS (
            (SELECT o.tier_key, o.minimum_balance, o.is_active FROM old_rows o
             EXCEPT SELECT n.tier_key, n.minimum_balance, n.is_active FROM new_rows n)
            UNION ALL
            (SELECT n.tier_key, n.minimum_balance, n.is_active FROM new_rows n
             EXCEPT SELECT o.tier_key, o.minimum_balance, o.is_active FROM old_rows o)
        )
        SELECT min(m.minimum_balance) FILTER (WHERE m.is_active), max(m.minimum_balance) FILTER (WHERE m.is_active)
          INTO v_low, v_max FROM moved m;
        SELECT array_agg(DISTINCT k.tier_key ORDER BY k.tier_key) INTO v_keys
          FROM (SELECT n.tier_key FROM new_rows n UNION SELECT o.tier_key FROM old_rows o) k;
    END IF;
    IF v_low IS NOT NULL THEN
        -- Wallets at or above the next active minimum above every changed one keep their tier.
        SELECT min(t.minimum_balance) INTO v_high FROM tiers.tier t WHERE t.is_active AND t.minimum_balance > v_max;
        PERFORM tiers._reevaluate_wallets(v_low, v_high);
    END IF;
    IF v_keys IS NOT NULL THEN
        v_payload := jsonb_build_object('op', lower(TG_OP), 'keys', to_jsonb(v_keys))::text;
        IF octet_length(v_payload) > 7000 THEN
            v_payload := jsonb_build_object('op', lower(TG_OP), 'keys', NULL)::text;  -- too many: "all"
        END IF;
        PERFORM pg_notify('tiers_changed', v_payload);
    END IF;
    RETURN NULL;
END;
$$;
ALTER FUNCTION tiers.tg_tier__reevaluate_and_notify() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_tier__reevaluate_and_notify() IS 'AFTER INSERT/UPDATE/DELETE … FOR EACH STATEMENT on tiers.tier: re-evaluates, set-based, the wallets whose balance lies in the range the change can affect (logging each move in tiers.tier_change with cause tier), then sends NOTIFY tiers_changed with {"op", "keys"} (keys null when too many to list).';
CREATE FUNCTION tiers.tg_wallet__assign_tier() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_addresses text[];
    v_balances numeric[];
    v_tier_keys text[];
BEGIN
    -- Concurrency: the writing statement took ROW EXCLUSIVE on wallet before its snapshot and the statements here
    -- take later ones, so a tier change (tiers._lock_tiers) either committed before and is seen, or waits for this
    -- transaction and re-evaluates these balances after it. updated_at of a balance change was stamped by
    -- _100_stamp_updated_at as the row was written; an insert takes its default.
    SELECT array_agg(n.address), array_agg(n.balance), array_agg(n.tier_key)
    INTO v_addresses, v_balances, v_tier_keys
    FROM new_rows n;
    -- Statement triggers fire for zero rows too (an UPDATE matching nothing).
    IF v_addresses IS NOT NULL THEN
        PERFORM tiers._assign_wallet_tiers(v_addresses, v_balances, v_tier_keys, 'balance');
    END IF;
    RETURN NULL;
END;
$$;
ALTER FUNCTION tiers.tg_wallet__assign_tier() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_wallet__assign_tier() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on tiers.wallet: gives each written wallet the tier of its balance and logs each change in tiers.tier_change with cause balance (tiers._assign_wallet_tiers, set-based).';
CREATE FUNCTION tiers.tier_benefits(p_tier tiers.tier) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    RETURN jsonb_build_object('name', (p_tier).name, 'tier_key', (p_tier).tier_key, 'minimum_balance', trim_scale((p_tier).minimum_balance), 'discount_percent', trim_scale((p_tier).discount_percent), 'badge', tiers.badge_info(p_tier), 'description', (p_tier).description);
ALTER FUNCTION tiers.tier_benefits(p_tier tiers.tier) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_benefits(p_tier tiers.tier) IS 'The tier''s benefits: {"name", "tier_key", "minimum_balance", "discount_percent", "badge": {"name", "color"}, "description"}; numbers without trailing zeros.';
CREATE FUNCTION tiers.tier_by_key(p_tier_key text) RETURNS tiers.tier
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (SELECT t.*::tiers.tier AS t FROM tiers.tier t WHERE ((t.tier_key = tier_by_key.p_tier_key) AND t.is_active));
ALTER FUNCTION tiers.tier_by_key(p_tier_key text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_by_key(p_tier_key text) IS 'The active tier with this key; null when there is none or it is inactive.';
CREATE FUNCTION tiers.tier_for_balance(p_balance numeric) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE STRICT
    AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    -- NaN sorts above every number: without this check it would land in the highest tier.
    IF p_balance = 'NaN' OR abs(p_balance) = 'Infinity' THEN
        RAISE EXCEPTION 'tiers.tier_for_balance.balance must be a finite number (got %)', p_balance
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT t.* INTO v_tier FROM tiers._tier_for_balance(p_balance) t;
    IF FOUND THEN
        RETURN v_tier;
    END IF;
    RETURN tiers.tier_none();
END;
$$;
ALTER FUNCTION tiers.tier_for_balance(p_balance numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_for_balance(p_balance numeric) IS 'The highest active tier whose minimum_balance <= p_balance (a balance exactly at a minimum is in that tier; the rule: tiers._tier_for_balance); the none tier when there is none; null for a null balance; invalid_parameter_value for NaN or an infinite balance.';
CREATE FUNCTION tiers.tier_keys() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ARRAY(SELECT t.tier_key FROM tiers.tier t WHERE t.is_active ORDER BY t.display_order, t.minimum_balance, t.id);
ALTER FUNCTION tiers.tier_keys() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_keys() IS 'Keys of the active tiers in display order, e.g. {elite,grandmaster,legend}.';
CREATE FUNCTION tiers.tier_none() RETURNS tiers.tier
    LANGUAGE sql IMMUTABLE
    RETURN jsonb_populate_record(NULL::tiers.tier, jsonb_build_object('name', 'None', 'tier_key', 'none', 'minimum_balance', 0, 'discount_percent', 0, 'display_order', 0, 'is_active', true, 'description', 'No tier', 'metadata', '{}'::jsonb));
ALTER FUNCTION tiers.tier_none() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_none() IS 'The none tier of wallets below every active tier: tier_key none, name None, minimum_balance 0, discount_percent 0, no id and no badge.';
CREATE FUNCTION tiers.tier_thresholds() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN COALESCE((SELECT jsonb_object_agg(t.tier_key, trim_scale(t.minimum_balance)) AS jsonb_object_agg FROM tiers.tier t WHERE t.is_active), '{}'::jsonb);
ALTER FUNCTION tiers.tier_thresholds() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_thresholds() IS 'Minimum balance of each active tier by key, e.g. {"elite": 5000, "grandmaster": 50000, "legend": 300000}; {} when no tier is active.';
CREATE FUNCTION tiers.update_tier(p_id bigint, p_name text DEFAULT NULL::text, p_minimum_balance numeric DEFAULT NULL::numeric, p_discount_percent numeric DEFAULT NULL::numeric, p_badge_name text DEFAULT NULL::text, p_badge_color text DEFAULT NULL::text, p_description text DEFAULT NULL::text, p_display_order integer DEFAULT NULL::integer, p_is_active boolean DEFAULT NULL::boolean, p_metadata jsonb DEFAULT NULL::jsonb, p_tier_key text DEFAULT NULL::text) RETURNS tiers.tier
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    PERFORM tiers._lock_tiers();
    v_tier := tiers.find_tier(p_id::text);
    IF p_tier_key IS DISTINCT FROM NULL AND p_tier_key <> v_tier.tier_key THEN
        RAISE EXCEPTION 'tiers.tier.tier_key cannot change (tier % is %, got %)',
            p_id, quote_literal(v_tier.tier_key), quote_literal(p_tier_key)
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'tier_key';
    END IF;
    PERFORM tiers._validate_tier(p_id, v_tier.tier_key, coalesce(p_minimum_balance, v_tier.minimum_balance),
                                 p_discount_percent, coalesce(p_is_active, v_tier.is_active));
    v_tier.name := coalesce(p_name, v_tier.name);
    v_tier.minimum_balance := coalesce(p_minimum_balance, v_tier.minimum_balance);
    v_tier.discount_percent := coalesce(p_discount_percent, v_tier.discount_percent);
    v_tier.badge_name := coalesce(p_badge_name, v_tier.badge_name);
    v_tier.badge_color := coalesce(p_badge_color, v_tier.badge_color);
    v_tier.description := coalesce(p_description, v_tier.description);
    v_tier.display_order := coalesce(p_display_order, v_tier.display_order);
    v_tier.is_active := coalesce(p_is_active, v_tier.is_active);
    v_tier.metadata := coalesce(p_metadata, v_tier.metadata);
    PERFORM core._check_row('tiers.tier', v_tier);
    UPDATE tiers.tier t
       SET (name, minimum_balance, discount_percent, badge_name, badge_color, description, display_order, is_active,
            metadata)
         = (v_tier.name, v_tier.minimum_balance, v_tier.discount_percent, v_tier.badge_name, v_tier.badge_color,
            v_tier.description, v_tier.display_order, v_tier.is_active, v_tier.metadata)
     WHERE t.id = p_id
    RETURNING * INTO v_tier;
    RETURN v_tier;
END;
$$;
ALTER FUNCTION tiers.update_tier(p_id bigint, p_name text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_is_active boolean, p_metadata jsonb, p_tier_key text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.update_tier(p_id bigint, p_name text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_is_active boolean, p_metadata jsonb, p_tier_key text) IS 'Changes the given fields of tier p_id and returns it; null arguments leave fields alone. tier_key cannot change (p_tier_key, if given, must equal it). Raises no_data_found for an unknown id and, naming the field and the rule, on invalid values. Wallets whose tier changes are updated and logged in the same transaction.';
ALTER TABLE gitpoap.claim ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME gitpoap.claim_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE gitpoap.github_user ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME gitpoap.github_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE gitpoap.gitpoap ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME gitpoap.gitpoap_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE VIEW gitpoap.issuing_gitpoap AS
 SELECT gitpoap.id,
    gitpoap.project_id,
    gitpoap.name,
    gitpoap.year,
    gitpoap.level,
    gitpoap.threshold,
    gitpoap.status,
    gitpoap.is_enabled,
    gitpoap.created_at
   FROM gitpoap.gitpoap
  WHERE (gitpoap.is_enabled AND (gitpoap.status <> 'DEPRECATED'::text));
ALTER TABLE gitpoap.issuing_gitpoap OWNER TO rewards_owner;
COMMENT ON VIEW gitpoap.issuing_gitpoap IS 'GitPOAPs that issue claims: enabled and not DEPRECATED (the one place this rule is written).';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.id IS 'GitPOAP id.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.project_id IS 'Project whose merged PRs count.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.name IS 'Display name.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.year IS 'UTC calendar year whose merged PRs count.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.level IS 'Tier level, 1 = lowest.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.threshold IS 'Merged PRs needed (count >= threshold).';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.status IS 'Any status but DEPRECATED.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.is_enabled IS 'Always true here.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.created_at IS 'When the GitPOAP was created.';
ALTER TABLE gitpoap.project ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME gitpoap.project_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE gitpoap.pull_request ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME gitpoap.pull_request_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE gitpoap.repo ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME gitpoap.repo_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE human_points.action (
    key text NOT NULL,
    points integer NOT NULL,
    kind text NOT NULL,
    provider text,
    description text DEFAULT ''::text NOT NULL,
    CONSTRAINT action_kind_is_binary_or_mint CHECK ((kind = ANY (ARRAY['binary'::text, 'mint'::text]))),
    CONSTRAINT action_points_at_least_0 CHECK ((points >= 0)),
    CONSTRAINT action_provider_only_on_binary CHECK (((provider IS NULL) OR (kind = 'binary'::text)))
);
ALTER TABLE human_points.action OWNER TO rewards_owner;
COMMENT ON TABLE human_points.action IS 'Every action that earns points, with its base points (before the multiplier).';
COMMENT ON COLUMN human_points.action.key IS 'Action key, as stored in points.action (the seed''s HumanPoints.Action).';
COMMENT ON COLUMN human_points.action.points IS 'Base points of one award; the address''s multiplier is applied at insertion.';
COMMENT ON COLUMN human_points.action.kind IS 'binary: once per address; mint: once per (address, action, tx_hash).';
COMMENT ON COLUMN human_points.action.provider IS 'Passport stamp provider whose valid stamp earns this binary action (null: earned otherwise).';
COMMENT ON COLUMN human_points.action.description IS 'What earns the action.';
COMMENT ON CONSTRAINT action_kind_is_binary_or_mint ON human_points.action IS 'must be binary (once per address) or mint (once per address, action and transaction)';
COMMENT ON CONSTRAINT action_points_at_least_0 ON human_points.action IS 'must be >= 0';
COMMENT ON CONSTRAINT action_provider_only_on_binary ON human_points.action IS 'must be null unless the action is binary';
CREATE TABLE human_points.action_chain (
    action text NOT NULL,
    kind text DEFAULT 'mint'::text NOT NULL,
    chain_id bigint NOT NULL,
    CONSTRAINT action_chain_chain_id_positive CHECK ((chain_id > 0)),
    CONSTRAINT action_chain_kind_is_mint CHECK ((kind = 'mint'::text))
);
ALTER TABLE human_points.action_chain OWNER TO rewards_owner;
COMMENT ON TABLE human_points.action_chain IS 'The one chain a mint action earns on (a mint event on another chain, or with none, is stored and earns nothing); a mint action without a row earns on any chain.';
COMMENT ON COLUMN human_points.action_chain.action IS 'Mint action (human_points.action.key).';
COMMENT ON COLUMN human_points.action_chain.kind IS 'Always mint: with the foreign key (action, kind) it makes action a mint action.';
COMMENT ON COLUMN human_points.action_chain.chain_id IS 'Chain id a mint event must carry to earn the action.';
COMMENT ON CONSTRAINT action_chain_chain_id_positive ON human_points.action_chain IS 'must be at least 1';
COMMENT ON CONSTRAINT action_chain_kind_is_mint ON human_points.action_chain IS 'must be mint';
ALTER TABLE human_points.mint ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME human_points.mint_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE human_points.points ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME human_points.points_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE human_points.program_stats (
    address text NOT NULL,
    passing_scores integer DEFAULT 0 NOT NULL,
    CONSTRAINT program_stats_address_is_lowercase_0x_40_hex CHECK (core.is_evm_address(address)),
    CONSTRAINT program_stats_passing_scores_at_least_0 CHECK ((passing_scores >= 0))
);
ALTER TABLE human_points.program_stats OWNER TO rewards_owner;
COMMENT ON TABLE human_points.program_stats IS 'Per-address counter; its row lock serialises concurrent scoring of one address.';
COMMENT ON COLUMN human_points.program_stats.address IS 'Address.';
COMMENT ON COLUMN human_points.program_stats.passing_scores IS 'Number of distinct qualified program communities (rows of qualified_community).';
COMMENT ON CONSTRAINT program_stats_address_is_lowercase_0x_40_hex ON human_points.program_stats IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT program_stats_passing_scores_at_least_0 ON human_points.program_stats IS 'must be >= 0';
CREATE TABLE human_points.qualified_community (
    address text NOT NULL,
    community_id integer NOT NULL,
    qualified_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT qualified_community_address_is_lowercase_0x_40_hex CHECK (core.is_evm_address(address))
);
ALTER TABLE human_points.qualified_community OWNER TO rewards_owner;
COMMENT ON TABLE human_points.qualified_community IS 'Program communities in which an address has had a passing score (once each).';
COMMENT ON COLUMN human_points.qualified_community.address IS 'Qualified address.';
COMMENT ON COLUMN human_points.qualified_community.community_id IS 'Program community it qualified in.';
COMMENT ON COLUMN human_points.qualified_community.qualified_at IS 'When the first passing score was processed.';
COMMENT ON CONSTRAINT qualified_community_address_is_lowercase_0x_40_hex ON human_points.qualified_community IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
ALTER TABLE human_points.score ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME human_points.score_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE UNLOGGED TABLE human_points.score_import (
    idx integer NOT NULL,
    event jsonb NOT NULL
);
ALTER TABLE human_points.score_import OWNER TO rewards_owner;
COMMENT ON TABLE human_points.score_import IS 'Staging for human_points.import_scores(): COPY a file''s events here, then call the function in the same transaction.';
COMMENT ON COLUMN human_points.score_import.idx IS 'Index of the event in the file (0-based).';
COMMENT ON COLUMN human_points.score_import.event IS 'The event as read from the file.';
CREATE TABLE human_points.settings (
    id boolean DEFAULT true NOT NULL,
    write_enabled boolean DEFAULT true NOT NULL,
    pass_threshold numeric DEFAULT 20 NOT NULL,
    bonus_communities integer DEFAULT 3 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT settings_bonus_communities_at_least_1 CHECK ((bonus_communities >= 1)),
    CONSTRAINT settings_is_a_single_row CHECK (id),
    CONSTRAINT settings_pass_threshold_at_least_0 CHECK ((pass_threshold >= (0)::numeric)),
    CONSTRAINT settings_pass_threshold_is_finite CHECK ((pass_threshold < 'Infinity'::numeric))
);
ALTER TABLE human_points.settings OWNER TO rewards_owner;
COMMENT ON TABLE human_points.settings IS 'The program''s single settings row.';
COMMENT ON COLUMN human_points.settings.id IS 'Always true: there is one row.';
COMMENT ON COLUMN human_points.settings.write_enabled IS 'Kill switch: false stores events but awards nothing; reads keep working.';
COMMENT ON COLUMN human_points.settings.pass_threshold IS 'A score at least this high is a passing score.';
COMMENT ON COLUMN human_points.settings.bonus_communities IS 'Distinct qualified program communities that earn scoring_bonus.';
COMMENT ON COLUMN human_points.settings.updated_at IS 'When the settings last changed (kept by the database).';
COMMENT ON CONSTRAINT settings_bonus_communities_at_least_1 ON human_points.settings IS 'must be at least 1';
COMMENT ON CONSTRAINT settings_is_a_single_row ON human_points.settings IS 'must be true: settings is a single row';
COMMENT ON CONSTRAINT settings_pass_threshold_at_least_0 ON human_points.settings IS 'must be >= 0';
COMMENT ON CONSTRAINT settings_pass_threshold_is_finite ON human_points.settings IS 'must be a finite number';
CREATE TABLE human_points.stamp_nullifier (
    action text NOT NULL,
    nullifier text NOT NULL,
    address text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stamp_nullifier_address_is_lowercase_0x_40_hex CHECK ((address ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT stamp_nullifier_nullifier_1_to_200_characters CHECK (((length(nullifier) >= 1) AND (length(nullifier) <= 200)))
);
ALTER TABLE human_points.stamp_nullifier OWNER TO rewards_owner;
COMMENT ON TABLE human_points.stamp_nullifier IS 'Nullifiers of the stamps that earned a binary action, each held by the first address that presented it: a stamp with a nullifier held by another address earns that action nothing.';
COMMENT ON COLUMN human_points.stamp_nullifier.action IS 'Binary action the stamp earned (its provider''s action, or human_keys).';
COMMENT ON COLUMN human_points.stamp_nullifier.nullifier IS 'One entry of the stamp''s credential.credentialSubject.nullifiers.';
COMMENT ON COLUMN human_points.stamp_nullifier.address IS 'Address that presented it first (lower-case 0x + 40 hex).';
COMMENT ON COLUMN human_points.stamp_nullifier.created_at IS 'When it was first presented.';
COMMENT ON CONSTRAINT stamp_nullifier_address_is_lowercase_0x_40_hex ON human_points.stamp_nullifier IS 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)';
COMMENT ON CONSTRAINT stamp_nullifier_nullifier_1_to_200_characters ON human_points.stamp_nullifier IS 'must be 1 to 200 characters';
CREATE VIEW reporting.contributor_progress AS
 WITH levels AS (
         SELECT x.user_id,
            g.project_id,
            g.year,
            max(g.level) AS level
           FROM (gitpoap.claim x
             JOIN gitpoap.gitpoap g ON ((g.id = x.gitpoap_id)))
          GROUP BY x.user_id, g.project_id, g.year
        )
 SELECT p.name AS project,
    c.year,
    u.login,
    c.merged_prs,
    l.level AS current_level,
    nxt.level AS next_level,
    nxt.threshold AS next_threshold,
    (nxt.threshold - c.merged_prs) AS prs_to_go
   FROM ((((gitpoap.contribution c
     JOIN gitpoap.project p ON ((p.id = c.project_id)))
     JOIN gitpoap.github_user u ON ((u.id = c.user_id)))
     LEFT JOIN levels l ON (((l.user_id = c.user_id) AND (l.project_id = c.project_id) AND (l.year = c.year))))
     LEFT JOIN LATERAL ( SELECT g.level,
            g.threshold
           FROM gitpoap.issuing_gitpoap g
          WHERE ((g.project_id = c.project_id) AND (g.year = c.year) AND (g.threshold > c.merged_prs))
          ORDER BY g.threshold
         LIMIT 1) nxt ON (true));
ALTER TABLE reporting.contributor_progress OWNER TO rewards_owner;
COMMENT ON VIEW reporting.contributor_progress IS 'Each contributor per project and UTC year: merged PRs counted, highest level claimed, and the next threshold with the PRs still to go.';
COMMENT ON COLUMN reporting.contributor_progress.project IS 'Project name.';
COMMENT ON COLUMN reporting.contributor_progress.year IS 'UTC year.';
COMMENT ON COLUMN reporting.contributor_progress.login IS 'GitHub login.';
COMMENT ON COLUMN reporting.contributor_progress.merged_prs IS 'Merged PRs counted (bots never counted).';
COMMENT ON COLUMN reporting.contributor_progress.current_level IS 'Highest level claimed in that project and year; null if none.';
COMMENT ON COLUMN reporting.contributor_progress.next_level IS 'Next level an issuing GitPOAP offers; null if none is left.';
COMMENT ON COLUMN reporting.contributor_progress.next_threshold IS 'Threshold of the next level.';
COMMENT ON COLUMN reporting.contributor_progress.prs_to_go IS 'Merged PRs still needed for the next level.';
CREATE VIEW reporting.gitpoap_claims AS
SELECT
    NULL::bigint AS gitpoap_id,
    NULL::text AS project,
    NULL::integer AS year,
    NULL::integer AS level,
    NULL::integer AS threshold,
    NULL::text AS name,
    NULL::text AS status,
    NULL::boolean AS is_enabled,
    NULL::bigint AS issued,
    NULL::bigint AS claimed;
ALTER TABLE reporting.gitpoap_claims OWNER TO rewards_owner;
COMMENT ON VIEW reporting.gitpoap_claims IS 'Claims per GitPOAP, year and level: how many were issued and how many claimed.';
COMMENT ON COLUMN reporting.gitpoap_claims.gitpoap_id IS 'GitPOAP id.';
COMMENT ON COLUMN reporting.gitpoap_claims.project IS 'Project name.';
COMMENT ON COLUMN reporting.gitpoap_claims.year IS 'UTC year whose merged PRs count.';
COMMENT ON COLUMN reporting.gitpoap_claims.level IS 'Level (1 = lowest).';
COMMENT ON COLUMN reporting.gitpoap_claims.threshold IS 'Merged PRs needed.';
COMMENT ON COLUMN reporting.gitpoap_claims.name IS 'GitPOAP name.';
COMMENT ON COLUMN reporting.gitpoap_claims.status IS 'UNAPPROVED, APPROVED, REDEEM_REQUEST_PENDING or DEPRECATED.';
COMMENT ON COLUMN reporting.gitpoap_claims.is_enabled IS 'Whether it issues claims.';
COMMENT ON COLUMN reporting.gitpoap_claims.issued IS 'Claims issued (any status).';
COMMENT ON COLUMN reporting.gitpoap_claims.claimed IS 'Claims with status CLAIMED.';
CREATE VIEW reporting.points_daily AS
 SELECT ((points."timestamp" AT TIME ZONE 'UTC'::text))::date AS day,
    points.action,
    count(*) AS awards,
    sum(points.points) AS points
   FROM human_points.points
  GROUP BY (((points."timestamp" AT TIME ZONE 'UTC'::text))::date), points.action;
ALTER TABLE reporting.points_daily OWNER TO rewards_owner;
COMMENT ON VIEW reporting.points_daily IS 'Points issued per action per UTC day.';
COMMENT ON COLUMN reporting.points_daily.day IS 'UTC date of the award.';
COMMENT ON COLUMN reporting.points_daily.action IS 'Action key.';
COMMENT ON COLUMN reporting.points_daily.awards IS 'Number of awards.';
COMMENT ON COLUMN reporting.points_daily.points IS 'Points awarded.';
CREATE VIEW reporting.points_leaderboard AS
 WITH totals AS (
         SELECT p.address,
            (sum(p.points))::bigint AS total_points,
            jsonb_object_agg(p.action, p.points) AS breakdown
           FROM ( SELECT points.address,
                    points.action,
                    sum(points.points) AS points
                   FROM human_points.points
                  GROUP BY points.address, points.action) p
          GROUP BY p.address
        )
 SELECT rank() OVER (ORDER BY t.total_points DESC) AS rank,
    t.address,
    t.total_points,
    COALESCE(m.multiplier, 1) AS multiplier,
    COALESCE(s.passing_scores, 0) AS passing_scores,
    t.breakdown
   FROM ((totals t
     LEFT JOIN human_points.multiplier m ON ((m.address = t.address)))
     LEFT JOIN human_points.program_stats s ON ((s.address = t.address)));
ALTER TABLE reporting.points_leaderboard OWNER TO rewards_owner;
COMMENT ON VIEW reporting.points_leaderboard IS 'Addresses by total Human Points, with the per-action breakdown, the multiplier now on file and the number of distinct qualified communities.';
COMMENT ON COLUMN reporting.points_leaderboard.rank IS 'Rank by total points (ties share a rank).';
COMMENT ON COLUMN reporting.points_leaderboard.address IS 'Lower-case 0x address.';
COMMENT ON COLUMN reporting.points_leaderboard.total_points IS 'Sum of all points awarded (multipliers applied at award time).';
COMMENT ON COLUMN reporting.points_leaderboard.multiplier IS 'Multiplier now on file (1 if none); older points keep the multiplier of their time.';
COMMENT ON COLUMN reporting.points_leaderboard.passing_scores IS 'Distinct program communities the address qualified in.';
COMMENT ON COLUMN reporting.points_leaderboard.breakdown IS 'Points per action key, as a JSON object.';
CREATE VIEW reporting.points_program_summary AS
 SELECT ( SELECT count(*) AS count
           FROM human_points.community
          WHERE community.human_points_program) AS program_communities,
    ( SELECT count(DISTINCT qualified_community.address) AS count
           FROM human_points.qualified_community) AS qualified_addresses,
    ( SELECT count(*) AS count
           FROM human_points.program_stats
          WHERE (program_stats.passing_scores >= 1)) AS eligible_addresses,
    ( SELECT count(*) AS count
           FROM human_points.points
          WHERE (points.action = 'scoring_bonus'::text)) AS bonuses_awarded,
    ( SELECT count(DISTINCT points.address) AS count
           FROM human_points.points) AS addresses_with_points,
    ( SELECT COALESCE(sum(points.points), (0)::bigint) AS "coalesce"
           FROM human_points.points) AS points_issued,
    ( SELECT settings.write_enabled
           FROM human_points.settings) AS write_enabled;
ALTER TABLE reporting.points_program_summary OWNER TO rewards_owner;
COMMENT ON VIEW reporting.points_program_summary IS 'The Human Points Program in one row: program communities, qualified and eligible addresses, bonuses, points issued, and whether awarding is on.';
COMMENT ON COLUMN reporting.points_program_summary.program_communities IS 'Communities in the program.';
COMMENT ON COLUMN reporting.points_program_summary.qualified_addresses IS 'Addresses with a passing score in at least one program community.';
COMMENT ON COLUMN reporting.points_program_summary.eligible_addresses IS 'Addresses with passing_scores >= 1 (is_eligible).';
COMMENT ON COLUMN reporting.points_program_summary.bonuses_awarded IS 'scoring_bonus awards.';
COMMENT ON COLUMN reporting.points_program_summary.addresses_with_points IS 'Addresses holding any points.';
COMMENT ON COLUMN reporting.points_program_summary.points_issued IS 'All points awarded.';
COMMENT ON COLUMN reporting.points_program_summary.write_enabled IS 'The kill switch: false while no points are awarded.';
CREATE VIEW reporting.tier_changes_daily AS
 SELECT ((tier_change.changed_at AT TIME ZONE 'UTC'::text))::date AS day,
    tier_change.from_tier_key,
    tier_change.to_tier_key,
    tier_change.cause,
    count(*) AS changes
   FROM tiers.tier_change
  GROUP BY (((tier_change.changed_at AT TIME ZONE 'UTC'::text))::date), tier_change.from_tier_key, tier_change.to_tier_key, tier_change.cause;
ALTER TABLE reporting.tier_changes_daily OWNER TO rewards_owner;
COMMENT ON VIEW reporting.tier_changes_daily IS 'Wallet tier changes per UTC day, from which tier to which, and why (a balance change or a tier edit).';
COMMENT ON COLUMN reporting.tier_changes_daily.day IS 'UTC date of the change.';
COMMENT ON COLUMN reporting.tier_changes_daily.from_tier_key IS 'Tier before.';
COMMENT ON COLUMN reporting.tier_changes_daily.to_tier_key IS 'Tier after.';
COMMENT ON COLUMN reporting.tier_changes_daily.cause IS 'balance (the wallet''s balance changed) or tier (a tier was created, updated or deleted).';
COMMENT ON COLUMN reporting.tier_changes_daily.changes IS 'Number of changes.';
CREATE VIEW reporting.wallet_tiers AS
 SELECT w.tier_key,
    COALESCE(t.name, 'None'::text) AS tier_name,
    t.minimum_balance,
    t.is_active,
    count(*) AS wallets,
    sum(w.balance) AS total_balance
   FROM (tiers.wallet w
     LEFT JOIN tiers.tier t ON ((t.tier_key = w.tier_key)))
  GROUP BY w.tier_key, t.name, t.minimum_balance, t.is_active;
ALTER TABLE reporting.wallet_tiers OWNER TO rewards_owner;
COMMENT ON VIEW reporting.wallet_tiers IS 'Wallets per tier now (the none tier included), with their total balance.';
COMMENT ON COLUMN reporting.wallet_tiers.tier_key IS 'Tier key (none below every active tier).';
COMMENT ON COLUMN reporting.wallet_tiers.tier_name IS 'Tier name.';
COMMENT ON COLUMN reporting.wallet_tiers.minimum_balance IS 'Minimum balance of the tier (null for none).';
COMMENT ON COLUMN reporting.wallet_tiers.is_active IS 'Whether the tier is active (null for none).';
COMMENT ON COLUMN reporting.wallet_tiers.wallets IS 'Wallets in the tier.';
COMMENT ON COLUMN reporting.wallet_tiers.total_balance IS 'Sum of their balances.';
ALTER TABLE tiers.tier_change ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tiers.tier_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE tiers.tier ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tiers.tier_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE yoyo._yoyo_log (
    id character varying(36) NOT NULL,
    migration_hash character varying(64),
    migration_id character varying(255),
    operation character varying(10),
    username character varying(255),
    hostname character varying(255),
    comment character varying(255),
    created_at_utc timestamp without time zone
);
ALTER TABLE yoyo._yoyo_log OWNER TO postgres;
CREATE TABLE yoyo._yoyo_migration (
    migration_hash character varying(64) NOT NULL,
    migration_id character varying(255),
    applied_at_utc timestamp without time zone
);
ALTER TABLE yoyo._yoyo_migration OWNER TO postgres;
CREATE TABLE yoyo._yoyo_version (
    version integer NOT NULL,
    installed_at_utc timestamp without time zone
);
ALTER TABLE yoyo._yoyo_version OWNER TO postgres;
CREATE TABLE yoyo.runner_release (
    head text NOT NULL,
    files jsonb NOT NULL,
    functions text[] NOT NULL,
    triggers text[] NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE yoyo.runner_release OWNER TO postgres;
COMMENT ON TABLE yoyo.runner_release IS 'runner migrate: per version (head: newest applied migration), the function and trigger files live at that version and the functions and triggers of the schemas owned by rewards_owner; a rollback restores them.';
CREATE TABLE yoyo.yoyo_lock (
    locked integer DEFAULT 1 NOT NULL,
    ctime timestamp without time zone,
    pid integer NOT NULL
);
ALTER TABLE yoyo.yoyo_lock OWNER TO postgres;
ALTER TABLE ONLY gitpoap.claim
    ADD CONSTRAINT claim_gitpoap_id_user_id_key UNIQUE (gitpoap_id, user_id);
COMMENT ON CONSTRAINT claim_gitpoap_id_user_id_key ON gitpoap.claim IS 'must be unique: a GitPOAP is issued to a contributor once';
ALTER TABLE ONLY gitpoap.claim
    ADD CONSTRAINT claim_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT claim_pkey ON gitpoap.claim IS 'must be unique';
ALTER TABLE ONLY gitpoap.contribution
    ADD CONSTRAINT contribution_pkey PRIMARY KEY (project_id, year, user_id);
COMMENT ON CONSTRAINT contribution_pkey ON gitpoap.contribution IS 'must be unique';
ALTER TABLE ONLY gitpoap.github_user
    ADD CONSTRAINT github_user_login_key UNIQUE (login);
COMMENT ON CONSTRAINT github_user_login_key ON gitpoap.github_user IS 'must be unique: one row per GitHub login';
ALTER TABLE ONLY gitpoap.github_user
    ADD CONSTRAINT github_user_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT github_user_pkey ON gitpoap.github_user IS 'must be unique';
ALTER TABLE ONLY gitpoap.gitpoap
    ADD CONSTRAINT gitpoap_id_project_id_key UNIQUE (id, project_id);
COMMENT ON CONSTRAINT gitpoap_id_project_id_key ON gitpoap.gitpoap IS 'must be unique (the target of the claims'' composite foreign key)';
ALTER TABLE ONLY gitpoap.gitpoap
    ADD CONSTRAINT gitpoap_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT gitpoap_pkey ON gitpoap.gitpoap IS 'must be unique';
ALTER TABLE ONLY gitpoap.gitpoap
    ADD CONSTRAINT gitpoap_project_year_level_key UNIQUE (project_id, year, level);
COMMENT ON CONSTRAINT gitpoap_project_year_level_key ON gitpoap.gitpoap IS 'must be unique: a project has one GitPOAP per year and level (runner gitpoaps list shows them)';
ALTER TABLE ONLY gitpoap.project
    ADD CONSTRAINT project_name_key UNIQUE (name);
COMMENT ON CONSTRAINT project_name_key ON gitpoap.project IS 'must be unique: one project per name';
ALTER TABLE ONLY gitpoap.project
    ADD CONSTRAINT project_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT project_pkey ON gitpoap.project IS 'must be unique';
ALTER TABLE ONLY gitpoap.pull_request
    ADD CONSTRAINT pull_request_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT pull_request_pkey ON gitpoap.pull_request IS 'must be unique';
ALTER TABLE ONLY gitpoap.pull_request
    ADD CONSTRAINT pull_request_repo_id_number_key UNIQUE (repo_id, number);
COMMENT ON CONSTRAINT pull_request_repo_id_number_key ON gitpoap.pull_request IS 'must be unique: one pull request per repo and number';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_id_project_id_key UNIQUE (id, project_id);
COMMENT ON CONSTRAINT repo_id_project_id_key ON gitpoap.repo IS 'must be unique (the target of the pull requests'' composite foreign key)';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_name_key UNIQUE (name);
COMMENT ON CONSTRAINT repo_name_key ON gitpoap.repo IS 'must be unique: a repo belongs to one project';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT repo_pkey ON gitpoap.repo IS 'must be unique';
ALTER TABLE ONLY human_points.action_chain
    ADD CONSTRAINT action_chain_pkey PRIMARY KEY (action);
COMMENT ON CONSTRAINT action_chain_pkey ON human_points.action_chain IS 'must be unique';
ALTER TABLE ONLY human_points.action
    ADD CONSTRAINT action_key_kind_key UNIQUE (key, kind);
COMMENT ON CONSTRAINT action_key_kind_key ON human_points.action IS 'must be unique (the target of the kind foreign keys of points and mint)';
ALTER TABLE ONLY human_points.action
    ADD CONSTRAINT action_pkey PRIMARY KEY (key);
COMMENT ON CONSTRAINT action_pkey ON human_points.action IS 'must be unique';
ALTER TABLE ONLY human_points.action
    ADD CONSTRAINT action_provider_key UNIQUE (provider);
COMMENT ON CONSTRAINT action_provider_key ON human_points.action IS 'must be unique: one action per stamp provider';
ALTER TABLE ONLY human_points.community
    ADD CONSTRAINT community_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT community_pkey ON human_points.community IS 'must be unique';
ALTER TABLE ONLY human_points.mint
    ADD CONSTRAINT mint_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT mint_pkey ON human_points.mint IS 'must be unique';
ALTER TABLE ONLY human_points.multiplier
    ADD CONSTRAINT multiplier_pkey PRIMARY KEY (address);
COMMENT ON CONSTRAINT multiplier_pkey ON human_points.multiplier IS 'must be unique';
ALTER TABLE ONLY human_points.points
    ADD CONSTRAINT points_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT points_pkey ON human_points.points IS 'must be unique';
ALTER TABLE ONLY human_points.program_stats
    ADD CONSTRAINT program_stats_pkey PRIMARY KEY (address);
COMMENT ON CONSTRAINT program_stats_pkey ON human_points.program_stats IS 'must be unique';
ALTER TABLE ONLY human_points.qualified_community
    ADD CONSTRAINT qualified_community_pkey PRIMARY KEY (address, community_id);
COMMENT ON CONSTRAINT qualified_community_pkey ON human_points.qualified_community IS 'must be unique';
ALTER TABLE ONLY human_points.score
    ADD CONSTRAINT score_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT score_pkey ON human_points.score IS 'must be unique';
ALTER TABLE ONLY human_points.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT settings_pkey ON human_points.settings IS 'must be unique';
ALTER TABLE ONLY human_points.stamp_nullifier
    ADD CONSTRAINT stamp_nullifier_pkey PRIMARY KEY (action, nullifier);
COMMENT ON CONSTRAINT stamp_nullifier_pkey ON human_points.stamp_nullifier IS 'must be unique: a nullifier earns an action for one address';
ALTER TABLE ONLY tiers.tier_change
    ADD CONSTRAINT tier_change_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT tier_change_pkey ON tiers.tier_change IS 'must be unique';
ALTER TABLE ONLY tiers.tier
    ADD CONSTRAINT tier_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT tier_pkey ON tiers.tier IS 'must be unique';
ALTER TABLE ONLY tiers.tier
    ADD CONSTRAINT tier_tier_key_key UNIQUE (tier_key);
COMMENT ON CONSTRAINT tier_tier_key_key ON tiers.tier IS 'must be unique';
ALTER TABLE ONLY tiers.wallet
    ADD CONSTRAINT wallet_pkey PRIMARY KEY (address);
COMMENT ON CONSTRAINT wallet_pkey ON tiers.wallet IS 'must be unique';
ALTER TABLE ONLY yoyo._yoyo_log
    ADD CONSTRAINT _yoyo_log_pkey PRIMARY KEY (id);
ALTER TABLE ONLY yoyo._yoyo_migration
    ADD CONSTRAINT _yoyo_migration_pkey PRIMARY KEY (migration_hash);
ALTER TABLE ONLY yoyo._yoyo_version
    ADD CONSTRAINT _yoyo_version_pkey PRIMARY KEY (version);
ALTER TABLE ONLY yoyo.runner_release
    ADD CONSTRAINT runner_release_pkey PRIMARY KEY (head);
ALTER TABLE ONLY yoyo.yoyo_lock
    ADD CONSTRAINT yoyo_lock_pkey PRIMARY KEY (locked);
CREATE INDEX claim_pull_request_earned_id_idx ON gitpoap.claim USING btree (pull_request_earned_id);
CREATE INDEX claim_user_id_idx ON gitpoap.claim USING btree (user_id);
CREATE INDEX pull_request_contribution_key_idx ON gitpoap.pull_request USING btree (project_id, gitpoap.contribution_year(merged_at), author_id, merged_at, number, id) WHERE (merged_at IS NOT NULL);
CREATE INDEX pull_request_project_author_merged_idx ON gitpoap.pull_request USING btree (project_id, author_id, merged_at, number) WHERE (merged_at IS NOT NULL);
CREATE INDEX repo_project_id_idx ON gitpoap.repo USING btree (project_id);
CREATE UNIQUE INDEX idx_binary_actions ON human_points.points USING btree (address, action) WHERE (kind = 'binary'::text);
COMMENT ON INDEX human_points.idx_binary_actions IS 'Binary actions (stamps, human_keys, scoring_bonus) are earned once per address.';
CREATE UNIQUE INDEX idx_mint_actions ON human_points.points USING btree (address, action, tx_hash) WHERE (kind = 'mint'::text);
COMMENT ON INDEX human_points.idx_mint_actions IS 'Mint actions are earned once per (address, action, tx_hash).';
CREATE INDEX mint_address_idx ON human_points.mint USING btree (address);
CREATE INDEX points_address_action_idx ON human_points.points USING btree (address, action);
CREATE INDEX points_timestamp_idx ON human_points.points USING btree ("timestamp");
CREATE INDEX score_address_idx ON human_points.score USING btree (address);
CREATE INDEX score_scored_at_idx ON human_points.score USING btree (scored_at);
CREATE UNIQUE INDEX tier_active_minimum_balance_key ON tiers.tier USING btree (minimum_balance) WHERE is_active;
CREATE INDEX tier_change_address_changed_at_idx ON tiers.tier_change USING btree (address, changed_at);
CREATE INDEX tier_change_changed_at_idx ON tiers.tier_change USING btree (changed_at);
CREATE INDEX tier_display_order_idx ON tiers.tier USING btree (display_order);
CREATE INDEX tier_is_active_idx ON tiers.tier USING btree (is_active);
CREATE INDEX tier_minimum_balance_idx ON tiers.tier USING btree (minimum_balance);
CREATE INDEX wallet_balance_idx ON tiers.wallet USING btree (balance);
CREATE OR REPLACE VIEW reporting.gitpoap_claims AS
 SELECT g.id AS gitpoap_id,
    p.name AS project,
    g.year,
    g.level,
    g.threshold,
    g.name,
    g.status,
    g.is_enabled,
    count(c.id) AS issued,
    count(c.id) FILTER (WHERE (c.status = 'CLAIMED'::text)) AS claimed
   FROM ((gitpoap.gitpoap g
     JOIN gitpoap.project p ON ((p.id = g.project_id)))
     LEFT JOIN gitpoap.claim c ON ((c.gitpoap_id = g.id)))
  GROUP BY g.id, p.name;
CREATE TRIGGER _500_count_deleted AFTER DELETE ON gitpoap.pull_request REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_deleted ON gitpoap.pull_request IS 'Decrements counters for deleted merged PRs; claims already issued stay.';
CREATE TRIGGER _500_count_inserted AFTER INSERT ON gitpoap.pull_request REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_inserted ON gitpoap.pull_request IS 'Counts inserted merged PRs and issues the claims they reach.';
CREATE TRIGGER _500_count_updated AFTER UPDATE ON gitpoap.pull_request REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_updated ON gitpoap.pull_request IS 'Re-counts updated PRs (merged_at null → time counts, un-merge or a move decrements) and issues claims reached.';
CREATE TRIGGER _500_issue_claims_inserted AFTER INSERT ON gitpoap.gitpoap REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
COMMENT ON TRIGGER _500_issue_claims_inserted ON gitpoap.gitpoap IS 'Issues the claims of new GitPOAPs from the counters.';
CREATE TRIGGER _500_issue_claims_updated AFTER UPDATE ON gitpoap.gitpoap REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
COMMENT ON TRIGGER _500_issue_claims_updated ON gitpoap.gitpoap IS 'Issues the claims of GitPOAPs enabled, undeprecated or given a lower threshold; checks threshold order.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.github_user REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.github_user IS 'Refuses to delete a github_user that counters or claims refer to.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.gitpoap REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.gitpoap IS 'Refuses to delete a GitPOAP that has claims.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.project REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.project IS 'Refuses to delete a project that counters or claims refer to.';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.github_user FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.github_user IS 'Refuses to truncate github_user while counters or claims refer to it (truncate them in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.gitpoap FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.gitpoap IS 'Refuses to truncate gitpoap while claims refer to it (truncate them in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.project FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.project IS 'Refuses to truncate project while counters or claims refer to it (truncate them in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.pull_request FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.pull_request IS 'Refuses to truncate pull_request while claims name an earning PR (truncate claim in the same command).';
CREATE TRIGGER _100_normalise_address BEFORE INSERT OR UPDATE OF address, tx_hash ON human_points.mint FOR EACH ROW WHEN (((NOT core.is_evm_address(new.address)) OR (new.tx_hash !~ '^0x[0-9a-f]+$'::text))) EXECUTE FUNCTION human_points.tg_mint__normalise_address();
CREATE TRIGGER _100_normalise_address BEFORE INSERT OR UPDATE OF address ON human_points.score FOR EACH ROW WHEN ((NOT core.is_evm_address(new.address))) EXECUTE FUNCTION human_points.tg_score__normalise_address();
CREATE TRIGGER _100_updated_at BEFORE UPDATE ON human_points.settings FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _100_updated_at ON human_points.settings IS 'Keeps updated_at when the settings change.';
CREATE TRIGGER _500_award_points AFTER INSERT ON human_points.mint REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION human_points.tg_mint__award_points();
CREATE TRIGGER _500_award_points AFTER INSERT ON human_points.score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION human_points.tg_score__award_points();
CREATE TRIGGER _100_lock_wallets BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON tiers.tier FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__lock_wallets();
COMMENT ON TRIGGER _100_lock_wallets ON tiers.tier IS 'Serialises tier changes against wallet balance changes (exclusive tiers advisory lock).';
CREATE TRIGGER _100_stamp_updated_at BEFORE UPDATE OF balance ON tiers.wallet FOR EACH ROW WHEN ((old.balance IS DISTINCT FROM new.balance)) EXECUTE FUNCTION core.tg__updated_at();
CREATE TRIGGER _200_touch_updated_at BEFORE UPDATE ON tiers.tier FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _200_touch_updated_at ON tiers.tier IS 'Keeps updated_at when the row changes.';
CREATE TRIGGER _500_assign_tier_inserted AFTER INSERT ON tiers.wallet REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
COMMENT ON TRIGGER _500_assign_tier_inserted ON tiers.wallet IS 'Gives new wallets their tier (logged when not none).';
CREATE TRIGGER _500_assign_tier_updated AFTER UPDATE ON tiers.wallet REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
COMMENT ON TRIGGER _500_assign_tier_updated ON tiers.wallet IS 'Moves wallets whose balance changed into their tier (logged).';
CREATE TRIGGER _500_reevaluate_and_notify_deleted AFTER DELETE ON tiers.tier REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_deleted ON tiers.tier IS 'Moves wallets out of deleted tiers and notifies tiers_changed.';
CREATE TRIGGER _500_reevaluate_and_notify_inserted AFTER INSERT ON tiers.tier REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_inserted ON tiers.tier IS 'Moves wallets into new tiers and notifies tiers_changed.';
CREATE TRIGGER _500_reevaluate_and_notify_updated AFTER UPDATE ON tiers.tier REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_updated ON tiers.tier IS 'Moves wallets after a minimum or activity change and notifies tiers_changed.';
ALTER TABLE ONLY gitpoap.gitpoap
    ADD CONSTRAINT gitpoap_project_id_fkey FOREIGN KEY (project_id) REFERENCES gitpoap.project(id);
COMMENT ON CONSTRAINT gitpoap_project_id_fkey ON gitpoap.gitpoap IS 'must be the id of a gitpoap.project';
ALTER TABLE ONLY gitpoap.pull_request
    ADD CONSTRAINT pull_request_author_id_fkey FOREIGN KEY (author_id) REFERENCES gitpoap.github_user(id);
COMMENT ON CONSTRAINT pull_request_author_id_fkey ON gitpoap.pull_request IS 'must be the id of a gitpoap.github_user';
ALTER TABLE ONLY gitpoap.pull_request
    ADD CONSTRAINT pull_request_repo_project_fkey FOREIGN KEY (repo_id, project_id) REFERENCES gitpoap.repo(id, project_id) ON UPDATE CASCADE;
COMMENT ON CONSTRAINT pull_request_repo_project_fkey ON gitpoap.pull_request IS 'must name a gitpoap.repo and that repo''s project';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_project_id_fkey FOREIGN KEY (project_id) REFERENCES gitpoap.project(id);
COMMENT ON CONSTRAINT repo_project_id_fkey ON gitpoap.repo IS 'must be the id of a gitpoap.project';
ALTER TABLE ONLY human_points.action_chain
    ADD CONSTRAINT action_chain_action_kind_fkey FOREIGN KEY (action, kind) REFERENCES human_points.action(key, kind);
COMMENT ON CONSTRAINT action_chain_action_kind_fkey ON human_points.action_chain IS 'must be the key of a human_points.action of kind mint';
ALTER TABLE ONLY human_points.mint
    ADD CONSTRAINT mint_action_kind_fkey FOREIGN KEY (action, kind) REFERENCES human_points.action(key, kind);
COMMENT ON CONSTRAINT mint_action_kind_fkey ON human_points.mint IS 'must be the key of a human_points.action of kind mint';
ALTER TABLE ONLY human_points.points
    ADD CONSTRAINT points_action_kind_fkey FOREIGN KEY (action, kind) REFERENCES human_points.action(key, kind);
COMMENT ON CONSTRAINT points_action_kind_fkey ON human_points.points IS 'must be the key and the kind of a human_points.action';
ALTER TABLE ONLY human_points.qualified_community
    ADD CONSTRAINT qualified_community_community_id_fkey FOREIGN KEY (community_id) REFERENCES human_points.community(id);
COMMENT ON CONSTRAINT qualified_community_community_id_fkey ON human_points.qualified_community IS 'must be the id of a human_points.community';
ALTER TABLE ONLY human_points.score
    ADD CONSTRAINT score_community_id_fkey FOREIGN KEY (community_id) REFERENCES human_points.community(id);
COMMENT ON CONSTRAINT score_community_id_fkey ON human_points.score IS 'must be the id of a human_points.community (runner points status lists the program''s)';
GRANT USAGE ON SCHEMA core TO rewards_app;
GRANT USAGE ON SCHEMA core TO rewards_admin;
GRANT USAGE ON SCHEMA gitpoap TO rewards_app;
GRANT USAGE ON SCHEMA gitpoap TO rewards_admin;
GRANT USAGE ON SCHEMA human_points TO rewards_app;
GRANT USAGE ON SCHEMA reporting TO rewards_bi;
GRANT USAGE ON SCHEMA tiers TO rewards_app;
GRANT USAGE ON SCHEMA tiers TO rewards_admin;
REVOKE ALL ON FUNCTION core._check_row(p_table regclass, p_row anyelement) FROM PUBLIC;
REVOKE ALL ON FUNCTION core._iso_timestamptz_casts(p_value text) FROM PUBLIC;
REVOKE ALL ON FUNCTION core.constraint_rule(p_schema text, p_table text, p_constraint text) FROM PUBLIC;
GRANT ALL ON FUNCTION core.constraint_rule(p_schema text, p_table text, p_constraint text) TO rewards_app;
REVOKE ALL ON FUNCTION core.is_evm_address(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION core.is_evm_address(p_address text) TO rewards_app;
REVOKE ALL ON FUNCTION core.is_iso_timestamptz(p_value text) FROM PUBLIC;
GRANT ALL ON FUNCTION core.is_iso_timestamptz(p_value text) TO rewards_app;
REVOKE ALL ON FUNCTION core.tg__updated_at() FROM PUBLIC;
REVOKE ALL ON FUNCTION core.to_timestamptz(p_value text, p_field text) FROM PUBLIC;
GRANT ALL ON FUNCTION core.to_timestamptz(p_value text, p_field text) TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap._is_pr_number(p_value text) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._lock_counters() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.contribution_year(p_merged_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.contribution_year(p_merged_at timestamp with time zone) TO rewards_app;
GRANT ALL ON FUNCTION gitpoap.contribution_year(p_merged_at timestamp with time zone) TO rewards_bi;
GRANT SELECT,INSERT ON TABLE gitpoap.pull_request TO rewards_app;
GRANT DELETE ON TABLE gitpoap.pull_request TO rewards_admin;
GRANT UPDATE(title) ON TABLE gitpoap.pull_request TO rewards_app;
GRANT UPDATE(merged_at) ON TABLE gitpoap.pull_request TO rewards_app;
GRANT UPDATE(merge_commit_sha) ON TABLE gitpoap.pull_request TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._order_upsert_arrivals(p_inserted gitpoap.pull_request[]) FROM PUBLIC;
GRANT INSERT ON TABLE gitpoap.pr_import TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._pr_import_rows() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._uncount_merged_prs(p_removed gitpoap.pull_request[], p_added gitpoap.pull_request[]) FROM PUBLIC;
GRANT SELECT ON TABLE gitpoap.claim TO rewards_app;
GRANT UPDATE(status) ON TABLE gitpoap.claim TO rewards_admin;
GRANT SELECT,INSERT ON TABLE gitpoap.github_user TO rewards_app;
GRANT SELECT ON TABLE gitpoap.gitpoap TO rewards_app;
GRANT INSERT,UPDATE ON TABLE gitpoap.gitpoap TO rewards_admin;
GRANT SELECT ON TABLE gitpoap.project TO rewards_app;
GRANT INSERT,UPDATE ON TABLE gitpoap.project TO rewards_admin;
GRANT SELECT,INSERT ON TABLE gitpoap.repo TO rewards_app;
GRANT UPDATE(backloaded_at) ON TABLE gitpoap.repo TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.activity() FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.activity() TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.backfill_claims(p_project_id bigint, p_gitpoap_id bigint, p_batch_size integer, p_after_project_id bigint, p_after_year integer, p_after_user_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.backfill_claims(p_project_id bigint, p_gitpoap_id bigint, p_batch_size integer, p_after_project_id bigint, p_after_year integer, p_after_user_id bigint) TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.list_gitpoaps(p_project text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.list_gitpoaps(p_project text) TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.project_id(p_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.project_id(p_name text) TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.tg__keep_derived_references() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.tg_gitpoap__issue_claims() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.tg_pull_request__count() FROM PUBLIC;
GRANT SELECT ON TABLE gitpoap.contribution TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) TO rewards_app;
REVOKE ALL ON FUNCTION human_points._award_score_events(p_ids bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._normalize_tx_hash(p_tx_hash text) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._score_event_problem(p_event jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points._score_event_problem(p_event jsonb) TO rewards_app;
REVOKE ALL ON FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) FROM PUBLIC;
GRANT SELECT ON TABLE human_points.community TO rewards_app;
GRANT INSERT,DELETE,UPDATE ON TABLE human_points.community TO rewards_admin;
GRANT SELECT,INSERT ON TABLE human_points.mint TO rewards_app;
GRANT SELECT ON TABLE human_points.multiplier TO rewards_app;
GRANT INSERT,DELETE,UPDATE ON TABLE human_points.multiplier TO rewards_admin;
GRANT SELECT ON TABLE human_points.points TO rewards_app;
GRANT SELECT,INSERT ON TABLE human_points.score TO rewards_app;
REVOKE ALL ON FUNCTION human_points.activity() FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.activity() TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.import_scores() FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.import_scores() TO rewards_app;
REVOKE ALL ON FUNCTION human_points.normalize_address(p_address text, p_field text) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.normalize_address(p_address text, p_field text) TO rewards_app;
REVOKE ALL ON FUNCTION human_points.points_data(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.points_data(p_address text) TO rewards_app;
REVOKE ALL ON FUNCTION human_points.populate_multipliers(p_addresses text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.populate_multipliers(p_addresses text[]) TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.set_write_enabled(p_enabled boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.set_write_enabled(p_enabled boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.status() FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.status() TO rewards_app;
REVOKE ALL ON FUNCTION human_points.tg_mint__award_points() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_mint__normalise_address() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_score__award_points() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_score__normalise_address() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers._lock_tiers() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers._valid_address(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers._valid_address(p_address text) TO rewards_app;
GRANT SELECT ON TABLE tiers.wallet TO rewards_app;
GRANT INSERT(address) ON TABLE tiers.wallet TO rewards_app;
GRANT INSERT(balance),UPDATE(balance) ON TABLE tiers.wallet TO rewards_app;
REVOKE ALL ON FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) FROM PUBLIC;
GRANT SELECT ON TABLE tiers.tier TO rewards_app;
REVOKE ALL ON FUNCTION tiers._tier_for_balance(p_balance numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers._tier_for_balance(p_balance numeric) TO rewards_app;
REVOKE ALL ON FUNCTION tiers._validate_tier(p_id bigint, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_is_active boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.activity() FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.activity() TO rewards_admin;
REVOKE ALL ON FUNCTION tiers.badge_info(p_tier tiers.tier) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.badge_info(p_tier tiers.tier) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_metadata jsonb, p_is_active boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_metadata jsonb, p_is_active boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION tiers.delete_tier(p_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.delete_tier(p_id bigint) TO rewards_admin;
REVOKE ALL ON FUNCTION tiers.display_name(p_tier tiers.tier) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.display_name(p_tier tiers.tier) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.find_tier(p_tier text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.find_tier(p_tier text) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.get_tier(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.get_tier(p_address text) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.list_tiers(p_sort_by text, p_include_inactive boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.list_tiers(p_sort_by text, p_include_inactive boolean) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) TO rewards_admin;
REVOKE ALL ON FUNCTION tiers.tg_tier__lock_wallets() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.tg_tier__reevaluate_and_notify() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.tg_wallet__assign_tier() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.tier_benefits(p_tier tiers.tier) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_benefits(p_tier tiers.tier) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tier_by_key(p_tier_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_by_key(p_tier_key text) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tier_for_balance(p_balance numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_for_balance(p_balance numeric) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tier_keys() FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_keys() TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tier_none() FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_none() TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tier_thresholds() FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_thresholds() TO rewards_app;
REVOKE ALL ON FUNCTION tiers.update_tier(p_id bigint, p_name text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_is_active boolean, p_metadata jsonb, p_tier_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.update_tier(p_id bigint, p_name text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_is_active boolean, p_metadata jsonb, p_tier_key text) TO rewards_admin;
GRANT SELECT ON TABLE gitpoap.issuing_gitpoap TO rewards_app;
GRANT SELECT ON TABLE human_points.action TO rewards_app;
GRANT SELECT ON TABLE human_points.action_chain TO rewards_app;
GRANT SELECT ON TABLE human_points.program_stats TO rewards_app;
GRANT SELECT ON TABLE human_points.qualified_community TO rewards_app;
GRANT SELECT,INSERT,DELETE ON TABLE human_points.score_import TO rewards_app;
GRANT SELECT ON TABLE human_points.settings TO rewards_app;
GRANT UPDATE ON TABLE human_points.settings TO rewards_admin;
GRANT SELECT ON TABLE human_points.stamp_nullifier TO rewards_app;
GRANT SELECT ON TABLE reporting.contributor_progress TO rewards_bi;
GRANT SELECT ON TABLE reporting.gitpoap_claims TO rewards_bi;
GRANT SELECT ON TABLE reporting.points_daily TO rewards_bi;
GRANT SELECT ON TABLE reporting.points_leaderboard TO rewards_bi;
GRANT SELECT ON TABLE reporting.points_program_summary TO rewards_bi;
GRANT SELECT ON TABLE reporting.tier_changes_daily TO rewards_bi;
GRANT SELECT ON TABLE reporting.wallet_tiers TO rewards_bi;
ALTER DEFAULT PRIVILEGES FOR ROLE rewards_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;
