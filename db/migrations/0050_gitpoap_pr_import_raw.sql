-- depends: 0049_core_constraint_rules
-- gitpoap.pr_import holds records as the file has them (CSV fields as text, a gh JSON record whole): the database
-- judges them (gitpoap._pr_import_problem), as it judges imported score events.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- The staging table is empty outside the importing transaction (no client reads it): changing its columns rewrites
-- nothing and breaks no reader.
-- squawk-ignore-file changing-column-type, ban-drop-not-null
ALTER TABLE gitpoap.pr_import
    ALTER COLUMN number TYPE text,
    ALTER COLUMN number DROP NOT NULL,
    ALTER COLUMN title DROP NOT NULL,
    ALTER COLUMN login DROP NOT NULL,
    ALTER COLUMN merged_at TYPE text,
    ADD COLUMN record jsonb;
COMMENT ON TABLE gitpoap.pr_import IS 'Staging for gitpoap.import_pull_requests(): the importer COPYs a file''s records here as they are written, and the function judges them and moves them into pull_request in the same transaction.';
COMMENT ON COLUMN gitpoap.pr_import.ordinal IS 'Position of the record in the file (0-based: records[ordinal] in errors).';
COMMENT ON COLUMN gitpoap.pr_import.number IS 'CSV: the number field as written.';
COMMENT ON COLUMN gitpoap.pr_import.title IS 'CSV: the title field.';
COMMENT ON COLUMN gitpoap.pr_import.login IS 'CSV: the author field.';
COMMENT ON COLUMN gitpoap.pr_import.merged_at IS 'CSV: the merged_at field as written (empty: not merged).';
COMMENT ON COLUMN gitpoap.pr_import.merge_commit_sha IS 'CSV: the merge_commit_sha field.';
COMMENT ON COLUMN gitpoap.pr_import.record IS 'JSON: the record of the gh pr list array, whole (the CSV columns are then null).';
RESET ROLE;
