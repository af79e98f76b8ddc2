-- pull_request: statement-level counting of merged PRs and claim issuance, the same code for one row or a COPY.
CREATE OR REPLACE FUNCTION gitpoap.tg_pull_request__count() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
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
    IF TG_OP = 'INSERT' THEN
        PERFORM gitpoap._count_merged_prs(ARRAY(SELECT n::gitpoap.pull_request FROM new_rows n), '{}'::gitpoap.pull_request[]);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM gitpoap._count_merged_prs(ARRAY(SELECT n::gitpoap.pull_request FROM new_rows n), ARRAY(SELECT o::gitpoap.pull_request FROM old_rows o));
    ELSE
        PERFORM gitpoap._count_merged_prs('{}'::gitpoap.pull_request[], ARRAY(SELECT o::gitpoap.pull_request FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION gitpoap.tg_pull_request__count() IS 'AFTER … FOR EACH STATEMENT on pull_request: hands the transition tables to gitpoap._count_merged_prs (inserted rows count +1, deleted -1, updated rows -1 old +1 new). Skipped while rewards.defer_claims = on, which only rewards_admin may use (others get insufficient_privilege).';
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
COMMENT ON TRIGGER _500_count_inserted ON gitpoap.pull_request IS 'Counts inserted merged PRs and issues the claims they reach.';
COMMENT ON TRIGGER _500_count_updated ON gitpoap.pull_request IS 'Re-counts updated PRs (merged_at null → time counts, un-merge or a move decrements) and issues claims reached.';
COMMENT ON TRIGGER _500_count_deleted ON gitpoap.pull_request IS 'Decrements counters for deleted merged PRs; claims already issued stay.';
