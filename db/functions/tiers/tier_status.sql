-- tiers.tier_status: what a wallet's tier page shows — balance, tier (tiers.get_tier), next tier and the distance to it.
CREATE OR REPLACE FUNCTION tiers.tier_status(p_address text)
    RETURNS TABLE (address text, balance numeric, tier tiers.tier, next_tier tiers.tier,
                   amount_to_next_tier numeric, updated_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    v_tier := tiers.get_tier(p_address);  -- validates the address
    address := p_address;
    SELECT w.balance, w.updated_at INTO balance, updated_at FROM tiers.wallet w WHERE w.address = p_address;
    tier := CASE WHEN v_tier.tier_key <> 'none' THEN v_tier END;
    SELECT t.* INTO next_tier
      FROM tiers.tier t
     WHERE t.is_active AND t.minimum_balance > coalesce(balance, 0)
     ORDER BY t.minimum_balance
     LIMIT 1;
    amount_to_next_tier := trim_scale(next_tier.minimum_balance - coalesce(balance, 0));
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION tiers.tier_status(text) IS 'One row for wallet p_address: its stored balance and updated_at (null for a wallet never recorded), its tier (tiers.get_tier; null when below every active tier), the next active tier above its balance and the tokens missing to reach it (null at the top). Raises check_violation for an address of no accepted format.';
REVOKE ALL ON FUNCTION tiers.tier_status(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_status(text) TO rewards_app;
