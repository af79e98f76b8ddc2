-- gitpoap.pull_request.merged_at: any finite time again.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE gitpoap.pull_request DROP CONSTRAINT pull_request_merged_at_range;
RESET ROLE;
