-- tiers.find_tier: a tier, active or not, by its key or its id — how every command names a tier.
CREATE OR REPLACE FUNCTION tiers.find_tier(p_tier text) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    -- A key starts with a letter (tier_key_lower_case), an id is digits: the two never meet.
    SELECT t.* INTO v_tier FROM tiers.tier t
     WHERE t.tier_key = btrim(p_tier)
        OR (btrim(p_tier) ~ '^\d{1,18}$' AND t.id = btrim(p_tier)::bigint);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tiers.tier.tier_key: no tier has this key or id (got %)', coalesce(quote_literal(p_tier), 'null')
            USING ERRCODE = 'no_data_found', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'tier',
                  HINT = 'runner tiers list --include-inactive lists them';
    END IF;
    RETURN v_tier;
END;
$$;
COMMENT ON FUNCTION tiers.find_tier(text) IS 'The tier, active or not, whose tier_key is p_tier, or whose id it is when it is a number; raises no_data_found naming it otherwise.';
REVOKE ALL ON FUNCTION tiers.find_tier(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.find_tier(text) TO rewards_app;
