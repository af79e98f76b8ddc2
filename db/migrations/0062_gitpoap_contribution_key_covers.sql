-- depends: 0061_gitpoap_derived_references
-- gitpoap: the contribution-year index carries each key's PRs in (merged_at, number, id) order, so backfill_claims
-- counts and finds earning PRs from the index alone (index-only scans); gitpoap._nth_merged_pr becomes a set-returning
-- SQL function that its callers inline (functions are repeatables: the changed return type needs the drop).
SET LOCAL lock_timeout = '5s';
-- In yoyo's one transaction no index can be built CONCURRENTLY: PR writers wait for this build (SHARE lock). The old
-- index goes last, so its ACCESS EXCLUSIVE lock (readers wait too) is held only until the commit that follows; the new
-- one takes its name (no client names an index).
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX pull_request_contribution_key_covering_idx
    ON gitpoap.pull_request (project_id, gitpoap.contribution_year(merged_at), author_id, merged_at, number, id)
    WHERE merged_at IS NOT NULL;
-- squawk-ignore require-concurrent-index-deletion
DROP INDEX gitpoap.pull_request_contribution_key_idx;
-- squawk-ignore renaming-object
ALTER INDEX gitpoap.pull_request_contribution_key_covering_idx RENAME TO pull_request_contribution_key_idx;
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS gitpoap._nth_merged_pr(bigint, bigint, integer, integer);
