-- depends: 0065_gitpoap_pr_import_private
-- human_points.score_import: each staged event belongs to the transaction that wrote it (xact_id, a default no
-- client can write); clients may only insert, and human_points.import_scores (now SECURITY DEFINER) reads and
-- deletes only its own transaction's events: an event another session commits can neither fail nor join an import.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- The staging table is empty outside an importing transaction (and unlogged): the rewrite the default causes is of
-- nothing, and the column is filled by its default for every writer.
-- squawk-ignore adding-required-field, adding-field-with-default
ALTER TABLE human_points.score_import ADD COLUMN xact_id xid8 NOT NULL DEFAULT pg_current_xact_id();
COMMENT ON COLUMN human_points.score_import.xact_id IS 'The transaction that staged the event (its default; no client may write it): human_points.import_scores reads only its own transaction''s events and deletes those of finished ones.';
REVOKE ALL ON human_points.score_import FROM rewards_app, rewards_admin;
GRANT INSERT (idx, event) ON human_points.score_import TO rewards_app;
RESET ROLE;
