-- Constraint comments go (COMMENT … IS NULL), as before 0049.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
COMMENT ON COLUMN human_points.settings.updated_at IS 'Last change made through set_write_enabled.';
DO $comments$
DECLARE
    v record;
BEGIN
    FOR v IN
        SELECT c.conname, n.nspname, r.relname
        FROM pg_constraint c
        JOIN pg_class r ON r.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = r.relnamespace
        WHERE n.nspname IN ('gitpoap', 'tiers', 'human_points') AND obj_description(c.oid, 'pg_constraint') IS NOT NULL
    LOOP
        EXECUTE format('COMMENT ON CONSTRAINT %I ON %I.%I IS NULL', v.conname, v.nspname, v.relname);
    END LOOP;
END
$comments$;
RESET ROLE;
