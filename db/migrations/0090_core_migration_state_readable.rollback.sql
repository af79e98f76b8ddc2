-- core: rewards_admin no longer reads yoyo's table of applied migrations.
SET LOCAL lock_timeout = '5s';
REVOKE SELECT ON yoyo._yoyo_migration FROM rewards_admin;
REVOKE USAGE ON SCHEMA yoyo FROM rewards_admin;
