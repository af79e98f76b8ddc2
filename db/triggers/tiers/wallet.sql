-- tiers.wallet: wallet writers take the tiers lock shared; each wallet's tier is kept set-based, every change logged.
CREATE OR REPLACE FUNCTION tiers.tg_wallet__lock_tiers() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM tiers._lock_tiers(false);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION tiers.tg_wallet__lock_tiers() IS 'BEFORE INSERT/UPDATE … FOR EACH STATEMENT on tiers.wallet: takes the tiers lock shared before any row is written, so a concurrent tier change either commits first (and is seen) or waits for this transaction (and re-evaluates after it). Wallet writers never wait for each other. A statement-level BEFORE trigger does not slow COPY.';
REVOKE ALL ON FUNCTION tiers.tg_wallet__lock_tiers() FROM PUBLIC;

CREATE OR REPLACE FUNCTION tiers.tg_wallet__assign_tier() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Statement triggers fire for zero rows too: the inner UPDATE below fires this trigger again, with the rows it
    -- moved (already right: nothing to do) and then with none, which ends the recursion here.
    IF NOT EXISTS (SELECT FROM new_rows) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        WITH computed AS (
            SELECT n.address, n.balance, n.tier_key AS from_key, tiers._tier_key_for_balance(n.balance) AS to_key
              FROM new_rows n
        ), changed AS (
            UPDATE tiers.wallet w SET tier_key = c.to_key
              FROM computed c
             WHERE w.address = c.address AND w.tier_key <> c.to_key
            RETURNING c.address, c.from_key, c.to_key, c.balance
        )
        INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
        SELECT c.address, c.from_key, c.to_key, c.balance, 'balance' FROM changed c ORDER BY c.address;
    ELSE
        -- updated_at of a balance change is stamped by _100_stamp_updated_at as the row is written, so only the
        -- wallets whose tier moves are written a second time here.
        WITH computed AS (
            SELECT n.address, n.balance, n.tier_key AS from_key, tiers._tier_key_for_balance(n.balance) AS to_key
              FROM new_rows n
        ), changed AS (
            UPDATE tiers.wallet w SET tier_key = c.to_key
              FROM computed c
             WHERE w.address = c.address AND w.tier_key <> c.to_key
            RETURNING c.address, c.from_key, c.to_key, c.balance
        )
        INSERT INTO tiers.tier_change (address, from_tier_key, to_tier_key, balance, cause)
        SELECT c.address, c.from_key, c.to_key, c.balance, 'balance' FROM changed c ORDER BY c.address;
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION tiers.tg_wallet__assign_tier() IS 'AFTER INSERT/UPDATE … FOR EACH STATEMENT on tiers.wallet: sets each written wallet''s tier_key from its balance (tiers._tier_key_for_balance), set-based, logs each change in tiers.tier_change with cause balance.';
REVOKE ALL ON FUNCTION tiers.tg_wallet__assign_tier() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _100_lock_tiers
    BEFORE INSERT OR UPDATE ON tiers.wallet
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__lock_tiers();
COMMENT ON TRIGGER _100_lock_tiers ON tiers.wallet IS 'Takes the tiers advisory lock shared before the statement writes (serialises against tier changes).';

CREATE OR REPLACE TRIGGER _500_assign_tier_inserted
    AFTER INSERT ON tiers.wallet
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_wallet__assign_tier();
CREATE OR REPLACE TRIGGER _500_assign_tier_updated
    AFTER UPDATE ON tiers.wallet
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
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
