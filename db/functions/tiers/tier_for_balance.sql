-- tiers.tier_none and tiers.tier_for_balance: the tier of a balance, the none tier when it reaches no active tier.
CREATE OR REPLACE FUNCTION tiers.tier_none() RETURNS tiers.tier
    LANGUAGE sql IMMUTABLE
RETURN jsonb_populate_record(NULL::tiers.tier, jsonb_build_object(
    'name', 'None', 'tier_key', 'none', 'minimum_balance', 0, 'discount_percent', 0,
    'display_order', 0, 'is_active', true, 'description', 'No tier', 'metadata', '{}'::jsonb));
COMMENT ON FUNCTION tiers.tier_none() IS 'The none tier of wallets below every active tier: tier_key none, name None, minimum_balance 0, discount_percent 0, no id and no badge.';
REVOKE ALL ON FUNCTION tiers.tier_none() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_none() TO rewards_app;

-- SECURITY INVOKER (callers read tiers.tier themselves): the hottest read of the tiers API, and a SECURITY DEFINER
-- function pays a user switch and a search_path save/restore on every call (bench/README.md, tier_lookup).
CREATE OR REPLACE FUNCTION tiers.tier_for_balance(p_balance numeric) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE STRICT
AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    -- NaN sorts above every number: without this check it would land in the highest tier.
    IF p_balance = 'NaN' OR abs(p_balance) = 'Infinity' THEN
        RAISE EXCEPTION 'tiers.tier_for_balance.balance must be a finite number (got %)', p_balance
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT t.* INTO v_tier FROM tiers._tier_for_balance(p_balance) t;
    IF FOUND THEN
        RETURN v_tier;
    END IF;
    RETURN tiers.tier_none();
END;
$$;
COMMENT ON FUNCTION tiers.tier_for_balance(numeric) IS 'The highest active tier whose minimum_balance <= p_balance (a balance exactly at a minimum is in that tier; the rule: tiers._tier_for_balance); the none tier when there is none; null for a null balance; invalid_parameter_value for NaN or an infinite balance.';
REVOKE ALL ON FUNCTION tiers.tier_for_balance(numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_for_balance(numeric) TO rewards_app;
