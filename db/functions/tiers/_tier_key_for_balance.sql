-- tiers._tier_key_for_balance: key of the highest active tier whose minimum_balance <= balance, else none.
CREATE OR REPLACE FUNCTION tiers._tier_key_for_balance(p_balance numeric) RETURNS text
    LANGUAGE sql STABLE
RETURN coalesce(
    (SELECT t.tier_key FROM tiers.tier t
      WHERE t.is_active AND t.minimum_balance <= p_balance
      ORDER BY t.minimum_balance DESC LIMIT 1),
    'none');
COMMENT ON FUNCTION tiers._tier_key_for_balance(numeric) IS 'Key of the highest active tier whose minimum_balance <= p_balance; none when there is none. The rule behind tiers.tier_for_balance, used set-based by the wallet triggers.';
REVOKE ALL ON FUNCTION tiers._tier_key_for_balance(numeric) FROM PUBLIC;
