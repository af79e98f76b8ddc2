-- gitpoap: threshold order checked and claims issued when a GitPOAP is inserted, enabled, undeprecated or lowered; claimed GitPOAPs stay.
CREATE OR REPLACE FUNCTION gitpoap.tg_gitpoap__issue_claims() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
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
COMMENT ON FUNCTION gitpoap.tg_gitpoap__issue_claims() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on gitpoap: refuses to move a GitPOAP with claims to another project (gitpoap._refuse_orphans), checks the level/threshold order of the affected projects and years and issues the claims now reached (see gitpoap._issue_gitpoap_claims).';
REVOKE ALL ON FUNCTION gitpoap.tg_gitpoap__issue_claims() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_issue_claims_inserted
    AFTER INSERT ON gitpoap.gitpoap
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
CREATE OR REPLACE TRIGGER _500_issue_claims_updated
    AFTER UPDATE ON gitpoap.gitpoap
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
COMMENT ON TRIGGER _500_issue_claims_inserted ON gitpoap.gitpoap IS 'Issues the claims of new GitPOAPs from the counters.';
COMMENT ON TRIGGER _500_issue_claims_updated ON gitpoap.gitpoap IS 'Issues the claims of GitPOAPs enabled, undeprecated or given a lower threshold; checks threshold order.';

CREATE OR REPLACE TRIGGER _500_keep_derived_references_deleted
    AFTER DELETE ON gitpoap.gitpoap
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
CREATE OR REPLACE TRIGGER _500_keep_derived_references_truncated
    AFTER TRUNCATE ON gitpoap.gitpoap
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.gitpoap IS 'Refuses to delete a GitPOAP that has claims.';
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.gitpoap IS 'Refuses to truncate gitpoap while claims refer to it (truncate them in the same command).';
