-- tiers.create_tier: add a tier (validated); wallets are re-evaluated and tiers_changed is notified by the table's trigger.
CREATE OR REPLACE FUNCTION tiers.create_tier(
    p_name text,
    p_tier_key text,
    p_minimum_balance numeric,
    p_discount_percent numeric DEFAULT 0,
    p_badge_name text DEFAULT NULL,
    p_badge_color text DEFAULT NULL,
    p_description text DEFAULT NULL,
    p_display_order integer DEFAULT 0,
    p_metadata jsonb DEFAULT '{}',
    p_is_active boolean DEFAULT true
) RETURNS tiers.tier
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    PERFORM tiers._lock_tiers();
    PERFORM tiers._validate_tier(NULL, p_tier_key, p_minimum_balance, p_discount_percent, coalesce(p_is_active, true));
    v_tier.name := p_name;
    v_tier.tier_key := p_tier_key;
    v_tier.minimum_balance := p_minimum_balance;
    v_tier.discount_percent := coalesce(p_discount_percent, 0);
    v_tier.badge_name := p_badge_name;
    v_tier.badge_color := p_badge_color;
    v_tier.description := p_description;
    v_tier.display_order := coalesce(p_display_order, 0);
    v_tier.metadata := coalesce(p_metadata, '{}');
    v_tier.is_active := coalesce(p_is_active, true);
    PERFORM core._check_row('tiers.tier', v_tier);
    INSERT INTO tiers.tier (name, tier_key, minimum_balance, discount_percent, badge_name, badge_color,
                            description, display_order, metadata, is_active)
    SELECT v.name, v.tier_key, v.minimum_balance, v.discount_percent, v.badge_name, v.badge_color,
           v.description, v.display_order, v.metadata, v.is_active
    FROM (SELECT v_tier.*) AS v
    RETURNING * INTO v_tier;
    RETURN v_tier;
END;
$$;
COMMENT ON FUNCTION tiers.create_tier(text, text, numeric, numeric, text, text, text, integer, jsonb, boolean) IS 'Creates a tier and returns it. name, tier_key and minimum_balance are required; null discount_percent/display_order/metadata/is_active take their defaults (0, 0, {}, true). Raises, naming the field and the rule, on invalid input (the CHECK constraints of tiers.tier and tiers._validate_tier). Wallets whose tier changes are updated and logged in the same transaction.';
REVOKE ALL ON FUNCTION tiers.create_tier(text, text, numeric, numeric, text, text, text, integer, jsonb, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.create_tier(text, text, numeric, numeric, text, text, text, integer, jsonb, boolean) TO rewards_admin;
