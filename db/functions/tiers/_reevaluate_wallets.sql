-- tiers._reevaluate_wallets: set-based re-evaluation of the wallets in a balance range after a tier change, with history.
CREATE OR REPLACE FUNCTION tiers._reevaluate_wallets(p_low numeric, p_high numeric) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_moved bigint;
BEGIN
    WITH computed AS (
        SELECT w.address, w.tier_key AS from_key, tiers._tier_key_for_balance(w.balance) AS to_key
          FROM tiers.wallet w
         WHERE w.balance >= p_low AND (p_high IS NULL OR w.balance < p_high)
    ), changed AS (
        UPDATE tiers.wallet w
           SET tier_key = c.to_key, updated_at = now()
          FROM computed c
         WHERE w.address = c.address AND w.tier_key <> c.to_key
        RETURNING w.address, c.from_key, c.to_key, w.balance
    )
    INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
    SELECT c.address, c.from_key, c.to_key, c.balance, 'tier' FROM changed c ORDER BY c.address;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END;
$$;
COMMENT ON FUNCTION tiers._reevaluate_wallets(numeric, numeric) IS 'Gives every wallet with p_low <= balance < p_high (p_high null: no upper bound) its tier from the current active tiers, logging each change in tiers.tier_change with cause tier. Returns the number of wallets moved. Called by the tiers.tier trigger under the exclusive tiers lock.';
REVOKE ALL ON FUNCTION tiers._reevaluate_wallets(numeric, numeric) FROM PUBLIC;
