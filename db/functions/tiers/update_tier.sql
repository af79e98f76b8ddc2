-- tiers.update_tier: change a tier's fields (null leaves a field alone; tier_key never changes).
CREATE OR REPLACE FUNCTION tiers.update_tier(
    p_id bigint,
    p_name text DEFAULT NULL,
    p_minimum_balance numeric DEFAULT NULL,
    p_discount_percent numeric DEFAULT NULL,
    p_badge_name text DEFAULT NULL,
    p_badge_color text DEFAULT NULL,
    p_description text DEFAULT NULL,
    p_display_order integer DEFAULT NULL,
    p_is_active boolean DEFAULT NULL,
    p_metadata jsonb DEFAULT NULL,
    p_tier_key text DEFAULT NULL
) RETURNS tiers.tier
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    PERFORM tiers._lock_tiers();
    v_tier := tiers.find_tier(p_id::text);
    IF p_tier_key IS DISTINCT FROM NULL AND p_tier_key <> v_tier.tier_key THEN
        RAISE EXCEPTION 'tiers.tier.tier_key cannot change (tier % is %, got %)',
            p_id, quote_literal(v_tier.tier_key), quote_literal(p_tier_key)
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'tier_key';
    END IF;
    PERFORM tiers._validate_tier(p_id, v_tier.tier_key, coalesce(p_minimum_balance, v_tier.minimum_balance),
                                 p_discount_percent, coalesce(p_is_active, v_tier.is_active));
    v_tier.name := coalesce(p_name, v_tier.name);
    v_tier.minimum_balance := coalesce(p_minimum_balance, v_tier.minimum_balance);
    v_tier.discount_percent := coalesce(p_discount_percent, v_tier.discount_percent);
    v_tier.badge_name := coalesce(p_badge_name, v_tier.badge_name);
    v_tier.badge_color := coalesce(p_badge_color, v_tier.badge_color);
    v_tier.description := coalesce(p_description, v_tier.description);
    v_tier.display_order := coalesce(p_display_order, v_tier.display_order);
    v_tier.is_active := coalesce(p_is_active, v_tier.is_active);
    v_tier.metadata := coalesce(p_metadata, v_tier.metadata);
    PERFORM core._check_row('tiers.tier', v_tier);
    UPDATE tiers.tier t
       SET (name, minimum_balance, discount_percent, badge_name, badge_color, description, display_order, is_active,
            metadata)
         = (v_tier.name, v_tier.minimum_balance, v_tier.discount_percent, v_tier.badge_name, v_tier.badge_color,
            v_tier.description, v_tier.display_order, v_tier.is_active, v_tier.metadata)
     WHERE t.id = p_id
    RETURNING * INTO v_tier;
    RETURN v_tier;
END;
$$;
COMMENT ON FUNCTION tiers.update_tier(bigint, text, numeric, numeric, text, text, text, integer, boolean, jsonb, text) IS 'Changes the given fields of tier p_id and returns it; null arguments leave fields alone. tier_key cannot change (p_tier_key, if given, must equal it). Raises no_data_found for an unknown id and, naming the field and the rule, on invalid values. Wallets whose tier changes are updated and logged in the same transaction.';
REVOKE ALL ON FUNCTION tiers.update_tier(bigint, text, numeric, numeric, text, text, text, integer, boolean, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.update_tier(bigint, text, numeric, numeric, text, text, text, integer, boolean, jsonb, text) TO rewards_admin;
