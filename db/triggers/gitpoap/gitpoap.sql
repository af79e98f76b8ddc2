-- gitpoap: threshold order checked and claims issued when a GitPOAP is inserted, enabled, undeprecated or lowered.
CREATE OR REPLACE FUNCTION gitpoap.tg_gitpoap__issue_claims() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM gitpoap._issue_gitpoap_claims(ARRAY(SELECT n.id FROM new_rows n));
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION gitpoap.tg_gitpoap__issue_claims() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on gitpoap: checks the level/threshold order of the affected projects and years and issues the claims now reached (see gitpoap._issue_gitpoap_claims).';
REVOKE ALL ON FUNCTION gitpoap.tg_gitpoap__issue_claims() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_issue_claims_inserted
    AFTER INSERT ON gitpoap.gitpoap
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
CREATE OR REPLACE TRIGGER _500_issue_claims_updated
    AFTER UPDATE ON gitpoap.gitpoap
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_gitpoap__issue_claims();
COMMENT ON TRIGGER _500_issue_claims_inserted ON gitpoap.gitpoap IS 'Issues the claims of new GitPOAPs from the counters.';
COMMENT ON TRIGGER _500_issue_claims_updated ON gitpoap.gitpoap IS 'Issues the claims of GitPOAPs enabled, undeprecated or given a lower threshold; checks threshold order.';
