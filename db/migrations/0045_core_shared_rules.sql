-- depends: 0044_tiers_tier_readable
-- core: the rules several domains share, written once — the EVM address format and the updated_at trigger function.
SET LOCAL lock_timeout = '5s';
CREATE SCHEMA core AUTHORIZATION rewards_owner;
SET LOCAL ROLE rewards_owner;

COMMENT ON SCHEMA core IS 'Rules several domains share, each written once: the EVM address format, ISO 8601 timestamps, the updated_at trigger function.';

-- Versioned, not repeatable: CHECK constraints call it.
CREATE FUNCTION core.is_evm_address(p_address text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN p_address ~ '^0x[0-9a-f]{40}$';
COMMENT ON FUNCTION core.is_evm_address(text) IS 'True for an EVM address in canonical form: lower-case 0x followed by 40 hex digits (the one place this format is written).';

-- Versioned, not repeatable: this migration points the tiers triggers at it.
CREATE FUNCTION core.tg__updated_at() RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION core.tg__updated_at() IS 'BEFORE UPDATE … FOR EACH ROW on any table with an updated_at column: sets it to the transaction time (the trigger''s WHEN clause says which changes count).';

REVOKE ALL ON FUNCTION core.is_evm_address(text), core.tg__updated_at() FROM PUBLIC;
GRANT USAGE ON SCHEMA core TO rewards_app, rewards_admin;
-- CHECK constraints run with the writer's privileges.
GRANT EXECUTE ON FUNCTION core.is_evm_address(text) TO rewards_app;

-- The address CHECKs of human_points and the wallet address rule of tiers read the format from core.
-- NOT VALID: enforced for every new row at once; existing rows are checked by 0047_core_validate_shared_rules.
DO $tables$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['score', 'mint', 'qualified_community', 'program_stats', 'points', 'multiplier'] LOOP
        EXECUTE format('ALTER TABLE human_points.%1$I DROP CONSTRAINT %2$I, '
                       'ADD CONSTRAINT %2$I CHECK (core.is_evm_address(address)) NOT VALID',
                       v_table, v_table || '_address_is_lowercase_0x_40_hex');
    END LOOP;
END
$tables$;

CREATE OR REPLACE FUNCTION tiers._valid_address(p_address text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    IF core.is_evm_address(p_address) OR p_address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$' THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION 'tiers.wallet.address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) (got %)',
        coalesce(quote_literal(p_address), 'null')
        USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'wallet', COLUMN = 'address';
END;
$$;

-- updated_at of tiers.tier and tiers.wallet is kept by the one generic trigger function.
CREATE OR REPLACE TRIGGER _200_touch_updated_at
    BEFORE UPDATE ON tiers.tier
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION core.tg__updated_at();
CREATE OR REPLACE TRIGGER _100_stamp_updated_at
    BEFORE UPDATE OF balance ON tiers.wallet
    FOR EACH ROW WHEN (OLD.balance IS DISTINCT FROM NEW.balance) EXECUTE FUNCTION core.tg__updated_at();
-- Nothing calls them any more (functions are repeatables; a removed one is dropped here, once; a new database never had them).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS tiers.tg_tier__touch_updated_at();
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS tiers.tg_wallet__stamp_updated_at();
RESET ROLE;
