-- tiers._reevaluate_wallets: set-based re-evaluation of the wallets in a balance range after a tier change, with history.
CREATE OR REPLACE FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) RETURNS bigint
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT tiers._assign_wallet_tiers(array_agg(w.address), array_agg(w.balance), array_agg(w.tier_key), 'tier')
    FROM tiers.wallet w
    WHERE w.balance >= p_low AND (p_high IS NULL OR w.balance < p_high);
END;
COMMENT ON FUNCTION tiers._reevaluate_wallets(numeric, numeric) IS 'Gives every wallet with p_low <= balance < p_high (p_high null: no upper bound) its tier and tier range from the current active tiers (tiers._assign_wallet_tiers), logging each change in tiers.tier_change with cause tier. Returns the number of wallets moved. Called by the tiers.tier trigger under the tiers lock (tiers._lock_tiers: no wallet writer in flight).';
REVOKE ALL ON FUNCTION tiers._reevaluate_wallets(numeric, numeric) FROM PUBLIC;
