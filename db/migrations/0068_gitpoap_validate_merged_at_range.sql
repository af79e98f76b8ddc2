-- depends: 0067_gitpoap_merged_at_range
-- Validate pull_request_merged_at_range (added NOT VALID by 0067) against existing rows (SHARE UPDATE EXCLUSIVE:
-- writers keep going). A PR merged outside 2008 to 2100 makes it fail naming the constraint: fix or delete that row.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE gitpoap.pull_request VALIDATE CONSTRAINT pull_request_merged_at_range;
RESET ROLE;
