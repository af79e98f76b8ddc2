-- gitpoap: no webhooks (registration column, delivery table and their functions dropped); import_pull_requests
-- back to three arguments (the repeatable file of the version reached creates it).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
DROP FUNCTION IF EXISTS gitpoap.receive_github_delivery(text, text, text);
DROP FUNCTION IF EXISTS gitpoap.register_repo(text, text);
DROP FUNCTION IF EXISTS gitpoap.list_repos(text);
DROP FUNCTION IF EXISTS gitpoap.import_pull_requests(text, text, boolean, boolean);
DROP TABLE gitpoap.webhook_delivery;
DROP TABLE gitpoap.webhook_repo;
RESET ROLE;
