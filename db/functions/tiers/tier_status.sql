-- tiers.tier_status: what a wallet's tier page shows — balance, tier (tiers.get_tier), next tier and the distance to it.
CREATE OR REPLACE FUNCTION tiers.tier_status(p_address text)
    RETURNS TABLE (address text, balance numeric, tier tiers.tier, next_tier tiers.tier,
                   amount_to_next_tier numeric, updated_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT p_address, w.balance,
           CASE WHEN g.tier_key <> 'none' THEN g END,  -- tiers.get_tier validates the address
           n.tier,
           trim_scale((n.tier).minimum_balance - coalesce(w.balance, 0)),
           w.updated_at
      FROM tiers.get_tier(p_address) g
      LEFT JOIN tiers.wallet w ON w.address = p_address
      LEFT JOIN LATERAL (
           SELECT t AS tier FROM tiers.tier t
            WHERE t.is_active AND t.minimum_balance > coalesce(w.balance, 0)
            ORDER BY t.minimum_balance
            LIMIT 1) n ON true;
END;
COMMENT ON FUNCTION tiers.tier_status(text) IS 'One row for wallet p_address: its stored balance and updated_at (null for a wallet never recorded), its tier (tiers.get_tier; null when below every active tier), the next active tier above its balance and the tokens missing to reach it (null at the top). Raises check_violation for an address of no accepted format.';
REVOKE ALL ON FUNCTION tiers.tier_status(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_status(text) TO rewards_app;
