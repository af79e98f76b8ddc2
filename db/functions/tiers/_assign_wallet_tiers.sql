-- tiers._assign_wallet_tiers: gives wallets the tier of their balance, writing and logging only those whose tier moves.
CREATE OR REPLACE FUNCTION tiers._assign_wallet_tiers(p_addresses text[], p_balances numeric[], p_tier_keys text[], p_cause text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_moved bigint;
BEGIN
    -- The callers pass each wallet's stored balance and tier_key, read while no other writer can change them (the
    -- wallet trigger: rows its statement wrote and holds; a tier change: under tiers._lock_tiers), so only wallets
    -- whose tier moves are joined back to wallet and written again. Their UPDATE fires the wallet trigger again with
    -- rows already right: nothing moves, which ends the recursion.
    WITH computed AS (
        SELECT w.address, w.balance, w.tier_key AS from_key, coalesce(t.tier_key, 'none') AS to_key
        FROM unnest(p_addresses, p_balances, p_tier_keys) AS w(address, balance, tier_key)
        LEFT JOIN LATERAL tiers._tier_for_balance(w.balance) AS t ON true
    ), changed AS (
        UPDATE tiers.wallet w SET tier_key = c.to_key, updated_at = now()
        FROM computed c
        WHERE c.from_key <> c.to_key AND w.address = c.address
        RETURNING c.address, c.from_key, c.to_key, c.balance
    )
    INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
    SELECT c.address, c.from_key, c.to_key, c.balance, p_cause FROM changed c ORDER BY c.address;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END;
$$;
COMMENT ON FUNCTION tiers._assign_wallet_tiers(text[], numeric[], text[], text) IS 'The one re-tiering step, shared by the wallet trigger (cause balance) and tier changes (tiers._reevaluate_wallets, cause tier): for the wallets given as parallel arrays of address, stored balance and stored tier_key, computes each one''s tier (the rule: tiers._tier_for_balance), writes tier_key and updated_at of those whose tier moves and logs each move in tiers.tier_change with p_cause. Returns the number of wallets moved.';
REVOKE ALL ON FUNCTION tiers._assign_wallet_tiers(text[], numeric[], text[], text) FROM PUBLIC;
