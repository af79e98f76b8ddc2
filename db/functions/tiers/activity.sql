-- tiers.activity: row counts and the newest wallet tier change (for runner status).
CREATE OR REPLACE FUNCTION tiers.activity() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT jsonb_build_object(
        'counts', jsonb_build_object(
            'active_tiers', (SELECT count(*) FROM tiers.tier WHERE is_active),
            'tiers', (SELECT count(*) FROM tiers.tier),
            'wallets', (SELECT count(*) FROM tiers.wallet),
            'tier_changes', (SELECT count(*) FROM tiers.tier_change)),
        'newest_tier_change_at', (SELECT max(c.changed_at) FROM tiers.tier_change c));
END;

COMMENT ON FUNCTION tiers.activity() IS '{"counts": {table: rows}, "newest_tier_change_at"}: what runner status prints for tiers.';
REVOKE ALL ON FUNCTION tiers.activity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.activity() TO rewards_admin;
