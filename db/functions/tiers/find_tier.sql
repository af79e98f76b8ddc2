-- tiers.find_tier: a tier, active or not, by its key or its id — how every command and admin function names a tier.
CREATE OR REPLACE FUNCTION tiers.find_tier(p_tier text) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
    v_column text := 'tier_key';
BEGIN
    -- A key starts with a letter (tier_key_lower_case), an id is digits: the two never meet.
    IF p_tier IS NULL OR btrim(p_tier) ~ '^\d{1,18}$' THEN
        v_column := 'id';
        SELECT t.* INTO v_tier FROM tiers.tier t WHERE t.id = btrim(p_tier)::bigint;
    ELSE
        SELECT t.* INTO v_tier FROM tiers.tier t WHERE t.tier_key = btrim(p_tier);
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tiers.tier.% % does not exist', v_column,
            CASE v_column WHEN 'id' THEN coalesce(btrim(p_tier), 'null') ELSE quote_literal(p_tier) END
            USING ERRCODE = 'no_data_found', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = v_column;
    END IF;
    RETURN v_tier;
END;
$$;
COMMENT ON FUNCTION tiers.find_tier(text) IS 'The tier, active or not, whose id is p_tier when it is a number, else whose tier_key it is; raises no_data_found naming the id or key otherwise.';
REVOKE ALL ON FUNCTION tiers.find_tier(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.find_tier(text) TO rewards_app;
