-- human_points.score_import: back to one table the importing clients read and delete whole (no xact_id).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
REVOKE ALL ON human_points.score_import FROM rewards_app, rewards_admin;
GRANT SELECT, INSERT, DELETE ON human_points.score_import TO rewards_app;
-- squawk-ignore ban-drop-column
ALTER TABLE human_points.score_import DROP COLUMN xact_id;
RESET ROLE;
