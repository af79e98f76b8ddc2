-- depends: 0075_gitpoap_contributor_reads
-- gitpoap: GitHub webhooks. A repo the operator registered (runner repos add) accepts deliveries; each delivery
-- that stored a merged PR is remembered by its X-GitHub-Delivery GUID, so a redelivery changes nothing. PRs go
-- through gitpoap.import_pull_requests, which gains p_backload (a webhook's one PR is not the repo's history).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- Registration is a table of its own, not a column of gitpoap.repo: adding a column would hold repo's ACCESS
-- EXCLUSIVE lock to the end of the upgrade, and an application transaction that inserted a PR (its foreign-key check
-- holds a ROW SHARE lock on repo) and then waits on a table an earlier migration locked would stall the upgrade.
-- A new foreign key takes SHARE ROW EXCLUSIVE on repo, which those checks do not conflict with.
CREATE TABLE gitpoap.webhook_repo (
    repo_id       bigint PRIMARY KEY REFERENCES gitpoap.repo (id),
    registered_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE gitpoap.webhook_repo IS 'Repositories the operator registered for GitHub webhooks (runner repos add): only their merged pull requests are stored from deliveries.';
COMMENT ON COLUMN gitpoap.webhook_repo.repo_id IS 'The registered repository.';
COMMENT ON COLUMN gitpoap.webhook_repo.registered_at IS 'When it was registered: its deliveries are accepted since then.';
COMMENT ON CONSTRAINT webhook_repo_pkey ON gitpoap.webhook_repo IS 'must be unique: a repository is registered once';
COMMENT ON CONSTRAINT webhook_repo_repo_id_fkey ON gitpoap.webhook_repo IS 'must be the id of a gitpoap.repo';
GRANT SELECT ON gitpoap.webhook_repo TO rewards_app;

CREATE TABLE gitpoap.webhook_delivery (
    delivery_id uuid PRIMARY KEY,
    repo_id     bigint NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_delivery_received_at_idx ON gitpoap.webhook_delivery (received_at);
COMMENT ON TABLE gitpoap.webhook_delivery IS 'GitHub deliveries of merged pull requests that were stored (or found already stored), one row per X-GitHub-Delivery GUID: a redelivery finds its row and changes nothing. Deliveries that were ignored leave no row (replayed after runner repos add, they are handled). Retention: GitHub redelivers only deliveries of the past 3 days, so rows older than that may be deleted (DELETE FROM gitpoap.webhook_delivery WHERE received_at < now() - interval ''7 days''); a PR already stored is never stored twice either way.';
COMMENT ON CONSTRAINT webhook_delivery_pkey ON gitpoap.webhook_delivery IS 'must be unique: a delivery GUID is handled once (a redelivery changes nothing)';
COMMENT ON COLUMN gitpoap.webhook_delivery.delivery_id IS 'The X-GitHub-Delivery header: GitHub''s GUID of the delivery, the same on a redelivery.';
COMMENT ON COLUMN gitpoap.webhook_delivery.repo_id IS 'The repository of the pull request (gitpoap.repo id; no foreign key: a log, pruned by age).';
COMMENT ON COLUMN gitpoap.webhook_delivery.received_at IS 'When the delivery was handled (the retention clock).';
GRANT SELECT ON gitpoap.webhook_delivery TO rewards_app;

-- The repeatable file creates the new signature (p_backload DEFAULT true: every existing call keeps its meaning).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS gitpoap.import_pull_requests(text, text, boolean);
RESET ROLE;
