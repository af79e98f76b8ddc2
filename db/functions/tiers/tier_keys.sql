-- tiers.tier_keys: keys of the active tiers in display order.
CREATE OR REPLACE FUNCTION tiers.tier_keys() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
RETURN ARRAY(SELECT t.tier_key FROM tiers.tier t WHERE t.is_active ORDER BY t.display_order, t.minimum_balance, t.id);
COMMENT ON FUNCTION tiers.tier_keys() IS 'Keys of the active tiers in display order, e.g. {elite,grandmaster,legend}.';
REVOKE ALL ON FUNCTION tiers.tier_keys() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_keys() TO rewards_app;
