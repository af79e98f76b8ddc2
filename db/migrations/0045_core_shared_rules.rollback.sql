-- core: back to each domain's own address pattern and updated_at functions; the schema core goes.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- The triggers the older repeatables re-create with their own functions (`runner migrate` at that version).
DROP TRIGGER IF EXISTS _200_touch_updated_at ON tiers.tier;
DROP TRIGGER IF EXISTS _100_stamp_updated_at ON tiers.wallet;
DROP TRIGGER IF EXISTS _100_updated_at ON human_points.settings;

CREATE OR REPLACE FUNCTION tiers._valid_address(p_address text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    IF p_address ~ '^0x[0-9a-f]{40}$' OR p_address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$' THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION 'tiers.wallet.address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) (got %)',
        coalesce(quote_literal(p_address), 'null')
        USING ERRCODE = 'check_violation';
END;
$$;

DO $tables$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['score', 'mint', 'qualified_community', 'program_stats', 'points', 'multiplier'] LOOP
        EXECUTE format('ALTER TABLE human_points.%1$I DROP CONSTRAINT %2$I, '
                       'ADD CONSTRAINT %2$I CHECK (address ~ ''^0x[0-9a-f]{40}$'')',
                       v_table, v_table || '_address_is_lowercase_0x_40_hex');
    END LOOP;
END
$tables$;
RESET ROLE;
-- Repeatable functions of core go with it; the older repeatables do not use them.
DROP SCHEMA core CASCADE;
