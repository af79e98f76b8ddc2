-- tiers.tier_thresholds: {"elite": 5000, …} for the active tiers.
CREATE OR REPLACE FUNCTION tiers.tier_thresholds() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
RETURN coalesce(
    (SELECT jsonb_object_agg(t.tier_key, trim_scale(t.minimum_balance)) FROM tiers.tier t WHERE t.is_active),
    '{}'::jsonb);
COMMENT ON FUNCTION tiers.tier_thresholds() IS 'Minimum balance of each active tier by key, e.g. {"elite": 5000, "grandmaster": 50000, "legend": 300000}; {} when no tier is active.';
REVOKE ALL ON FUNCTION tiers.tier_thresholds() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_thresholds() TO rewards_app;
