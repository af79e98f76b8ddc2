-- tiers._tier_range_for_balance: the tier of a balance (tiers._tier_for_balance) and the balance range it holds for.
CREATE OR REPLACE FUNCTION tiers._tier_range_for_balance(p_balance numeric)
    RETURNS TABLE (tier_key text, tier_floor numeric, tier_ceiling numeric)
    LANGUAGE sql STABLE ROWS 1
BEGIN ATOMIC
    SELECT coalesce(t.tier_key, 'none'),
           coalesce(t.minimum_balance, 0),
           coalesce((SELECT min(n.minimum_balance) FROM tiers.tier n WHERE n.is_active AND n.minimum_balance > p_balance),
                    'Infinity')
    FROM (VALUES (1)) AS one(x)
    LEFT JOIN LATERAL tiers._tier_for_balance(p_balance) AS t ON true;
END;
COMMENT ON FUNCTION tiers._tier_range_for_balance(numeric) IS 'One row: the tier of p_balance (tiers._tier_for_balance; none when below every active tier) and the range [tier_floor, tier_ceiling) around p_balance in which every balance has that tier: from its active minimum (0 for none) to the next active minimum (Infinity above the highest). Inlined into the set-based re-tiering step (tiers._assign_wallet_tiers); the wallet''s BEFORE row trigger runs it for a balance leaving its stored range.';
REVOKE ALL ON FUNCTION tiers._tier_range_for_balance(numeric) FROM PUBLIC;
