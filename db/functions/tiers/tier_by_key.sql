-- tiers.tier_by_key: an active tier by its key.
CREATE OR REPLACE FUNCTION tiers.tier_by_key(p_tier_key text) RETURNS tiers.tier
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
RETURN (SELECT t FROM tiers.tier t WHERE t.tier_key = p_tier_key AND t.is_active);
COMMENT ON FUNCTION tiers.tier_by_key(text) IS 'The active tier with this key; null when there is none or it is inactive.';
REVOKE ALL ON FUNCTION tiers.tier_by_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_by_key(text) TO rewards_app;
