-- repo: rows pull requests refer to stay, and a changed (id, project_id) is carried to them (a foreign key's checks and ON UPDATE CASCADE, made where the rows change).
CREATE OR REPLACE FUNCTION gitpoap.tg_repo__carry_key() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- The repo row is locked by this UPDATE: a PR insert that locked it FOR KEY SHARE first has committed and is
    -- seen here (READ COMMITTED: a new snapshot per statement); one that comes later waits and then finds the old key
    -- gone. The PRs' own UPDATE trigger moves their counts when the project changes.
    PERFORM gitpoap._require_read_committed('repo');
    UPDATE gitpoap.pull_request pr SET repo_id = NEW.id, project_id = NEW.project_id
    WHERE pr.repo_id = OLD.id AND pr.project_id = OLD.project_id;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION gitpoap.tg_repo__carry_key() IS 'AFTER UPDATE … FOR EACH ROW on repo when its id or project_id changes: the repo''s pull requests follow (repo_id, project_id), as the former foreign key''s ON UPDATE CASCADE did; their counters move with them (pull_request''s UPDATE trigger). READ COMMITTED only (gitpoap._require_read_committed).';
REVOKE ALL ON FUNCTION gitpoap.tg_repo__carry_key() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_carry_key
    AFTER UPDATE OF id, project_id ON gitpoap.repo
    FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.project_id IS DISTINCT FROM NEW.project_id)
    EXECUTE FUNCTION gitpoap.tg_repo__carry_key();
CREATE OR REPLACE TRIGGER _500_keep_derived_references_deleted
    AFTER DELETE ON gitpoap.repo
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
CREATE OR REPLACE TRIGGER _500_keep_derived_references_truncated
    AFTER TRUNCATE ON gitpoap.repo
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_carry_key ON gitpoap.repo IS 'Carries a changed (id, project_id) to the repo''s pull requests.';
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.repo IS 'Refuses to delete a repo that pull requests refer to.';
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.repo IS 'Refuses to truncate repo while pull requests refer to it (truncate pull_request in the same command).';
