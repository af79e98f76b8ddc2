-- pg-rewards: the current schema in one file, for reading (`runner migrate` builds databases, never this file).
-- pg_dump --schema-only of a migrated PostgreSQL 15 database, normalised; a test keeps it equal to the
-- migrations: SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py writes it. Function bodies
-- are in the file each function names.
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
    AS $$ see db/functions/core/_check_row.sql $$;
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
    AS $$ see db/functions/core/constraint_rule.sql $$;
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
    AS $$ see db/migrations/0045_core_shared_rules.sql $$;
ALTER FUNCTION core.tg__updated_at() OWNER TO rewards_owner;
COMMENT ON FUNCTION core.tg__updated_at() IS 'BEFORE UPDATE … FOR EACH ROW on any table with an updated_at column: sets it to the transaction time (the trigger''s WHEN clause says which changes count).';
CREATE FUNCTION core.to_timestamptz(p_value text, p_field text DEFAULT NULL::text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/core/to_timestamptz.sql $$;
ALTER FUNCTION core.to_timestamptz(p_value text, p_field text) OWNER TO rewards_owner;
COMMENT ON FUNCTION core.to_timestamptz(p_value text, p_field text) IS 'p_value as timestamptz when it is an ISO 8601 timestamp with a time zone (see core.is_iso_timestamptz) naming a real instant; otherwise null, or, when p_field is given, invalid_datetime_format naming p_field and the value. Null stays null.';
CREATE FUNCTION gitpoap._is_pr_number(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ see db/functions/gitpoap/_pr_import_problem.sql $$;
ALTER FUNCTION gitpoap._is_pr_number(p_value text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._is_pr_number(p_value text) IS 'True when the text is a pull request number: a whole number from 1 to 2147483647 (blanks around it allowed).';
CREATE FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/_issue_gitpoap_claims.sql $$;
ALTER FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._issue_gitpoap_claims(p_gitpoap_ids bigint[]) IS 'For GitPOAPs just inserted or changed: enforces that within a project and year a higher level has a strictly higher threshold, then issues the claims of every issuing one to contributors whose counter is at least its threshold (earning PR: the threshold-th merged PR). Returns the number of claims issued.';
CREATE FUNCTION gitpoap._lock_counters() RETURNS void
    LANGUAGE sql
    SET lock_timeout TO '5s'
    AS $$ see db/functions/gitpoap/_lock_counters.sql $$;
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
    CONSTRAINT pull_request_merged_at_range CHECK (((merged_at >= '2008-01-01 00:00:00+00'::timestamp with time zone) AND (merged_at < '2101-01-01 00:00:00+00'::timestamp with time zone))),
    CONSTRAINT pull_request_number_positive CHECK ((number > 0)),
    CONSTRAINT pull_request_title_length CHECK ((length(title) <= 1000))
);
ALTER TABLE gitpoap.pull_request OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.pull_request IS 'Pull requests; applications INSERT them and triggers count merged ones and issue claims.';
COMMENT ON COLUMN gitpoap.pull_request.id IS 'Pull request id (internal).';
COMMENT ON COLUMN gitpoap.pull_request.repo_id IS 'Repository of the pull request.';
COMMENT ON COLUMN gitpoap.pull_request.project_id IS 'Project of the repository (kept equal to repo.project_id: checked per statement by the triggers of pull_request, carried along by those of repo; the distribution column under Citus). (repo_id, project_id) must name a gitpoap.repo and that repo''s project (pull_request_repo_project_fkey in errors).';
COMMENT ON COLUMN gitpoap.pull_request.number IS 'Pull request number in its repository (> 0).';
COMMENT ON COLUMN gitpoap.pull_request.title IS 'Title.';
COMMENT ON COLUMN gitpoap.pull_request.author_id IS 'Author: must be the id of a gitpoap.github_user (checked once per statement by the triggers of pull_request; pull_request_author_id_fkey in errors).';
COMMENT ON COLUMN gitpoap.pull_request.merged_at IS 'When it was merged; null while unmerged. Counts in the UTC calendar year of this time.';
COMMENT ON COLUMN gitpoap.pull_request.merge_commit_sha IS 'Hex SHA of the merge commit.';
COMMENT ON COLUMN gitpoap.pull_request.created_at IS 'When the row was inserted.';
COMMENT ON CONSTRAINT pull_request_merge_commit_sha_hex ON gitpoap.pull_request IS 'must be 7 to 64 lower-case hex digits';
COMMENT ON CONSTRAINT pull_request_merged_at_finite ON gitpoap.pull_request IS 'must be a finite time (null while unmerged)';
COMMENT ON CONSTRAINT pull_request_merged_at_range ON gitpoap.pull_request IS 'must be a time in the UTC years 2008 to 2100 (null while unmerged)';
COMMENT ON CONSTRAINT pull_request_number_positive ON gitpoap.pull_request IS 'must be at least 1';
COMMENT ON CONSTRAINT pull_request_title_length ON gitpoap.pull_request IS 'must be at most 1000 characters';
CREATE FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) RETURNS SETOF bigint
    LANGUAGE sql STABLE ROWS 1 PARALLEL SAFE
    AS $$ see db/functions/gitpoap/_nth_merged_pr.sql $$;
ALTER FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._nth_merged_pr(p_project_id bigint, p_user_id bigint, p_year integer, p_n integer) IS 'Id of the n-th merged PR of a contributor in a project and UTC year in (merged_at, number) order (no row when there are fewer): the earning PR of claims issued by a backfill or by a new or changed GitPOAP. A one-statement SQL function its callers inline (LATERAL): an index-only probe of pull_request_contribution_key_idx.';
CREATE FUNCTION gitpoap._order_upsert_arrivals(p_inserted gitpoap.pull_request[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/_order_upsert_arrivals.sql $$;
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
    from_json boolean DEFAULT false NOT NULL,
    xact_id xid8 DEFAULT pg_current_xact_id() NOT NULL
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
COMMENT ON COLUMN gitpoap.pr_import.xact_id IS 'The transaction that staged the row (its default; no client may write it): gitpoap.import_pull_requests reads only its own transaction''s rows and deletes those of finished ones.';
CREATE FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ see db/functions/gitpoap/_pr_import_problem.sql $$;
ALTER FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) IS 'The first problem of one staged record (its columns, or a gh JSON record whole) as ''.<field> <rule> (got <value>)'' in the file''s field names (CSV: number, title, author, merged_at, merge_commit_sha; gh JSON: number, title, author.login, mergedAt, mergeCommit.oid), or null when it is well-formed. What the tables'' own constraints judge (login format, commit hash, title length) is left to them.';
CREATE FUNCTION gitpoap._pr_import_rows() RETURNS TABLE(ordinal bigint, number integer, title text, login text, merged_at timestamp with time zone, merge_commit_sha text, from_json boolean)
    LANGUAGE sql STABLE
    AS $$ see db/functions/gitpoap/_pr_import_problem.sql $$;
ALTER FUNCTION gitpoap._pr_import_rows() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._pr_import_rows() IS 'The records this transaction staged, as pull_request columns (CSV fields and gh JSON records alike), with their ordinal and whether they came from a gh JSON file.';
CREATE FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/_refuse_orphans.sql $$;
ALTER FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) IS 'Raises foreign_key_violation, naming the row and the table that refers to it, when a pull request (its author_id or repo_id), a counter (gitpoap.contribution) or a claim refers to a row of p_table (github_user, repo, project, gitpoap, or pull_request as an earning PR) among p_ids, or to any row when p_ids is null (the table was truncated). Called by the triggers of those tables: pull requests are checked once per statement as they are written (their referenced users and repos locked FOR KEY SHARE), counters and claims are written only by this schema''s functions from keys they have just read, so their references are checked where the referenced rows go instead of by a foreign key per row. For github_user and repo it first requires READ COMMITTED (gitpoap._require_read_committed).';
CREATE FUNCTION gitpoap._require_read_committed(p_table text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/_refuse_orphans.sql $$;
ALTER FUNCTION gitpoap._require_read_committed(p_table text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap._require_read_committed(p_table text) IS 'Raises feature_not_supported unless the transaction is READ COMMITTED: the delete, truncate and key-change guards of github_user and repo check pull_request with a statement''s snapshot, which under REPEATABLE READ or SERIALIZABLE could miss a pull request committed meanwhile (a foreign key uses a crosscheck snapshot that plpgsql cannot).';
CREATE FUNCTION gitpoap._uncount_merged_prs(p_removed gitpoap.pull_request[], p_added gitpoap.pull_request[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$ see db/functions/gitpoap/_uncount_merged_prs.sql $$;
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
    login_key text GENERATED ALWAYS AS (lower(login)) STORED NOT NULL,
    CONSTRAINT github_user_login_format CHECK (((login ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*(\[bot\])?$'::text) AND (length(login) <= 100)))
);
ALTER TABLE gitpoap.github_user OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.github_user IS 'A GitHub account that authored pull requests.';
COMMENT ON COLUMN gitpoap.github_user.id IS 'User id.';
COMMENT ON COLUMN gitpoap.github_user.login IS 'GitHub login as first seen (its spelling is kept for display); unique ignoring case (login_key).';
COMMENT ON COLUMN gitpoap.github_user.is_bot IS 'True for logins ending in [bot] (GitHub''s marker for apps); bots never earn claims.';
COMMENT ON COLUMN gitpoap.github_user.created_at IS 'When the user was first seen.';
COMMENT ON COLUMN gitpoap.github_user.login_key IS 'lower(login): the account whatever the case it is written in (GitHub logins are case-insensitive); unique. Look users up by it.';
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
    AS $$ see db/functions/gitpoap/activity.sql $$;
ALTER FUNCTION gitpoap.activity() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.activity() IS '{"counts": {table: rows}, "repos": [{"name", "backloaded_at"}], "never_loaded": [names of repos whose history was never loaded (backloaded_at null)], "newest_claim_at"}: what runner status prints for gitpoap.';
CREATE FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) RETURNS TABLE(gitpoap_id bigint, level integer, threshold integer, claims_issued bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/add_gitpoaps.sql $$;
ALTER FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.add_gitpoaps(p_project text, p_year integer, p_thresholds integer[]) IS 'Creates one GitPOAP per level for project p_project (by name) and UTC year p_year: level k gets threshold p_thresholds[k]. Claims are issued from the counters at once. Returns each GitPOAP with the claims it issued.';
CREATE FUNCTION gitpoap.backfill_claims(p_project_id bigint DEFAULT NULL::bigint, p_gitpoap_id bigint DEFAULT NULL::bigint, p_batch_size integer DEFAULT NULL::integer, p_after_project_id bigint DEFAULT NULL::bigint, p_after_year integer DEFAULT NULL::integer, p_after_user_id bigint DEFAULT NULL::bigint) RETURNS TABLE(claims_issued integer, contributors integer, merged_prs bigint, last_project_id bigint, last_year integer, last_user_id bigint, done boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/backfill_claims.sql $$;
ALTER FUNCTION gitpoap.backfill_claims(p_project_id bigint, p_gitpoap_id bigint, p_batch_size integer, p_after_project_id bigint, p_after_year integer, p_after_user_id bigint) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.backfill_claims(p_project_id bigint, p_gitpoap_id bigint, p_batch_size integer, p_after_project_id bigint, p_after_year integer, p_after_user_id bigint) IS 'Recomputes contribution counters from pull_request (writing only those that change) and issues every missing claim (earning PR: the threshold-th merged PR in (merged_at, number) order). Scope: everything, one project (p_project_id) or one GitPOAP (p_gitpoap_id). With p_batch_size, handles the next p_batch_size counter keys (project_id, year, user_id) after the p_after_* cursor and returns the last key as the next cursor; call again until done (runner backfill-claims commits each chunk). Keys are those of merged PRs and of existing counters (a counter that lost every PR is zeroed). Without it, does everything in one call. Waits for PR counting in flight and holds new counting back while it runs (gitpoap._lock_counters); a chunk aborted by a deadlock or a serialization failure runs again, up to 3 times, with a WARNING. Idempotent: a re-run after a kill issues exactly what is missing.';
CREATE FUNCTION gitpoap.contributor_claims(p_login text) RETURNS TABLE(gitpoap_id bigint, gitpoap text, project text, year integer, level integer, threshold integer, status text, earned_repo text, earned_number integer, issued_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/contributor_claims.sql $$;
ALTER FUNCTION gitpoap.contributor_claims(p_login text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.contributor_claims(p_login text) IS 'The claims of the contributor with login p_login (any case, as GitHub matches logins): GitPOAP id and name, project, year, level, threshold, claim status, the repository and number of the pull request that earned it (null when that PR was deleted) and when it was issued; by project, year and level. No rows for an unknown login.';
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
CREATE VIEW reporting.contributor_progress AS
 SELECT p.name AS project,
    c.year,
    u.login,
    c.merged_prs,
    ( SELECT max(g.level) AS max
           FROM (gitpoap.claim x
             JOIN gitpoap.gitpoap g ON ((g.id = x.gitpoap_id)))
          WHERE ((x.user_id = c.user_id) AND (g.project_id = c.project_id) AND (g.year = c.year))) AS current_level,
    nxt.level AS next_level,
    nxt.threshold AS next_threshold,
    (nxt.threshold - c.merged_prs) AS prs_to_go
   FROM (((gitpoap.contribution c
     JOIN gitpoap.project p ON ((p.id = c.project_id)))
     JOIN gitpoap.github_user u ON ((u.id = c.user_id)))
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
CREATE FUNCTION gitpoap.contributor_progress(p_login text) RETURNS TABLE(project text, year integer, merged_prs integer, current_level integer, next_level integer, next_threshold integer, prs_to_go integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/contributor_progress.sql $$;
ALTER FUNCTION gitpoap.contributor_progress(p_login text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.contributor_progress(p_login text) IS 'The rows of reporting.contributor_progress of the contributor with login p_login (any case, as GitHub matches logins), by project and year: merged PRs counted, highest level claimed, next level and threshold, PRs to go. No rows for an unknown login.';
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
CREATE FUNCTION gitpoap.gitpoap_claims(p_project text DEFAULT NULL::text, p_year integer DEFAULT NULL::integer) RETURNS TABLE(gitpoap_id bigint, project text, year integer, level integer, threshold integer, name text, status text, is_enabled boolean, issued bigint, claimed bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/gitpoap_claims.sql $$;
ALTER FUNCTION gitpoap.gitpoap_claims(p_project text, p_year integer) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.gitpoap_claims(p_project text, p_year integer) IS 'The rows of reporting.gitpoap_claims (every GitPOAP with its claims issued and claimed), of project p_project and year p_year when given, by project, year and level.';
CREATE FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text DEFAULT NULL::text, p_defer_claims boolean DEFAULT false, p_backload boolean DEFAULT true) RETURNS TABLE(records bigint, inserted bigint, duplicates bigint, already_stored bigint, bot_prs bigint, claims_issued bigint, project_id bigint, repo_id bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/import_pull_requests.sql $$;
ALTER FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean, p_backload boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean, p_backload boolean) IS 'Judges the records this transaction COPYed into gitpoap.pr_import (rows of other transactions are never read; see gitpoap._pr_import_problem: a bad one loads nothing and is named records[<ordinal>].<field>) and moves them into pull_request for repo p_repo (owner/name) of project p_project (default: named like the repo; both created if missing): one PR per number (earliest merged_at), PRs already stored skipped, authors created (logins matched ignoring case: Alice is alice), repo.backloaded_at set unless p_backload is false (a webhook''s single PR is not the repo''s history). With p_defer_claims the counting triggers are skipped (run gitpoap.backfill_claims after). Returns what happened; claims_issued counts claims earned by the inserted PRs.';
CREATE FUNCTION gitpoap.list_gitpoaps(p_project text DEFAULT NULL::text) RETURNS TABLE(gitpoap_id bigint, project text, year integer, level integer, threshold integer, status text, is_enabled boolean, claims bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/list_gitpoaps.sql $$;
ALTER FUNCTION gitpoap.list_gitpoaps(p_project text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.list_gitpoaps(p_project text) IS 'Every GitPOAP (of one project when p_project is given) with its threshold, status and number of claims, ordered by project, year and level.';
CREATE TABLE gitpoap.webhook_repo (
    repo_id bigint NOT NULL,
    registered_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE gitpoap.webhook_repo OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.webhook_repo IS 'Repositories the operator registered for GitHub webhooks (runner repos add): only their merged pull requests are stored from deliveries.';
COMMENT ON COLUMN gitpoap.webhook_repo.repo_id IS 'The registered repository.';
COMMENT ON COLUMN gitpoap.webhook_repo.registered_at IS 'When it was registered: its deliveries are accepted since then.';
CREATE FUNCTION gitpoap.list_repos(p_project text DEFAULT NULL::text) RETURNS TABLE(repo text, project text, backloaded_at timestamp with time zone, webhooks_since timestamp with time zone, pull_requests bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/list_repos.sql $$;
ALTER FUNCTION gitpoap.list_repos(p_project text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.list_repos(p_project text) IS 'Every repository (of one project when p_project is given) by name: its project, when its history was loaded (backloaded_at; null: never, its claims cover only the PRs stored so far), since when it accepts GitHub webhooks (null: not registered) and its stored pull requests.';
CREATE FUNCTION gitpoap.project_id(p_name text) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/project_id.sql $$;
ALTER FUNCTION gitpoap.project_id(p_name text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.project_id(p_name text) IS 'Id of the project named p_name; raises no_data_found naming it when there is none.';
CREATE FUNCTION gitpoap.receive_github_delivery(p_delivery text, p_event text, p_payload text) RETURNS TABLE(outcome text, repo text, number integer, claims_issued bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/receive_github_delivery.sql $$;
ALTER FUNCTION gitpoap.receive_github_delivery(p_delivery text, p_event text, p_payload text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.receive_github_delivery(p_delivery text, p_event text, p_payload text) IS 'Handles one GitHub webhook delivery whose signature the caller verified: p_delivery the X-GitHub-Delivery GUID, p_event the X-GitHub-Event header, p_payload the body (JSON). Outcome: pong (ping event); ignored (any other event, or a pull_request event that is not a merged close); unregistered (a merged PR of a repository not registered by gitpoap.register_repo: nothing stored, no delivery row); redelivery (this GUID stored its PR before: nothing changes); stored or already_stored (the PR — pull_request.user.login, number, title, merged_at, merge_commit_sha of repository.full_name — went through gitpoap.import_pull_requests, without marking the history loaded, and the triggers issued claims_issued claims). A malformed payload or GUID raises invalid_parameter_value naming it (payload, delivery, records[0].<field>).';
CREATE FUNCTION gitpoap.register_repo(p_repo text, p_project text DEFAULT NULL::text) RETURNS TABLE(repo text, project text, backloaded_at timestamp with time zone, webhooks_since timestamp with time zone, pull_requests bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/register_repo.sql $$;
ALTER FUNCTION gitpoap.register_repo(p_repo text, p_project text) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.register_repo(p_repo text, p_project text) IS 'Registers repository p_repo (owner/name) for GitHub webhooks (a gitpoap.webhook_repo row, kept when it exists), creating it and its project p_project (default: the repo''s project, else named like the repo) by the rules of gitpoap.import_pull_requests without marking its history loaded. Returns the repo as gitpoap.list_repos shows it.';
CREATE FUNCTION gitpoap.tg__keep_derived_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/tg__keep_derived_references.sql $$;
ALTER FUNCTION gitpoap.tg__keep_derived_references() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg__keep_derived_references() IS 'AFTER DELETE (with old_rows) or AFTER TRUNCATE … FOR EACH STATEMENT on github_user, repo, project and gitpoap: refuses, with foreign_key_violation, to remove rows that pull requests, counters or claims refer to (gitpoap._refuse_orphans). AFTER TRUNCATE sees the tables truncated by the same command already empty, as a foreign key would.';
CREATE FUNCTION gitpoap.tg_gitpoap__issue_claims() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/gitpoap/gitpoap.sql $$;
ALTER FUNCTION gitpoap.tg_gitpoap__issue_claims() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg_gitpoap__issue_claims() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on gitpoap: refuses to move a GitPOAP with claims to another project (gitpoap._refuse_orphans), checks the level/threshold order of the affected projects and years and issues the claims now reached (see gitpoap._issue_gitpoap_claims).';
CREATE FUNCTION gitpoap.tg_pull_request__count() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/gitpoap/pull_request.sql $$;
ALTER FUNCTION gitpoap.tg_pull_request__count() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg_pull_request__count() IS 'AFTER … FOR EACH STATEMENT on pull_request, set-based over the transition tables: inserted and updated rows must name a gitpoap.github_user (author_id) and a gitpoap.repo with its project ((repo_id, project_id)), else foreign_key_violation naming the field, the rule and pull_request_author_id_fkey or pull_request_repo_project_fkey — checked once per statement, the referenced rows locked FOR KEY SHARE as a foreign key would; claims earned by deleted rows lose their earning PR (null), and a truncation leaving claims with one is refused; deleted and updated old rows count -1 (gitpoap._uncount_merged_prs), inserted and updated new rows +1 for their author, project and UTC year (merged, non-bot only), and the claims whose threshold a rising count reached are issued; the earning PR is the arrival that reached it, rows of one statement taken in (merged_at, number) order. Skipped while rewards.defer_claims = on, which only rewards_admin may use (others get insufficient_privilege).';
CREATE FUNCTION gitpoap.tg_repo__carry_key() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/gitpoap/repo.sql $$;
ALTER FUNCTION gitpoap.tg_repo__carry_key() OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.tg_repo__carry_key() IS 'AFTER UPDATE … FOR EACH ROW on repo when its id or project_id changes: the repo''s pull requests follow (repo_id, project_id), as the former foreign key''s ON UPDATE CASCADE did; their counters move with them (pull_request''s UPDATE trigger). READ COMMITTED only (gitpoap._require_read_committed).';
CREATE FUNCTION gitpoap.top_contributors(p_project text DEFAULT NULL::text, p_limit integer DEFAULT 10) RETURNS TABLE(login text, merged_prs bigint, claims bigint, highest_level integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/gitpoap/top_contributors.sql $$;
ALTER FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) OWNER TO rewards_owner;
COMMENT ON FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) IS 'The p_limit contributors with the most counted merged PRs (all years; one project when p_project is given), with their number of claims and highest level claimed.';
CREATE FUNCTION human_points._award_score_events(p_ids bigint[], p_stamps boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET jit TO 'off'
    AS $$ see db/functions/human_points/_award_score_events.sql $$;
ALTER FUNCTION human_points._award_score_events(p_ids bigint[], p_stamps boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._award_score_events(p_ids bigint[], p_stamps boolean) IS 'Awards what the stored score events p_ids earn: qualifies program communities, counts distinct ones, awards scoring_bonus, stamp actions and human_keys (times the multiplier), each stamp''s nullifiers to the first address presenting them. With p_stamps false, the scores only. Used by the score trigger, human_points.count_past_scores and the settings trigger (a lowered threshold); callers check settings.write_enabled.';
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
CREATE FUNCTION human_points._lock_community(p_id integer) RETURNS human_points.community
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/_lock_community.sql $$;
ALTER FUNCTION human_points._lock_community(p_id integer) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._lock_community(p_id integer) IS 'Locks community p_id FOR UPDATE (score inserts in it wait until the caller commits) and returns it; no_data_found naming community_id when there is none.';
CREATE FUNCTION human_points._normalize_tx_hash(p_tx_hash text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (NORMALIZE(p_tx_hash, NFKC) ~ '^(0[xX])?[0-9a-fA-F]+$'::text) THEN ('0x'::text || lower(regexp_replace(NORMALIZE(p_tx_hash, NFKC), '^0[xX]'::text, ''::text))) ELSE p_tx_hash END;
ALTER FUNCTION human_points._normalize_tx_hash(p_tx_hash text) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._normalize_tx_hash(p_tx_hash text) IS 'A transaction hash made of hex digits (with or without 0x, any case, any Unicode width) as 0x + lower-case hex; any other text unchanged.';
CREATE FUNCTION human_points._score_event_problem(p_event jsonb) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/_score_event_problem.sql $$;
ALTER FUNCTION human_points._score_event_problem(p_event jsonb) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._score_event_problem(p_event jsonb) IS 'Validates one score event of an import file: returns ''<field> <rule> (got <value>)'' for the first problem, null when the event is well-formed.';
CREATE FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (jsonb_typeof((p_stamp #> '{credential,credentialSubject,nullifiers}'::text[])) IS DISTINCT FROM 'array'::text) THEN '[]'::jsonb WHEN jsonb_path_exists((p_stamp #> '{credential,credentialSubject,nullifiers}'::text[]), 'strict $[*]?(@.type() != "string" || !(@ like_regex "^.{1,200}$" flag "s"))'::jsonpath) THEN NULL::jsonb ELSE (p_stamp #> '{credential,credentialSubject,nullifiers}'::text[]) END;
ALTER FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) IS 'The stamp''s credential.credentialSubject.nullifiers (a JSON array of strings): ''[]'' when it has none (no array, an empty one), null when the array holds anything but strings of 1 to 200 characters (the stamp earns nothing). A non-empty array earns human_keys.';
CREATE FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ see db/functions/human_points/_stamp_valid_at.sql $$;
ALTER FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) IS 'True when p_expires (a stamp''s credential.expirationDate) is an ISO 8601 timestamp with a zone naming an instant later than p_at (the score''s scored_at); false otherwise, never an error.';
CREATE FUNCTION human_points._stamps_problem(p_stamps jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/migrations/0086_human_points_score_bounds.sql $$;
ALTER FUNCTION human_points._stamps_problem(p_stamps jsonb) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points._stamps_problem(p_stamps jsonb) IS 'The bounds of a score''s stamps array (at most 1000 stamps, at most 1048576 bytes of JSON, each string provider at most 200 characters): null when within them, else the problem after the word stamps, e.g. "[3].provider must be at most 200 characters (got 5000 characters)".';
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
    CONSTRAINT score_stamps_is_an_array CHECK ((jsonb_typeof(stamps) = 'array'::text)),
    CONSTRAINT score_stamps_within_bounds CHECK ((human_points._stamps_problem(stamps) IS NULL))
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
COMMENT ON CONSTRAINT score_stamps_within_bounds ON human_points.score IS 'must hold at most 1000 stamps and at most 1048576 bytes of JSON, each provider at most 200 characters';
CREATE FUNCTION human_points.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/activity.sql $$;
ALTER FUNCTION human_points.activity() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.activity() IS '{"counts": {table: rows}, "newest_point_at"}: what runner status prints for human_points (settings come from human_points.status()).';
CREATE FUNCTION human_points.count_past_scores(p_community_id integer, p_since timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/count_past_scores.sql $$;
ALTER FUNCTION human_points.count_past_scores(p_community_id integer, p_since timestamp with time zone) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.count_past_scores(p_community_id integer, p_since timestamp with time zone) IS 'Counts the stored scores of program community p_community_id scored at or after p_since as if they arrived now (qualifications, passing_scores, scoring_bonus, stamp actions, each once; idempotent): {"scores": events replayed, "qualified": new qualifications in it}. Refuses a community outside the program and a disabled kill switch.';
CREATE FUNCTION human_points.import_scores() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/import_scores.sql $$;
ALTER FUNCTION human_points.import_scores() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.import_scores() IS 'Validates every event this transaction staged in human_points.score_import (events of other transactions are never read) (error: events[<index>].<field> <rule> (got <value>), nothing inserted), then inserts them all into human_points.score in one statement, in idx order; deletes them, and the events finished transactions left. Returns the number of events inserted.';
CREATE FUNCTION human_points.normalize_address(p_address text, p_field text DEFAULT 'address'::text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/normalize_address.sql $$;
ALTER FUNCTION human_points.normalize_address(p_address text, p_field text) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.normalize_address(p_address text, p_field text) IS 'Lower-cases an Ethereum address; raises check_violation naming p_field and the value unless it is 0x + 40 hex digits.';
CREATE FUNCTION human_points.points_data(p_address text) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/points_data.sql $$;
ALTER FUNCTION human_points.points_data(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.points_data(p_address text) IS 'Points of an address (any case): {"total_points": int, "is_eligible": passing_scores >= 1, "multiplier": int (1 without a row), "breakdown": {action: points}}. Summed when queried.';
CREATE FUNCTION human_points.populate_multipliers(p_addresses text[]) RETURNS integer
    LANGUAGE sql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/populate_multipliers.sql $$;
ALTER FUNCTION human_points.populate_multipliers(p_addresses text[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.populate_multipliers(p_addresses text[]) IS 'Gives multiplier 2 to each listed address (any case) without a multiplier row; existing rows are untouched. Returns how many rows were added.';
CREATE FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/populate_multipliers.sql $$;
ALTER FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.populate_multipliers(p_returning_before timestamp with time zone) IS 'Gives multiplier 2 to every address with a passing score (any community) scored before p_returning_before and no multiplier row yet (p_returning_before must be finite). Returns how many rows were added.';
CREATE FUNCTION human_points.set_program(p_id integer, p_program boolean) RETURNS human_points.community
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/set_program.sql $$;
ALTER FUNCTION human_points.set_program(p_id integer, p_program boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.set_program(p_id integer, p_program boolean) IS 'Switches community p_id into (true) or out of (false) the program and returns its row; only later scores are affected unless count_past_scores follows in the same transaction. Unknown id: no_data_found naming community_id.';
CREATE FUNCTION human_points.set_write_enabled(p_enabled boolean) RETURNS boolean
    LANGUAGE sql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/set_write_enabled.sql $$;
ALTER FUNCTION human_points.set_write_enabled(p_enabled boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.set_write_enabled(p_enabled boolean) IS 'Turns point awards on (true) or off (false); returns the new value. Off: events are still stored and reads work; on again: only new events award.';
CREATE FUNCTION human_points.status() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/status.sql $$;
ALTER FUNCTION human_points.status() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.status() IS '{"write_enabled", "pass_threshold", "bonus_communities", "program_communities": [community ids]}.';
CREATE FUNCTION human_points.tg_mint__award_points() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/human_points/mint.sql $$;
ALTER FUNCTION human_points.tg_mint__award_points() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_mint__award_points() IS 'AFTER INSERT statement trigger on mint: awards each new (address, action, tx_hash) once, times the multiplier, when the event is on the action''s chain (human_points.action_chain, if it names one).';
CREATE FUNCTION human_points.tg_mint__normalise_address() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/human_points/mint.sql $$;
ALTER FUNCTION human_points.tg_mint__normalise_address() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_mint__normalise_address() IS 'BEFORE INSERT/UPDATE row trigger: lower-cases mint.address (or raises check_violation naming it); hex tx_hash as 0x + lower-case hex.';
CREATE FUNCTION human_points.tg_score__award_points() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/human_points/score.sql $$;
ALTER FUNCTION human_points.tg_score__award_points() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_score__award_points() IS 'AFTER INSERT statement trigger on score: unless writes are disabled, awards what the new events earn (human_points._award_score_events).';
CREATE FUNCTION human_points.tg_score__normalise_address() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/human_points/score.sql $$;
ALTER FUNCTION human_points.tg_score__normalise_address() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_score__normalise_address() IS 'BEFORE INSERT/UPDATE row trigger: lower-cases score.address, or raises check_violation naming the value.';
CREATE FUNCTION human_points.tg_settings__reevaluate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/human_points/settings.sql $$;
ALTER FUNCTION human_points.tg_settings__reevaluate() OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.tg_settings__reevaluate() IS 'AFTER UPDATE statement trigger on settings: a lowered pass_threshold or bonus_communities is applied to the stored scores (each pair''s best score replayed without stamps through human_points._award_score_events); refused while writes are disabled.';
CREATE FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) RETURNS human_points.community
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/human_points/upsert_community.sql $$;
ALTER FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION human_points.upsert_community(p_id integer, p_name text, p_human_points_program boolean) IS 'Creates or updates a community; a change of human_points_program affects later scores only (set_program, then count_past_scores in the same transaction, also counts stored ones).';
CREATE FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/_assign_wallet_tiers.sql $$;
ALTER FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text) IS 'The set-based re-tiering step, shared by the wallet INSERT trigger (cause balance) and tier changes (tiers._reevaluate_wallets, cause tier): for the wallets given as parallel arrays of address, stored balance and stored tier_key, computes each one''s tier and range (tiers._tier_range_for_balance), writes tier_key, tier_floor, tier_ceiling (and updated_at when the tier moves) of those whose tier moves or whose stored range is unknown or wider than the true one, and logs each move in tiers.tier_change with p_cause. Returns the number of wallets moved. A balance change of a stored wallet is re-tiered row by row instead (tiers.tg_wallet__leave_tier_range).';
CREATE FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/_validate_tier.sql $$;
ALTER FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) IS 'Raises check_violation naming tiers.tier.<p_field> unless p_value (null passes) is finite, of absolute value below p_below and has at most 2 decimal places: what a numeric(p,2) column would otherwise round or refuse without naming the column.';
CREATE FUNCTION tiers._lock_tiers() RETURNS void
    LANGUAGE sql
    SET lock_timeout TO '5s'
    AS $$ see db/functions/tiers/_lock_tiers.sql $$;
ALTER FUNCTION tiers._lock_tiers() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._lock_tiers() IS 'Locks tiers.wallet in SHARE ROW EXCLUSIVE mode for the transaction, before a tier change: waits for wallet writers in flight and holds new ones back until the change commits, so a balance change and a tier change never judge each other''s uncommitted state and every wallet''s tier ends correct under READ COMMITTED; tier changes run one at a time. Waits at most 5 s (lock_timeout), then fails with lock_not_available.';
CREATE FUNCTION tiers._valid_address(p_address text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$ see db/migrations/0045_core_shared_rules.sql $$;
ALTER FUNCTION tiers._valid_address(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._valid_address(p_address text) IS 'True for a wallet address in an accepted format (lower-case 0x + 40 hex, or 32-44 base58 characters); otherwise raises check_violation naming the value.';
CREATE TABLE tiers.wallet (
    address text NOT NULL,
    balance numeric NOT NULL,
    tier_key text DEFAULT 'none'::text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    tier_floor numeric,
    tier_ceiling numeric,
    CONSTRAINT wallet_address_format CHECK (tiers._valid_address(address)),
    CONSTRAINT wallet_balance_is_finite CHECK ((balance < 'Infinity'::numeric)),
    CONSTRAINT wallet_balance_not_negative CHECK ((balance >= (0)::numeric)),
    CONSTRAINT wallet_balance_under_2_256 CHECK ((balance < '115792089237316195423570985008687907853269984665640564039457584007913129639936'::numeric)),
    CONSTRAINT wallet_balance_with_at_most_18_decimals CHECK ((min_scale(balance) <= 18))
);
ALTER TABLE tiers.wallet OWNER TO rewards_owner;
COMMENT ON TABLE tiers.wallet IS 'Token balance of a wallet, written by applications; tier_key is kept by the database (trigger) and changes are logged in tiers.tier_change.';
COMMENT ON COLUMN tiers.wallet.address IS 'Wallet address: lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana, case-sensitive).';
COMMENT ON COLUMN tiers.wallet.balance IS 'Token balance: >= 0, below 2^256, at most 18 decimal places (what an ERC-20 uint256 balance can hold).';
COMMENT ON COLUMN tiers.wallet.tier_key IS 'Key of the wallet''s current tier (none when below every active tier); kept by the database.';
COMMENT ON COLUMN tiers.wallet.updated_at IS 'When the balance or the tier last changed (kept by the database).';
COMMENT ON COLUMN tiers.wallet.tier_floor IS 'Kept by the database: the lowest balance of the range within which every balance has tier tier_key (the tier''s active minimum, 0 for none); null until the wallet is next re-tiered.';
COMMENT ON COLUMN tiers.wallet.tier_ceiling IS 'Kept by the database: the balance (exclusive) up to which every balance from tier_floor has tier tier_key (the next active minimum, Infinity above the highest tier); null until the wallet is next re-tiered.';
COMMENT ON CONSTRAINT wallet_address_format ON tiers.wallet IS 'must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana)';
COMMENT ON CONSTRAINT wallet_balance_is_finite ON tiers.wallet IS 'must be a finite number';
COMMENT ON CONSTRAINT wallet_balance_not_negative ON tiers.wallet IS 'must be >= 0';
COMMENT ON CONSTRAINT wallet_balance_under_2_256 ON tiers.wallet IS 'must be less than 2^256 (115792089237316195423570985008687907853269984665640564039457584007913129639936, an ERC-20 uint256 balance)';
COMMENT ON CONSTRAINT wallet_balance_with_at_most_18_decimals ON tiers.wallet IS 'must have at most 18 decimal places (a token''s decimals)';
CREATE FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) RETURNS bigint
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/_reevaluate_wallets.sql $$;
ALTER FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) IS 'Gives every wallet with p_low <= balance < p_high (p_high null: no upper bound) its tier and tier range from the current active tiers (tiers._assign_wallet_tiers), logging each change in tiers.tier_change with cause tier. Returns the number of wallets moved. Called by the tiers.tier trigger under the tiers lock (tiers._lock_tiers: no wallet writer in flight).';
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
    AS $$ see db/functions/tiers/_tier_for_balance.sql $$;
ALTER FUNCTION tiers._tier_for_balance(p_balance numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._tier_for_balance(p_balance numeric) IS 'The one place the tier rule is written: the highest active tier whose minimum_balance <= p_balance, as zero or one row (none: the caller''s none tier). A one-statement SQL function, inlined into its callers'' queries (a probe of tier_active_minimum_balance_key per balance): tiers.tier_for_balance for one balance, the wallet trigger and tiers._reevaluate_wallets set-based.';
CREATE FUNCTION tiers._tier_range_for_balance(p_balance numeric) RETURNS TABLE(tier_key text, tier_floor numeric, tier_ceiling numeric)
    LANGUAGE sql STABLE ROWS 1
    AS $$ see db/functions/tiers/_tier_range_for_balance.sql $$;
ALTER FUNCTION tiers._tier_range_for_balance(p_balance numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers._tier_range_for_balance(p_balance numeric) IS 'One row: the tier of p_balance (tiers._tier_for_balance; none when below every active tier) and the range [tier_floor, tier_ceiling) around p_balance in which every balance has that tier: from its active minimum (0 for none) to the next active minimum (Infinity above the highest). Inlined into the set-based re-tiering step (tiers._assign_wallet_tiers); the wallet''s BEFORE row trigger runs it for a balance leaving its stored range.';
CREATE FUNCTION tiers._validate_tier(p_id bigint, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_is_active boolean) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/_validate_tier.sql $$;
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
    AS $$ see db/functions/tiers/activity.sql $$;
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
    AS $$ see db/functions/tiers/create_tier.sql $$;
ALTER FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_metadata jsonb, p_is_active boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.create_tier(p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_metadata jsonb, p_is_active boolean) IS 'Creates a tier and returns it. name, tier_key and minimum_balance are required; null discount_percent/display_order/metadata/is_active take their defaults (0, 0, {}, true). Raises, naming the field and the rule, on invalid input (the CHECK constraints of tiers.tier and tiers._validate_tier). Wallets whose tier changes are updated and logged in the same transaction.';
CREATE FUNCTION tiers.delete_tier(p_id bigint) RETURNS tiers.tier
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/delete_tier.sql $$;
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
    AS $$ see db/functions/tiers/find_tier.sql $$;
ALTER FUNCTION tiers.find_tier(p_tier text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.find_tier(p_tier text) IS 'The tier, active or not, whose id is p_tier when it is a number, else whose tier_key it is; raises no_data_found naming the id or key otherwise.';
CREATE FUNCTION tiers.get_tier(p_address text) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/get_tier.sql $$;
ALTER FUNCTION tiers.get_tier(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.get_tier(p_address text) IS 'The tier of the wallet p_address from its stored balance (tiers.tier_for_balance); the none tier for an unknown wallet. Raises check_violation for an address of no accepted format.';
CREATE FUNCTION tiers.list_tiers(p_sort_by text DEFAULT 'order'::text, p_include_inactive boolean DEFAULT false) RETURNS SETOF tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/list_tiers.sql $$;
ALTER FUNCTION tiers.list_tiers(p_sort_by text, p_include_inactive boolean) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.list_tiers(p_sort_by text, p_include_inactive boolean) IS 'Tiers, active only unless p_include_inactive. p_sort_by: order (display_order ascending), balance (minimum_balance descending: most restrictive first), discount (discount_percent descending); ties by minimum_balance then id.';
CREATE FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) RETURNS TABLE(from_tier_key text, to_tier_key text, wallets bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/preview_tier_update.sql $$;
ALTER FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric) IS 'Without changing anything: how many wallets would move from which tier to which if tier p_id got minimum_balance p_minimum_balance (what tiers.update_tier would then log in tiers.tier_change). Raises like update_tier for an unknown id or an invalid minimum.';
CREATE FUNCTION tiers.set_balances(p_addresses text[], p_balances text[]) RETURNS TABLE(wallets bigint, moved bigint)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/set_balances.sql $$;
ALTER FUNCTION tiers.set_balances(p_addresses text[], p_balances text[]) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.set_balances(p_addresses text[], p_balances text[]) IS 'Records the balance p_balances[i] (text, a finite number >= 0) of wallet p_addresses[i], inserting or updating, with the caller''s rights (rewards_app may write balances). Every record is judged before anything is written: a bad one raises naming it records[<i>].address or records[<i>].balance (check_violation; an address twice: unique_violation). Returns how many wallets were written and how many changed tier (each move is one tiers.tier_change row, cause balance).';
CREATE FUNCTION tiers.tg_tier__lock_wallets() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/tiers/tier.sql $$;
ALTER FUNCTION tiers.tg_tier__lock_wallets() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_tier__lock_wallets() IS 'BEFORE … FOR EACH STATEMENT on tiers.tier: takes the tiers lock exclusively, so wallet writers wait until the tier change commits (and a tier writer waits for wallet writers in flight).';
CREATE FUNCTION tiers.tg_tier__reevaluate_and_notify() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/tiers/tier.sql $$;
ALTER FUNCTION tiers.tg_tier__reevaluate_and_notify() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_tier__reevaluate_and_notify() IS 'AFTER INSERT/UPDATE/DELETE … FOR EACH STATEMENT on tiers.tier: re-evaluates, set-based, the wallets whose balance lies in the range the change can affect, tier or stored tier range (logging each move in tiers.tier_change with cause tier), then sends NOTIFY tiers_changed with {"op", "keys"} (keys null when too many to list).';
CREATE FUNCTION tiers.tg_wallet__assign_tier() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/tiers/wallet.sql $$;
ALTER FUNCTION tiers.tg_wallet__assign_tier() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_wallet__assign_tier() IS 'AFTER INSERT … FOR EACH STATEMENT on tiers.wallet: gives each new wallet the tier of its balance and its range, and logs each change in tiers.tier_change with cause balance (tiers._assign_wallet_tiers, set-based).';
CREATE FUNCTION tiers.tg_wallet__leave_tier_range() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/triggers/tiers/wallet.sql $$;
ALTER FUNCTION tiers.tg_wallet__leave_tier_range() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tg_wallet__leave_tier_range() IS 'BEFORE UPDATE OF balance … FOR EACH ROW on tiers.wallet, for a new balance outside the stored range [tier_floor, tier_ceiling) (or none stored): sets the wallet''s tier and range from its balance (tiers._tier_range_for_balance) and logs a move in tiers.tier_change with cause balance.';
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
    AS $$ see db/functions/tiers/tier_for_balance.sql $$;
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
CREATE FUNCTION tiers.tier_status(p_address text) RETURNS TABLE(address text, balance numeric, tier tiers.tier, next_tier tiers.tier, amount_to_next_tier numeric, updated_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/tier_status.sql $$;
ALTER FUNCTION tiers.tier_status(p_address text) OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_status(p_address text) IS 'One row for wallet p_address: its stored balance and updated_at (null for a wallet never recorded), its tier (tiers.get_tier; null when below every active tier), the next active tier above its balance and the tokens missing to reach it (null at the top). Raises check_violation for an address of no accepted format.';
CREATE FUNCTION tiers.tier_thresholds() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN COALESCE((SELECT jsonb_object_agg(t.tier_key, trim_scale(t.minimum_balance)) AS jsonb_object_agg FROM tiers.tier t WHERE t.is_active), '{}'::jsonb);
ALTER FUNCTION tiers.tier_thresholds() OWNER TO rewards_owner;
COMMENT ON FUNCTION tiers.tier_thresholds() IS 'Minimum balance of each active tier by key, e.g. {"elite": 5000, "grandmaster": 50000, "legend": 300000}; {} when no tier is active.';
CREATE FUNCTION tiers.update_tier(p_id bigint, p_name text DEFAULT NULL::text, p_minimum_balance numeric DEFAULT NULL::numeric, p_discount_percent numeric DEFAULT NULL::numeric, p_badge_name text DEFAULT NULL::text, p_badge_color text DEFAULT NULL::text, p_description text DEFAULT NULL::text, p_display_order integer DEFAULT NULL::integer, p_is_active boolean DEFAULT NULL::boolean, p_metadata jsonb DEFAULT NULL::jsonb, p_tier_key text DEFAULT NULL::text) RETURNS tiers.tier
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ see db/functions/tiers/update_tier.sql $$;
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
CREATE TABLE gitpoap.webhook_delivery (
    delivery_id uuid NOT NULL,
    repo_id bigint NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE gitpoap.webhook_delivery OWNER TO rewards_owner;
COMMENT ON TABLE gitpoap.webhook_delivery IS 'GitHub deliveries of merged pull requests that were stored (or found already stored), one row per X-GitHub-Delivery GUID: a redelivery finds its row and changes nothing. Deliveries that were ignored leave no row (replayed after runner repos add, they are handled). Retention: GitHub redelivers only deliveries of the past 3 days, so rows older than that may be deleted (DELETE FROM gitpoap.webhook_delivery WHERE received_at < now() - interval ''7 days''); a PR already stored is never stored twice either way.';
COMMENT ON COLUMN gitpoap.webhook_delivery.delivery_id IS 'The X-GitHub-Delivery header: GitHub''s GUID of the delivery, the same on a redelivery.';
COMMENT ON COLUMN gitpoap.webhook_delivery.repo_id IS 'The repository of the pull request (gitpoap.repo id; no foreign key: a log, pruned by age).';
COMMENT ON COLUMN gitpoap.webhook_delivery.received_at IS 'When the delivery was handled (the retention clock).';
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
    event jsonb NOT NULL,
    xact_id xid8 DEFAULT pg_current_xact_id() NOT NULL
);
ALTER TABLE human_points.score_import OWNER TO rewards_owner;
COMMENT ON TABLE human_points.score_import IS 'Staging for human_points.import_scores(): COPY a file''s events here, then call the function in the same transaction.';
COMMENT ON COLUMN human_points.score_import.idx IS 'Index of the event in the file (0-based).';
COMMENT ON COLUMN human_points.score_import.event IS 'The event as read from the file.';
COMMENT ON COLUMN human_points.score_import.xact_id IS 'The transaction that staged the event (its default; no client may write it): human_points.import_scores reads only its own transaction''s events and deletes those of finished ones.';
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
    ADD CONSTRAINT github_user_login_key_unique UNIQUE (login_key);
COMMENT ON CONSTRAINT github_user_login_key_unique ON gitpoap.github_user IS 'must be unique ignoring case: GitHub logins are case-insensitive, Alice and alice are one contributor (the first spelling stored stays)';
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
COMMENT ON CONSTRAINT repo_id_project_id_key ON gitpoap.repo IS 'must be unique (the pull requests'' (repo_id, project_id) refer to it)';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_name_key UNIQUE (name);
COMMENT ON CONSTRAINT repo_name_key ON gitpoap.repo IS 'must be unique: a repo belongs to one project';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_pkey PRIMARY KEY (id);
COMMENT ON CONSTRAINT repo_pkey ON gitpoap.repo IS 'must be unique';
ALTER TABLE ONLY gitpoap.webhook_delivery
    ADD CONSTRAINT webhook_delivery_pkey PRIMARY KEY (delivery_id);
COMMENT ON CONSTRAINT webhook_delivery_pkey ON gitpoap.webhook_delivery IS 'must be unique: a delivery GUID is handled once (a redelivery changes nothing)';
ALTER TABLE ONLY gitpoap.webhook_repo
    ADD CONSTRAINT webhook_repo_pkey PRIMARY KEY (repo_id);
COMMENT ON CONSTRAINT webhook_repo_pkey ON gitpoap.webhook_repo IS 'must be unique: a repository is registered once';
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
CREATE INDEX contribution_user_id_idx ON gitpoap.contribution USING btree (user_id);
COMMENT ON INDEX gitpoap.contribution_user_id_idx IS 'A contributor''s counters in every project and year (reporting.contributor_progress by login).';
CREATE INDEX pull_request_contribution_key_idx ON gitpoap.pull_request USING btree (project_id, gitpoap.contribution_year(merged_at), author_id, merged_at, number, id) WHERE (merged_at IS NOT NULL);
CREATE INDEX pull_request_project_author_merged_idx ON gitpoap.pull_request USING btree (project_id, author_id, merged_at, number) WHERE (merged_at IS NOT NULL);
CREATE INDEX repo_project_id_idx ON gitpoap.repo USING btree (project_id);
CREATE INDEX webhook_delivery_received_at_idx ON gitpoap.webhook_delivery USING btree (received_at);
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
CREATE TRIGGER _500_carry_key AFTER UPDATE OF id, project_id ON gitpoap.repo FOR EACH ROW WHEN (((old.id IS DISTINCT FROM new.id) OR (old.project_id IS DISTINCT FROM new.project_id))) EXECUTE FUNCTION gitpoap.tg_repo__carry_key();
COMMENT ON TRIGGER _500_carry_key ON gitpoap.repo IS 'Carries a changed (id, project_id) to the repo''s pull requests.';
CREATE TRIGGER _500_count_deleted AFTER DELETE ON gitpoap.pull_request REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_deleted ON gitpoap.pull_request IS 'Decrements counters for deleted merged PRs; claims already issued stay.';
CREATE TRIGGER _500_count_inserted AFTER INSERT ON gitpoap.pull_request REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_inserted ON gitpoap.pull_request IS 'Checks the inserted PRs'' author and repo (once per statement), counts inserted merged PRs and issues the claims they reach.';
CREATE TRIGGER _500_count_updated AFTER UPDATE ON gitpoap.pull_request REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_updated ON gitpoap.pull_request IS 'Checks the updated PRs'' author and repo, re-counts updated PRs (merged_at null → time counts, un-merge or a move decrements) and issues claims reached.';
CREATE TRIGGER _500_issue_claims_inserted AFTER INSERT ON gitpoap.gitpoap REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
COMMENT ON TRIGGER _500_issue_claims_inserted ON gitpoap.gitpoap IS 'Issues the claims of new GitPOAPs from the counters.';
CREATE TRIGGER _500_issue_claims_updated AFTER UPDATE ON gitpoap.gitpoap REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
COMMENT ON TRIGGER _500_issue_claims_updated ON gitpoap.gitpoap IS 'Issues the claims of GitPOAPs enabled, undeprecated or given a lower threshold; checks threshold order.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.github_user REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.github_user IS 'Refuses to delete a github_user that pull requests, counters or claims refer to.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.gitpoap REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.gitpoap IS 'Refuses to delete a GitPOAP that has claims.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.project REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.project IS 'Refuses to delete a project that counters or claims refer to.';
CREATE TRIGGER _500_keep_derived_references_deleted AFTER DELETE ON gitpoap.repo REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.repo IS 'Refuses to delete a repo that pull requests refer to.';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.github_user FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.github_user IS 'Refuses to truncate github_user while pull requests, counters or claims refer to it (truncate them in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.gitpoap FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.gitpoap IS 'Refuses to truncate gitpoap while claims refer to it (truncate them in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.project FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.project IS 'Refuses to truncate project while counters or claims refer to it (truncate them in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.pull_request FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.pull_request IS 'Refuses to truncate pull_request while claims name an earning PR (truncate claim in the same command).';
CREATE TRIGGER _500_keep_derived_references_truncated AFTER TRUNCATE ON gitpoap.repo FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.repo IS 'Refuses to truncate repo while pull requests refer to it (truncate pull_request in the same command).';
CREATE TRIGGER _100_normalise_address BEFORE INSERT OR UPDATE OF address, tx_hash ON human_points.mint FOR EACH ROW WHEN (((NOT core.is_evm_address(new.address)) OR (new.tx_hash !~ '^0x[0-9a-f]+$'::text))) EXECUTE FUNCTION human_points.tg_mint__normalise_address();
CREATE TRIGGER _100_normalise_address BEFORE INSERT OR UPDATE OF address ON human_points.score FOR EACH ROW WHEN ((NOT core.is_evm_address(new.address))) EXECUTE FUNCTION human_points.tg_score__normalise_address();
CREATE TRIGGER _100_updated_at BEFORE UPDATE ON human_points.settings FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _100_updated_at ON human_points.settings IS 'Keeps updated_at when the settings change.';
CREATE TRIGGER _500_award_points AFTER INSERT ON human_points.mint REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION human_points.tg_mint__award_points();
CREATE TRIGGER _500_award_points AFTER INSERT ON human_points.score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION human_points.tg_score__award_points();
CREATE TRIGGER _500_reevaluate AFTER UPDATE ON human_points.settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION human_points.tg_settings__reevaluate();
COMMENT ON TRIGGER _500_reevaluate ON human_points.settings IS 'Applies a lowered pass_threshold or bonus_communities to the stored scores at once.';
CREATE TRIGGER _100_lock_wallets BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON tiers.tier FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__lock_wallets();
COMMENT ON TRIGGER _100_lock_wallets ON tiers.tier IS 'Serialises tier changes against wallet balance changes (exclusive tiers advisory lock).';
CREATE TRIGGER _100_stamp_updated_at BEFORE UPDATE OF balance ON tiers.wallet FOR EACH ROW WHEN ((old.balance IS DISTINCT FROM new.balance)) EXECUTE FUNCTION core.tg__updated_at();
CREATE TRIGGER _200_assign_tier_out_of_range BEFORE UPDATE OF balance ON tiers.wallet FOR EACH ROW WHEN (((old.balance IS DISTINCT FROM new.balance) AND (((new.balance >= old.tier_floor) AND (new.balance < old.tier_ceiling)) IS NOT TRUE))) EXECUTE FUNCTION tiers.tg_wallet__leave_tier_range();
COMMENT ON TRIGGER _200_assign_tier_out_of_range ON tiers.wallet IS 'Moves a wallet whose new balance leaves its tier''s range into the tier of its balance (logged).';
CREATE TRIGGER _200_touch_updated_at BEFORE UPDATE ON tiers.tier FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _200_touch_updated_at ON tiers.tier IS 'Keeps updated_at when the row changes.';
CREATE TRIGGER _500_assign_tier_inserted AFTER INSERT ON tiers.wallet REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
COMMENT ON TRIGGER _500_assign_tier_inserted ON tiers.wallet IS 'Gives new wallets their tier (logged when not none) and its balance range.';
CREATE TRIGGER _500_reevaluate_and_notify_deleted AFTER DELETE ON tiers.tier REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_deleted ON tiers.tier IS 'Moves wallets out of deleted tiers and notifies tiers_changed.';
CREATE TRIGGER _500_reevaluate_and_notify_inserted AFTER INSERT ON tiers.tier REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_inserted ON tiers.tier IS 'Moves wallets into new tiers and notifies tiers_changed.';
CREATE TRIGGER _500_reevaluate_and_notify_updated AFTER UPDATE ON tiers.tier REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_updated ON tiers.tier IS 'Moves wallets after a minimum or activity change and notifies tiers_changed.';
ALTER TABLE ONLY gitpoap.gitpoap
    ADD CONSTRAINT gitpoap_project_id_fkey FOREIGN KEY (project_id) REFERENCES gitpoap.project(id);
COMMENT ON CONSTRAINT gitpoap_project_id_fkey ON gitpoap.gitpoap IS 'must be the id of a gitpoap.project';
ALTER TABLE ONLY gitpoap.repo
    ADD CONSTRAINT repo_project_id_fkey FOREIGN KEY (project_id) REFERENCES gitpoap.project(id);
COMMENT ON CONSTRAINT repo_project_id_fkey ON gitpoap.repo IS 'must be the id of a gitpoap.project';
ALTER TABLE ONLY gitpoap.webhook_repo
    ADD CONSTRAINT webhook_repo_repo_id_fkey FOREIGN KEY (repo_id) REFERENCES gitpoap.repo(id);
COMMENT ON CONSTRAINT webhook_repo_repo_id_fkey ON gitpoap.webhook_repo IS 'must be the id of a gitpoap.repo';
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
GRANT USAGE ON SCHEMA yoyo TO rewards_admin;
REVOKE ALL ON FUNCTION core._check_row(p_table regclass, p_row anyelement) FROM PUBLIC;
GRANT ALL ON FUNCTION core._check_row(p_table regclass, p_row anyelement) TO rewards_app;
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
GRANT INSERT(ordinal) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(number) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(title) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(login) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(merged_at) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(merge_commit_sha) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(record) ON TABLE gitpoap.pr_import TO rewards_admin;
GRANT INSERT(from_json) ON TABLE gitpoap.pr_import TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap._pr_import_problem(p_row gitpoap.pr_import) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._pr_import_rows() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._refuse_orphans(p_table text, p_ids bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap._require_read_committed(p_table text) FROM PUBLIC;
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
REVOKE ALL ON FUNCTION gitpoap.contributor_claims(p_login text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.contributor_claims(p_login text) TO rewards_app;
GRANT SELECT ON TABLE gitpoap.contribution TO rewards_app;
GRANT SELECT ON TABLE gitpoap.issuing_gitpoap TO rewards_app;
GRANT SELECT ON TABLE reporting.contributor_progress TO rewards_bi;
REVOKE ALL ON FUNCTION gitpoap.contributor_progress(p_login text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.contributor_progress(p_login text) TO rewards_app;
GRANT SELECT ON TABLE reporting.gitpoap_claims TO rewards_bi;
REVOKE ALL ON FUNCTION gitpoap.gitpoap_claims(p_project text, p_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.gitpoap_claims(p_project text, p_year integer) TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean, p_backload boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.import_pull_requests(p_repo text, p_project text, p_defer_claims boolean, p_backload boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.list_gitpoaps(p_project text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.list_gitpoaps(p_project text) TO rewards_app;
GRANT SELECT ON TABLE gitpoap.webhook_repo TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.list_repos(p_project text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.list_repos(p_project text) TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.project_id(p_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.project_id(p_name text) TO rewards_app;
REVOKE ALL ON FUNCTION gitpoap.receive_github_delivery(p_delivery text, p_event text, p_payload text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.receive_github_delivery(p_delivery text, p_event text, p_payload text) TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.register_repo(p_repo text, p_project text) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.register_repo(p_repo text, p_project text) TO rewards_admin;
REVOKE ALL ON FUNCTION gitpoap.tg__keep_derived_references() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.tg_gitpoap__issue_claims() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.tg_pull_request__count() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.tg_repo__carry_key() FROM PUBLIC;
REVOKE ALL ON FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION gitpoap.top_contributors(p_project text, p_limit integer) TO rewards_app;
REVOKE ALL ON FUNCTION human_points._award_score_events(p_ids bigint[], p_stamps boolean) FROM PUBLIC;
GRANT SELECT ON TABLE human_points.community TO rewards_app;
GRANT INSERT,DELETE,UPDATE ON TABLE human_points.community TO rewards_admin;
REVOKE ALL ON FUNCTION human_points._lock_community(p_id integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._normalize_tx_hash(p_tx_hash text) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._score_event_problem(p_event jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points._score_event_problem(p_event jsonb) TO rewards_app;
REVOKE ALL ON FUNCTION human_points._stamp_nullifiers(p_stamp jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._stamp_valid_at(p_expires text, p_at timestamp with time zone) FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points._stamps_problem(p_stamps jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points._stamps_problem(p_stamps jsonb) TO rewards_app;
GRANT SELECT,INSERT ON TABLE human_points.mint TO rewards_app;
GRANT SELECT ON TABLE human_points.multiplier TO rewards_app;
GRANT INSERT,DELETE,UPDATE ON TABLE human_points.multiplier TO rewards_admin;
GRANT SELECT ON TABLE human_points.points TO rewards_app;
GRANT SELECT,INSERT ON TABLE human_points.score TO rewards_app;
REVOKE ALL ON FUNCTION human_points.activity() FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.activity() TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.count_past_scores(p_community_id integer, p_since timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.count_past_scores(p_community_id integer, p_since timestamp with time zone) TO rewards_admin;
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
REVOKE ALL ON FUNCTION human_points.set_program(p_id integer, p_program boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.set_program(p_id integer, p_program boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.set_write_enabled(p_enabled boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.set_write_enabled(p_enabled boolean) TO rewards_admin;
REVOKE ALL ON FUNCTION human_points.status() FROM PUBLIC;
GRANT ALL ON FUNCTION human_points.status() TO rewards_app;
REVOKE ALL ON FUNCTION human_points.tg_mint__award_points() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_mint__normalise_address() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_score__award_points() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_score__normalise_address() FROM PUBLIC;
REVOKE ALL ON FUNCTION human_points.tg_settings__reevaluate() FROM PUBLIC;
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
REVOKE ALL ON FUNCTION tiers._tier_range_for_balance(p_balance numeric) FROM PUBLIC;
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
REVOKE ALL ON FUNCTION tiers.set_balances(p_addresses text[], p_balances text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.set_balances(p_addresses text[], p_balances text[]) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tg_tier__lock_wallets() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.tg_tier__reevaluate_and_notify() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.tg_wallet__assign_tier() FROM PUBLIC;
REVOKE ALL ON FUNCTION tiers.tg_wallet__leave_tier_range() FROM PUBLIC;
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
REVOKE ALL ON FUNCTION tiers.tier_status(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_status(p_address text) TO rewards_app;
REVOKE ALL ON FUNCTION tiers.tier_thresholds() FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.tier_thresholds() TO rewards_app;
REVOKE ALL ON FUNCTION tiers.update_tier(p_id bigint, p_name text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_is_active boolean, p_metadata jsonb, p_tier_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION tiers.update_tier(p_id bigint, p_name text, p_minimum_balance numeric, p_discount_percent numeric, p_badge_name text, p_badge_color text, p_description text, p_display_order integer, p_is_active boolean, p_metadata jsonb, p_tier_key text) TO rewards_admin;
GRANT SELECT ON TABLE gitpoap.webhook_delivery TO rewards_app;
GRANT SELECT ON TABLE human_points.action TO rewards_app;
GRANT SELECT ON TABLE human_points.action_chain TO rewards_app;
GRANT SELECT ON TABLE human_points.program_stats TO rewards_app;
GRANT SELECT ON TABLE human_points.qualified_community TO rewards_app;
GRANT INSERT(idx) ON TABLE human_points.score_import TO rewards_app;
GRANT INSERT(event) ON TABLE human_points.score_import TO rewards_app;
GRANT SELECT ON TABLE human_points.settings TO rewards_app;
GRANT UPDATE ON TABLE human_points.settings TO rewards_admin;
GRANT SELECT ON TABLE human_points.stamp_nullifier TO rewards_app;
GRANT SELECT ON TABLE reporting.points_daily TO rewards_bi;
GRANT SELECT ON TABLE reporting.points_leaderboard TO rewards_bi;
GRANT SELECT ON TABLE reporting.points_program_summary TO rewards_bi;
GRANT SELECT ON TABLE reporting.tier_changes_daily TO rewards_bi;
GRANT SELECT ON TABLE reporting.wallet_tiers TO rewards_bi;
GRANT SELECT ON TABLE yoyo._yoyo_migration TO rewards_admin;
ALTER DEFAULT PRIVILEGES FOR ROLE rewards_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;
