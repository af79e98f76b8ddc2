-- pull_request: statement-level reference checks, counting of merged PRs and claim issuance, the same code for one row or a COPY.
CREATE OR REPLACE FUNCTION gitpoap.tg_pull_request__count() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rule text;
    v_key bigint[];
BEGIN
    -- INSERT and UPDATE: the references a foreign key would check row by row, checked once per statement (one COPY
    -- of a million rows: one probe per distinct author and repo). Each referenced user and repo is locked FOR KEY
    -- SHARE as a foreign key's check locks it: a concurrent delete of it, or a change of the repo's (id,
    -- project_id), waits for this transaction and then finds these PRs (gitpoap._refuse_orphans,
    -- gitpoap.tg_repo__carry_key); one that committed first leaves nothing to lock, and the statement fails here.
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT m.rule, m.key INTO v_rule, v_key
        FROM (
            SELECT 'author_id' AS rule, ARRAY[k.author_id] AS key
            FROM (SELECT DISTINCT n.author_id FROM new_rows n) AS k
            WHERE NOT EXISTS (SELECT FROM gitpoap.github_user u WHERE u.id = k.author_id FOR KEY SHARE)
            UNION ALL
            SELECT 'repo', ARRAY[k.repo_id, k.project_id]
            FROM (SELECT DISTINCT n.repo_id, n.project_id FROM new_rows n) AS k
            WHERE NOT EXISTS (SELECT FROM gitpoap.repo r WHERE r.id = k.repo_id AND r.project_id = k.project_id
                              FOR KEY SHARE)
        ) AS m
        LIMIT 1;
        IF v_rule = 'author_id' THEN
            RAISE EXCEPTION 'gitpoap.pull_request.author_id must be the id of a gitpoap.github_user (got %)', v_key[1]
                USING ERRCODE = 'foreign_key_violation', SCHEMA = 'gitpoap', TABLE = 'pull_request',
                      COLUMN = 'author_id', CONSTRAINT = 'pull_request_author_id_fkey',
                      DETAIL = format('Key (author_id)=(%s) is not present in table "github_user" (pull_request_author_id_fkey).',
                                      v_key[1]);
        ELSIF v_rule = 'repo' THEN
            RAISE EXCEPTION 'gitpoap.pull_request (repo_id, project_id) must name a gitpoap.repo and that repo''s project (got %, %)',
                v_key[1], v_key[2]
                USING ERRCODE = 'foreign_key_violation', SCHEMA = 'gitpoap', TABLE = 'pull_request',
                      CONSTRAINT = 'pull_request_repo_project_fkey',
                      DETAIL = format('Key (repo_id, project_id)=(%s, %s) is not present in table "repo" (pull_request_repo_project_fkey).',
                                      v_key[1], v_key[2]);
        END IF;
    END IF;
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
COMMENT ON FUNCTION gitpoap.tg_pull_request__count() IS 'AFTER … FOR EACH STATEMENT on pull_request, set-based over the transition tables: inserted and updated rows must name a gitpoap.github_user (author_id) and a gitpoap.repo with its project ((repo_id, project_id)), else foreign_key_violation naming the field, the rule and pull_request_author_id_fkey or pull_request_repo_project_fkey — checked once per statement, the referenced rows locked FOR KEY SHARE as a foreign key would; claims earned by deleted rows lose their earning PR (null), and a truncation leaving claims with one is refused; deleted and updated old rows count -1 (gitpoap._uncount_merged_prs), inserted and updated new rows +1 for their author, project and UTC year (merged, non-bot only), and the claims whose threshold a rising count reached are issued; the earning PR is the arrival that reached it, rows of one statement taken in (merged_at, number) order. Skipped while rewards.defer_claims = on, which only rewards_admin may use (others get insufficient_privilege).';
REVOKE ALL ON FUNCTION gitpoap.tg_pull_request__count() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_count_inserted
    AFTER INSERT ON gitpoap.pull_request
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
CREATE OR REPLACE TRIGGER _500_count_updated
    AFTER UPDATE ON gitpoap.pull_request
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
CREATE OR REPLACE TRIGGER _500_count_deleted
    AFTER DELETE ON gitpoap.pull_request
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_count_inserted ON gitpoap.pull_request IS 'Checks the inserted PRs'' author and repo (once per statement), counts inserted merged PRs and issues the claims they reach.';
COMMENT ON TRIGGER _500_count_updated ON gitpoap.pull_request IS 'Checks the updated PRs'' author and repo, re-counts updated PRs (merged_at null → time counts, un-merge or a move decrements) and issues claims reached.';
COMMENT ON TRIGGER _500_count_deleted ON gitpoap.pull_request IS 'Decrements counters for deleted merged PRs; claims already issued stay.';
CREATE OR REPLACE TRIGGER _500_keep_derived_references_truncated
    AFTER TRUNCATE ON gitpoap.pull_request
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_pull_request__count();
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.pull_request IS 'Refuses to truncate pull_request while claims name an earning PR (truncate claim in the same command).';
