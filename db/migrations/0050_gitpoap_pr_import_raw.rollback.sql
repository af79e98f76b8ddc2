-- gitpoap.pr_import: back to typed columns (the importer validated records itself).
-- The staging table is empty outside the importing transaction: changing its columns rewrites nothing.
-- squawk-ignore-file changing-column-type, adding-not-nullable-field
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE gitpoap.pr_import
    DROP COLUMN from_json,
    DROP COLUMN record,
    ALTER COLUMN number TYPE integer USING number::integer,
    ALTER COLUMN number SET NOT NULL,
    ALTER COLUMN title SET NOT NULL,
    ALTER COLUMN login SET NOT NULL,
    ALTER COLUMN merged_at TYPE timestamptz USING merged_at::timestamptz;
COMMENT ON TABLE gitpoap.pr_import IS 'Staging for gitpoap.import_pull_requests(): the importer COPYs a file here and the function moves it into pull_request in the same transaction.';
COMMENT ON COLUMN gitpoap.pr_import.ordinal IS 'Position of the record in the file (1-based).';
COMMENT ON COLUMN gitpoap.pr_import.number IS 'Pull request number.';
COMMENT ON COLUMN gitpoap.pr_import.title IS 'Title.';
COMMENT ON COLUMN gitpoap.pr_import.login IS 'Author login.';
COMMENT ON COLUMN gitpoap.pr_import.merged_at IS 'Merge time.';
COMMENT ON COLUMN gitpoap.pr_import.merge_commit_sha IS 'Merge commit SHA.';
RESET ROLE;
