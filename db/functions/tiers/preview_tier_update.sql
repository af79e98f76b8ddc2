-- tiers.preview_tier_update: how many wallets a new minimum_balance would move, from which tier to which; changes nothing.
CREATE OR REPLACE FUNCTION tiers.preview_tier_update(p_id bigint, p_minimum_balance numeric)
    RETURNS TABLE (from_tier_key text, to_tier_key text, wallets bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
    v_old numeric;
    v_high numeric;
BEGIN
    v_tier := tiers.find_tier(p_id::text);
    v_old := v_tier.minimum_balance;
    PERFORM tiers._validate_tier(p_id, v_tier.tier_key, p_minimum_balance, NULL, v_tier.is_active);
    v_tier.minimum_balance := p_minimum_balance;
    PERFORM core._check_row('tiers.tier', v_tier);
    IF NOT v_tier.is_active THEN
        RETURN;  -- an inactive tier's minimum moves nobody
    END IF;
    -- Only wallets from the lower of the two minimums up to the next active minimum above both can move.
    SELECT min(t.minimum_balance) INTO v_high FROM tiers.tier t
     WHERE t.is_active AND t.id <> p_id AND t.minimum_balance > greatest(v_old, p_minimum_balance);
    RETURN QUERY
        WITH hypothetical AS (
            SELECT t.tier_key, CASE WHEN t.id = p_id THEN p_minimum_balance ELSE t.minimum_balance END AS minimum_balance
              FROM tiers.tier t WHERE t.is_active
        ), moved AS (
            SELECT w.tier_key AS from_key,
                   coalesce((SELECT h.tier_key FROM hypothetical h WHERE h.minimum_balance <= w.balance
                              ORDER BY h.minimum_balance DESC LIMIT 1), 'none') AS to_key
              FROM tiers.wallet w
             WHERE w.balance >= least(v_old, p_minimum_balance) AND (v_high IS NULL OR w.balance < v_high)
        )
        SELECT m.from_key, m.to_key, count(*) FROM moved m
         WHERE m.from_key <> m.to_key
         GROUP BY m.from_key, m.to_key
         ORDER BY m.from_key, m.to_key;
END;
$$;
COMMENT ON FUNCTION tiers.preview_tier_update(bigint, numeric) IS 'Without changing anything: how many wallets would move from which tier to which if tier p_id got minimum_balance p_minimum_balance (what tiers.update_tier would then log in tiers.tier_change). Raises like update_tier for an unknown id or an invalid minimum.';
REVOKE ALL ON FUNCTION tiers.preview_tier_update(bigint, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.preview_tier_update(bigint, numeric) TO rewards_admin;
