-- tiers.get_tier: a wallet's tier from its stored balance.
CREATE OR REPLACE FUNCTION tiers.get_tier(p_address text) RETURNS tiers.tier
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_balance numeric;
BEGIN
    PERFORM tiers._valid_address(p_address);
    SELECT w.balance INTO v_balance FROM tiers.wallet w WHERE w.address = p_address;
    RETURN coalesce(tiers.tier_for_balance(v_balance), tiers.tier_none());
END;
$$;
COMMENT ON FUNCTION tiers.get_tier(text) IS 'The tier of the wallet p_address from its stored balance (tiers.tier_for_balance); the none tier for an unknown wallet. Raises check_violation for an address of no accepted format.';
REVOKE ALL ON FUNCTION tiers.get_tier(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.get_tier(text) TO rewards_app;
