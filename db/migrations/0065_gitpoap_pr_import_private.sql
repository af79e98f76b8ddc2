-- depends: 0062_gitpoap_contribution_key_covers
-- gitpoap.pr_import: each staged row belongs to the transaction that wrote it (xact_id, a default no client can
-- write), and only gitpoap.import_pull_requests (SECURITY DEFINER) reads and deletes it: a row another session
-- commits can neither fail nor join an import.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- The staging table is empty outside an importing transaction (and unlogged): the rewrite the default causes is of
-- nothing, and the column is filled by its default for every writer.
-- squawk-ignore adding-required-field, adding-field-with-default
ALTER TABLE gitpoap.pr_import ADD COLUMN xact_id xid8 NOT NULL DEFAULT pg_current_xact_id();
COMMENT ON COLUMN gitpoap.pr_import.xact_id IS 'The transaction that staged the row (its default; no client may write it): gitpoap.import_pull_requests reads only its own transaction''s rows and deletes those of finished ones.';
REVOKE ALL ON gitpoap.pr_import FROM rewards_app, rewards_admin;
GRANT INSERT (ordinal, number, title, login, merged_at, merge_commit_sha, record, from_json)
    ON gitpoap.pr_import TO rewards_admin;
RESET ROLE;
