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
    ADD COLUMN record jsonb,
    ADD COLUMN from_json boolean NOT NULL DEFAULT false;
COMMENT ON TABLE gitpoap.pr_import IS 'Staging for gitpoap.import_pull_requests(): the importer COPYs a file''s records here as they are written, and the function judges them and moves them into pull_request in the same transaction.';
COMMENT ON COLUMN gitpoap.pr_import.ordinal IS 'Position of the record in the file (0-based: records[ordinal] in errors).';
COMMENT ON COLUMN gitpoap.pr_import.number IS 'The number field as written (CSV; gh JSON: an integer number).';
COMMENT ON COLUMN gitpoap.pr_import.title IS 'The title field (gh JSON: empty for null).';
COMMENT ON COLUMN gitpoap.pr_import.login IS 'The author field (CSV) or author.login (gh JSON).';
COMMENT ON COLUMN gitpoap.pr_import.merged_at IS 'The merged_at (CSV) or mergedAt (gh JSON) field as written; empty: not merged.';
COMMENT ON COLUMN gitpoap.pr_import.merge_commit_sha IS 'The merge_commit_sha (CSV) or mergeCommit.oid (gh JSON) field; empty: unknown.';
COMMENT ON COLUMN gitpoap.pr_import.record IS 'A gh JSON record whole, when its shape does not map onto the columns (these are then null).';
COMMENT ON COLUMN gitpoap.pr_import.from_json IS 'True for a record of a gh JSON file: errors name its fields as that format does (mergedAt, author.login).';
RESET ROLE;
