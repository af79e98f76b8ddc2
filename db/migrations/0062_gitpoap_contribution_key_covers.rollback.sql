-- gitpoap: the contribution-year index back to (project, year, author); the set-returning _nth_merged_pr dropped so that
-- the older scalar one can be created again by `runner migrate` at that version.
SET LOCAL lock_timeout = '5s';
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX pull_request_contribution_key_narrow_idx
    ON gitpoap.pull_request (project_id, gitpoap.contribution_year(merged_at), author_id) WHERE merged_at IS NOT NULL;
-- squawk-ignore require-concurrent-index-deletion
DROP INDEX gitpoap.pull_request_contribution_key_idx;
-- squawk-ignore renaming-object
ALTER INDEX gitpoap.pull_request_contribution_key_narrow_idx RENAME TO pull_request_contribution_key_idx;
DROP FUNCTION IF EXISTS gitpoap._nth_merged_pr(bigint, bigint, integer, integer);
