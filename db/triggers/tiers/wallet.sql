-- tiers.wallet: each wallet's tier is kept set-based from its balance, every change logged.
CREATE OR REPLACE FUNCTION tiers.tg_wallet__assign_tier() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_addresses text[];
    v_balances numeric[];
    v_tier_keys text[];
BEGIN
    -- Concurrency: the writing statement took ROW EXCLUSIVE on wallet before its snapshot and the statements here
    -- take later ones, so a tier change (tiers._lock_tiers) either committed before and is seen, or waits for this
    -- transaction and re-evaluates these balances after it. An insert takes updated_at's default.
    SELECT array_agg(n.address), array_agg(n.balance), array_agg(n.tier_key)
    INTO v_addresses, v_balances, v_tier_keys
    FROM new_rows n;
    -- Statement triggers fire for zero rows too (an upsert that only updated).
    IF v_addresses IS NOT NULL THEN
        PERFORM tiers._assign_wallet_tiers(v_addresses, v_balances, v_tier_keys, 'balance');
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION tiers.tg_wallet__assign_tier() IS 'AFTER INSERT … FOR EACH STATEMENT on tiers.wallet: gives each new wallet the tier of its balance and its range, and logs each change in tiers.tier_change with cause balance (tiers._assign_wallet_tiers, set-based).';
REVOKE ALL ON FUNCTION tiers.tg_wallet__assign_tier() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_assign_tier_inserted
    AFTER INSERT ON tiers.wallet
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
COMMENT ON TRIGGER _500_assign_tier_inserted ON tiers.wallet IS 'Gives new wallets their tier (logged when not none) and its balance range.';

-- A balance change of a stored wallet (UPDATE, or an upsert's DO UPDATE) is re-tiered as the row is written, by BEFORE
-- row triggers on UPDATE OF balance only: INSERT and COPY keep their batching, and the set-based step's own UPDATE
-- (tier_key and range, no balance) fires neither. Applications may write balance alone (column privileges), so no
-- session can make a balance change skip them; the stored range is written only by the database.
CREATE OR REPLACE FUNCTION tiers.tg_wallet__leave_tier_range() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Concurrency: the writing statement took ROW EXCLUSIVE on wallet before its snapshot, and this statement reads
    -- the tiers with a later one, so a tier change (tiers._lock_tiers) either committed before and is seen (with the
    -- ranges it re-evaluated, OLD being the row's latest version), or waits for this transaction and re-evaluates
    -- this balance after it.
    SELECT r.tier_key, r.tier_floor, r.tier_ceiling INTO NEW.tier_key, NEW.tier_floor, NEW.tier_ceiling
    FROM tiers._tier_range_for_balance(NEW.balance) AS r;
    IF NEW.tier_key <> OLD.tier_key THEN
        INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
        VALUES (NEW.address, OLD.tier_key, NEW.tier_key, NEW.balance, 'balance');
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION tiers.tg_wallet__leave_tier_range() IS 'BEFORE UPDATE OF balance … FOR EACH ROW on tiers.wallet, for a new balance outside the stored range [tier_floor, tier_ceiling) (or none stored): sets the wallet''s tier and range from its balance (tiers._tier_range_for_balance) and logs a move in tiers.tier_change with cause balance.';
REVOKE ALL ON FUNCTION tiers.tg_wallet__leave_tier_range() FROM PUBLIC;

-- The BEFORE row triggers on wallet fire in name order. A balance change stamps updated_at (a move too: "when the
-- balance or the tier last changed"); only one leaving its tier's range runs a lookup, ~a quarter of the rows of a
-- bulk revaluation (bench: wallet_retier), the rest cost the WHEN clause alone.
CREATE OR REPLACE TRIGGER _100_stamp_updated_at
    BEFORE UPDATE OF balance ON tiers.wallet
    FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance)
    EXECUTE FUNCTION core.tg__updated_at();
CREATE OR REPLACE TRIGGER _200_assign_tier_out_of_range
    BEFORE UPDATE OF balance ON tiers.wallet
    FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance
          AND (NEW.balance >= OLD.tier_floor AND NEW.balance < OLD.tier_ceiling) IS NOT TRUE)
    EXECUTE FUNCTION tiers.tg_wallet__leave_tier_range();
COMMENT ON TRIGGER _200_assign_tier_out_of_range ON tiers.wallet IS 'Moves a wallet whose new balance leaves its tier''s range into the tier of its balance (logged).';
