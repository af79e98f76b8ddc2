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
    -- transaction and re-evaluates these balances after it. updated_at of a balance change was stamped by
    -- _100_stamp_updated_at as the row was written; an insert takes its default.
    SELECT array_agg(n.address), array_agg(n.balance), array_agg(n.tier_key)
    INTO v_addresses, v_balances, v_tier_keys
    FROM new_rows n;
    -- Statement triggers fire for zero rows too (an UPDATE matching nothing).
    IF v_addresses IS NOT NULL THEN
        PERFORM tiers._assign_wallet_tiers(v_addresses, v_balances, v_tier_keys, 'balance');
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION tiers.tg_wallet__assign_tier() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on tiers.wallet: gives each written wallet the tier of its balance and logs each change in tiers.tier_change with cause balance (tiers._assign_wallet_tiers, set-based).';
REVOKE ALL ON FUNCTION tiers.tg_wallet__assign_tier() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_assign_tier_inserted
    AFTER INSERT ON tiers.wallet
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
CREATE OR REPLACE TRIGGER _500_assign_tier_updated
    AFTER UPDATE ON tiers.wallet
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
COMMENT ON TRIGGER _500_assign_tier_inserted ON tiers.wallet IS 'Gives new wallets their tier (logged when not none).';
COMMENT ON TRIGGER _500_assign_tier_updated ON tiers.wallet IS 'Moves wallets whose balance changed into their tier (logged).';

-- The one BEFORE row trigger on wallet: UPDATE OF balance only, so INSERT and COPY keep their batching; stamping
-- updated_at here instead of in the AFTER trigger saves a second write of every updated wallet (bench: wallet_retier).
CREATE OR REPLACE TRIGGER _100_stamp_updated_at
    BEFORE UPDATE OF balance ON tiers.wallet
    FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance)
    EXECUTE FUNCTION core.tg__updated_at();
