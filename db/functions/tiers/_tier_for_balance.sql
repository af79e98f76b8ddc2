-- tiers._tier_for_balance: the rule — the highest active tier whose minimum_balance <= balance (no row: the none tier).
CREATE OR REPLACE FUNCTION tiers._tier_for_balance(p_balance numeric) RETURNS SETOF tiers.tier
    LANGUAGE sql STABLE ROWS 1
BEGIN ATOMIC
    SELECT t.*
    FROM tiers.tier t
    WHERE t.is_active AND t.minimum_balance <= p_balance
    ORDER BY t.minimum_balance DESC
    LIMIT 1;
END;
COMMENT ON FUNCTION tiers._tier_for_balance(numeric) IS 'The one place the tier rule is written: the highest active tier whose minimum_balance <= p_balance, as zero or one row (none: the caller''s none tier). A one-statement SQL function, inlined into its callers'' queries (a probe of tier_active_minimum_balance_key per balance): tiers.tier_for_balance for one balance, the wallet trigger and tiers._reevaluate_wallets set-based.';
REVOKE ALL ON FUNCTION tiers._tier_for_balance(numeric) FROM PUBLIC;
-- tiers.tier_for_balance runs with its caller's rights (rewards_app): inlining needs EXECUTE on this one.
GRANT EXECUTE ON FUNCTION tiers._tier_for_balance(numeric) TO rewards_app;
