-- github_user: rows that pull requests, counters or claims refer to stay (the check of a foreign key, made where the rows go).
CREATE OR REPLACE TRIGGER _500_keep_derived_references_deleted
    AFTER DELETE ON gitpoap.github_user
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
CREATE OR REPLACE TRIGGER _500_keep_derived_references_truncated
    AFTER TRUNCATE ON gitpoap.github_user
    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg__keep_derived_references();
COMMENT ON TRIGGER _500_keep_derived_references_deleted ON gitpoap.github_user IS 'Refuses to delete a github_user that pull requests, counters or claims refer to.';
COMMENT ON TRIGGER _500_keep_derived_references_truncated ON gitpoap.github_user IS 'Refuses to truncate github_user while pull requests, counters or claims refer to it (truncate them in the same command).';
