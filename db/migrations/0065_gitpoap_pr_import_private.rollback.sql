-- gitpoap.pr_import: back to one table every importing transaction reads whole (no xact_id).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
REVOKE ALL ON gitpoap.pr_import FROM rewards_app, rewards_admin;
GRANT INSERT ON gitpoap.pr_import TO rewards_admin;
-- squawk-ignore ban-drop-column
ALTER TABLE gitpoap.pr_import DROP COLUMN xact_id;
RESET ROLE;
