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
    -- wallet INSERT trigger: rows its statement wrote and holds; a tier change: under tiers._lock_tiers). A wallet is
    -- written again when its tier moves or when its stored range (tier_floor, tier_ceiling) is unknown or no longer
    -- inside the range its tier now holds for (a new threshold split it); a range still inside the true one is kept
    -- (a balance change within it is still right; leaving it only costs a lookup). The UPDATE sets no balance, so the
    -- wallet's UPDATE OF balance triggers do not fire for it.
    WITH computed AS (
        SELECT w.address, w.balance, w.tier_key AS from_key, r.tier_key AS to_key, r.tier_floor, r.tier_ceiling
        FROM unnest(p_addresses, p_balances, p_tier_keys) AS w(address, balance, tier_key)
        CROSS JOIN LATERAL tiers._tier_range_for_balance(w.balance) AS r
    ), changed AS (
        UPDATE tiers.wallet w
           SET tier_key = c.to_key, tier_floor = c.tier_floor, tier_ceiling = c.tier_ceiling,
               updated_at = CASE WHEN c.from_key <> c.to_key THEN now() ELSE w.updated_at END
        FROM computed c
        WHERE w.address = c.address
          AND (c.from_key <> c.to_key
               OR (w.tier_floor >= c.tier_floor AND w.tier_ceiling <= c.tier_ceiling) IS NOT TRUE)
        RETURNING c.address, c.from_key, c.to_key, c.balance
    )
    INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
    SELECT c.address, c.from_key, c.to_key, c.balance, p_cause FROM changed c WHERE c.from_key <> c.to_key ORDER BY c.address;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END;
$$;
COMMENT ON FUNCTION tiers._assign_wallet_tiers(text[], numeric[], text[], text) IS 'The set-based re-tiering step, shared by the wallet INSERT trigger (cause balance) and tier changes (tiers._reevaluate_wallets, cause tier): for the wallets given as parallel arrays of address, stored balance and stored tier_key, computes each one''s tier and range (tiers._tier_range_for_balance), writes tier_key, tier_floor, tier_ceiling (and updated_at when the tier moves) of those whose tier moves or whose stored range is unknown or wider than the true one, and logs each move in tiers.tier_change with p_cause. Returns the number of wallets moved. A balance change of a stored wallet is re-tiered row by row instead (tiers.tg_wallet__leave_tier_range).';
REVOKE ALL ON FUNCTION tiers._assign_wallet_tiers(text[], numeric[], text[], text) FROM PUBLIC;
